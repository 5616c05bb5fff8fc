#include "kendall/model/analytic/poisson.hpp"

#include <cmath>
#include <limits>
#include <numbers>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

namespace {

constexpr double log_sqrt_2pi = 0.918938533204672741780329736406;  // log √(2π)

void check_mean(double x) {
  if (!(std::isfinite(x) && x >= 0.0)) {
    throw InvalidParameter(fmt::format("Poisson mean must be finite and >= 0, got {}", x));
  }
}

}  // namespace

double stirling_error(double n) {
  if (n == 0.0) return 0.0;
  if (n <= 15.0) {
    // Small n: the defining expression in extended precision. lgammal is accurate to a few
    // 80-bit ulps and the terms are below 30 in size, so ~1e-17 absolute error remains on a
    // result ≥ 0.005 (this replaces Loader's table of exact values at integers and halves).
    const long double nn = n;
    const long double value = std::lgamma(nn + 1.0L) - (nn + 0.5L) * std::log(nn) + nn -
                              static_cast<long double>(log_sqrt_2pi);
    return static_cast<double>(value);
  }
  // Loader's truncated Stirling series; the number of terms kept grows as n shrinks.
  constexpr double s0 = 1.0 / 12.0;
  constexpr double s1 = 1.0 / 360.0;
  constexpr double s2 = 1.0 / 1260.0;
  constexpr double s3 = 1.0 / 1680.0;
  constexpr double s4 = 1.0 / 1188.0;
  const double nn = n * n;
  if (n > 500) return (s0 - s1 / nn) / n;
  if (n > 80) return (s0 - (s1 - s2 / nn) / nn) / n;
  if (n > 35) return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n;
  return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n;
}

double deviance_term(double k, double x) {
  if (std::fabs(k - x) < 0.1 * (k + x)) {
    // Near k = x the direct form cancels; Loader's series instead:
    // bd0 = (k − x)v + 2k Σ_{j≥1} v^{2j+1}/(2j+1), v = (k − x)/(k + x).
    double v = (k - x) / (k + x);
    double s = (k - x) * v;
    double ej = 2.0 * k * v;
    const double v2 = v * v;
    for (int j = 1; j < 1000; ++j) {
      ej *= v2;
      const double s1 = s + ej / (2 * j + 1);
      if (s1 == s) return s1;
      s = s1;
    }
    return s;
  }
  return k * std::log(k / x) + x - k;
}

double log_poisson_pmf(std::uint64_t k, double x) {
  check_mean(x);
  if (x == 0.0) return k == 0 ? 0.0 : -std::numeric_limits<double>::infinity();
  if (k == 0) return -x;
  const double kd = static_cast<double>(k);
  return -stirling_error(kd) - deviance_term(kd, x) - log_sqrt_2pi - 0.5 * std::log(kd);
}

double poisson_pmf(std::uint64_t k, double x) {
  check_mean(x);
  if (x == 0.0) return k == 0 ? 1.0 : 0.0;
  if (k == 0) return std::exp(-x);
  const double kd = static_cast<double>(k);
  return std::exp(-stirling_error(kd) - deviance_term(kd, x)) /
         std::sqrt(2.0 * std::numbers::pi * kd);
}

double binomial_pmf(std::uint64_t k, std::uint64_t n, double p) {
  if (!(p >= 0.0 && p <= 1.0)) {
    throw InvalidParameter(fmt::format("binomial probability must be in [0, 1], got {}", p));
  }
  return binomial_pmf(k, n, p, 1.0 - p);
}

double binomial_pmf(std::uint64_t k, std::uint64_t n, double p, double q) {
  if (!(p >= 0.0 && p <= 1.0 && q >= 0.0 && q <= 1.0)) {
    throw InvalidParameter(
        fmt::format("binomial probabilities must be in [0, 1], got p = {}, q = {}", p, q));
  }
  if (k > n) return 0.0;
  if (p == 0.0) return k == 0 ? 1.0 : 0.0;
  if (q == 0.0) return k == n ? 1.0 : 0.0;
  const double nd = static_cast<double>(n);
  if (k == 0) {
    if (n == 0) return 1.0;
    const double lc = p < 0.1 ? -deviance_term(nd, nd * q) - nd * p : nd * std::log(q);
    return std::exp(lc);
  }
  if (k == n) {
    const double lc = q < 0.1 ? -deviance_term(nd, nd * p) - nd * q : nd * std::log(p);
    return std::exp(lc);
  }
  const double kd = static_cast<double>(k);
  const double lc = stirling_error(nd) - stirling_error(kd) - stirling_error(nd - kd) -
                    deviance_term(kd, nd * p) - deviance_term(nd - kd, nd * q);
  const double lf = std::log(2.0 * std::numbers::pi) + std::log(kd) + std::log1p(-kd / nd);
  return std::exp(lc - 0.5 * lf);
}

double negative_binomial_pmf(std::uint64_t k, double r, double p, double q) {
  if (!(std::isfinite(r) && r > 0.0)) {
    throw InvalidParameter(fmt::format("negative binomial size r must be positive, got {}", r));
  }
  if (!(p >= 0.0 && p <= 1.0 && q >= 0.0 && q <= 1.0)) {
    throw InvalidParameter(
        fmt::format("negative binomial probabilities must be in [0, 1], got p = {}, q = {}", p, q));
  }
  if (p == 0.0) return 0.0;
  if (q == 0.0) return k == 0 ? 1.0 : 0.0;
  const double kd = static_cast<double>(k);
  const double n = r + kd;
  if (k == 0) {
    // p^r, with the same small-q care as dbinom_raw's x == n case.
    return std::exp(q < 0.1 ? -deviance_term(n, n * p) - n * q : n * std::log(p));
  }
  // r/(r + k) · dbinom_raw(x = r; n = r + k, p, q) with real x (Loader 2000; R's dnbinom).
  const double lc = stirling_error(n) - stirling_error(r) - stirling_error(kd) -
                    deviance_term(r, n * p) - deviance_term(kd, n * q);
  const double lf = std::log(2.0 * std::numbers::pi) + std::log(r) + std::log(kd) - std::log(n);
  return r / n * std::exp(lc - 0.5 * lf);
}

}  // namespace kendall::model
