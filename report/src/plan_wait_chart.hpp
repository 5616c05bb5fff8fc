#pragma once
/// \file
/// The plan report's waiting-time chart: P(Wq <= t) at one station today and with the plan,
/// drawn from the planner's WaitDistribution values (simulated quantiles with their intervals,
/// P(Wq = 0) = 1 − p_wait, theory's curve where theory has the distribution) with the
/// station's quantile and service-level SLOs as markers. Draws only; computes nothing.

#include <optional>
#include <string>
#include <vector>

#include "kendall/planner/plan.hpp"
#include "kendall/report/page.hpp"

namespace kendall::report::detail {

/// Empty when neither configuration has a simulated quantile nor a theory curve.
[[nodiscard]] std::optional<page::Figure> plan_wait_figure(
    const planner::StationPlan& station, const std::vector<planner::SloVerdict>& slos,
    const std::string& time_unit);

}  // namespace kendall::report::detail
