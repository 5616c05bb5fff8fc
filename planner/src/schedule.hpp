#pragma once
/// \file
/// Staffing under time-varying load (a daily arrival profile, a shift schedule): servers per
/// interval from each interval treated as a stationary, independent period (theory), then one
/// simulation of whole periods with the proposed schedule — queues carry across intervals —
/// measured interval by interval (an observer on the engine), adding servers to the intervals
/// that fail until the simulation meets the SLOs.

#include <cstdint>
#include <vector>

#include "evaluate.hpp"
#include "kendall/planner/planner.hpp"

namespace kendall::planner::detail {

/// Any arrival with a rate profile or station with a server schedule.
[[nodiscard]] bool has_time_varying_load(const model::Scenario& s);

[[nodiscard]] SchedulePlan plan_schedule(const model::Scenario& s, const std::vector<SloInstance>& slos,
                                         const SimulationPlan& plan, std::uint32_t max_servers,
                                         const PlannerControl& control);

}  // namespace kendall::planner::detail
