#include "cost.hpp"

#include <set>

#include <fmt/format.h>

namespace kendall::planner::detail {

ConfigurationCost cost_of(const model::Scenario& s, const std::vector<SloInstance>& slos,
                          const Servers& servers, const Servers& smallest, std::string label,
                          std::vector<std::string>& notes) {
  const model::CostSpec& spec = *s.cost;
  const Evaluation e = evaluate_analytic(with_servers(s, servers), slos);
  ConfigurationCost c;
  c.label = std::move(label);
  // SLOs theory cannot judge were met by the smallest configuration (simulated); every metric
  // they bound improves with servers, so any configuration at least as large meets them too.
  c.meets = true;
  for (const auto& v : e.verdicts) {
    if (!v.pass && (v.value || v.reason.rfind("unstable", 0) == 0)) c.meets = false;
  }
  for (std::size_t i = 0; i < servers.size() && i < smallest.size(); ++i) {
    if (servers[i] && smallest[i] && *servers[i] < *smallest[i]) c.meets = false;
  }
  const double per_hour = 3600.0 / s.seconds_per_unit;  // time units per hour
  for (std::size_t i = 0; i < s.stations.size(); ++i) {
    const std::uint32_t n = servers[i].value_or(0);
    c.servers.push_back(n);
    if (i < spec.per_server_hour.size() && spec.per_server_hour[i])
      c.servers_per_hour += n * *spec.per_server_hour[i];
    const auto& r = e.solution.stations.at(i).result;
    if (!r || !r->stable) {
      if (spec.per_waiting_hour > 0.0 || spec.per_lost_customer > 0.0)
        notes.push_back(
            fmt::format("{}: no analytic waiting or losses at {} servers; cost counts servers only",
                        s.stations[i].name, n));
      continue;
    }
    c.waiting_per_hour += r->metrics.get("Lq").value_or(0.0) * spec.per_waiting_hour;
    double lambda = 0.0;
    for (const auto& [name, value] : r->params) {
      if (name == "lambda") lambda = value;
    }
    const double p_block = r->metrics.get("p_block").value_or(0.0);
    const double p_abandon = r->metrics.get("p_abandon").value_or(0.0);
    const double lost_rate = lambda * (p_block + (1.0 - p_block) * p_abandon);
    c.lost_per_hour += lost_rate * per_hour * spec.per_lost_customer;
  }
  c.total_per_hour = c.servers_per_hour + c.waiting_per_hour + c.lost_per_hour;
  return c;
}

CostComparison compare_costs(const model::Scenario& s, const std::vector<SloInstance>& slos,
                             const Servers& today, const Servers& smallest,
                             std::vector<std::string>& notes) {
  CostComparison out;
  out.currency = s.cost->currency;
  out.method = "theory (L_q, p_block, p_abandon at each configuration)";
  std::vector<std::string> ignored;
  out.today = cost_of(s, slos, today, smallest, "today", notes);
  out.smallest = cost_of(s, slos, smallest, smallest, "smallest", notes);
  Servers best = smallest;
  ConfigurationCost best_cost = out.smallest;
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < s.stations.size(); ++i) {
      if (!sizable(s.stations[i])) continue;
      const std::uint32_t from = *smallest[i];
      for (std::uint32_t c = from; c <= from + 60; ++c) {
        Servers trial = best;
        trial[i] = c;
        const ConfigurationCost t = cost_of(s, slos, trial, smallest, "cheapest", ignored);
        if (t.meets && t.total_per_hour < best_cost.total_per_hour) {
          best = trial;
          best_cost = t;
        }
      }
    }
  }
  best_cost.label = "cheapest";
  out.cheapest = best_cost;
  return out;
}

}  // namespace kendall::planner::detail
