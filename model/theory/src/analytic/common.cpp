#include "common.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/metrics.hpp"

namespace kendall::model::detail {

void require_positive(std::string_view name, double value) {
  if (!(std::isfinite(value) && value > 0.0)) {
    throw InvalidParameter(fmt::format("{} must be a positive finite number, got {}", name, value));
  }
}

void require_non_negative(std::string_view name, double value) {
  if (!(std::isfinite(value) && value >= 0.0)) {
    throw InvalidParameter(fmt::format("{} must be finite and >= 0, got {}", name, value));
  }
}

void require_servers(std::uint64_t c) {
  if (c < 1) throw InvalidParameter("servers must be at least 1, got 0");
}

std::vector<double> quantile_levels(const QueryOptions& options) {
  std::vector<double> levels = options.quantiles;
  if (levels.empty()) levels.assign(std::begin(default_quantiles), std::end(default_quantiles));
  for (double p : levels) {
    if (!(p > 0.0 && p < 1.0)) {
      throw InvalidParameter(fmt::format("quantile level must be in (0, 1), got {}", p));
    }
  }
  return levels;
}

void validate_options(const QueryOptions& options) {
  (void)quantile_levels(options);
  if (options.sla && !(std::isfinite(*options.sla) && *options.sla >= 0.0)) {
    throw InvalidParameter(
        fmt::format("service-level target (sla) must be a finite time >= 0, got {}", *options.sla));
  }
}

void set_core_metrics(AnalyticResult& result, const CoreMetrics& m) {
  Metrics& out = result.metrics;
  out.set(metric::utilization, m.utilization);
  out.set(metric::L, m.L);
  out.set(metric::Lq, m.Lq);
  out.set(metric::W, m.W);
  out.set(metric::Wq, m.Wq);
  out.set(metric::throughput, m.throughput);
  if (m.p_wait) out.set(metric::p_wait, *m.p_wait);
  if (m.p_block) out.set(metric::p_block, *m.p_block);
  if (m.busy_servers) out.set(metric::busy_servers, *m.busy_servers);
}

void set_unstable(AnalyticResult& result, double lambda, double service_capacity,
                  std::optional<double> servers) {
  result.stable = false;
  result.growth_rate = lambda - service_capacity;
  result.metrics.set(metric::utilization, lambda / service_capacity);
  result.metrics.set(metric::throughput, service_capacity);
  if (servers) result.metrics.set(metric::busy_servers, *servers);
  const double rho = lambda / service_capacity;
  if (lambda == service_capacity) {
    result.notes.push_back(fmt::format(
        "unstable: offered load equals service capacity (rho = 1, lambda = {} per time unit); "
        "the queue is null-recurrent and has no steady state, so L, Lq, W and Wq are not "
        "reported; utilization is the offered load",
        lambda));
  } else {
    result.notes.push_back(fmt::format(
        "unstable: arrival rate {} exceeds the service capacity {} (offered utilization rho = "
        "{:.6g} >= 1); the queue grows by about {:.6g} customers per time unit without bound, "
        "so L, Lq, W and Wq are not reported; utilization is the offered load, throughput what "
        "the servers can carry",
        lambda, service_capacity, rho, lambda - service_capacity));
  }
}

void add_distribution_metrics(AnalyticResult& result, const WaitingTime& wt,
                              const QueryOptions& options) {
  const std::vector<double> levels = quantile_levels(options);
  for (double p : levels) result.metrics.set(quantile_name("Wq", p), wt.wait_quantile(p));
  if (wt.has_sojourn()) {
    for (double p : levels) {
      result.metrics.set(quantile_name("W", p), wt.sojourn_quantile(p).value());
    }
  }
  if (options.sla) result.metrics.set(metric::service_level, wt.service_level(*options.sla));
}

double one_minus_exp_over_x(double x) {
  if (x == 0.0) return 1.0;
  return -std::expm1(-x) / x;
}

double hypoexponential2_tail(double a, double b, double t) {
  // P(E_a + E_b > t) = (b e^{-at} − a e^{-bt})/(b − a) = e^{-at}(1 + a t φ((b−a)t)) with
  // φ(x) = (1 − e^{-x})/x, taking a = min(a, b) so the argument of φ is ≥ 0: all terms are
  // positive and nothing overflows.
  const double lo = std::min(a, b);
  const double hi = std::max(a, b);
  return std::exp(-lo * t) * (1.0 + lo * t * one_minus_exp_over_x((hi - lo) * t));
}

std::string format_number(double v) {
  if (std::isinf(v)) return "inf";
  return fmt::format("{}", v);
}

}  // namespace kendall::model::detail
