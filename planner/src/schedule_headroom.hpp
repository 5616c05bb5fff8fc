#pragma once
/// \file
/// Headroom under time-varying load: how far every arrival rate (every value of every rate
/// profile) can grow, together, before the recommended schedule breaks an SLO in some
/// interval. Theory first, interval by interval as stationary periods (the smallest factor
/// over the intervals, and which interval and SLO limit it); then the whole-period simulation
/// with the schedule — queues carried across intervals — checks that factor and, where it
/// breaks an SLO, bisects below it and is trusted.

#include <vector>

#include "kendall/planner/plan.hpp"

#include "evaluate.hpp"
#include "slo_set.hpp"

namespace kendall::planner::detail {

[[nodiscard]] Headroom schedule_headroom(const model::Scenario& s,
                                         const std::vector<SloInstance>& slos,
                                         const SchedulePlan& schedule, const SimulationPlan& plan);

}  // namespace kendall::planner::detail
