#pragma once
/// \file
/// Running a whole experiment: replications in parallel on oneTBB, confidence intervals,
/// sequential stopping. The scenario's `run:` section says what to run; callers (the CLI's
/// flags) override it by editing a copy of the scenario.

#include <cstdint>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/sim/run_control.hpp"

namespace kendall::sim {

struct ExecutionOptions {
  /// Worker threads for replications; 0 = all hardware threads. Results do not depend on it.
  unsigned threads = 0;
};

/// Runs the experiment described by scenario.run. Throws InvalidParameter for settings that
/// cannot be run. Never throws on cancellation: returns the replications completed with
/// stop_reason == Cancelled.
[[nodiscard]] ExperimentResult run_experiment(const model::Scenario& scenario,
                                              const ExecutionOptions& execution = {},
                                              const RunControl& control = {});

}  // namespace kendall::sim
