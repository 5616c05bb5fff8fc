#pragma once
/// \file
/// The machine-readable output contract of DESIGN.md ("Machine-readable output"). JSON keys
/// only grow; metrics that do not apply are left out, never null or NaN.

#include <nlohmann/json.hpp>

#include "kendall/model/analytic_result.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::report {

/// A number, or the string "inf" for an unbounded parameter (servers, capacity).
[[nodiscard]] nlohmann::ordered_json param_value(double value);

/// `{"metric": value, ...}` in the set's order.
[[nodiscard]] nlohmann::ordered_json to_json(const model::Metrics& metrics);

/// The `kendall solve` object: model, method, stable, params, metrics, plus classes,
/// growth_rate and notes when present.
[[nodiscard]] nlohmann::ordered_json to_json(const model::AnalyticResult& result);

/// The station's "analytic" block of `kendall run`: method (+ model), metrics, classes.
[[nodiscard]] nlohmann::ordered_json analytic_block(const model::AnalyticResult& result);

/// `{"mean": …, "ci_low": …, "ci_high": …, "n": …}`.
[[nodiscard]] nlohmann::ordered_json to_json(const sim::Estimate& estimate);

/// `{"L": {"mean": …}, "Wq": {…}, …}` in the set's order.
[[nodiscard]] nlohmann::ordered_json to_json(const sim::EstimateSet& estimates);

/// The station's "simulated" block: every estimate, "classes" when present, and
/// "unstable"/"growth_rate" when the queue grows without bound.
[[nodiscard]] nlohmann::ordered_json simulated_block(const sim::StationResult& station);

}  // namespace kendall::report
