#pragma once
/// \file
/// Rendering `kendall run --engine executor|all`: analytic | DES | each executor side by side,
/// then what each executor itself cost (dispatch latency, timer overshoot) and the bias in Wq
/// it caused against the DES — in the table, and in the JSON as a per-station "executor" list.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/format.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::report {

/// One executor run with what calibration predicted for it (empty without --calibrate).
struct ExecutorColumn {
  sim::executor::ExecutorRun run;
  /// Per station: the Wq bias the idle-pool overheads predict (model units).
  std::vector<std::optional<double>> predicted_wq_bias;
};

struct EngineComparison {
  std::optional<sim::ExperimentResult> des;  ///< set for --engine all
  std::vector<ExecutorColumn> executors;
};

/// Executor Wq minus DES Wq at one station, with an interval from the two (independent)
/// intervals: half-width √(h₁² + h₂²). Empty when either has no Wq.
[[nodiscard]] std::optional<sim::Estimate> wq_bias(const sim::StationResult& executor,
                                                   const sim::StationResult& des);

/// The `kendall run` JSON object (run_report.hpp's to_json, from the DES result when there is
/// one, else from the first executor's) with "engine" "all" or "executor", a top-level
/// "executors" list (kind, time scale, plan, stop, notes) and, per station, an "executor"
/// list: {"kind", "L": {"mean", "ci_low", "ci_high", "n"}, "Wq": {…}, … (the metrics of
/// "simulated"), "classes" (multi-class), "overhead": {"dispatch_us": {"p50", "p99", "max",
/// "mean", "samples"}, "overshoot_us": {…}, "dispatch_model": {…}, "overshoot_model": {…}},
/// "idle_overhead": {same, measured on the idle pool}, "wq_bias_vs_des": {"mean", "ci_low",
/// "ci_high"} (with a DES), "predicted_wq_bias": number (with calibration)}.
[[nodiscard]] nlohmann::ordered_json to_json(const model::Scenario& scenario,
                                             const EngineComparison& comparison,
                                             const model::ScenarioSolution* solution);

/// People-facing rendering (table / Markdown / CSV; JSON delegates to to_json).
[[nodiscard]] std::string render_comparison(const model::Scenario& scenario,
                                            const EngineComparison& comparison,
                                            const model::ScenarioSolution* solution,
                                            Format format);

}  // namespace kendall::report
