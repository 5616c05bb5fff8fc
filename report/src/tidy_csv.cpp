#include "kendall/report/tidy_csv.hpp"

#include <fmt/format.h>

#include "kendall/report/display_units.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report {

const std::vector<std::string>& tidy_columns() {
  static const std::vector<std::string> columns = {
      "scenario", "point",   "station", "class",  "metric", "unit", "analytic",
      "analytic_method", "simulated", "ci_low", "ci_high", "n", "seed"};
  return columns;
}

std::string unit_label(std::string_view metric, std::string_view time_unit) {
  switch (metric_kind(metric)) {
    case MetricKind::Time: return std::string(time_unit);
    case MetricKind::Rate: {
      std::string per(1, '/');  // appended, not "/" + ...: GCC 12 -Wrestrict false positive
      per.append(time_unit);
      return per;
    }
    case MetricKind::Fraction: return "fraction";
    case MetricKind::Count: return "count";
  }
  return "count";
}

std::string to_csv(const std::vector<TidyRow>& rows) {
  Table table(tidy_columns());
  auto number = [](double v) { return fmt::format("{}", v); };
  for (const auto& r : rows) {
    table.add_row({r.scenario, r.point, r.station, r.customer_class, r.metric,
                   unit_label(r.metric, r.time_unit), r.analytic ? number(*r.analytic) : "",
                   r.analytic ? r.analytic_method : "", r.simulated ? number(r.simulated->mean) : "",
                   r.simulated && r.simulated->n >= 2 ? number(r.simulated->ci_low) : "",
                   r.simulated && r.simulated->n >= 2 ? number(r.simulated->ci_high) : "",
                   r.simulated ? std::to_string(r.simulated->n) : "", std::to_string(r.seed)});
  }
  return table.to_csv();
}

}  // namespace kendall::report
