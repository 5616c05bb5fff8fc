#pragma once
/// \file
/// Staffing under time-varying load (a daily arrival profile, a shift schedule): servers per
/// interval from each interval treated as a stationary, independent period (theory), then one
/// simulation of whole periods with the proposed schedule — queues carry across intervals —
/// measured interval by interval (an observer on the engine), adding servers to the intervals
/// that fail until the simulation meets the SLOs.

#include <cstdint>
#include <vector>

#include "kendall/planner/planner.hpp"

#include "evaluate.hpp"

namespace kendall::planner::detail {

/// Any arrival with a rate profile or station with a server schedule.
[[nodiscard]] bool has_time_varying_load(const model::Scenario& s);

/// Interval boundaries within one period: every start of every rate profile and server
/// schedule, ascending; `period` is set to the longest period.
[[nodiscard]] std::vector<double> boundaries(const model::Scenario& s, double& period);

/// The scenario frozen at time t: constant rates and server counts.
[[nodiscard]] model::Scenario frozen_at(const model::Scenario& s, double t);

/// Customers arriving before this time are not measured: the scenario's time warm-up, else
/// one whole period.
[[nodiscard]] double first_measured(const model::Scenario& s, double period);

/// Per station and interval, the SLO verdicts of one whole-period simulation.
struct PeriodSimulation {
  std::vector<std::vector<std::vector<SloVerdict>>> verdicts;  ///< [station][interval]
  bool all_meet = true;
};

/// Simulates whole periods of `s` with `servers[i][k]` servers at station i in interval k
/// (queues carry across intervals) and judges each station's SLOs over the customers
/// arriving in each interval.
[[nodiscard]] PeriodSimulation simulate_periods(
    const model::Scenario& s, const std::vector<SloInstance>& slos,
    const std::vector<double>& starts, double period, double from,
    const std::vector<std::vector<std::uint32_t>>& servers, const SimulationPlan& plan);

[[nodiscard]] SchedulePlan plan_schedule(const model::Scenario& s,
                                         const std::vector<SloInstance>& slos,
                                         const SimulationPlan& plan, std::uint32_t max_servers,
                                         const PlannerControl& control);

}  // namespace kendall::planner::detail
