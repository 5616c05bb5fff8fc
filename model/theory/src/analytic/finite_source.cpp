#include "kendall/model/analytic/finite_source.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/metrics.hpp"

#include "birth_death.hpp"
#include "common.hpp"
#include "erlang_mixture.hpp"

namespace kendall::model {

namespace {

struct Solved {
  std::uint64_t K = 0;    // effective bound, min(capacity, N)
  std::vector<double> p;  // p[0..K]
  double attempts = 0.0;  // Σ_{n ≤ K} (N − n) p_n   (request rate / λ)
  double admitted = 0.0;  // Σ_{n < K} (N − n) p_n   (admitted rate / λ)
  std::vector<double> q;  // arrival-epoch probabilities of n = c..K−1, given admitted
  double Lq = 0.0;
  double L = 0.0;
};

Solved solve(double lambda, double mu, std::uint32_t c, std::uint64_t N,
             std::optional<std::uint64_t> capacity) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::require_servers(c);
  if (N < 1) throw InvalidParameter("population N must be at least 1, got 0");
  if (N > max_finite_states) {
    throw InvalidParameter(fmt::format(
        "population N = {} is above the supported maximum {}; for a very large population use "
        "the infinite-source model (M/M/c) with lambda = N x per-source rate",
        N, max_finite_states));
  }
  Solved s;
  s.K = capacity ? std::min(*capacity, N) : N;
  if (s.K < std::min<std::uint64_t>(c, N)) {
    throw InvalidParameter(fmt::format(
        "capacity K counts waiting plus in-service customers and must be >= servers c, got "
        "K = {} < c = {}",
        s.K, c));
  }
  const double a = lambda / mu;
  const double Nd = static_cast<double>(N);
  s.p = detail::birth_death_distribution(s.K, [&](std::size_t n) {
    const double sources = Nd - static_cast<double>(n - 1);
    return sources * a / static_cast<double>(std::min<std::size_t>(n, c));
  });
  detail::CompensatedSum attempts;
  detail::CompensatedSum admitted;
  detail::CompensatedSum L;
  detail::CompensatedSum Lq;
  for (std::size_t n = 0; n <= s.K; ++n) {
    const double w = (Nd - static_cast<double>(n)) * s.p[n];
    attempts.add(w);
    if (n < s.K) admitted.add(w);
    L.add(static_cast<double>(n) * s.p[n]);
    if (n > c) Lq.add(static_cast<double>(n - c) * s.p[n]);
  }
  s.attempts = attempts.value();
  s.admitted = admitted.value();
  s.L = L.value();
  s.Lq = Lq.value();
  for (std::size_t n = c; n < s.K; ++n) {
    s.q.push_back((Nd - static_cast<double>(n)) * s.p[n] / s.admitted);
  }
  return s;
}

}  // namespace

WaitingTime mmcn_waiting_time(double lambda, double mu, std::uint32_t c, std::uint64_t population,
                              std::optional<std::uint64_t> capacity) {
  Solved s = solve(lambda, mu, c, population, capacity);
  const double lambda_eff = lambda * s.admitted;
  const double wq = s.Lq / lambda_eff;
  return detail::erlang_mixture_waiting_time(mu, c, std::move(s.q), wq, s.L / lambda_eff);
}

AnalyticResult mmcn(double lambda, double mu, std::uint32_t c, std::uint64_t population,
                    std::optional<std::uint64_t> capacity, const QueryOptions& options) {
  detail::validate_options(options);
  Solved s = solve(lambda, mu, c, population, capacity);
  const bool bounded = s.K < population;
  AnalyticResult r;
  r.model = bounded ? "M/M/c/K/N" : "M/M/c//N";
  const double cd = static_cast<double>(c);
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", cd);
  r.add_param("capacity", bounded ? static_cast<double>(s.K) : unbounded);
  r.add_param("population", static_cast<double>(population));

  const double lambda_eff = lambda * s.admitted;
  detail::CompensatedSum waiting;
  for (double qm : s.q) waiting.add(qm);
  detail::CoreMetrics m;
  m.utilization = lambda_eff / (cd * mu);
  m.L = s.L;
  m.Lq = s.Lq;
  m.W = s.L / lambda_eff;
  m.Wq = s.Lq / lambda_eff;
  m.throughput = lambda_eff;
  m.p_wait = waiting.value();
  if (bounded) {
    m.p_block =
        (static_cast<double>(population) - static_cast<double>(s.K)) * s.p[s.K] / s.attempts;
  }
  m.busy_servers = lambda_eff / mu;
  detail::set_core_metrics(r, m);
  detail::add_distribution_metrics(
      r, detail::erlang_mixture_waiting_time(mu, c, std::move(s.q), m.Wq, m.W), options);
  r.notes.push_back(fmt::format(
      "finite source: lambda = {} is the request rate of one idle source; on average {:.6g} of "
      "the {} sources are outside the station",
      lambda, static_cast<double>(population) - s.L, population));
  return r;
}

}  // namespace kendall::model
