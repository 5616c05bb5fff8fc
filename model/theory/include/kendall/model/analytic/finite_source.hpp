#pragma once
/// \file
/// Finite-source (machine-repair, closed single-station) Markovian queue M/M/c//N and its
/// variant with a bound on the station, M/M/c/K/N. N sources each generate a request after an
/// Exponential time with rate λ *while idle* (λ is the rate of ONE idle source, DESIGN.md
/// vocabulary); c servers at rate μ each; at most K customers at the station (K ≤ N; a source
/// that finds K present is turned away and starts a new idle period).
///
/// Stationary distribution: birth–death with λ_n = (N − n)λ, μ_n = min(n, c)μ
/// (Gross, Shortle, Thompson & Harris, 4th ed., 2008, ch. 2, finite-source queues; Kleinrock
/// vol. 1, 1975, ch. 3), computed outward from its mode without overflow for N up to 10^7.
///
/// Metrics: throughput = λ_eff = λ Σ_{n<K} (N − n) p_n (admitted request rate);
/// p_block = P(a request finds K present) = (N − K) p_K / Σ_n (N − n) p_n (arrival theorem:
/// a request sees the station as a time average weighted by N − n); p_wait = P(an admitted
/// request waits); L, Lq time averages; W = L/λ_eff, Wq = Lq/λ_eff (Little); utilization =
/// λ_eff/(cμ); busy_servers = λ_eff/μ. Wq and W distributions (FIFO) are exact mixtures of
/// Erlang distributions with the arrival-epoch probabilities (N − n) p_n / Σ (N − m) p_m.
/// Always stable.
///
/// \throws InvalidParameter for rates that are not positive and finite, c < 1, N < 1,
///         K < c (when K < N), or N > 10^7.

#include <cstdint>
#include <optional>

#include "kendall/model/analytic/waiting_time.hpp"
#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// M/M/c//N (capacity = nullopt or ≥ N) or M/M/c/K/N (capacity K < N).
/// model "M/M/c//N" or "M/M/c/K/N"; params lambda (per idle source), mu, servers,
/// capacity (inf when unbounded), population.
/// c ≥ N is allowed (nobody ever waits; use c = N for "infinitely many servers").
[[nodiscard]] AnalyticResult mmcn(double lambda, double mu, std::uint32_t c,
                                  std::uint64_t population,
                                  std::optional<std::uint64_t> capacity = std::nullopt,
                                  const QueryOptions& options = {});

/// Exact Wq and W distributions of admitted requests (FIFO) in M/M/c//N or M/M/c/K/N.
[[nodiscard]] WaitingTime mmcn_waiting_time(double lambda, double mu, std::uint32_t c,
                                            std::uint64_t population,
                                            std::optional<std::uint64_t> capacity = std::nullopt);

}  // namespace kendall::model
