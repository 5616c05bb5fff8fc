#include "kendall/model/analytic/erlang_a.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/poisson.hpp"
#include "kendall/model/metrics.hpp"

#include "birth_death.hpp"
#include "common.hpp"
#include "weighted_sum.hpp"

namespace kendall::model {

namespace {

struct Chain {
  double lambda = 0.0;
  double mu = 0.0;
  double theta = 0.0;
  std::uint32_t c = 1;
  std::vector<double> p;  // p[0..n_max]
  std::vector<double> Q;  // Q[j] = Σ_{m>j} q_m = P(an arrival finds n ≥ c + j)
};

Chain solve_chain(double lambda, double mu, std::uint32_t c, double patience_mean) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::require_servers(c);
  detail::require_positive("patience_mean", patience_mean);
  Chain ch{lambda, mu, 1.0 / patience_mean, c, {}, {}};
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
    if (n >= c && r < 1.0 && log_w + std::log(r) - std::log1p(-r) < log_max + negligible_log) {
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
  // q_m = p[c + m − 1] for m = 1..n − c + 1; suffix sums from the far end keep small tails
  // accurate.
  if (n >= c) {
    ch.Q.assign(n - c + 1, 0.0);
    detail::CompensatedSum suffix;
    for (std::size_t j = n - c + 1; j > 0; --j) {
      suffix.add(ch.p[c + j - 1]);
      ch.Q[j - 1] = suffix.value();
    }
  }
  return ch;
}

// P(Wq > t) for the actual wait min(V, τ); see the header:
//   P(Wq > t) = e^{−θt} Σ_j NegBin(j; cμ/θ, e^{−θt}) Q_j,   Q_j = Σ_{m > j} q_m,
// with q_m = P(an arrival finds n = c + m − 1).
double tail(const Chain& ch, double t) {
  const std::size_t M = ch.Q.size();
  if (M == 0) return 0.0;
  const double r = static_cast<double>(ch.c) * ch.mu / ch.theta;
  const double p = std::exp(-ch.theta * t);     // e^{−θt}
  const double q = -std::expm1(-ch.theta * t);  // 1 − e^{−θt}, accurate for small θt
  if (p == 0.0) return 0.0;
  // Mode of the negative binomial, clipped to the support of Q.
  const double mode_d = r > 1.0 ? std::floor((r - 1.0) * q / p) : 0.0;
  const std::uint64_t hi = M - 1;
  const std::uint64_t start =
      mode_d >= static_cast<double>(hi) ? hi : static_cast<std::uint64_t>(mode_d);
  const double sum = detail::unimodal_weighted_sum(
      start, 0, hi, negative_binomial_pmf(start, r, p, q),
      [&](std::uint64_t j) {
        return (r + static_cast<double>(j)) / static_cast<double>(j + 1) * q;
      },
      [&](std::uint64_t j) {
        return static_cast<double>(j) / ((r + static_cast<double>(j) - 1.0) * q);
      },
      [&](std::uint64_t j) { return ch.Q[j]; });
  return p * sum;
}

}  // namespace

WaitingTime erlang_a_waiting_time(double lambda, double mu, std::uint32_t c, double patience_mean) {
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
    served_wait.add(pn * beta * s1 / norm);  // E[V; served | m]
    abandoned_wait.add(pn * s2 / norm);      // E[τ; abandoned | m]
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
  if (p_served > 0.0) r.metrics.set(metric::Wq_served, served_wait.value() / p_served);
  if (p_abandon > 0.0) r.metrics.set(metric::Wq_abandoned, abandoned_wait.value() / p_abandon);
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
