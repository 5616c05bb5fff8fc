#include "kendall/report/load_curve.hpp"

#include <type_traits>
#include <variant>

#include "kendall/model/scenario_solver.hpp"

namespace kendall::report {

namespace {

// Every time of the distribution divided by `speedup` (a rate multiplied by it).
model::DistributionSpec faster(const model::DistributionSpec& spec, double speedup) {
  namespace d = model::dist;
  return std::visit(
      [speedup](auto dist) -> model::DistributionSpec {
        using T = std::decay_t<decltype(dist)>;
        if constexpr (std::is_same_v<T, d::Exponential>) {
          dist.rate *= speedup;
        } else if constexpr (std::is_same_v<T, d::Deterministic>) {
          dist.value /= speedup;
        } else if constexpr (std::is_same_v<T, d::Erlang> || std::is_same_v<T, d::Lognormal>) {
          dist.mean /= speedup;
        } else if constexpr (std::is_same_v<T, d::Gamma> || std::is_same_v<T, d::Weibull>) {
          dist.scale /= speedup;
        } else if constexpr (std::is_same_v<T, d::Hyperexponential>) {
          for (double& r : dist.rates) r *= speedup;
        } else if constexpr (std::is_same_v<T, d::Uniform>) {
          dist.low /= speedup;
          dist.high /= speedup;
        } else if constexpr (std::is_same_v<T, d::Empirical>) {
          for (double& v : dist.values) v /= speedup;
        }
        return dist;
      },
      spec);
}

double total_rate(const model::Scenario& s) {
  double rate = 0.0;
  for (const auto& a : s.arrivals) rate += a.rate();
  return rate;
}

}  // namespace

model::Scenario scale_arrivals(const model::Scenario& scenario, double factor) {
  model::Scenario scaled = scenario;
  for (auto& a : scaled.arrivals) {
    a.interarrival = faster(a.interarrival, factor);
    if (a.rate_profile) {
      for (double& v : a.rate_profile->values) v *= factor;
    }
  }
  return scaled;
}

std::optional<LoadCurve> analytic_load_curve(const model::Scenario& scenario, std::size_t station,
                                             const std::vector<double>& factors,
                                             const std::vector<double>& quantiles) {
  if (station >= scenario.stations.size() || scenario.is_closed() || scenario.arrivals.empty()) {
    return std::nullopt;
  }
  model::QueryOptions query;
  query.quantiles = quantiles;
  const auto today = model::solve_scenario(scenario, query);
  if (!today.stations[station].result) return std::nullopt;
  LoadCurve curve;
  curve.station = scenario.stations[station].name;
  curve.method = today.stations[station].result->method;
  for (double f : factors) {
    LoadCurvePoint point;
    point.factor = f;
    const model::Scenario scaled = scale_arrivals(scenario, f);
    point.arrival_rate = total_rate(scaled);
    try {
      const auto solution = model::solve_scenario(scaled, query);
      const auto& result = solution.stations[station].result;
      if (result && result->stable) point.metrics = result->metrics;
    } catch (const std::exception&) {
      // A factor the solver refuses (e.g. a parameter out of its domain) is a gap in the curve.
    }
    curve.points.push_back(std::move(point));
  }
  return curve;
}

}  // namespace kendall::report
