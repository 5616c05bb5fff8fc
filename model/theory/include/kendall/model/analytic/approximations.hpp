#pragma once
/// \file
/// Two-moment approximations for queues whose arrivals or service are not Markovian. Every
/// result carries method = "approximation (Kingman)" or "approximation (Allen-Cunneen)";
/// no waiting-time quantiles are reported (two moments do not determine the distribution).
///
/// Kingman (G/G/1; Kingman, "The single server queue in heavy traffic", Proc. Camb. Phil.
/// Soc. 57, 1961; Gross, Shortle, Thompson & Harris, 4th ed., 2008, ch. 7): Wq ≈ ρ/(1 − ρ) · (ca² +
/// cs²)/2 · 1/μ. Exact for M/G/1 (ca² = 1, where it is Pollaczek–Khinchine) and hence for M/M/1; a
/// heavy-traffic limit (ρ → 1) in general, with relative errors of tens of percent at moderate load
/// when ca² ≠ 1.
///
/// Allen–Cunneen (G/G/c; Allen, *Probability, Statistics, and Queueing Theory with Computer
/// Science Applications*, 2nd ed., 1990; also Bolch, Greiner, de Meer & Trivedi, *Queueing
/// Networks and Markov Chains*, 2nd ed., 2006, GI/G/m approximations): Wq ≈ C(c, a)/(cμ − λ) · (ca²
/// + cs²)/2, with C the Erlang C probability. Exact for M/M/c (ca² = cs² = 1) and for c = 1 equal
/// to Kingman; errors of typically under 10–20% otherwise (Allen reports a few percent for moderate
/// variability). M/G/c is Allen–Cunneen with ca² = 1.
///
/// Metrics: utilization = λ/(cμ), Wq, W = Wq + 1/μ, Lq = λWq, L = λW, throughput = λ,
/// busy_servers = λ/μ; p_wait ≈ C(c, a) only for Poisson arrivals (ca² = 1), where it is
/// exact for c = 1 (= ρ) and the usual approximation otherwise. ρ ≥ 1 → unstable result.
///
/// \throws InvalidParameter for non-positive rates, c < 1, negative SCVs.

#include <cstdint>

#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// G/G/1 by Kingman. model "G/G/1"; params lambda, mu, servers = 1, capacity = inf,
/// arrival_scv, service_scv.
[[nodiscard]] AnalyticResult gg1_kingman(double lambda, double mu, double arrival_scv,
                                         double service_scv, const QueryOptions& options = {});

/// G/G/c by Allen–Cunneen. model "G/G/c"; params lambda, mu, servers, capacity = inf,
/// arrival_scv, service_scv.
[[nodiscard]] AnalyticResult ggc_allen_cunneen(double lambda, double mu, std::uint32_t c,
                                               double arrival_scv, double service_scv,
                                               const QueryOptions& options = {});

/// M/G/c by Allen–Cunneen with ca² = 1. model "M/G/c"; params lambda, mu, servers,
/// capacity = inf, service_scv.
[[nodiscard]] AnalyticResult mgc_allen_cunneen(double lambda, double mu, std::uint32_t c,
                                               double service_scv,
                                               const QueryOptions& options = {});

/// M/G/∞ (exact, insensitive): the number in system is Poisson(λ/μ) for any service
/// distribution with mean 1/μ; L = λ/μ, W = 1/μ, nobody waits. W quantiles are not reported
/// (they depend on the service distribution). model "M/G/inf".
[[nodiscard]] AnalyticResult mginf(double lambda, double mu, const QueryOptions& options = {});

}  // namespace kendall::model
