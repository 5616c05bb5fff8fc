#include "kendall/model/analytic/mg1.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/poisson.hpp"
#include "kendall/model/metrics.hpp"

#include "birth_death.hpp"
#include "common.hpp"
#include "phase_type.hpp"

namespace kendall::model {

namespace {

constexpr std::uint32_t max_phase_type_k = 100;
constexpr std::size_t md1_max_terms = 200'000;

// Parameters plus Pollaczek–Khinchine means; returns false (and marks the result unstable)
// when ρ ≥ 1.
bool pollaczek_khinchine(AnalyticResult& r, double lambda, double mean, double scv) {
  const double mu = 1.0 / mean;
  r.add_param("lambda", lambda);
  r.add_param("mu", mu);
  r.add_param("servers", 1.0);
  r.add_param("capacity", unbounded);
  r.add_param("service_scv", scv);
  const double slack = std::fma(-lambda, mean, 1.0);  // 1 − ρ with one rounding
  if (!(slack > 0.0)) {
    detail::set_unstable(r, lambda, mu, 1.0);
    return false;
  }
  const double rho = lambda * mean;
  detail::CoreMetrics m;
  m.utilization = rho;
  m.Wq = rho * (1.0 + scv) / (2.0 * slack) * mean;
  m.W = m.Wq + mean;
  m.Lq = lambda * m.Wq;
  m.L = lambda * m.W;
  m.throughput = lambda;
  m.p_wait = rho;
  m.busy_servers = rho;
  detail::set_core_metrics(r, m);
  return true;
}

void validate(double lambda, double mean) {
  detail::require_positive("lambda", lambda);
  detail::require_positive("service mean", mean);
}

// ---- M/D/1 -------------------------------------------------------------------------------

// Queue-length distribution of M/D/1, extended on demand (thread-safe).
struct Md1Data {
  double lambda = 0.0;
  double D = 0.0;
  double rho = 0.0;
  std::vector<double> a_bar;  // Ā_k = P(Poisson(ρ) ≥ k), until it underflows
  std::mutex mutex;
  std::vector<double> pi;
  std::vector<double> Q;  // Q[n] = P(N ≤ n)
  detail::CompensatedSum running;

  Md1Data(double lambda_, double D_) : lambda(lambda_), D(D_), rho(lambda_ * D_) {
    std::vector<double> pmf;
    for (std::uint64_t k = 0;; ++k) {
      const double p = poisson_pmf(k, rho);
      if (k > 1 && p < 1e-300) break;
      pmf.push_back(p);
    }
    a_bar.assign(pmf.size(), 0.0);
    detail::CompensatedSum suffix;
    for (std::size_t k = pmf.size(); k > 0; --k) {
      suffix.add(pmf[k - 1]);
      a_bar[k - 1] = suffix.value();
    }
    a_bar[0] = 1.0;
    if (a_bar.size() > 1) a_bar[1] = -std::expm1(-rho);
    pi.push_back(std::fma(-lambda, D, 1.0));  // π_0 = 1 − ρ
    running.add(pi[0]);
    Q.push_back(running.value());
  }

  double abar(std::size_t k) const { return k < a_bar.size() ? a_bar[k] : 0.0; }

  // Q[n], extending π by level crossing: π_j a_0 = π_0 Ā_j + Σ_{i=1}^{j−1} π_i Ā_{j−i+1}.
  double cumulative(std::size_t n) {
    std::lock_guard<std::mutex> lock(mutex);
    const double a0 = std::exp(-rho);
    while (Q.size() <= n) {
      const std::size_t j = pi.size();
      detail::CompensatedSum s;
      s.add(pi[0] * abar(j));
      // Ā vanishes beyond a_bar.size(), so only the last ~a_bar.size() π's contribute.
      const std::size_t first = j + 1 > a_bar.size() ? j + 1 - a_bar.size() : 1;
      for (std::size_t i = std::max<std::size_t>(first, 1); i < j; ++i)
        s.add(pi[i] * abar(j - i + 1));
      pi.push_back(s.value() / a0);
      running.add(pi.back());
      Q.push_back(std::min(1.0, running.value()));
    }
    return Q[n];
  }
};

WaitingTime md1_distribution(double lambda, double D) {
  auto data = std::make_shared<Md1Data>(lambda, D);
  auto wait_tail = [data](double t) {
    const double D = data->D;
    const double kd = std::floor(t / D);
    if (kd + 2.0 > static_cast<double>(md1_max_terms)) {
      throw InvalidParameter(fmt::format(
          "M/D/1 waiting-time distribution at t = {} needs more than {} queue-length terms", t,
          md1_max_terms));
    }
    const auto k = static_cast<std::size_t>(kd);
    const double h = D - (t - kd * D);  // in (0, D]
    const double x = data->lambda * h;  // ≤ ρ < 1: the Poisson weights die out fast
    detail::CompensatedSum cdf;
    for (std::size_t j = 0; j <= k; ++j) {
      const double w = poisson_pmf(j, x);
      if (w == 0.0) break;
      cdf.add(w * data->cumulative(k + 1 - j));
    }
    return std::clamp(1.0 - cdf.value(), 0.0, 1.0);
  };
  const double rho = lambda * D;
  const double wq_mean = rho * D / (2.0 * std::fma(-lambda, D, 1.0));
  auto wait_quantile = [wait_tail, wq_mean](double p) {
    return WaitingTime::quantile(wait_tail, p, wq_mean);
  };
  auto sojourn_tail = [wait_tail, D](double t) { return t < D ? 1.0 : wait_tail(t - D); };
  auto sojourn_quantile = [wait_quantile, D](double p) { return wait_quantile(p) + D; };
  return WaitingTime(wait_tail, wq_mean, sojourn_tail, wq_mean + D, wait_quantile,
                     sojourn_quantile);
}

// ---- phase-type service ------------------------------------------------------------------

detail::PhaseType erlang_phase_type(double mean, std::uint32_t k) {
  const double phase_rate = static_cast<double>(k) / mean;
  detail::PhaseType ph;
  ph.alpha = Eigen::RowVectorXd::Zero(k);
  ph.alpha[0] = 1.0;
  ph.T = Eigen::MatrixXd::Zero(k, k);
  for (std::uint32_t i = 0; i < k; ++i) {
    ph.T(i, i) = -phase_rate;
    if (i + 1 < k) ph.T(i, i + 1) = phase_rate;
  }
  return ph;
}

WaitingTime phase_type_distribution(double lambda, const detail::PhaseType& service, double wq_mean,
                                    double w_mean) {
  const auto dists = detail::mph1_distributions(lambda, service);
  return WaitingTime(detail::PhaseTypeTail(dists.wait), wq_mean,
                     detail::PhaseTypeTail(dists.sojourn), w_mean);
}

void check_k(std::uint32_t k) {
  if (k < 1) throw InvalidParameter("Erlang service needs k >= 1 phases, got 0");
}

}  // namespace

AnalyticResult mg1(double lambda, double service_mean, double service_scv,
                   const QueryOptions& options) {
  validate(lambda, service_mean);
  detail::require_non_negative("service_scv", service_scv);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/G/1";
  if (pollaczek_khinchine(r, lambda, service_mean, service_scv)) {
    if (options.sla || !options.quantiles.empty()) {
      r.notes.push_back(
          "M/G/1 from a mean and an SCV: the waiting-time distribution is not determined by two "
          "moments, so no quantiles or service level are reported (give the service "
          "distribution, or use M/D/1, M/E_k/1, M/M/1)");
    }
  }
  return r;
}

WaitingTime md1_waiting_time(double lambda, double service_time) {
  validate(lambda, service_time);
  if (!(std::fma(-lambda, service_time, 1.0) > 0.0)) {
    throw InvalidParameter(fmt::format(
        "M/D/1 has no steady-state waiting time for rho = lambda*D >= 1 (lambda = {}, D = {})",
        lambda, service_time));
  }
  return md1_distribution(lambda, service_time);
}

AnalyticResult md1(double lambda, double service_time, const QueryOptions& options) {
  validate(lambda, service_time);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/D/1";
  if (!pollaczek_khinchine(r, lambda, service_time, 0.0)) return r;
  const WaitingTime wt = md1_distribution(lambda, service_time);
  AnalyticResult with_distribution = r;
  try {
    detail::add_distribution_metrics(with_distribution, wt, options);
  } catch (const InvalidParameter& e) {
    r.notes.push_back(fmt::format("quantiles and service level omitted: {}", e.what()));
    return r;
  }
  return with_distribution;
}

WaitingTime mek1_waiting_time(double lambda, double service_mean, std::uint32_t k) {
  validate(lambda, service_mean);
  check_k(k);
  if (k > max_phase_type_k) {
    throw InvalidParameter(fmt::format(
        "exact M/E_k/1 waiting-time distributions are available for k <= {}, got k = {}",
        max_phase_type_k, k));
  }
  const double slack = std::fma(-lambda, service_mean, 1.0);
  if (!(slack > 0.0)) {
    throw InvalidParameter(fmt::format(
        "M/E_k/1 has no steady-state waiting time for rho >= 1 (lambda = {}, mean = {})", lambda,
        service_mean));
  }
  const double rho = lambda * service_mean;
  const double wq = rho * (1.0 + 1.0 / k) / (2.0 * slack) * service_mean;
  return phase_type_distribution(lambda, erlang_phase_type(service_mean, k), wq, wq + service_mean);
}

AnalyticResult mek1(double lambda, double service_mean, std::uint32_t k,
                    const QueryOptions& options) {
  validate(lambda, service_mean);
  check_k(k);
  detail::validate_options(options);
  AnalyticResult r;
  r.model = "M/E_k/1";
  const bool stable = pollaczek_khinchine(r, lambda, service_mean, 1.0 / k);
  r.add_param("k", static_cast<double>(k));
  if (!stable) return r;
  if (k <= max_phase_type_k) {
    detail::add_distribution_metrics(r, mek1_waiting_time(lambda, service_mean, k), options);
  } else {
    r.notes.push_back(fmt::format(
        "quantiles omitted: exact phase-type distributions are computed for k <= {}; with "
        "k = {} the M/D/1 quantiles are a close approximation",
        max_phase_type_k, k));
  }
  return r;
}

AnalyticResult mg1(double lambda, const DistributionSpec& service, const QueryOptions& options) {
  validate(service);
  if (const auto* e = std::get_if<dist::Exponential>(&service)) {
    return mm1(lambda, e->rate, options);
  }
  if (const auto* d = std::get_if<dist::Deterministic>(&service)) {
    return md1(lambda, d->value, options);
  }
  if (const auto* e = std::get_if<dist::Erlang>(&service)) {
    return mek1(lambda, e->mean, e->k, options);
  }
  const double service_mean = mean(service);
  const double service_scv = scv(service);
  if (const auto* h = std::get_if<dist::Hyperexponential>(&service)) {
    validate(lambda, service_mean);
    detail::validate_options(options);
    AnalyticResult r;
    r.model = "M/G/1";
    if (!pollaczek_khinchine(r, lambda, service_mean, service_scv)) return r;
    r.notes.push_back(
        fmt::format("service: {} (exact phase-type waiting-time distribution)", describe(service)));
    if (h->rates.size() <= 2 * max_phase_type_k) {
      detail::PhaseType ph;
      const auto n = static_cast<Eigen::Index>(h->rates.size());
      ph.alpha = Eigen::RowVectorXd(n);
      ph.T = Eigen::MatrixXd::Zero(n, n);
      for (Eigen::Index i = 0; i < n; ++i) {
        ph.alpha[i] = h->probabilities[static_cast<std::size_t>(i)];
        ph.T(i, i) = -h->rates[static_cast<std::size_t>(i)];
      }
      const double wq = r.metrics.at(metric::Wq);
      detail::add_distribution_metrics(
          r, phase_type_distribution(lambda, ph, wq, wq + service_mean), options);
    }
    return r;
  }
  AnalyticResult r = mg1(lambda, service_mean, service_scv, options);
  r.notes.insert(r.notes.begin(), fmt::format("service: {}", describe(service)));
  return r;
}

}  // namespace kendall::model
