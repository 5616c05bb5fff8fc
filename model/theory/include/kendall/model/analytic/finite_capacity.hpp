#pragma once
/// \file
/// Finite-capacity Markovian stations: M/M/c/K (at most K customers in the station, waiting
/// plus in service; arrivals finding K present are lost), with the special cases M/M/1/K and
/// the Erlang loss system M/M/c/c. Always stable.
///
/// Stationary distribution p_n ∝ a^n/n! (n ≤ c), p_c ρ^{n−c} (c < n ≤ K), a = λ/μ, ρ = a/c
/// (Gross, Shortle, Thompson & Harris, 4th ed., 2008, ch. 2, queues with truncation;
/// Kleinrock, *Queueing Systems* vol. 1, 1975, ch. 3; Erlang B for K = c). It is computed as a
/// normalised birth–death chain outward from its mode, so K up to 10^7 (10^5 is instantaneous) at
/// any ρ — including ρ = 1, where the textbook closed forms divide by zero — keeps full precision.
///
/// Metrics: p_block = p_K; throughput = λ_eff = λ(1 − p_K); L = Σ n p_n; Lq = Σ (n−c)⁺ p_n;
/// W = L/λ_eff and Wq = Lq/λ_eff (Little, admitted customers); utilization = λ_eff/(cμ);
/// busy_servers = λ_eff/μ; p_wait = P(an admitted customer waits) = Σ_{c≤n<K} p_n/(1 − p_K).
/// Waiting-time distribution (FIFO, admitted customers): a mixture of Erlang(n−c+1, cμ)
/// with the arrival-epoch probabilities p_n/(1 − p_K) (derivation in
/// docs/models.md), sojourn W = Wq + Exp(μ); quantiles by bisection on the exact CDF.
///
/// \throws InvalidParameter for rates that are not positive and finite, c < 1, K < c, or
///         K > 10^7 (use an infinite capacity instead).

#include <cstdint>

#include "kendall/model/analytic/waiting_time.hpp"
#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// Largest finite capacity K (and population N) the finite-state models accept.
inline constexpr std::uint64_t max_finite_states = 10'000'000;

/// M/M/c/K. model "M/M/c/K"; params lambda, mu, servers, capacity.
[[nodiscard]] AnalyticResult mmck(double lambda, double mu, std::uint32_t c, std::uint64_t K,
                                  const QueryOptions& options = {});

/// M/M/1/K (= mmck with c = 1). model "M/M/1/K"; params lambda, mu, servers = 1, capacity.
[[nodiscard]] AnalyticResult mm1k(double lambda, double mu, std::uint64_t K,
                                  const QueryOptions& options = {});

/// M/M/c/c, the Erlang loss system: p_block = B(c, a) (Erlang B), L = a(1 − B), W = 1/μ,
/// nobody waits. Insensitive: the same numbers hold for M/G/c/c with mean service 1/μ
/// (Gross et al. ch. 2, Erlang's loss formula; the W distribution reported is for exponential
/// service).
/// model "M/M/c/c"; params lambda, mu, servers, capacity = servers.
[[nodiscard]] AnalyticResult mmcc(double lambda, double mu, std::uint32_t c,
                                  const QueryOptions& options = {});

/// Exact Wq and W distributions of admitted customers in M/M/c/K (FIFO).
[[nodiscard]] WaitingTime mmck_waiting_time(double lambda, double mu, std::uint32_t c,
                                            std::uint64_t K);

}  // namespace kendall::model
