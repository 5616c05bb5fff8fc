#include "kendall/model/analytic/finite_capacity.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/metrics.hpp"

#include "birth_death.hpp"
#include "common.hpp"
#include "erlang_mixture.hpp"

namespace kendall::model {

namespace {

void validate(double lambda, double mu, std::uint32_t c, std::uint64_t K) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::require_servers(c);
  if (K < c) {
    throw InvalidParameter(fmt::format(
        "capacity K counts waiting plus in-service customers and must be >= servers c, got "
        "K = {} < c = {}",
        K, c));
  }
  if (K > max_finite_states) {
    throw InvalidParameter(fmt::format(
        "capacity K = {} is above the supported maximum {}; use an infinite capacity (inf) "
        "instead",
        K, max_finite_states));
  }
}

std::vector<double> mmck_distribution(double lambda, double mu, std::uint32_t c, std::uint64_t K) {
  const double a = lambda / mu;
  const double cd = static_cast<double>(c);
  return detail::birth_death_distribution(
      K, [&](std::size_t n) { return n <= c ? a / static_cast<double>(n) : a / cd; });
}

struct Admitted {
  double p_admit = 1.0;   // 1 − p_K, summed over n < K so it never cancels
  std::vector<double> q;  // q[m−1] = P(admitted customer finds n = c + m − 1 present)
};

Admitted admitted_view(const std::vector<double>& p, std::uint32_t c) {
  const std::size_t K = p.size() - 1;
  detail::CompensatedSum admit;
  for (std::size_t n = 0; n < K; ++n) admit.add(p[n]);
  Admitted v;
  v.p_admit = admit.value();
  for (std::size_t n = c; n < K; ++n) v.q.push_back(p[n] / v.p_admit);
  return v;
}

}  // namespace

WaitingTime mmck_waiting_time(double lambda, double mu, std::uint32_t c, std::uint64_t K) {
  validate(lambda, mu, c, K);
  const auto p = mmck_distribution(lambda, mu, c, K);
  Admitted v = admitted_view(p, c);
  detail::CompensatedSum lq;
  for (std::size_t n = c + 1; n <= K; ++n) lq.add(static_cast<double>(n - c) * p[n]);
  const double lambda_eff = lambda * v.p_admit;
  const double wq = lq.value() / lambda_eff;
  return detail::erlang_mixture_waiting_time(mu, c, std::move(v.q), wq, wq + 1.0 / mu);
}

AnalyticResult mmck(double lambda, double mu, std::uint32_t c, std::uint64_t K,
                    const QueryOptions& options) {
  validate(lambda, mu, c, K);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/M/c/K";
  const double cd = static_cast<double>(c);
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", cd);
  r.add_param("capacity", static_cast<double>(K));

  const auto p = mmck_distribution(lambda, mu, c, K);
  detail::CompensatedSum L;
  detail::CompensatedSum Lq;
  for (std::size_t n = 1; n <= K; ++n) {
    L.add(static_cast<double>(n) * p[n]);
    if (n > c) Lq.add(static_cast<double>(n - c) * p[n]);
  }
  Admitted v = admitted_view(p, c);
  detail::CompensatedSum waiting;
  for (double qm : v.q) waiting.add(qm);
  const double lambda_eff = lambda * v.p_admit;

  detail::CoreMetrics m;
  m.utilization = lambda_eff / (cd * mu);
  m.L = L.value();
  m.Lq = Lq.value();
  m.W = m.L / lambda_eff;
  m.Wq = m.Lq / lambda_eff;
  m.throughput = lambda_eff;
  m.p_wait = waiting.value();
  m.p_block = p[K];
  m.busy_servers = lambda_eff / mu;
  detail::set_core_metrics(r, m);
  detail::add_distribution_metrics(
      r, detail::erlang_mixture_waiting_time(mu, c, std::move(v.q), m.Wq, m.W), options);
  return r;
}

AnalyticResult mm1k(double lambda, double mu, std::uint64_t K, const QueryOptions& options) {
  AnalyticResult r = mmck(lambda, mu, 1, K, options);
  r.model = "M/M/1/K";
  return r;
}

AnalyticResult mmcc(double lambda, double mu, std::uint32_t c, const QueryOptions& options) {
  validate(lambda, mu, c, c);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/M/c/c";
  const double cd = static_cast<double>(c);
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", cd);
  r.add_param("capacity", cd);
  const double a = lambda / mu;
  const double B = erlang_b(c, a);
  const double carried = a * (1.0 - B);
  const double lambda_eff = lambda * (1.0 - B);
  detail::CoreMetrics m;
  m.utilization = carried / cd;
  m.L = carried;
  m.Lq = 0.0;
  m.W = 1.0 / mu;
  m.Wq = 0.0;
  m.throughput = lambda_eff;
  m.p_wait = 0.0;
  m.p_block = B;
  m.busy_servers = carried;
  detail::set_core_metrics(r, m);
  auto wait_tail = [](double) { return 0.0; };
  auto sojourn_tail = [mu](double t) { return std::exp(-mu * t); };
  auto sojourn_quantile = [mu](double p) { return -std::log1p(-p) / mu; };
  detail::add_distribution_metrics(
      r, WaitingTime(wait_tail, 1.0 / mu, sojourn_tail, 1.0 / mu, std::nullopt, sojourn_quantile),
      options);
  r.notes.push_back(
      "Erlang loss system: blocked customers are lost, nobody waits; L, W, p_block hold for any "
      "service distribution with mean 1/mu (insensitivity), W quantiles assume exponential "
      "service");
  return r;
}

}  // namespace kendall::model
