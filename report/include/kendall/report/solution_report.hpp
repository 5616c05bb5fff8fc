#pragma once
/// \file
/// Rendering what the analytic library answers (`kendall solve`): one queue, or a whole
/// scenario, in any output format.

#include <string>

#include <nlohmann/json.hpp>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/format.hpp"

namespace kendall::report {

/// `kendall solve M/M/4 ...` output.
[[nodiscard]] std::string render_result(const model::AnalyticResult& result, Format format);

/// `kendall solve scenario.yaml --format json`: `{"scenario", "time_unit", "kind",
/// "stations": [{"name", "analytic": {...}} | {"name", "reason"}], "network": {...} |
/// "network_reason", "visit_ratios", "notes"}` — the shape of `kendall run` without
/// "simulated".
[[nodiscard]] nlohmann::ordered_json to_json(const model::Scenario& scenario,
                                             const model::ScenarioSolution& solution);

/// `kendall solve scenario.yaml` output.
[[nodiscard]] std::string render_solution(const model::Scenario& scenario,
                                          const model::ScenarioSolution& solution, Format format);

/// "M/M/c — exact" / "G/G/c — approximation (Allen-Cunneen)".
[[nodiscard]] std::string headline(const model::AnalyticResult& result);

/// "lambda = 3.6, mu = 1, servers = 4, capacity = inf".
[[nodiscard]] std::string params_line(const model::AnalyticResult& result);

/// The "UNSTABLE: ..." sentence for an unstable result (empty when stable).
[[nodiscard]] std::string instability_sentence(const model::AnalyticResult& result);

}  // namespace kendall::report
