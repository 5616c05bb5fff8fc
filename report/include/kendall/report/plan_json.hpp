#pragma once
/// \file
/// The `plan` and `sweep` JSON contracts (docs/plan-json.md, docs/sweep-json.md): the
/// planner's result types as JSON. Keys only grow; values that do not exist are left out,
/// never null or NaN; times in the scenario's time unit ("time_unit"), rates per time unit.
///
/// plan: {"scenario", "source_file", "time_unit", "defaults_assumed", "assumed_defaults",
/// "feasible", "slos": [verdict], "slos_today": [verdict], "stations": [{"name", "servers",
/// "recommended_servers", "cheapest_servers", "method", "confirmed_by_simulation", "model",
/// "erlang_c_servers", "around_recommendation": [{"servers", "meets", "stable",
/// "verdicts": [verdict]}], "notes"}], "headroom": {"factor", "bottleneck", "breaking_slo",
/// "method", "configuration", "confirmed_by_simulation", "load_table": [...]},
/// "headroom_today", "cost", "schedule", "demand", "simulation", "disagreements", "notes"}.
/// A verdict: {"slo", "metric", "station", "quantity", "bound", "upper_bound", "pass",
/// "value": {"value", "method", "analytic", "analytic_method", "simulated": {"mean",
/// "ci_low", "ci_high", "n"}}, "assumed", "reason"}.

#include <nlohmann/json.hpp>

#include "kendall/planner/plan.hpp"
#include "kendall/planner/sweep.hpp"

namespace kendall::report {

[[nodiscard]] nlohmann::ordered_json to_json(const planner::SloVerdict& verdict);
[[nodiscard]] nlohmann::ordered_json to_json(const planner::PlanResult& plan);

/// sweep: {"scenario", "source_file", "time_unit", "axes": [{"parameter", "station", "field",
/// "values"}], "replications", "seed", "confidence", "common_random_numbers", "simulated",
/// "complete", "points": [{"coordinates", "stable", "finished", "stations": [{"name",
/// "analytic": {...} | "analytic_reason", "simulated": {...}}], "network": {"analytic",
/// "method", "simulated"}, "notes"}], "notes"}.
[[nodiscard]] nlohmann::ordered_json to_json(const planner::SweepResult& sweep);

}  // namespace kendall::report
