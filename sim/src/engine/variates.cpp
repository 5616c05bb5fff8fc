#include "kendall/sim/engine/variates.hpp"

namespace kendall::sim::variate {

double standard_normal(RandomStream& rng) noexcept {
  for (;;) {
    const double u = 2.0 * rng.uniform01() - 1.0;
    const double v = 2.0 * rng.uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s > 0.0 && s < 1.0) return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double standard_gamma(RandomStream& rng, double shape) noexcept {
  if (shape < 1.0) {
    // Marsaglia & Tsang (2000), section 6: Gamma(a) = Gamma(a + 1) · U^(1/a).
    const double g = standard_gamma(rng, shape + 1.0);
    return g * std::pow(rng.uniform_open(), 1.0 / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x = 0.0;
    double v = 0.0;
    do {
      x = standard_normal(rng);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform_open();
    const double x2 = x * x;
    // The squeeze accepts ~98% of candidates without a logarithm.
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double erlang(RandomStream& rng, std::uint32_t k, double mean) noexcept {
  double log_sum = 0.0;
  double product = 1.0;
  for (std::uint32_t i = 0; i < k; ++i) {
    product *= rng.uniform_open();
    // Each factor is ≥ 2^-54, so renormalising below 2^-900 keeps the product normal.
    if (product < 0x1p-900) {
      log_sum += std::log(product);
      product = 1.0;
    }
  }
  log_sum += std::log(product);
  return -log_sum * (mean / static_cast<double>(k));
}

}  // namespace kendall::sim::variate
