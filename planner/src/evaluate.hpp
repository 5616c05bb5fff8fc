#pragma once
/// \file
/// Judging SLOs in one configuration: by theory (the scenario solver), by simulation (an
/// experiment with the same seeds for every configuration compared: common random numbers),
/// or both. Values come from the libraries; the planner computes no queueing formula.

#include <optional>
#include <stop_token>
#include <vector>

#include "kendall/model/scenario_solver.hpp"
#include "kendall/planner/plan.hpp"
#include "kendall/sim/experiment.hpp"

#include "slo_set.hpp"

namespace kendall::planner::detail {

struct SimulationPlan {
  bool enabled = false;
  std::uint32_t replications = 10;
  std::uint64_t seed = 42;
  std::optional<std::uint64_t> customers;
  unsigned threads = 0;
  std::stop_token stop;
};

struct Evaluation {
  std::vector<SloVerdict> verdicts;  ///< one per SLO instance
  bool meets = false;
  /// Every SLO had an analytic value (so theory alone could judge).
  bool analytic_complete = true;
  /// Every analytic value used is exact.
  bool analytic_exact = true;
  bool simulated = false;
  model::ScenarioSolution solution;
  std::optional<sim::ExperimentResult> experiment;
};

/// The solver's answer for a variant, with the quantile levels the SLOs need.
[[nodiscard]] model::ScenarioSolution solve_for(const model::Scenario& variant,
                                                const std::vector<SloInstance>& slos,
                                                std::optional<double> sla = std::nullopt);

/// Judges every SLO by theory.
[[nodiscard]] Evaluation evaluate_analytic(const model::Scenario& variant,
                                           const std::vector<SloInstance>& slos);

/// Adds a simulation to `e` and judges again, trusting the simulation where it has a value.
void add_simulation(Evaluation& e, const model::Scenario& variant,
                    const std::vector<SloInstance>& slos, const SimulationPlan& plan);

/// Analytic, then simulated when `simulate`.
[[nodiscard]] Evaluation evaluate(const model::Scenario& variant,
                                  const std::vector<SloInstance>& slos, const SimulationPlan& plan,
                                  bool simulate);

/// Verdicts of the SLOs of station `i` (and end-to-end ones when `with_network`).
[[nodiscard]] std::vector<SloVerdict> verdicts_for_station(const Evaluation& e,
                                                           const std::vector<SloInstance>& slos,
                                                           std::size_t i, bool with_network);

/// Whether the SLOs of station `i` pass (and, for stations, whether it is stable).
[[nodiscard]] bool station_meets(const Evaluation& e, const std::vector<SloInstance>& slos,
                                 std::size_t i);

/// Every SLO passes, and every simulated one with its whole confidence interval on the good
/// side of the bound (used before trusting a simulation that overrules theory downwards).
[[nodiscard]] bool clearly_meets(const Evaluation& e);

/// How badly a verdict fails: value / bound for upper bounds (bound / value for lower), ≥ 1
/// when failing; infinite without a value.
[[nodiscard]] double violation(const SloVerdict& v);

/// Whether station i is stable in the analytic solution (true when theory has no answer).
[[nodiscard]] bool analytic_stable(const model::ScenarioSolution& solution, std::size_t i);

}  // namespace kendall::planner::detail
