#pragma once
/// \file
/// Erlang B and Erlang C, the building blocks of every multi-server Markovian formula,
/// computed so that c = 10,000 servers at 9,999 Erlang neither overflows nor cancels.
/// See docs/models.md, section "Numerics".

#include <cstdint>

namespace kendall::model {

/// Erlang B (loss) probability B(c, a): the probability that an arrival to an M/M/c/c (or
/// M/G/c/c) system finds all c servers busy, for offered load a = λ/μ Erlang.
///
/// Computed by the stable recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1))
/// (Jagerman, "Some properties of the Erlang loss function", Bell Syst. Tech. J. 53, 1974;
/// Gross, Shortle, Thompson & Harris, *Fundamentals of Queueing Theory*, 4th ed., 2008,
/// ch. 2, Erlang's loss formula). Each step damps the relative error of the previous one, so the
/// result is accurate to a few ulps for any c; O(c) time. Results below ~1e-308 underflow to zero
/// (use log_erlang_b for those).
/// \param c servers (c = 0 gives 1)
/// \param a offered load in Erlang, finite and ≥ 0
/// \throws InvalidParameter when a is negative, NaN or infinite.
[[nodiscard]] double erlang_b(std::uint32_t c, double a);

/// Natural logarithm of Erlang B, never underflowing: the recursion above applied to
/// 1/B(k) = 1 + (k/a)·(1/B(k−1)) in log space with log1p. For a = 0 returns −∞ (c ≥ 1).
[[nodiscard]] double log_erlang_b(std::uint32_t c, double a);

/// Erlang C: probability that an arrival to an M/M/c queue waits, for a = λ/μ < c.
/// C = B / (1 − ρ(1 − B)) = B / ((1 − ρ) + ρB) with ρ = a/c: both terms of the denominator
/// are non-negative, so there is no cancellation (the textbook M/M/c
/// probability of waiting, Gross et al. ch. 2, rewritten through Erlang B).
/// \throws InvalidParameter when a ≥ c (no steady state) or a is not finite and ≥ 0.
[[nodiscard]] double erlang_c(std::uint32_t c, double a);

/// Erlang C from the rates themselves: 1 − ρ is computed as (cμ − λ)/(cμ) with a fused
/// multiply-add, so ρ = 1 − 1e-9 keeps full relative precision in 1 − ρ.
/// \throws InvalidParameter when λ ≥ cμ or a rate is not positive and finite.
[[nodiscard]] double erlang_c(std::uint32_t c, double lambda, double mu);

}  // namespace kendall::model
