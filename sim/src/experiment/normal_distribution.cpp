#include "kendall/sim/experiment/normal_distribution.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::sim {

namespace {

constexpr double inv_sqrt2 = 0.70710678118654752440;
constexpr double inv_sqrt_2pi = 0.39894228040143267794;

/// Acklam's rational approximation to the lower-tail quantile for p ≤ ½ (relative error
/// about 1.15e-9); only a starting point for the Newton refinement.
double acklam_lower(double p) {
  constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01, -1.328068155288572e+01};
  constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                          3.754408661907416e+00};
  constexpr double p_low = 0.02425;
  if (p < p_low) {
    const double q = std::sqrt(-2.0 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x * inv_sqrt2); }

double normal_upper_tail(double x) { return 0.5 * std::erfc(x * inv_sqrt2); }

double normal_pdf(double x) { return inv_sqrt_2pi * std::exp(-0.5 * x * x); }

double normal_upper_quantile(double q) {
  if (!(q > 0.0 && q < 1.0)) {
    throw InvalidParameter(fmt::format("normal quantile needs a probability in (0, 1), got {}", q));
  }
  if (q > 0.5) return -normal_upper_quantile(1.0 - q);  // 1 − q is exact here (Sterbenz)
  if (q == 0.5) return 0.0;
  double z = -acklam_lower(q);
  // Newton on g(z) = ln Q(z) − ln q, g'(z) = −φ(z)/Q(z): quadratic convergence, and g is
  // convex so iterates from the left never overshoot; two or three steps reach 1 ulp.
  const double log_q = std::log(q);
  for (int i = 0; i < 50; ++i) {
    const double tail = normal_upper_tail(z);
    const double density = normal_pdf(z);
    if (tail <= 0.0 || density <= 0.0) break;  // beyond double range: keep Acklam's value
    const double step = (std::log(tail) - log_q) * tail / density;
    z += step;
    if (std::abs(step) <= 2.0 * std::numeric_limits<double>::epsilon() * std::max(1.0, z)) break;
  }
  return z;
}

double normal_quantile(double p) {
  if (!(p > 0.0 && p < 1.0)) {
    throw InvalidParameter(fmt::format("normal quantile needs a probability in (0, 1), got {}", p));
  }
  if (p < 0.5) return -normal_upper_quantile(p);
  return normal_upper_quantile(1.0 - p);  // exact for p ≥ ½
}

}  // namespace kendall::sim
