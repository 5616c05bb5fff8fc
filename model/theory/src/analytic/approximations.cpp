#include "kendall/model/analytic/approximations.hpp"

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/metrics.hpp"

#include "common.hpp"

namespace kendall::model {

namespace {

AnalyticResult two_moment(const char* model, const char* method_label, double lambda, double mu,
                          std::uint32_t c, std::optional<double> arrival_scv, double service_scv,
                          const QueryOptions& options) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::require_servers(c);
  if (arrival_scv) detail::require_non_negative("arrival_scv", *arrival_scv);
  detail::require_non_negative("service_scv", service_scv);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = model;
  r.method = method_label;
  const double cd = static_cast<double>(c);
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", cd);
  r.add_param("capacity", unbounded);
  if (arrival_scv) r.add_param("arrival_scv", *arrival_scv);
  r.add_param("service_scv", service_scv);
  const double ca2 = arrival_scv.value_or(1.0);
  const double slack = std::fma(cd, mu, -lambda);
  if (!(slack > 0.0)) {
    detail::set_unstable(r, lambda, cd * mu, cd);
    return r;
  }
  const double C = erlang_c(c, lambda, mu);
  detail::CoreMetrics m;
  m.utilization = lambda / (cd * mu);
  m.Wq = C / slack * (ca2 + service_scv) / 2.0;
  m.W = m.Wq + 1.0 / mu;
  m.Lq = lambda * m.Wq;
  m.L = lambda * m.W;
  m.throughput = lambda;
  if (ca2 == 1.0) m.p_wait = C;
  m.busy_servers = lambda / mu;
  detail::set_core_metrics(r, m);
  r.notes.push_back(fmt::format(
      "{}: mean waits from two moments (arrival scv {:.6g}, service scv {:.6g}); no waiting-time "
      "quantiles or service level, which depend on the full distributions",
      method_label, ca2, service_scv));
  return r;
}

}  // namespace

AnalyticResult gg1_kingman(double lambda, double mu, double arrival_scv, double service_scv,
                           const QueryOptions& options) {
  return two_moment("G/G/1", method::kingman, lambda, mu, 1, arrival_scv, service_scv, options);
}

AnalyticResult ggc_allen_cunneen(double lambda, double mu, std::uint32_t c, double arrival_scv,
                                 double service_scv, const QueryOptions& options) {
  return two_moment("G/G/c", method::allen_cunneen, lambda, mu, c, arrival_scv, service_scv,
                    options);
}

AnalyticResult mgc_allen_cunneen(double lambda, double mu, std::uint32_t c, double service_scv,
                                 const QueryOptions& options) {
  return two_moment("M/G/c", method::allen_cunneen, lambda, mu, c, std::nullopt, service_scv,
                    options);
}

AnalyticResult mginf(double lambda, double mu, const QueryOptions& options) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("mu", mu);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/G/inf";
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", unbounded);
  r.add_param("capacity", unbounded);
  const double a = lambda / mu;
  r.metrics.set(metric::L, a);
  r.metrics.set(metric::Lq, 0.0);
  r.metrics.set(metric::W, 1.0 / mu);
  r.metrics.set(metric::Wq, 0.0);
  r.metrics.set(metric::throughput, lambda);
  r.metrics.set(metric::p_wait, 0.0);
  r.metrics.set(metric::busy_servers, a);
  for (double p : detail::quantile_levels(options)) r.metrics.set(quantile_name("Wq", p), 0.0);
  if (options.sla) r.metrics.set(metric::service_level, 1.0);
  r.notes.push_back(
      "infinite-server station: the number in system is Poisson(lambda/mu) for any service "
      "distribution (insensitivity); nobody waits; W quantiles depend on the service "
      "distribution and are not reported");
  return r;
}

}  // namespace kendall::model
