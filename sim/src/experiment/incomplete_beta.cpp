#include "kendall/sim/experiment/incomplete_beta.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::sim::detail {

namespace {

constexpr double stirling_threshold = 12.0;

/// δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], the Stirling remainder (A&S 6.1.40), for
/// x ≥ 12: the terms beyond x^-13 are below 1e-17.
double stirling_remainder(double x) {
  const double r = 1.0 / x;
  const double r2 = r * r;
  // Coefficients B_2k / (2k (2k − 1)), k = 1..7.
  constexpr double c1 = 1.0 / 12.0;
  constexpr double c2 = -1.0 / 360.0;
  constexpr double c3 = 1.0 / 1260.0;
  constexpr double c4 = -1.0 / 1680.0;
  constexpr double c5 = 1.0 / 1188.0;
  constexpr double c6 = -691.0 / 360360.0;
  constexpr double c7 = 1.0 / 156.0;
  return r * (c1 + r2 * (c2 + r2 * (c3 + r2 * (c4 + r2 * (c5 + r2 * (c6 + r2 * c7))))));
}

constexpr double half_log_two_pi = 0.91893853320467274178;  // ½ ln 2π

double log_gamma_stirling(double x) {
  return (x - 0.5) * std::log(x) - x + half_log_two_pi + stirling_remainder(x);
}

/// ln Γ(big) − ln Γ(big + small) for big ≥ 12, without cancellation:
/// −(big − ½) ln(1 + small/big) − small ln(big + small) + small + δ(big) − δ(big + small).
double log_gamma_ratio_large(double big, double small) {
  return -(big - 0.5) * std::log1p(small / big) - small * std::log(big + small) + small +
         stirling_remainder(big) - stirling_remainder(big + small);
}

/// Continued fraction of I_x(a, b) (A&S 26.5.8) by the modified Lentz method; converges fast
/// for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double x, double a, double b) {
  constexpr double tiny = 1e-300;
  constexpr double eps = std::numeric_limits<double>::epsilon();
  // Convergence takes O(sqrt(max(a, b))) terms near the switch point; this cap is far above
  // what any ν up to the Cornish–Fisher switch in student_t.cpp needs.
  constexpr int max_terms = 200000;
  const double qab = a + b;
  const double qap = a + 1.0;
  const double qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::abs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= max_terms; ++m) {
    const double dm = m;
    const double m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::abs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::abs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::abs(del - 1.0) <= eps) return h;
  }
  throw Error(fmt::format(
      "incomplete beta continued fraction did not converge for x={}, a={}, b={}", x, a, b));
}

/// ln x from whichever of x and y = 1 − x is accurate: near x = 1 the rounding of x itself
/// would cost digits (ν = 1e5 multiplies ln x by 5e4), so take log1p(−y) there.
double log_of(double x, double y) { return x < 0.5 ? std::log(x) : std::log1p(-y); }

/// x^a y^b / (a B(a, b)), the prefactor of the continued fraction, in log space.
double prefactor(double x, double y, double a, double b) {
  return std::exp(a * log_of(x, y) + b * log_of(y, x) - log_beta(a, b)) / a;
}

}  // namespace

double log_gamma(double x) {
  if (!(x > 0.0) || !std::isfinite(x)) {
    throw InvalidParameter(fmt::format("log_gamma needs a finite x > 0, got {}", x));
  }
  if (x >= stirling_threshold) return log_gamma_stirling(x);
  // Shift up by the recurrence; the product stays below 12! ≈ 5e8 for x ≥ 1 and only grows
  // like 1/x for tiny x, so it never overflows.
  double product = 1.0;
  double shifted = x;
  while (shifted < stirling_threshold) {
    product *= shifted;
    shifted += 1.0;
  }
  return log_gamma_stirling(shifted) - std::log(product);
}

double log_beta(double a, double b) {
  if (!(a > 0.0) || !(b > 0.0) || !std::isfinite(a) || !std::isfinite(b)) {
    throw InvalidParameter(fmt::format("log_beta needs finite a, b > 0, got a={}, b={}", a, b));
  }
  const double big = std::max(a, b);
  const double small = std::min(a, b);
  if (big >= stirling_threshold) return log_gamma(small) + log_gamma_ratio_large(big, small);
  return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

IncompleteBeta incomplete_beta(double x, double y, double a, double b) {
  if (!(a > 0.0) || !(b > 0.0) || !std::isfinite(a) || !std::isfinite(b)) {
    throw InvalidParameter(
        fmt::format("incomplete beta needs finite a, b > 0, got a={}, b={}", a, b));
  }
  if (!(x >= 0.0 && x <= 1.0) || !(y >= 0.0 && y <= 1.0) || std::abs(x + y - 1.0) > 1e-15) {
    throw InvalidParameter(
        fmt::format("incomplete beta needs x in [0, 1] and y = 1 - x, got x={}, y={}", x, y));
  }
  if (x == 0.0) return {0.0, 1.0};
  if (y == 0.0) return {1.0, 0.0};
  if (x < (a + 1.0) / (a + b + 2.0)) {
    const double value = prefactor(x, y, a, b) * beta_continued_fraction(x, a, b);
    return {value, 1.0 - value};
  }
  const double complement = prefactor(y, x, b, a) * beta_continued_fraction(y, b, a);
  return {1.0 - complement, complement};
}

}  // namespace kendall::sim::detail
