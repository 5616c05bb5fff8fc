// Writing the slo and cost sections.

#include "write_slo.hpp"

#include <fmt/format.h>

#include "kendall/model/units.hpp"

namespace kendall::model::detail {

namespace {

/// A double-quoted YAML scalar: safe for any name.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + '"';
}

std::string number(double x) { return fmt::format("{}", x); }

std::string bound(const SloSpec& slo, const std::string& unit) {
  const std::string& m = slo.metric;
  if (m == "W" || m == "Wq" || m == "Wq_served" || m == "makespan" || quantile_level(m))
    return format_duration(slo.bound, unit);
  if (m == "throughput") return format_rate(slo.bound, unit);
  return number(slo.bound);
}

std::string slo_line(const Scenario& s, const SloSpec& slo) {
  std::string where;
  if (slo.scope == SloScope::AllStations) where = "station: all, ";
  if (slo.scope == SloScope::Station && slo.station && *slo.station < s.stations.size())
    where = "station: " + quoted(s.stations[*slo.station].name) + ", ";
  if (slo.metric == "service_level" && slo.wait_at_most) {
    return fmt::format("  - {{{}service_level: {{wait_at_most: {}, share: {}}}}}\n", where,
                       format_duration(*slo.wait_at_most, s.time_unit), number(slo.bound));
  }
  return fmt::format("  - {{{}metric: {}, {}: {}}}\n", where, slo.metric,
                     slo.upper_bound ? "below" : "above", bound(slo, s.time_unit));
}

}  // namespace

std::string slo_and_cost_yaml(const Scenario& s) {
  std::string out;
  if (!s.slos.empty()) {
    out += "slo:\n";
    for (const auto& slo : s.slos) out += slo_line(s, slo);
  }
  if (s.cost) {
    const CostSpec& c = *s.cost;
    out += "cost:\n";
    std::string servers;
    for (std::size_t i = 0; i < c.per_server_hour.size() && i < s.stations.size(); ++i) {
      if (!c.per_server_hour[i]) continue;
      if (!servers.empty()) servers += ", ";
      servers += quoted(s.stations[i].name) + ": " + number(*c.per_server_hour[i]);
    }
    if (!servers.empty()) out += "  per_server_hour: {" + servers + "}\n";
    out += "  per_waiting_hour: " + number(c.per_waiting_hour) + "\n";
    out += "  per_lost_customer: " + number(c.per_lost_customer) + "\n";
    if (!c.currency.empty()) out += "  currency: " + quoted(c.currency) + "\n";
  }
  return out;
}

}  // namespace kendall::model::detail
