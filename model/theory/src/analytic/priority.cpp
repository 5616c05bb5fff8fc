#include "kendall/model/analytic/priority.hpp"

#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/metrics.hpp"

#include "birth_death.hpp"
#include "common.hpp"

namespace kendall::model {

namespace {

struct Prepared {
  std::vector<std::string> names;
  std::vector<double> lambda, mean, second, rho;
  std::vector<double> slack;  // 1 − σ_k, accumulated in long double so σ ≈ 1 keeps digits
  double total_lambda = 0.0;
  double total_rho = 0.0;
  std::optional<std::size_t> saturated;  // first class k* with σ_k ≥ 1
};

Prepared prepare(const std::vector<PriorityClass>& classes) {
  if (classes.empty()) throw InvalidParameter("a priority queue needs at least one class");
  Prepared p;
  long double sigma_slack = 1.0L;
  long double total_rho = 0.0L;
  detail::CompensatedSum total_lambda;
  for (std::size_t k = 0; k < classes.size(); ++k) {
    const auto& c = classes[k];
    const std::string name = c.name.empty() ? fmt::format("class {}", k + 1) : c.name;
    detail::require_positive(fmt::format("lambda of class '{}'", name), c.lambda);
    detail::require_positive(fmt::format("service mean of class '{}'", name), c.service_mean);
    detail::require_non_negative(fmt::format("service scv of class '{}'", name), c.service_scv);
    p.names.push_back(name);
    p.lambda.push_back(c.lambda);
    p.mean.push_back(c.service_mean);
    p.second.push_back(c.service_mean * c.service_mean * (1.0 + c.service_scv));
    const long double rho = static_cast<long double>(c.lambda) * c.service_mean;
    p.rho.push_back(static_cast<double>(rho));
    sigma_slack -= rho;
    total_rho += rho;
    p.slack.push_back(static_cast<double>(sigma_slack));
    total_lambda.add(c.lambda);
    if (!p.saturated && !(p.slack.back() > 0.0)) p.saturated = k;
  }
  p.total_lambda = total_lambda.value();
  p.total_rho = static_cast<double>(total_rho);
  return p;
}

AnalyticResult start(const Prepared& p, const char* model) {
  AnalyticResult r;
  r.model = model;
  r.add_param("lambda", p.total_lambda);
  r.add_param("mu", p.total_lambda / p.total_rho);
  r.add_param("servers", 1.0);
  r.add_param("capacity", unbounded);
  r.add_param("classes", static_cast<double>(p.names.size()));
  return r;
}

// Departure rate when the server never idles: classes before k* are carried in full,
// class k* gets the remaining capacity, lower classes nothing.
double carried_rate(const Prepared& p, std::size_t k_star) {
  double rate = 0.0;
  for (std::size_t i = 0; i < k_star; ++i) rate += p.lambda[i];
  const double left = k_star == 0 ? 1.0 : p.slack[k_star - 1];
  return rate + left / p.mean[k_star];
}

void finish(AnalyticResult& r, const Prepared& p, const std::vector<Metrics>& per_class,
            bool preemptive) {
  if (!p.saturated) {
    detail::CompensatedSum L, Lq, waiting;
    for (std::size_t k = 0; k < per_class.size(); ++k) {
      L.add(per_class[k].at(metric::L));
      Lq.add(per_class[k].at(metric::Lq));
      waiting.add(p.lambda[k] * per_class[k].at(metric::p_wait));
    }
    detail::CoreMetrics m;
    m.utilization = p.total_rho;
    m.L = L.value();
    m.Lq = Lq.value();
    m.W = m.L / p.total_lambda;
    m.Wq = m.Lq / p.total_lambda;
    m.throughput = p.total_lambda;
    m.p_wait = waiting.value() / p.total_lambda;
    m.busy_servers = p.total_rho;
    detail::set_core_metrics(r, m);
  } else {
    const std::size_t k_star = *p.saturated;
    const double carried = carried_rate(p, k_star);
    r.stable = false;
    r.growth_rate = p.total_lambda - carried;
    r.metrics.set(metric::utilization, p.total_rho);
    r.metrics.set(metric::throughput, carried);
    r.metrics.set(metric::busy_servers, 1.0);
    std::string stable_names;
    for (std::size_t k = 0; k < k_star; ++k) {
      stable_names += (k == 0 ? "'" : ", '") + p.names[k] + "'";
    }
    r.notes.push_back(fmt::format(
        "unstable: total offered utilization {:.6g} >= 1; the queue grows by about {:.6g} "
        "customers per time unit. {} still {} a steady state and {} reported exactly; class "
        "'{}' gets only the capacity left over and lower classes none, so they grow without "
        "bound{}",
        p.total_rho, p.total_lambda - carried,
        k_star == 0 ? std::string("No class") : "Class(es) " + stable_names,
        k_star == 0 ? "has" : "have", k_star == 0 ? "is" : "are", p.names[k_star],
        preemptive ? "" : " (the server is never idle, which enters the residual work W0)"));
  }
  for (std::size_t k = 0; k < p.names.size(); ++k) {
    r.classes.push_back(ClassMetrics{p.names[k], per_class[k]});
  }
  r.notes.push_back(preemptive
                        ? "preemptive-resume priority, class order = priority (first = highest); "
                          "Wq is the total time not in service (W - service time), Wq_first the "
                          "time until service first starts"
                        : "non-preemptive (head-of-line) priority, class order = priority (first "
                          "= highest); FIFO within a class");
}

// A class without a steady state: only its offered load and what it actually gets served.
Metrics unstable_class(const Prepared& p, std::size_t k) {
  Metrics m;
  m.set(metric::utilization, p.rho[k]);
  double carried = 0.0;
  if (k == *p.saturated) {
    const double left = k == 0 ? 1.0 : p.slack[k - 1];
    carried = left / p.mean[k];
  }
  m.set(metric::throughput, carried);
  return m;
}

}  // namespace

AnalyticResult mg1_priority(const std::vector<PriorityClass>& classes,
                            const QueryOptions& options) {
  detail::validate_options(options);
  const Prepared p = prepare(classes);
  AnalyticResult r = start(p, "M/G/1 (priority)");
  const std::size_t stable_classes = p.saturated ? *p.saturated : p.names.size();
  // Mean residual service time seen by an arrival (PASTA).
  detail::CompensatedSum w0;
  for (std::size_t i = 0; i < stable_classes; ++i) w0.add(p.lambda[i] * p.second[i] / 2.0);
  if (p.saturated) {
    const std::size_t k = *p.saturated;
    const double share = k == 0 ? 1.0 : p.slack[k - 1];
    w0.add(share * p.second[k] / (2.0 * p.mean[k]));
  }
  const double W0 = w0.value();
  std::vector<Metrics> per_class;
  for (std::size_t k = 0; k < p.names.size(); ++k) {
    if (k >= stable_classes) {
      per_class.push_back(unstable_class(p, k));
      continue;
    }
    const double before = k == 0 ? 1.0 : p.slack[k - 1];
    Metrics m;
    const double wq = W0 / (before * p.slack[k]);
    m.set(metric::utilization, p.rho[k]);
    m.set(metric::L, p.lambda[k] * (wq + p.mean[k]));
    m.set(metric::Lq, p.lambda[k] * wq);
    m.set(metric::W, wq + p.mean[k]);
    m.set(metric::Wq, wq);
    m.set(metric::throughput, p.lambda[k]);
    // An arrival waits iff the server is busy (PASTA).
    m.set(metric::p_wait, p.saturated ? 1.0 : p.total_rho);
    per_class.push_back(std::move(m));
  }
  finish(r, p, per_class, false);
  return r;
}

AnalyticResult mg1_preemptive_priority(const std::vector<PriorityClass>& classes,
                                       const QueryOptions& options) {
  detail::validate_options(options);
  const Prepared p = prepare(classes);
  AnalyticResult r = start(p, "M/G/1 (preemptive priority)");
  const std::size_t stable_classes = p.saturated ? *p.saturated : p.names.size();
  detail::CompensatedSum residual;
  std::vector<Metrics> per_class;
  for (std::size_t k = 0; k < p.names.size(); ++k) {
    residual.add(p.lambda[k] * p.second[k] / 2.0);
    if (k >= stable_classes) {
      per_class.push_back(unstable_class(p, k));
      continue;
    }
    const double before = k == 0 ? 1.0 : p.slack[k - 1];
    const double first = residual.value() / (before * p.slack[k]);
    const double w = p.mean[k] / before + first;
    Metrics m;
    m.set(metric::utilization, p.rho[k]);
    m.set(metric::L, p.lambda[k] * w);
    m.set(metric::Lq, p.lambda[k] * (w - p.mean[k]));
    m.set(metric::W, w);
    m.set(metric::Wq, w - p.mean[k]);
    m.set(metric::throughput, p.lambda[k]);
    // A class-k arrival waits iff the server works on classes 1..k (PASTA).
    m.set(metric::p_wait, 1.0 - p.slack[k]);
    m.set(metric::Wq_first, first);
    per_class.push_back(std::move(m));
  }
  finish(r, p, per_class, true);
  return r;
}

std::map<int, double> mmc_priority_waits(const std::vector<MmcPriorityClass>& classes, double mu,
                                         std::uint32_t c, bool preemptive) {
  auto l_of_mmc = [&](double lambda) {
    return (c == 1 ? mm1(lambda, mu) : mmc(lambda, mu, c)).metrics.at(metric::L);
  };
  double lambda = 0.0;
  for (const auto& k : classes) lambda += k.lambda;
  // Levels in service order; classes of the same level are one FIFO class.
  std::map<int, double> level_rate;
  for (const auto& k : classes) {
    if (k.lambda > 0.0) level_rate[k.level] += k.lambda;
  }
  const double cmu = static_cast<double>(c) * mu;
  std::map<int, double> level_wq;
  double sigma_before = 0.0;
  double cumulative = 0.0;
  double l_before = 0.0;
  const double w0 = erlang_c(c, lambda / mu) / cmu;
  for (const auto& [level, rate] : level_rate) {
    const double sigma = sigma_before + rate / cmu;
    cumulative += rate;
    if (preemptive) {
      const double l_upto = l_of_mmc(cumulative);
      level_wq[level] = (l_upto - l_before) / rate - 1.0 / mu;
      l_before = l_upto;
    } else {
      level_wq[level] = w0 / ((1.0 - sigma_before) * (1.0 - sigma));
    }
    sigma_before = sigma;
  }
  return level_wq;
}

}  // namespace kendall::model
