#pragma once
/// \file
/// Poisson and binomial probabilities with full relative precision, for the mixtures of
/// Erlang distributions behind the exact waiting-time distributions. Catherine Loader's
/// saddle-point method ("Fast and accurate computation of binomial probabilities", 2000; the
/// algorithm of R's dpois/dbinom): pmf = exp(−stirlerr(k) − bd0(k, x)) / √(2πk), where
/// bd0(k, x) = k log(k/x) + x − k is evaluated by a series near k = x. No lgamma
/// subtraction, so k = 10^6 keeps ~15 significant digits.

#include <cstdint>

namespace kendall::model {

/// P(N = k) for N ~ Poisson(x), x ≥ 0 finite. Underflows to 0 only below ~1e-308.
[[nodiscard]] double poisson_pmf(std::uint64_t k, double x);
/// log P(N = k) for N ~ Poisson(x); −∞ when the probability is 0 (x = 0, k > 0).
[[nodiscard]] double log_poisson_pmf(std::uint64_t k, double x);
/// P(X = k) for X ~ Binomial(n, p), 0 ≤ p ≤ 1. Returns 0 for k > n.
[[nodiscard]] double binomial_pmf(std::uint64_t k, std::uint64_t n, double p);
/// As above with q = 1 − p given separately, for p within rounding of 1 (e.g. p = e^{−θt}
/// with q = −expm1(−θt)). \pre p, q ≥ 0 and p + q = 1 up to rounding.
[[nodiscard]] double binomial_pmf(std::uint64_t k, std::uint64_t n, double p, double q);

/// P(G = k) for G ~ NegativeBinomial(r, p): failures before the r-th success with success
/// probability p, r > 0 real (Γ(r + k)/(Γ(r) k!) p^r q^k), q = 1 − p given separately.
/// Loader's form r/(r + k) · dbinom_raw(r; r + k, p, q): no lgamma differences, so r = 1e9 keeps
/// full precision.
[[nodiscard]] double negative_binomial_pmf(std::uint64_t k, double r, double p, double q);

/// Loader's stirlerr(n) = log Γ(n + 1) − log(√(2πn) (n/e)^n) for real n > 0 (0 for n = 0).
[[nodiscard]] double stirling_error(double n);
/// Loader's bd0(k, x) = k log(k/x) + x − k ≥ 0 without cancellation, for k, x > 0.
[[nodiscard]] double deviance_term(double k, double x);

}  // namespace kendall::model
