#pragma once
/// \file
/// Infinite-capacity Markovian single stations: M/M/1, M/M/c (Erlang C) and M/M/∞.
/// Poisson arrivals at rate λ, exponential service at rate μ per server, FIFO, unlimited
/// waiting room. Formulas: Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing
/// Theory*, 4th ed. (2008), ch. 2 (single-server, multiserver and unlimited-service
/// Markovian queues); Kleinrock, *Queueing Systems* vol. 1 (1975), ch. 3. See docs/models.md.
///
/// All times are in the caller's time unit, rates per that unit. Every function returns the
/// DESIGN.md metric vocabulary; when ρ = λ/(cμ) ≥ 1 the result has `stable == false`,
/// `utilization` = offered ρ (may exceed 1), `throughput` = cμ, `growth_rate` = λ − cμ and
/// no L/Lq/W/Wq. Quantiles of Wq and W (QueryOptions::quantiles, p50/p90/p95/p99 by default)
/// and `service_level` = P(Wq ≤ sla) are exact.
///
/// \throws InvalidParameter for rates that are not positive and finite, c < 1, or invalid
///         options (quantile levels outside (0, 1), negative sla).

#include <cstdint>

#include "kendall/model/analytic/waiting_time.hpp"
#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// M/M/1: L = ρ/(1−ρ), W = 1/(μ−λ), Wq = ρ/(μ−λ), p_wait = ρ; Wq has an atom 1−ρ at 0 and
/// P(Wq > t) = ρ e^{−(μ−λ)t}; W ~ Exponential(μ−λ) (Gross et al. ch. 2).
/// model "M/M/1"; params lambda, mu, servers = 1, capacity = inf.
[[nodiscard]] AnalyticResult mm1(double lambda, double mu, const QueryOptions& options = {});

/// M/M/c with c servers: p_wait = C(c, a) (Erlang C, a = λ/μ), Wq = C/(cμ − λ),
/// Lq = λ Wq, W = Wq + 1/μ, L = λ W; P(Wq > t) = C e^{−(cμ−λ)t} and
/// P(W > t) = (1−C) e^{−μt} + C·P(Exp(cμ−λ) + Exp(μ) > t), evaluated without cancellation
/// also when cμ − λ = μ (Gross et al. ch. 2; Kleinrock vol. 1 ch. 3). Works for c up to at least
/// 10,000 and ρ up to 1 − 1e-9. model "M/M/c"; params lambda, mu, servers, capacity = inf.
[[nodiscard]] AnalyticResult mmc(double lambda, double mu, std::uint32_t c,
                                 const QueryOptions& options = {});

/// M/M/∞ (delay station): the number in system is Poisson(a), L = a = λ/μ, W = 1/μ,
/// no waiting (Wq = Lq = 0, p_wait = 0), W ~ Exponential(μ). Always stable. `utilization`
/// is omitted (per-server busy fraction of infinitely many servers); `busy_servers` = a.
/// model "M/M/inf"; params lambda, mu, servers = inf, capacity = inf.
[[nodiscard]] AnalyticResult mminf(double lambda, double mu, const QueryOptions& options = {});

/// Exact Wq and W distributions of M/M/1. \pre λ < μ (else InvalidParameter).
[[nodiscard]] WaitingTime mm1_waiting_time(double lambda, double mu);
/// Exact Wq and W distributions of M/M/c (FIFO). \pre λ < cμ (else InvalidParameter).
[[nodiscard]] WaitingTime mmc_waiting_time(double lambda, double mu, std::uint32_t c);

}  // namespace kendall::model
