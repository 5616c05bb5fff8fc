#pragma once
/// \file
/// Rendering `kendall run`: simulated metrics with their confidence intervals next to what
/// theory says, per station and for the network.

#include <string>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/format.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::report {

/// The DESIGN.md `kendall run --format json` object: "scenario", "engine", "replications",
/// "seed", "confidence", "stations": [{"name", "analytic": {...} (when one exists),
/// "simulated": {"L": {"mean", "ci_low", "ci_high", "n"}, ...}}], "network": {"W": {...},
/// "throughput": {...}, ..., "analytic": {...}}, plus warm-up, stopping and notes.
/// `solution` may be null (no analytic comparison).
[[nodiscard]] nlohmann::ordered_json to_json(const model::Scenario& scenario,
                                             const sim::ExperimentResult& result,
                                             const model::ScenarioSolution* solution);

/// People-facing rendering (table / Markdown / CSV; JSON delegates to to_json).
[[nodiscard]] std::string render_run(const model::Scenario& scenario,
                                     const sim::ExperimentResult& result,
                                     const model::ScenarioSolution* solution, Format format);

/// True when an exact analytic value lies outside the simulated interval — the mark in the
/// comparison table. Approximations are never flagged (they are not expected to match).
[[nodiscard]] bool disagrees(const sim::Estimate& simulated, double analytic, bool exact);

}  // namespace kendall::report
