#include "kendall/validation/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::validation {

namespace {

double log_binomial_probability(std::uint64_t k, std::uint64_t n, double p) {
  const double nn = static_cast<double>(n);
  const double kk = static_cast<double>(k);
  const double log_choose =
      std::lgamma(nn + 1.0) - std::lgamma(kk + 1.0) - std::lgamma(nn - kk + 1.0);
  const double a = k == 0 ? 0.0 : kk * std::log(p);
  const double b = k == n ? 0.0 : (nn - kk) * std::log1p(-p);
  return log_choose + a + b;
}

// P(X ≤ k) summed in order of increasing probability is not needed at this size: a plain sum
// of at most n + 1 non-negative terms has relative error ≤ n ulp.
double binomial_cdf(std::uint64_t k, std::uint64_t n, double p) {
  double sum = 0.0;
  for (std::uint64_t j = 0; j <= k; ++j) sum += binomial_probability(j, n, p);
  return std::min(sum, 1.0);
}

double binomial_upper(std::uint64_t k, std::uint64_t n, double p) {
  double sum = 0.0;
  for (std::uint64_t j = k; j <= n; ++j) sum += binomial_probability(j, n, p);
  return std::min(sum, 1.0);
}

void check_counts(std::uint64_t k, std::uint64_t n) {
  if (n == 0 || k > n) {
    throw InvalidParameter(
        fmt::format("binomial counts need 0 ≤ k ≤ n and n ≥ 1, got k = {}, n = {}", k, n));
  }
}

void check_confidence(double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw InvalidParameter(fmt::format("confidence must be in (0, 1), got {}", confidence));
  }
}

// Bisection for the p in [0, 1] where an increasing function of p crosses `target`.
template <class F>
double bisect_increasing(F f, double target) {
  double lo = 0.0;
  double hi = 1.0;
  for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (f(mid) < target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace

double binomial_probability(std::uint64_t k, std::uint64_t n, double p) {
  if (k > n) return 0.0;
  if (!(p >= 0.0 && p <= 1.0))
    throw InvalidParameter(fmt::format("probability must be in [0, 1], got {}", p));
  if (p == 0.0) return k == 0 ? 1.0 : 0.0;
  if (p == 1.0) return k == n ? 1.0 : 0.0;
  return std::exp(log_binomial_probability(k, n, p));
}

double binomial_test_two_sided(std::uint64_t k, std::uint64_t n, double p0) {
  check_counts(k, n);
  if (!(p0 > 0.0 && p0 < 1.0))
    throw InvalidParameter(fmt::format("p0 must be in (0, 1), got {}", p0));
  const double observed = log_binomial_probability(k, n, p0);
  const double threshold = observed + std::log1p(1e-7);
  double sum = 0.0;
  for (std::uint64_t j = 0; j <= n; ++j) {
    const double lp = log_binomial_probability(j, n, p0);
    if (lp <= threshold) sum += std::exp(lp);
  }
  return std::min(sum, 1.0);
}

ProportionInterval clopper_pearson(std::uint64_t k, std::uint64_t n, double confidence) {
  check_counts(k, n);
  check_confidence(confidence);
  const double tail = 0.5 * (1.0 - confidence);
  ProportionInterval out;
  // P(X ≥ k | p) increases with p; P(X ≤ k | p) decreases.
  out.low =
      k == 0 ? 0.0 : bisect_increasing([&](double p) { return binomial_upper(k, n, p); }, tail);
  out.high =
      k == n ? 1.0
             : bisect_increasing([&](double p) { return 1.0 - binomial_cdf(k, n, p); }, 1.0 - tail);
  return out;
}

ProportionInterval wilson(std::uint64_t k, std::uint64_t n, double confidence) {
  check_counts(k, n);
  check_confidence(confidence);
  const double z = normal_quantile(0.5 + 0.5 * confidence);
  const double nn = static_cast<double>(n);
  const double phat = static_cast<double>(k) / nn;
  const double z2n = z * z / nn;
  const double centre = (phat + 0.5 * z2n) / (1.0 + z2n);
  const double half = z * std::sqrt(phat * (1.0 - phat) / nn + 0.25 * z2n / nn) / (1.0 + z2n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::vector<bool> holm_rejections(const std::vector<double>& p_values, double alpha) {
  std::vector<std::size_t> order(p_values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return p_values[a] < p_values[b]; });
  std::vector<bool> rejected(p_values.size(), false);
  const double m = static_cast<double>(p_values.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (!(p_values[order[k]] <= alpha / (m - static_cast<double>(k)))) break;
    rejected[order[k]] = true;
  }
  return rejected;
}

double parse_printed_number(std::string_view text) {
  std::string s(text);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  bool percent = false;
  if (!s.empty() && s.back() == '%') {
    percent = true;
    s.pop_back();
  }
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(s, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (s.empty() || used != s.size() || !std::isfinite(value)) {
    throw InvalidParameter(fmt::format(
        "'{}' is not a printed number — expected e.g. 8.108, 0.0192, 1.5e-3 or 24.1%", text));
  }
  return percent ? value / 100.0 : value;
}

double half_unit_in_last_digit(std::string_view text) {
  (void)parse_printed_number(text);  // validates
  std::string s(text);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(s.begin());
  bool percent = false;
  if (!s.empty() && s.back() == '%') {
    percent = true;
    s.pop_back();
  }
  int exponent = 0;
  const auto e = s.find_first_of("eE");
  std::string mantissa = s;
  if (e != std::string::npos) {
    exponent = std::stoi(s.substr(e + 1));
    mantissa = s.substr(0, e);
  }
  int decimals = 0;
  const auto dot = mantissa.find('.');
  if (dot != std::string::npos) decimals = static_cast<int>(mantissa.size() - dot - 1);
  const double half = 0.5 * std::pow(10.0, exponent - decimals);
  return percent ? half / 100.0 : half;
}

}  // namespace kendall::validation
