#include "kendall/model/analytic/erlang_a.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "birth_death.hpp"
#include "common.hpp"
#include "kendall/error.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/poisson.hpp"
#include "kendall/model/metrics.hpp"

namespace kendall::model {

namespace {

struct Chain {
  double lambda = 0.0;
  double mu = 0.0;
  double theta = 0.0;
  std::uint32_t c = 1;
  std::vector<double> p;  // p[0..n_max]
};

Chain solve_chain(double lambda, double mu, std::uint32_t c, double patience_mean) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::require_servers(c);
  detail::require_positive("patience_mean", patience_mean);
  Chain ch{lambda, mu, 1.0 / patience_mean, c, {}};
  const double cmu = static_cast<double>(c) * mu;
  auto ratio = [&](std::size_t n) {
    const double served = n <= c ? static_cast<double>(n) * mu : cmu;
    const double abandoning = n > c ? static_cast<double>(n - c) * ch.theta : 0.0;
    return lambda / (served + abandoning);
  };
  // Truncate at n once the tail beyond is provably negligible: past the mode the ratios
  // decrease, so Σ_{m>n} w_m ≤ w_n r/(1 − r) with r = ratio(n + 1).
  constexpr double negligible_log = -50.0;  // e^{-50} ≈ 2e-22 of the largest weight
  double log_w = 0.0;
  double log_max = 0.0;
  std::size_t n = 0;
  for (;;) {
    const double r = ratio(n + 1);
    if (n >= c && r < 1.0 &&
        log_w + std::log(r) - std::log1p(-r) < log_max + negligible_log) {
      break;
    }
    if (n + 1 > max_finite_states) {
      throw InvalidParameter(fmt::format(
          "Erlang-A: the queue-length distribution needs more than {} states (patience mean {} "
          "is very long compared with how fast the queue builds up); with rho < 1 use M/M/c",
          max_finite_states, patience_mean));
    }
    ++n;
    log_w += std::log(r);
    log_max = std::max(log_max, log_w);
  }
  ch.p = detail::birth_death_distribution(n, ratio);
  return ch;
}

// P(Wq > t) for the actual wait min(V, τ); see the header.
double tail(const Chain& ch, double t) {
  const std::size_t n_max = ch.p.size() - 1;
  if (n_max < ch.c) return 0.0;
  const double beta = static_cast<double>(ch.c) * ch.mu;
  const double x = beta * t;
  const double keep = std::exp(-ch.theta * t);   // e^{−θt}
  const double gone = -std::expm1(-ch.theta * t);  // 1 − e^{−θt}, accurate for small θt
  const std::size_t d_max = n_max - ch.c;        // largest number of customers ahead
  // F[d] = P(Poisson(x) ≤ d) for d = 0..d_max, from the Poisson window around x.
  std::vector<double> F(d_max + 1, 0.0);
  {
    std::vector<double> pmf(d_max + 1, 0.0);
    const std::size_t mode = std::min<std::size_t>(d_max, static_cast<std::size_t>(std::floor(x)));
    double p = poisson_pmf(mode, x);
    pmf[mode] = p;
    for (std::size_t k = mode; k < d_max && p > 0.0;) {
      p *= x / static_cast<double>(k + 1);
      pmf[++k] = p;
      if (p < 1e-300) break;
    }
    p = pmf[mode];
    for (std::size_t k = mode; k > 0 && p > 0.0;) {
      p *= static_cast<double>(k) / x;
      pmf[--k] = p;
      if (p < 1e-300) break;
    }
    detail::CompensatedSum cumulative;
    for (std::size_t d = 0; d <= d_max; ++d) {
      cumulative.add(pmf[d]);
      F[d] = std::min(1.0, cumulative.value());
    }
  }
  detail::CompensatedSum total;
  for (std::size_t n = ch.c; n <= n_max; ++n) {
    const double pn = ch.p[n];
    if (pn < 1e-300) continue;
    const std::size_t k = n - ch.c;  // customers ahead at arrival
    // Σ_d Binomial(d; k, e^{−θt}) F[d], walking outward from the binomial mode.
    std::size_t mode = static_cast<std::size_t>(std::floor(static_cast<double>(k + 1) * keep));
    mode = std::min(mode, k);
    const double b_mode = binomial_pmf(mode, k, keep, gone);
    detail::CompensatedSum inner;
    inner.add(b_mode * F[mode]);
    double b = b_mode;
    for (std::size_t d = mode; d < k && b > 1e-25;) {
      b *= static_cast<double>(k - d) / static_cast<double>(d + 1) * (keep / gone);
      ++d;
      inner.add(b * F[d]);
    }
    b = b_mode;
    for (std::size_t d = mode; d > 0 && b > 1e-25;) {
      b *= static_cast<double>(d) / static_cast<double>(k - d + 1) * (gone / keep);
      --d;
      inner.add(b * F[d]);
    }
    total.add(pn * inner.value());
  }
  return keep * total.value();
}

}  // namespace

WaitingTime erlang_a_waiting_time(double lambda, double mu, std::uint32_t c,
                                  double patience_mean) {
  auto ch = std::make_shared<Chain>(solve_chain(lambda, mu, c, patience_mean));
  double lq = 0.0;
  for (std::size_t n = c + 1; n < ch->p.size(); ++n) lq += static_cast<double>(n - c) * ch->p[n];
  return WaitingTime([ch](double t) { return tail(*ch, t); }, std::max(lq / lambda, 1e-3 / mu));
}

AnalyticResult erlang_a(double lambda, double mu, std::uint32_t c, double patience_mean,
                        const QueryOptions& options) {
  detail::validate_options(options);
  auto ch = std::make_shared<Chain>(solve_chain(lambda, mu, c, patience_mean));
  AnalyticResult r;
  r.model = "M/M/c+M";
  const double cd = static_cast<double>(c);
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", cd);
  r.add_param("capacity", unbounded);
  r.add_param("patience_mean", patience_mean);

  const double beta = cd * mu;
  const double theta = ch->theta;
  detail::CompensatedSum Lq, busy, waiting, served_wait, abandoned_wait;
  double s1 = 0.0;  // Σ_{i≤m} 1/(cμ + iθ)
  double s2 = 0.0;  // Σ_{i≤m} iθ/(cμ + iθ)
  for (std::size_t n = 0; n < ch->p.size(); ++n) {
    const double pn = ch->p[n];
    busy.add(static_cast<double>(std::min<std::size_t>(n, c)) * pn);
    if (n < c) continue;
    if (n > c) Lq.add(static_cast<double>(n - c) * pn);
    waiting.add(pn);
    const double m = static_cast<double>(n - c + 1);
    s1 += 1.0 / (beta + m * theta);
    s2 += m * theta / (beta + m * theta);
    const double norm = beta + m * theta;
    served_wait.add(pn * beta * s1 / norm);   // E[V; served | m]
    abandoned_wait.add(pn * s2 / norm);       // E[τ; abandoned | m]
  }
  const double lq = Lq.value();
  const double p_abandon = theta * lq / lambda;
  const double p_served = 1.0 - p_abandon;
  const double b = busy.value();
  detail::CoreMetrics m;
  m.utilization = b / cd;
  m.Lq = lq;
  m.L = lq + b;
  m.Wq = lq / lambda;
  m.W = m.L / lambda;
  m.throughput = mu * b;
  m.p_wait = waiting.value();
  m.busy_servers = b;
  detail::set_core_metrics(r, m);
  r.metrics.set(metric::p_abandon, p_abandon);
  if (p_served > 0.0) r.metrics.set("Wq_served", served_wait.value() / p_served);
  if (p_abandon > 0.0) r.metrics.set("Wq_abandoned", abandoned_wait.value() / p_abandon);
  const WaitingTime wt([ch](double t) { return tail(*ch, t); }, std::max(m.Wq, 1e-3 / mu));
  detail::add_distribution_metrics(r, wt, options);
  r.notes.push_back(
      "Erlang-A: Wq, Wq quantiles and service_level are over all arrivals, with the actual wait "
      "min(offered wait, patience) (abandoned customers count with the time they waited); "
      "Wq_served / Wq_abandoned are the mean waits of served / abandoning customers; W is the "
      "mean time in system over all arrivals; no W quantiles");
  return r;
}

}  // namespace kendall::model
