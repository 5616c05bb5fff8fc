// The SLO vocabulary: which metrics a service-level objective may bound, and how one reads.

#include "kendall/model/slo.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "kendall/model/units.hpp"

namespace kendall::model {

const std::vector<std::string>& station_slo_metrics() {
  static const std::vector<std::string> names = {
      "utilization", "Wq",        "W",          "Wq_p50",       "Wq_p90",
      "Wq_p95",      "Wq_p99",    "W_p50",      "W_p90",        "W_p95",
      "W_p99",       "L",         "Lq",         "p_wait",       "p_block",
      "p_abandon",   "Wq_served", "throughput", "busy_servers", "service_level"};
  return names;
}

const std::vector<std::string>& network_slo_metrics() {
  static const std::vector<std::string> names = {"W",     "W_p50", "W_p90",      "W_p95",
                                                 "W_p99", "L",     "throughput", "makespan"};
  return names;
}

std::optional<double> quantile_level(std::string_view metric) {
  const auto at = metric.find("_p");
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view base = metric.substr(0, at);
  // Wq_served_p95: the wait of the customers who are served (stations with patience).
  if (base != "W" && base != "Wq" && base != "Wq_served") return std::nullopt;
  const std::string_view digits = metric.substr(at + 2);
  if (digits.empty() || digits.front() == '.' || digits.front() == '-' || digits.front() == '+')
    return std::nullopt;
  double percent = 0.0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), percent);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  if (!(percent > 0.0 && percent < 100.0)) return std::nullopt;
  return percent / 100.0;
}

bool is_slo_metric(std::string_view metric, SloScope scope) {
  const auto& names = scope == SloScope::Network ? network_slo_metrics() : station_slo_metrics();
  if (std::find(names.begin(), names.end(), metric) != names.end()) return true;
  if (!quantile_level(metric)) return false;
  return scope != SloScope::Network || metric.substr(0, 2) == "W_";
}

namespace {

std::string percent(double fraction) { return fmt::format("{:g}%", fraction * 100.0); }

std::string bound_text(std::string_view metric, double bound, std::string_view unit) {
  if (metric == "W" || metric == "Wq" || metric == "Wq_served" || metric == "makespan" ||
      quantile_level(metric))
    return format_duration(bound, unit);
  if (metric == "throughput") return format_rate(bound, unit);
  if (metric.substr(0, 2) == "p_" || metric == "service_level") return percent(bound);
  return fmt::format("{:g}", bound);
}

}  // namespace

std::string slo_text(const SloSpec& slo, std::string_view station_name,
                     std::string_view time_unit) {
  std::string where;
  switch (slo.scope) {
    case SloScope::Station:
      where = fmt::format("{} ", station_name);
      break;
    case SloScope::AllStations:
      where = "every station ";
      break;
    case SloScope::Network:
      where = "end to end ";
      break;
  }
  const char* relation = slo.upper_bound ? "<" : ">";
  if (slo.metric == "service_level" && slo.wait_at_most) {
    return fmt::format("{}P(Wq <= {}) {}= {}", where, format_duration(*slo.wait_at_most, time_unit),
                       relation, percent(slo.bound));
  }
  return fmt::format("{}{} {} {}", where, slo.metric, relation,
                     bound_text(slo.metric, slo.bound, time_unit));
}

}  // namespace kendall::model
