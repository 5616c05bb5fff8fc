#pragma once
// Internal: the FIFO waiting-time distribution of a c-server exponential station seen by an
// admitted customer, as a mixture of Erlang distributions (M/M/c/K, M/M/c//N, M/M/c/K/N).
//
// A customer admitted when n ≥ c others are present waits for m = n − c + 1 service
// completions of the full pool, Erlang(m, cμ). With q_m = P(admitted customer needs m
// completions), m = 1..M, and x = cμt:
//   P(Wq > t) = Σ_k Pois(k; x) Q_k,                Q_k = Σ_{m > k} q_m,
//   P(W  > t) = (1 − P_wait) e^{−μt} + Σ_k Pois(k; x) (Q_k + G_k),
//                                                  G_k = Σ_{m ≤ k} q_m r^{k−m}, r = 1 − 1/c,
// because P(Erlang(m, cμ) + Exp(μ) > t) = P(Pois(x) ≤ m−1) + Σ_{k≥m} Pois(k; x) r^{k−m}
// (integrate the Erlang density against e^{−μ(t−s)}). Every term is non-negative, so the sums
// are free of cancellation for any K; Q and G are precomputed once (O(M)), and each tail
// evaluation only visits the Poisson window around x.

#include <cstdint>
#include <vector>

#include "kendall/model/analytic/waiting_time.hpp"

namespace kendall::model::detail {

/// \param q          q[m−1] = P(an admitted customer waits for m completions), m = 1..M
///                   (their sum is P(wait))
/// \param wq_mean, w_mean  mean wait and sojourn, only used as bracket scales
WaitingTime erlang_mixture_waiting_time(double mu, std::uint32_t c, std::vector<double> q,
                                        double wq_mean, double w_mean);

}  // namespace kendall::model::detail
