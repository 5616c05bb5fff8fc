#include "wait_distribution.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "kendall/model/metrics.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/model/slo.hpp"

namespace kendall::planner::detail {

namespace {

/// Levels of theory's curve: every percent, and the tail.
std::vector<double> curve_levels() {
  std::vector<double> levels;
  for (int i = 1; i <= 99; ++i) levels.push_back(i / 100.0);
  levels.push_back(0.995);
  levels.push_back(0.999);
  return levels;
}

void add_theory(WaitDistribution& d, const model::Scenario& variant, std::size_t i) {
  model::QueryOptions query;
  query.quantiles = curve_levels();
  model::ScenarioSolution solution;
  try {
    solution = model::solve_scenario(variant, query);
  } catch (const std::exception&) {
    return;  // no analytic answer for this configuration: the chart shows the simulation only
  }
  const auto& r = solution.stations.at(i).result;
  if (!r) return;
  if (!r->stable) {
    d.stable = false;
    return;
  }
  d.analytic_p_wait = r->metrics.get(model::metric::p_wait);
  for (double level : query.quantiles) {
    if (const auto v = r->metrics.get(model::quantile_name(model::metric::Wq, level)))
      d.analytic.push_back({level, *v});
  }
  if (!d.analytic.empty()) d.analytic_method = r->method;
}

void add_simulation(WaitDistribution& d, const sim::StationResult& st) {
  if (st.unstable) {
    d.stable = false;
    return;
  }
  d.simulated_p_wait = st.metrics.get(model::metric::p_wait);
  constexpr std::string_view prefix = "Wq_p";  // Wq's own quantiles, not Wq_served_p...
  for (const auto& [name, estimate] : st.metrics.entries()) {
    if (!name.starts_with(prefix)) continue;
    if (const auto level = model::quantile_level(name)) d.simulated.push_back({*level, estimate});
  }
  std::sort(
      d.simulated.begin(), d.simulated.end(),
      [](const SimulatedQuantile& a, const SimulatedQuantile& b) { return a.level < b.level; });
}

}  // namespace

WaitDistribution wait_distribution(const model::Scenario& variant, std::size_t i,
                                   std::string configuration,
                                   const std::optional<sim::ExperimentResult>& simulated) {
  WaitDistribution d;
  d.configuration = std::move(configuration);
  d.servers = variant.stations.at(i).servers.value_or(0);
  add_theory(d, variant, i);
  if (simulated && i < simulated->stations.size()) add_simulation(d, simulated->stations[i]);
  return d;
}

}  // namespace kendall::planner::detail
