// The bias the idle-pool overheads predict: the DES with every service stretched by the mean
// overshoot plus dispatch latency (the time a worker is occupied beyond the sampled service —
// it also holds up the next customer by one dispatch), run with common random numbers against
// the unmodified DES, plus one dispatch latency for the customers who found a worker free
// (customers who queued already have it inside the stretched service before them).

#include <cmath>
#include <variant>

#include "kendall/model/metrics.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/experiment.hpp"

namespace kendall::sim::executor {

namespace {

// The same family with every value multiplied by `f` (mean × f, SCV unchanged).
model::DistributionSpec stretched(const model::DistributionSpec& spec, double f) {
  return std::visit(
      [f](auto d) -> model::DistributionSpec {
        using T = decltype(d);
        if constexpr (std::is_same_v<T, model::dist::Exponential>) {
          d.rate /= f;
        } else if constexpr (std::is_same_v<T, model::dist::Deterministic>) {
          d.value *= f;
        } else if constexpr (std::is_same_v<T, model::dist::Erlang> ||
                             std::is_same_v<T, model::dist::Lognormal>) {
          d.mean *= f;
        } else if constexpr (std::is_same_v<T, model::dist::Gamma> ||
                             std::is_same_v<T, model::dist::Weibull>) {
          d.scale *= f;
        } else if constexpr (std::is_same_v<T, model::dist::Hyperexponential>) {
          for (double& r : d.rates) r /= f;
        } else if constexpr (std::is_same_v<T, model::dist::Uniform>) {
          d.low *= f;
          d.high *= f;
        } else if constexpr (std::is_same_v<T, model::dist::Empirical>) {
          for (double& v : d.values) v *= f;
        }
        return d;
      },
      spec);
}

}  // namespace

BiasPrediction predict_wq_bias(const model::Scenario& scenario,
                               const std::vector<StationOverhead>& overhead,
                               double seconds_per_unit, const RunControl& control) {
  BiasPrediction out;
  out.des = run_experiment(scenario, {}, control);
  model::Scenario stretched_scenario = scenario;
  std::vector<double> dispatch_model(scenario.stations.size(), 0.0);
  for (std::size_t s = 0; s < scenario.stations.size() && s < overhead.size(); ++s) {
    dispatch_model[s] = overhead[s].dispatch.mean_us * 1e-6 / seconds_per_unit;
    const double extra =
        (overhead[s].dispatch.mean_us + overhead[s].overshoot.mean_us) * 1e-6 / seconds_per_unit;
    for (auto& d : stretched_scenario.stations[s].service) {
      const double m = model::mean(d);
      if (m > 0.0) d = stretched(d, 1.0 + std::max(0.0, extra) / m);
    }
  }
  const ExperimentResult slow = run_experiment(stretched_scenario, {}, control);
  for (std::size_t s = 0; s < scenario.stations.size(); ++s) {
    const auto base = s < out.des.stations.size() ? out.des.stations[s].metrics.get("Wq")
                                                  : std::nullopt;
    const auto stretched_wq =
        s < slow.stations.size() ? slow.stations[s].metrics.get("Wq") : std::nullopt;
    const auto p_wait = s < slow.stations.size() ? slow.stations[s].metrics.get("p_wait")
                                                 : std::nullopt;
    if (!base || !stretched_wq) {
      out.wq_bias.emplace_back();
      continue;
    }
    const double found_free = p_wait ? 1.0 - p_wait->mean : 1.0;
    out.wq_bias.emplace_back(stretched_wq->mean - base->mean + found_free * dispatch_model[s]);
  }
  return out;
}

}  // namespace kendall::sim::executor
