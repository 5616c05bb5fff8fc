#include "kendall/planner/quantity.hpp"

namespace kendall::planner {

namespace {

bool starts_with_quantile_of(std::string_view metric, std::string_view base) {
  return metric.size() > base.size() + 2 && metric.substr(0, base.size()) == base &&
         metric.substr(base.size(), 2) == "_p";
}

}  // namespace

Quantity quantity_of(std::string_view metric) {
  if (metric == "W" || metric == "Wq" || metric == "Wq_first" || metric == "Wq_served" ||
      metric == "Wq_abandoned" || metric == "makespan")
    return Quantity::Time;
  if (starts_with_quantile_of(metric, "W") || starts_with_quantile_of(metric, "Wq") ||
      starts_with_quantile_of(metric, "Wq_served"))
    return Quantity::Time;
  if (metric == "throughput" || metric == "lambda" || metric == "mu") return Quantity::Rate;
  if (metric == "utilization") return Quantity::Utilization;
  if (metric.substr(0, 2) == "p_" || metric == "service_level") return Quantity::Probability;
  return Quantity::Count;
}

std::string_view quantity_name(Quantity q) {
  switch (q) {
    case Quantity::Time:
      return "time";
    case Quantity::Rate:
      return "rate";
    case Quantity::Probability:
      return "probability";
    case Quantity::Utilization:
      return "utilization";
    case Quantity::Count:
      return "count";
  }
  return "count";
}

}  // namespace kendall::planner
