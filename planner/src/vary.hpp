#pragma once
/// \file
/// `--vary` specifications of `kendall sweep`: which parameter, which values, and applying
/// one value to a scenario.
///
///   api.servers=1..16            every whole number from 1 to 16
///   api.servers=4,8,12           a list
///   arrivals.api.rate=80/s..160/s:9   9 evenly spaced values, units as in scenario files
///   api.capacity=10..50:5        api.service_mean=20ms..60ms:5

#include <string>

#include "kendall/model/scenario.hpp"
#include "kendall/planner/sweep.hpp"

namespace kendall::planner::detail {

/// Parses one specification against the scenario. \throws InvalidParameter with what is
/// wrong and what was expected (unknown station with a suggestion, unknown field, bad range).
[[nodiscard]] SweepAxis parse_vary(const std::string& spec, const model::Scenario& s);

/// Sets the axis' parameter to `value` in `s`.
void apply_axis(model::Scenario& s, const SweepAxis& axis, double value);

}  // namespace kendall::planner::detail
