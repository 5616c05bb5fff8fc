#include "kendall/model/analytic/markovian.hpp"

#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/metrics.hpp"

#include "common.hpp"

namespace kendall::model {

namespace {

void add_params(AnalyticResult& r, double lambda, double mu, double servers) {
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", servers);
  r.add_param("capacity", unbounded);
}

// Exact M/M/c waiting/sojourn distribution from the probability of waiting C and the
// decay rate of the conditional wait, δ = cμ − λ.
WaitingTime mmc_distribution(double mu, double p_wait, double delta) {
  auto wait_tail = [p_wait, delta](double t) { return p_wait * std::exp(-delta * t); };
  auto wait_quantile = [p_wait, delta](double p) {
    // Atom 1 − C at zero; above it the conditional wait is Exponential(δ).
    if (p <= 1.0 - p_wait) return 0.0;
    return (std::log(p_wait) - std::log1p(-p)) / delta;
  };
  auto sojourn_tail = [mu, p_wait, delta](double t) {
    return (1.0 - p_wait) * std::exp(-mu * t) +
           p_wait * detail::hypoexponential2_tail(delta, mu, t);
  };
  const double wq_mean = p_wait / delta;
  return WaitingTime(wait_tail, wq_mean, sojourn_tail, wq_mean + 1.0 / mu, wait_quantile);
}

}  // namespace

WaitingTime mm1_waiting_time(double lambda, double mu) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  const double delta = mu - lambda;
  if (!(delta > 0.0)) {
    throw InvalidParameter(fmt::format(
        "M/M/1 has no steady-state waiting time for lambda >= mu (lambda = {}, mu = {})", lambda,
        mu));
  }
  const double rho = lambda / mu;
  auto wait_tail = [rho, delta](double t) { return rho * std::exp(-delta * t); };
  auto wait_quantile = [rho, delta](double p) {
    if (p <= 1.0 - rho) return 0.0;
    return (std::log(rho) - std::log1p(-p)) / delta;
  };
  // W is exponential with rate μ − λ (Gross et al. 4th ed. ch. 2).
  auto sojourn_tail = [delta](double t) { return std::exp(-delta * t); };
  auto sojourn_quantile = [delta](double p) { return -std::log1p(-p) / delta; };
  return WaitingTime(wait_tail, rho / delta, sojourn_tail, 1.0 / delta, wait_quantile,
                     sojourn_quantile);
}

WaitingTime mmc_waiting_time(double lambda, double mu, std::uint32_t c) {
  const double p_wait = erlang_c(c, lambda, mu);  // validates and checks stability
  const double delta = std::fma(static_cast<double>(c), mu, -lambda);
  return mmc_distribution(mu, p_wait, delta);
}

AnalyticResult mm1(double lambda, double mu, const QueryOptions& options) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/M/1";
  add_params(r, lambda, mu, 1.0);
  const double delta = mu - lambda;  // exact (Sterbenz) whenever ρ is in [1/2, 2]
  if (!(delta > 0.0)) {
    detail::set_unstable(r, lambda, mu, 1.0);
    return r;
  }
  const double rho = lambda / mu;
  detail::CoreMetrics m;
  m.utilization = rho;
  m.W = 1.0 / delta;
  m.Wq = rho / delta;
  m.L = lambda / delta;
  m.Lq = rho * lambda / delta;
  m.throughput = lambda;
  m.p_wait = rho;
  m.busy_servers = rho;
  detail::set_core_metrics(r, m);
  detail::add_distribution_metrics(r, mm1_waiting_time(lambda, mu), options);
  return r;
}

AnalyticResult mmc(double lambda, double mu, std::uint32_t c, const QueryOptions& options) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::require_servers(c);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/M/c";
  const double cd = static_cast<double>(c);
  add_params(r, lambda, mu, cd);
  const double delta = std::fma(cd, mu, -lambda);  // cμ − λ, one rounding
  if (!(delta > 0.0)) {
    detail::set_unstable(r, lambda, cd * mu, cd);
    return r;
  }
  const double p_wait = erlang_c(c, lambda, mu);
  const double a = lambda / mu;
  detail::CoreMetrics m;
  m.utilization = lambda / (cd * mu);
  m.Wq = p_wait / delta;
  m.W = m.Wq + 1.0 / mu;
  m.Lq = lambda * m.Wq;
  m.L = m.Lq + a;
  m.throughput = lambda;
  m.p_wait = p_wait;
  m.busy_servers = a;
  detail::set_core_metrics(r, m);
  detail::add_distribution_metrics(r, mmc_distribution(mu, p_wait, delta), options);
  return r;
}

AnalyticResult mminf(double lambda, double mu, const QueryOptions& options) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/M/inf";
  add_params(r, lambda, mu, unbounded);
  const double a = lambda / mu;
  Metrics& out = r.metrics;
  out.set(metric::L, a);
  out.set(metric::Lq, 0.0);
  out.set(metric::W, 1.0 / mu);
  out.set(metric::Wq, 0.0);
  out.set(metric::throughput, lambda);
  out.set(metric::p_wait, 0.0);
  out.set(metric::busy_servers, a);
  // Nobody waits; the sojourn time is the service time, Exponential(μ).
  auto wait_tail = [](double) { return 0.0; };
  auto sojourn_tail = [mu](double t) { return std::exp(-mu * t); };
  auto sojourn_quantile = [mu](double p) { return -std::log1p(-p) / mu; };
  detail::add_distribution_metrics(
      r, WaitingTime(wait_tail, 1.0 / mu, sojourn_tail, 1.0 / mu, std::nullopt, sojourn_quantile),
      options);
  r.notes.push_back(
      "infinite-server (delay) station: utilization per server is not defined; busy_servers is "
      "the mean number of customers in service (Poisson distributed)");
  return r;
}

}  // namespace kendall::model
