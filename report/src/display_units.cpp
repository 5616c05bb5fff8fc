#include "kendall/report/display_units.hpp"

#include <cmath>

#include <fmt/format.h>

#include "kendall/model/units.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report {

MetricKind metric_kind(std::string_view m) {
  if (m == "utilization" || m == "p_wait" || m == "p_block" || m == "p_abandon" ||
      m == "service_level" || m.starts_with("p_")) {
    return MetricKind::Fraction;
  }
  if (m == "throughput" || m == "lambda" || m == "mu" || m == "growth_rate" || m == "theta") {
    return MetricKind::Rate;
  }
  if (m == "W" || m == "Wq" || m == "makespan" || m == "cycle_time" || m == "R" ||
      m.starts_with("W_") || m.starts_with("Wq_") || m.starts_with("Wq") || m.starts_with("W_p")) {
    return MetricKind::Time;
  }
  return MetricKind::Count;
}

DisplayUnit time_unit_for(double typical, std::string_view time_unit) {
  const double per_unit = model::time_unit_seconds(time_unit);
  const double seconds = std::abs(typical) * per_unit;
  if (seconds == 0.0 || !std::isfinite(seconds)) {
    return {std::string(time_unit), 1.0};
  }
  if (seconds < 1e-3) return {"µs", per_unit * 1e6};
  if (seconds < 1.0) return {"ms", per_unit * 1e3};
  if (seconds < 120.0) return {"s", per_unit};
  if (seconds < 7200.0) return {"min", per_unit / 60.0};
  return {"h", per_unit / 3600.0};
}

DisplayUnit rate_unit_for(double typical, std::string_view time_unit) {
  const double per_second = std::abs(typical) / model::time_unit_seconds(time_unit);
  const double factor = 1.0 / model::time_unit_seconds(time_unit);
  if (per_second >= 1.0 || per_second == 0.0) return {"/s", factor};
  if (per_second * 60.0 >= 1.0) return {"/min", factor * 60.0};
  return {"/h", factor * 3600.0};
}

DisplayUnit unit_for(std::string_view metric, double typical, std::string_view time_unit) {
  switch (metric_kind(metric)) {
    case MetricKind::Time: return time_unit_for(typical, time_unit);
    case MetricKind::Rate: return rate_unit_for(typical, time_unit);
    case MetricKind::Fraction: return {"%", 100.0};
    case MetricKind::Count: return {"", 1.0};
  }
  return {"", 1.0};
}

std::string format_in(double value, const DisplayUnit& unit, int significant) {
  const std::string number = format_number(value * unit.factor, significant);
  if (unit.name.empty()) return number;
  if (unit.name == "%") return number + "%";
  return number + " " + unit.name;
}

std::string format_metric(std::string_view metric, double value, std::string_view time_unit,
                          int significant) {
  return format_in(value, unit_for(metric, value, time_unit), significant);
}

std::string format_estimate(std::string_view metric, const sim::Estimate& e,
                            std::string_view time_unit) {
  const DisplayUnit unit = unit_for(metric, e.mean, time_unit);
  if (e.n < 2) return format_in(e.mean, unit);
  return fmt::format("{} [{}, {}]", format_in(e.mean, unit), format_number(e.ci_low * unit.factor, 3),
                     format_number(e.ci_high * unit.factor, 3));
}

}  // namespace kendall::report
