#pragma once
/// \file
/// What theory says as traffic grows: the scenario with every arrival rate multiplied by a
/// factor, solved analytically at a grid of factors. Used to draw "W and Wq against load"
/// with today's point on it. (The capacity planner's headroom search answers "how far";
/// this only draws the curve.)

#include <optional>
#include <string>
#include <vector>

#include "kendall/model/metrics.hpp"
#include "kendall/model/scenario.hpp"

namespace kendall::report {

/// The scenario with every arrival stream `factor` times as fast (interarrival times and rate
/// profiles scaled); everything else unchanged.
[[nodiscard]] model::Scenario scale_arrivals(const model::Scenario& scenario, double factor);

struct LoadCurvePoint {
  double factor = 1.0;
  /// Total external arrival rate at this factor (per scenario time unit).
  double arrival_rate = 0.0;
  /// The station's analytic metrics; empty when theory has no answer or it is unstable.
  model::Metrics metrics;
};

struct LoadCurve {
  std::string station;
  std::string method;  ///< analytic method at factor 1 ("exact", "approximation (...)")
  std::vector<LoadCurvePoint> points;
};

/// The station's analytic metrics at `factors` (ascending). Empty optional when theory has no
/// answer for the station at factor 1 (time-varying arrivals, schedules, ...).
[[nodiscard]] std::optional<LoadCurve> analytic_load_curve(const model::Scenario& scenario,
                                                           std::size_t station,
                                                           const std::vector<double>& factors,
                                                           const std::vector<double>& quantiles);

}  // namespace kendall::report
