#pragma once
/// \file
/// M/G/1 FIFO: Poisson arrivals at rate λ, i.i.d. general service with mean 1/μ and squared
/// coefficient of variation cs², one server, unlimited waiting room.
///
/// Means by Pollaczek–Khinchine (Gross, Shortle, Thompson & Harris, 4th ed., 2008, ch. 5;
/// Kleinrock vol. 1, 1975, ch. 5): Wq = λE[S²]/(2(1−ρ)) = ρ(1 + cs²)/(2(1−ρ)) · 1/μ,
/// W = Wq + 1/μ, Lq = λWq, L = λW, p_wait = ρ (PASTA), utilization = ρ = λ/μ. Exact.
/// With cs² = 1 the numbers equal M/M/1.
///
/// Waiting-time distributions exist only when the service distribution is known, so:
///  - mg1(λ, mean, scv): means only (no quantiles: the first two moments do not determine
///    the distribution of Wq), with a note saying so;
///  - md1: exact P(Wq ≤ t) from the positive-term form (Franx 2001, c = 1)
///    P(Wq ≤ kD + u) = Σ_{j=0}^{k} Pois(j; λ(D−u)) P(N ≤ k+1−j), 0 ≤ u < D, with the M/D/1
///    queue-length distribution from the subtraction-free level-crossing recursion
///    π_j e^{−ρ} = π_0 Ā_j + Σ_{i=1}^{j−1} π_i Ā_{j−i+1}, Ā_k = P(Poisson(ρ) ≥ k) (the scalar
///    case of Ramaswami's stable recursion) — unlike Erlang's alternating sum it does not
///    cancel for large t; W = Wq + D exactly;
///  - mek1 and mg1(λ, DistributionSpec) with exponential, Erlang or hyperexponential service:
///    exact phase-type Wq and W (M/PH/1), evaluated by uniformisation and squaring;
///  - other service distributions: means only.
/// Unstable (ρ ≥ 1): stable = false, utilization = offered ρ, throughput = μ, growth_rate.
///
/// \throws InvalidParameter for non-positive or non-finite rates and means, cs² < 0, k < 1.

#include <cstdint>

#include "kendall/model/analytic/waiting_time.hpp"
#include "kendall/model/analytic_result.hpp"
#include "kendall/model/distribution_spec.hpp"

namespace kendall::model {

/// M/G/1 from the service mean and SCV. model "M/G/1"; params lambda, mu, servers = 1,
/// capacity = inf, service_scv.
[[nodiscard]] AnalyticResult mg1(double lambda, double service_mean, double service_scv,
                                 const QueryOptions& options = {});

/// M/D/1 with constant service time D. model "M/D/1"; params lambda, mu = 1/D, servers,
/// capacity, service_scv = 0. Quantiles need the queue-length distribution up to
/// ~t/D; for ρ so close to 1 that this exceeds 200,000 terms they are omitted with a note.
[[nodiscard]] AnalyticResult md1(double lambda, double service_time,
                                 const QueryOptions& options = {});

/// M/E_k/1: Erlang-k service with the given mean (SCV 1/k). model "M/E_k/1"; params lambda,
/// mu, servers, capacity, service_scv, k. Exact Wq/W quantiles for k ≤ 100 (above, the
/// phase-type matrices get large: means only, with a note).
[[nodiscard]] AnalyticResult mek1(double lambda, double service_mean, std::uint32_t k,
                                  const QueryOptions& options = {});

/// M/G/1 from a scenario's service distribution: exact distributions for exponential
/// (model "M/M/1"), deterministic ("M/D/1"), Erlang ("M/E_k/1") and hyperexponential
/// ("M/G/1", exact phase-type) service; P-K means for all others ("M/G/1").
[[nodiscard]] AnalyticResult mg1(double lambda, const DistributionSpec& service,
                                 const QueryOptions& options = {});

/// Exact Wq and W distributions of M/D/1. \pre λD < 1. Evaluating the tail beyond
/// t = 200,000 D throws InvalidParameter (the queue-length recursion is capped there).
[[nodiscard]] WaitingTime md1_waiting_time(double lambda, double service_time);
/// Exact Wq and W distributions of M/E_k/1. \pre ρ < 1, 1 ≤ k ≤ 100.
[[nodiscard]] WaitingTime mek1_waiting_time(double lambda, double service_mean, std::uint32_t k);

}  // namespace kendall::model
