#pragma once
/// \file
/// The standard normal distribution: CDF, upper tail and quantile, accurate to about 1e-15
/// relative (our own code; the experiment layer needs it for large-ν t quantiles and the
/// initial guesses of the t quantile).

namespace kendall::sim {

/// Φ(x) = P(Z ≤ x), from std::erfc so that both tails keep full relative accuracy.
[[nodiscard]] double normal_cdf(double x);

/// 1 − Φ(x) = P(Z > x), accurate for large x (no 1 − Φ cancellation).
[[nodiscard]] double normal_upper_tail(double x);

/// Standard normal density φ(x).
[[nodiscard]] double normal_pdf(double x);

/// z with P(Z ≤ z) = p, for p ∈ (0, 1). Acklam's rational approximation as the start, then
/// Newton steps on ln P(Z > z) until the change is below 1e-15 relative (reference values:
/// z_0.975 = 1.959963984540054, checked against 30-digit mpmath √2·erfinv(2p − 1)). Throws
/// InvalidParameter outside (0, 1).
[[nodiscard]] double normal_quantile(double p);

/// z with P(Z > z) = q, for q ∈ (0, 1); accurate for tiny q (e.g. q = 1e-300).
[[nodiscard]] double normal_upper_quantile(double q);

}  // namespace kendall::sim
