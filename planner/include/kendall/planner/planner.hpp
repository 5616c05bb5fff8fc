#pragma once
/// \file
/// Entry points of the capacity planner: plan() sizes a scenario's stations against its SLOs,
/// sweep() runs a what-if grid. Both ask theory first (kendall::model's scenario solver) and
/// simulation (kendall::sim's experiments) to confirm; neither computes a queueing formula.

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/planner/plan.hpp"
#include "kendall/planner/sweep.hpp"

namespace kendall::planner {

/// Progress of a long planner run, for a progress bar on stderr or in the app.
struct PlannerProgress {
  std::uint32_t done = 0;
  std::uint32_t total = 0;
  std::string what;  ///< "simulating api at 9 servers", "point 12 of 48"
};

/// Cancellation and progress, injected by the caller. Callbacks are serialised.
struct PlannerControl {
  std::stop_token stop;
  std::function<void(const PlannerProgress&)> on_progress;
};

struct PlanOptions {
  /// Confirm the analytic answer by simulation even where theory is exact.
  bool confirm = false;
  /// Never simulate (theory only; SLOs theory cannot judge stay unjudged).
  bool no_simulation = false;
  /// Simulation settings overriding the scenario's run: section (empty = scenario's).
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> customers;
  /// Largest server count tried per station.
  std::uint32_t max_servers = 10000;
  /// Worker threads for simulations; 0 = all. Results do not depend on it.
  unsigned threads = 0;
};

/// Sizes every station of `scenario` against its SLOs (or the stated defaults).
/// \throws InvalidParameter when the scenario cannot be planned (e.g. closed network without
///         a station to size) — with the reason.
[[nodiscard]] PlanResult plan(const model::Scenario& scenario, const PlanOptions& options = {},
                              const PlannerControl& control = {});

struct SweepOptions {
  /// `--vary` specifications, as written: "api.servers=1..16", "arrivals.api.rate=80/s..160/s:9".
  std::vector<std::string> vary;
  bool simulate = true;
  bool common_random_numbers = true;
  std::optional<std::uint32_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<std::uint64_t> customers;
  /// Worker threads; 0 = all. Results do not depend on it.
  unsigned threads = 0;
};

/// Runs the what-if grid. Interrupted by control.stop: returns the finished points
/// (complete == false). \throws InvalidParameter for a malformed or unknown --vary.
[[nodiscard]] SweepResult sweep(const model::Scenario& scenario, const SweepOptions& options,
                                const PlannerControl& control = {});

}  // namespace kendall::planner
