#pragma once
/// \file
/// Erlang-A, the M/M/c+M queue: Poisson arrivals (λ), c exponential servers (μ each), FIFO,
/// and exponential patience with mean 1/θ: a waiting customer abandons when its patience
/// runs out before service starts. The model call-centre planners need (Garnett, Mandelbaum
/// & Reiman, "Designing a call center with impatient customers", MSOM 4(3), 2002;
/// Mandelbaum & Zeltyn, "The M/M/n+G queue: summary of performance measures", 2004).
/// Stable for any load (θ > 0).
///
/// Stationary distribution: birth–death with λ_n = λ and μ_n = min(n, c)μ + (n − c)⁺θ,
/// computed outward from its mode and truncated once the remaining tail is below 1e-22 of the
/// largest probability (bounded by the geometric ratio, so the truncation is rigorous).
///
/// Metrics (all arrivals unless said otherwise; V = offered wait, τ = patience, the actual
/// wait is Wq = min(V, τ)):
///  - p_wait = P(V > 0) = P(n ≥ c) (PASTA);
///  - p_abandon = θ Lq / λ (abandonment rate / arrival rate);
///  - throughput = λ(1 − p_abandon) = μ · busy_servers;
///  - Wq = Lq/λ = E[min(V, τ)] (so Little holds over all arrivals), W = L/λ = Wq + P(served)/μ;
///  - Wq_served = E[Wq | served], Wq_abandoned = E[Wq | abandoned]: for an arrival finding
///    n = c + m − 1, V is a sum of exponentials with rates cμ + iθ (i = 0..m−1), so
///    P(served | m) = cμ/(cμ + mθ) (the product telescopes) and
///    E[V; served | m] = cμ/(cμ + mθ) · Σ_{i=1}^{m} 1/(cμ + iθ);
///  - service_level = P(Wq ≤ t) over all arrivals, abandoned or not — Mandelbaum & Zeltyn's
///    P{W ≤ t} for the actual wait W = min(V, τ); it counts a customer who abandoned before t
///    as within t;
///  - Wq_pXX: quantiles of min(V, τ) over all arrivals (atom 1 − p_wait at 0).
/// The tail uses an exact positive-term representation (derived in docs/models.md): for an
/// arrival that is m-th in line, V is a sum of exponentials with rates cμ + iθ, whose
/// Laplace transform Π (cμ + iθ)/(s + cμ + iθ) = B(a + s/θ, m)/B(a, m), a = cμ/θ, is that of
/// −ln(U)/θ with U ~ Beta(a, m). Hence P(V > t | m) = I_{e^{−θt}}(a, m) =
/// P(G ≤ m − 1) for G ~ NegativeBinomial(a, e^{−θt}), and
///   P(Wq > t) = e^{−θt} Σ_j P(G = j) P(an arrival finds n ≥ c + j),
/// a mixture of non-negative terms (the Erlang C tail is its θ → 0 limit, G → Poisson(cμt)).
/// W quantiles are not reported (sojourn mixes served and abandoned customers).
///
/// \throws InvalidParameter for non-positive rates or patience mean, c < 1, or when the
///         truncated chain would need more than 10^7 states (patience far longer than the
///         time it takes the overload to build a queue: use M/M/c if ρ < 1).

#include <cstdint>
#include <string_view>

#include "kendall/model/analytic/waiting_time.hpp"
#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// Erlang-A. model "M/M/c+M"; params lambda, mu, servers, capacity = inf, patience_mean.
[[nodiscard]] AnalyticResult erlang_a(double lambda, double mu, std::uint32_t c,
                                      double patience_mean, const QueryOptions& options = {});

/// Exact distribution of the actual wait min(V, τ) over all arrivals (no sojourn part).
[[nodiscard]] WaitingTime erlang_a_waiting_time(double lambda, double mu, std::uint32_t c,
                                                double patience_mean);

}  // namespace kendall::model
