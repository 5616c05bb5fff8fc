#pragma once
/// \file
/// Random variates computed by our own code from a RandomStream (STYLE.md guideline 8): the
/// algorithms inside std::*_distribution are not specified by the standard, these are, so the
/// same seed gives the same samples everywhere (up to the last-bit accuracy of std::log, exp,
/// pow, which is the only platform dependence left; sqrt is exact under IEEE 754).
///
/// Each function documents how many numbers it draws from the stream, because the order of
/// draws is part of reproducibility.

#include <cmath>
#include <cstdint>

#include "kendall/sim/engine/random_stream.hpp"

namespace kendall::sim::variate {

/// The exponential of the given mean for the uniform u on (0, 1) (see exponential()).
[[gnu::always_inline]] inline double exponential_of(double u, double mean) noexcept {
  return -std::log(u) * mean;
}

/// Exponential with the given mean, by inversion: −mean · log(U), U uniform on (0, 1).
/// One draw.
[[gnu::always_inline]] inline double exponential(RandomStream& rng, double mean) noexcept {
  return exponential_of(rng.uniform_open(), mean);
}

/// Standard normal by Marsaglia's polar method (G. Marsaglia, T. Bray, SIAM Review 6(3),
/// 1964). Returns one of the pair and discards the other, so the function has no hidden
/// state. Two draws per attempt; the acceptance rate is π/4.
double standard_normal(RandomStream& rng) noexcept;

/// Gamma with shape α > 0 and scale 1 by Marsaglia & Tsang's method (ACM TOMS 26(3), 2000,
/// "A simple method for generating gamma variables"); for α < 1 the boost
/// Gamma(α) = Gamma(α + 1) · U^(1/α) of the same paper (one extra draw).
double standard_gamma(RandomStream& rng, double shape) noexcept;

/// Erlang-k with the given mean: −(mean/k) · log(U_1 ⋯ U_k), the product renormalised to
/// avoid underflow for large k. k draws.
double erlang(RandomStream& rng, std::uint32_t k, double mean) noexcept;

/// Weibull with shape k and scale λ, by inversion: λ (−log U)^(1/k). One draw.
inline double weibull(RandomStream& rng, double shape, double scale) noexcept {
  return scale * std::pow(-std::log(rng.uniform_open()), 1.0 / shape);
}

/// Lognormal exp(μ + σ Z) with Z standard normal (μ, σ of the logarithm).
inline double lognormal(RandomStream& rng, double mu, double sigma) noexcept {
  return std::exp(mu + sigma * standard_normal(rng));
}

/// Uniform on [low, high): low + (high − low) · U. One draw.
inline double uniform(RandomStream& rng, double low, double high) noexcept {
  return low + (high - low) * rng.uniform01();
}

}  // namespace kendall::sim::variate
