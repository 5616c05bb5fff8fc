#pragma once
/// \file
/// The statistics of the validation itself: the exact binomial test and intervals for a
/// coverage proportion, and the tolerance implied by a printed number. Written here (not taken
/// from model/ or sim/) so that the referee does not share code with what it judges — except
/// the standard normal quantile, an elementary function that both this library's tests and
/// sim's pin to published reference values, so one implementation serves both.

#include <cstdint>
#include <string_view>
#include <vector>

#include "kendall/sim/experiment/normal_distribution.hpp"

namespace kendall::validation {

/// A proportion's confidence interval.
struct ProportionInterval {
  double low = 0.0;
  double high = 1.0;
};

/// P(X = k) for X ~ Binomial(n, p), in log space (lgamma), 0 ≤ p ≤ 1.
[[nodiscard]] double binomial_probability(std::uint64_t k, std::uint64_t n, double p);

/// Exact two-sided binomial test of H0: success probability = p0, having seen k successes in n
/// trials. p-value = Σ P(X = j) over every j with P(X = j) ≤ P(X = k) (the "minimum
/// likelihood" method of R's binom.test; Clopper & Pearson 1934, Hollander & Wolfe), with a
/// relative slack of 1e-7 for ties, capped at 1. Throws InvalidParameter unless k ≤ n, n ≥ 1
/// and 0 < p0 < 1.
[[nodiscard]] double binomial_test_two_sided(std::uint64_t k, std::uint64_t n, double p0);

/// Clopper–Pearson ("exact") interval for the success probability at `confidence`:
/// low solves P(X ≥ k | p) = α/2 (0 when k = 0), high solves P(X ≤ k | p) = α/2 (1 when
/// k = n), α = 1 − confidence; found by bisection to 1e-12.
[[nodiscard]] ProportionInterval clopper_pearson(std::uint64_t k, std::uint64_t n,
                                                 double confidence);

/// Wilson score interval (Wilson 1927) at `confidence`.
[[nodiscard]] ProportionInterval wilson(std::uint64_t k, std::uint64_t n, double confidence);

/// Holm's step-down procedure (Holm, Scand. J. Statistics 6, 1979) at family-wise level α:
/// with the p-values sorted ascending, reject p_(k) while p_(k) ≤ α / (m − k + 1) and stop at
/// the first that is not. Returns, in the input order, which hypotheses are rejected.
[[nodiscard]] std::vector<bool> holm_rejections(const std::vector<double>& p_values, double alpha);

/// Standard normal quantile: the experiment layer's (accurate to about 1e-15), so that the
/// referee and the simulator use one implementation.
using sim::normal_quantile;

/// Half a unit in the last printed digit of a number as written: "8.108" → 0.0005,
/// "56.016" → 0.0005, "0.4" → 0.05, "12" → 0.5, "1.25e-3" → 0.000005, "24.1%" → 0.0005 (the
/// percentage as a fraction). Throws InvalidParameter when `text` is not a number.
[[nodiscard]] double half_unit_in_last_digit(std::string_view text);

/// The value of a printed number ("24.1%" → 0.241). Throws InvalidParameter when malformed.
[[nodiscard]] double parse_printed_number(std::string_view text);

}  // namespace kendall::validation
