#include "slo_set.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kendall/model/units.hpp"

namespace kendall::planner::detail {

std::vector<SloInstance> expand_slos(const model::Scenario& s) {
  std::vector<SloInstance> out;
  for (const auto& slo : s.slos) {
    if (slo.scope == model::SloScope::AllStations) {
      for (std::size_t i = 0; i < s.stations.size(); ++i) {
        if (s.stations[i].infinite_servers()) continue;
        SloInstance inst{slo, i, {}, false};
        inst.spec.scope = model::SloScope::Station;
        inst.spec.station = i;
        inst.text = model::slo_text(inst.spec, s.stations[i].name, s.time_unit);
        out.push_back(std::move(inst));
      }
    } else {
      const std::string name = slo.station ? s.stations.at(*slo.station).name : std::string{};
      out.push_back({slo, slo.station, model::slo_text(slo, name, s.time_unit), false});
    }
  }
  return out;
}

std::vector<SloInstance> default_slos(const model::Scenario& s,
                                      const std::vector<std::optional<double>>& today_wq_p95) {
  std::vector<SloInstance> out;
  for (std::size_t i = 0; i < s.stations.size(); ++i) {
    if (s.stations[i].infinite_servers()) continue;
    model::SloSpec u;
    u.scope = model::SloScope::Station;
    u.station = i;
    u.metric = "utilization";
    u.bound = default_utilization_bound;
    u.text = model::slo_text(u, s.stations[i].name, s.time_unit);
    out.push_back({u, i, u.text, true});
    if (i < today_wq_p95.size() && today_wq_p95[i]) {
      model::SloSpec w = u;
      w.metric = "Wq_p95";
      w.bound = *today_wq_p95[i];
      w.text = fmt::format("{} Wq_p95 < {:.4g}{} (no worse than today)", s.stations[i].name,
                           w.bound, s.time_unit);
      out.push_back({w, i, w.text, true});
    }
  }
  return out;
}

std::vector<double> needed_quantiles(const std::vector<SloInstance>& slos) {
  std::vector<double> levels;
  for (const auto& slo : slos) {
    if (const auto q = model::quantile_level(slo.spec.metric)) levels.push_back(*q);
    if (slo.spec.metric == "service_level" && slo.spec.bound > 0.0 && slo.spec.bound < 1.0)
      levels.push_back(slo.spec.bound);
  }
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  return levels;
}

}  // namespace kendall::planner::detail
