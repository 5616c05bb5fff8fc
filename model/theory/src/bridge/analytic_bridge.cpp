#include "analytic_bridge.hpp"

#include <algorithm>
#include <map>

#include "kendall/error.hpp"
#include "kendall/model/analytic/approximations.hpp"
#include "kendall/model/analytic/erlang_a.hpp"
#include "kendall/model/analytic/mg1.hpp"
#include "kendall/model/analytic/priority.hpp"

namespace kendall::model::detail::bridge {

AnalyticResult mg1(double lambda, const DistributionSpec& service, const QueryOptions& options) {
  return kendall::model::mg1(lambda, service, options);
}

AnalyticResult mg1(double lambda, double mean_service, double service_scv,
                   const QueryOptions& options) {
  return kendall::model::mg1(lambda, mean_service, service_scv, options);
}

AnalyticResult mg1_priority(const Scenario& sc, const StationSpec& st,
                            const std::vector<double>& rates, bool preemptive,
                            const QueryOptions& options) {
  // One level per priority value among the classes that come, highest priority (smallest
  // number) first; a level's service is the mixture of its classes' services.
  struct Level {
    double lambda = 0.0;
    double m1 = 0.0;  // Σ λ_k E[S_k]
    double m2 = 0.0;  // Σ λ_k E[S_k²]
    std::vector<std::size_t> members;
  };
  std::map<int, Level> levels;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    if (!(rates[k] > 0.0)) continue;
    const auto& d = st.service.at(k);
    const double m = mean(d);
    auto& lv = levels[sc.classes[k].priority];
    lv.lambda += rates[k];
    lv.m1 += rates[k] * m;
    lv.m2 += rates[k] * (variance(d) + m * m);
    lv.members.push_back(k);
  }
  std::vector<PriorityClass> pcs;
  std::vector<const Level*> order;
  for (const auto& [priority, lv] : levels) {
    PriorityClass pc;
    if (lv.members.size() == 1) {
      const auto k = lv.members.front();
      pc.name = sc.classes[k].name;
      pc.lambda = rates[k];
      pc.service_mean = mean(st.service.at(k));
      pc.service_scv = scv(st.service.at(k));
    } else {
      pc.name = "priority " + std::to_string(priority);
      pc.lambda = lv.lambda;
      pc.service_mean = lv.m1 / lv.lambda;
      pc.service_scv =
          std::max(0.0, (lv.m2 / lv.lambda) / (pc.service_mean * pc.service_mean) - 1.0);
    }
    pcs.push_back(pc);
    order.push_back(&lv);
  }
  AnalyticResult level_result = preemptive ? mg1_preemptive_priority(pcs, options)
                                           : kendall::model::mg1_priority(pcs, options);

  // Back to the scenario's classes, in the scenario's order.
  AnalyticResult r = level_result;
  r.classes.clear();
  double sigma_before = 0.0;
  std::vector<double> stretch(order.size(), 1.0);  // 1/(1 − σ_{level−1}) for preemption
  for (std::size_t l = 0; l < order.size(); ++l) {
    stretch[l] = 1.0 / (1.0 - sigma_before);
    sigma_before += order[l]->m1;
  }
  for (std::size_t k = 0; k < rates.size(); ++k) {
    ClassMetrics cm{sc.classes[k].name, {}};
    std::size_t l = 0;
    while (l < order.size() && std::find(order[l]->members.begin(), order[l]->members.end(), k) ==
                                   order[l]->members.end()) {
      ++l;
    }
    if (l == order.size()) {
      cm.metrics.set(metric::throughput, 0.0);
      cm.metrics.set(metric::L, 0.0);
      r.classes.push_back(std::move(cm));
      continue;
    }
    const ClassMetrics* level_metrics =
        l < level_result.classes.size() ? &level_result.classes[l] : nullptr;
    if (order[l]->members.size() == 1) {
      if (level_metrics) {
        cm.metrics = level_metrics->metrics;
      } else {
        cm.metrics.set(metric::throughput, rates[k]);
      }
      r.classes.push_back(std::move(cm));
      continue;
    }
    // A class inside a shared level: FIFO among the level's classes, so it waits as long as
    // the level before its service first starts; its own service is then stretched by
    // preemptions from higher levels.
    const double sk = mean(st.service.at(k));
    cm.metrics.set(metric::throughput, rates[k]);
    cm.metrics.set(metric::utilization, rates[k] * sk);
    if (level_metrics && level_metrics->metrics.has(metric::W)) {
      const auto& lm = level_metrics->metrics;
      const double first =
          preemptive ? lm.get("Wq_first").value_or(lm.at(metric::Wq)) : lm.at(metric::Wq);
      const double w = preemptive ? first + sk * stretch[l] : first + sk;
      cm.metrics.set(metric::W, w);
      cm.metrics.set(metric::Wq, w - sk);
      cm.metrics.set(metric::L, rates[k] * w);
      cm.metrics.set(metric::Lq, rates[k] * (w - sk));
      if (auto pw = lm.get(metric::p_wait)) cm.metrics.set(metric::p_wait, *pw);
      if (preemptive) cm.metrics.set("Wq_first", first);
    }
    r.classes.push_back(std::move(cm));
  }
  return r;
}

AnalyticResult erlang_a(double lambda, double mu, std::uint32_t c, double patience_mean,
                        const QueryOptions& options) {
  return kendall::model::erlang_a(lambda, mu, c, patience_mean, options);
}

AnalyticResult mgc(double lambda, double mu, std::uint32_t c, double service_scv,
                   const QueryOptions& options) {
  return mgc_allen_cunneen(lambda, mu, c, service_scv, options);
}

AnalyticResult gg(double lambda, double mu, std::uint32_t c, double arrival_scv, double service_scv,
                  const QueryOptions& options) {
  if (c == 1) return gg1_kingman(lambda, mu, arrival_scv, service_scv, options);
  return ggc_allen_cunneen(lambda, mu, c, arrival_scv, service_scv, options);
}

}  // namespace kendall::model::detail::bridge
