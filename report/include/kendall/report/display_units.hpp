#pragma once
/// \file
/// Units on every number of a capacity report: times in the unit a reader expects (140 ms,
/// 2.5 s, 4.2 min), rates per second, minute or hour (120 /s, 90 /h), utilizations and
/// probabilities in percent, counts as plain numbers — never a bare "per time unit" number.
/// Inputs are in the scenario's own time unit (Scenario::time_unit).

#include <string>
#include <string_view>

#include "kendall/sim/experiment_result.hpp"

namespace kendall::report {

/// What a vocabulary metric measures.
enum class MetricKind {
  Time,      ///< W, Wq, Wq_p95, makespan, ...
  Rate,      ///< throughput, lambda, mu, growth_rate
  Fraction,  ///< utilization, p_wait, p_block, p_abandon, service_level — shown in %
  Count,     ///< L, Lq, busy_servers, servers — plain numbers
};

[[nodiscard]] MetricKind metric_kind(std::string_view metric);

/// A unit to show values in: shown = value_in_scenario_unit × factor.
struct DisplayUnit {
  std::string name;  ///< "ms", "s", "min", "h", "µs", "/s", "/min", "/h", "%", ""
  double factor = 1.0;
};

/// The time unit that shows `typical` (in `time_unit`) as a number between about 1 and 1000.
[[nodiscard]] DisplayUnit time_unit_for(double typical, std::string_view time_unit);
/// Per second when at least one per second, else per minute, else per hour.
[[nodiscard]] DisplayUnit rate_unit_for(double typical, std::string_view time_unit);
/// The unit for a metric of this kind and typical size.
[[nodiscard]] DisplayUnit unit_for(std::string_view metric, double typical, std::string_view time_unit);

/// "140 ms", "2.5 s", "120 /s", "67.5%", "3.21".
[[nodiscard]] std::string format_in(double value, const DisplayUnit& unit, int significant = 3);
[[nodiscard]] std::string format_metric(std::string_view metric, double value,
                                        std::string_view time_unit, int significant = 3);
/// "140 ms [132, 148]": the mean and its interval in the mean's unit.
[[nodiscard]] std::string format_estimate(std::string_view metric, const sim::Estimate& e,
                                          std::string_view time_unit);

}  // namespace kendall::report
