// Loader's saddle-point Poisson / binomial probabilities against long-double references.
#include <cmath>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/poisson.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinRel;

namespace {

long double poisson_ref(std::uint64_t k, long double x) {
  return std::exp(static_cast<long double>(k) * std::log(x) - x -
                  std::lgamma(static_cast<long double>(k) + 1.0L));
}

long double binomial_ref(std::uint64_t k, std::uint64_t n, long double p) {
  const auto kk = static_cast<long double>(k);
  const auto nn = static_cast<long double>(n);
  return std::exp(std::lgamma(nn + 1.0L) - std::lgamma(kk + 1.0L) - std::lgamma(nn - kk + 1.0L) +
                  kk * std::log(p) + (nn - kk) * std::log1p(-p));
}

}  // namespace

TEST_CASE("Poisson pmf matches long double over a wide range", "[analytic][poisson]") {
  const double x = GENERATE(1e-6, 0.3, 1.0, 7.5, 120.0, 5000.0);
  for (double f : {0.0, 0.5, 1.0, 1.3, 2.0}) {
    const auto k = static_cast<std::uint64_t>(std::floor(f * x + (f > 0 ? 1 : 0)));
    const long double ref = poisson_ref(k, x);
    if (ref < 1e-300L) continue;
    INFO("k = " << k << ", x = " << x);
    // long double lgamma has ~1e-19 relative error in the log, i.e. absolute error growing
    // with k log k; 1e-11 covers k up to 10^4.
    CHECK_THAT(poisson_pmf(k, x), WithinRel(static_cast<double>(ref), 1e-11));
    CHECK_THAT(log_poisson_pmf(k, x), WithinRel(static_cast<double>(std::log(ref)), 1e-11));
  }
  CHECK(poisson_pmf(0, 0.0) == 1.0);
  CHECK(poisson_pmf(3, 0.0) == 0.0);
  CHECK_THAT(poisson_pmf(0, 2.0), WithinRel(std::exp(-2.0), 1e-15));
}

TEST_CASE("Poisson pmf sums to one at large means", "[analytic][poisson]") {
  const double x = 1.0e6;
  long double sum = 0.0L;
  for (std::uint64_t k = 990'000; k <= 1'010'000; ++k) sum += poisson_pmf(k, x);
  CHECK_THAT(static_cast<double>(sum), WithinRel(1.0, 1e-12));
}

TEST_CASE("binomial pmf matches long double, including p near 1", "[analytic][poisson]") {
  for (std::uint64_t n : {1ull, 10ull, 1000ull, 100000ull}) {
    for (double p : {1e-4, 0.3, 0.5, 0.9}) {
      for (double f : {0.0, 0.25, 0.5, 1.0}) {
        const auto k = static_cast<std::uint64_t>(f * static_cast<double>(n));
        const long double ref = binomial_ref(k, n, p);
        if (ref < 1e-300L) continue;
        INFO("k = " << k << ", n = " << n << ", p = " << p);
        CHECK_THAT(binomial_pmf(k, n, p), WithinRel(static_cast<double>(ref), 1e-11));
      }
    }
  }
  // p = e^{-θt} within rounding of 1: the explicit q keeps the precision.
  const double q = 1e-12;
  const double p = 1.0 - q;
  CHECK_THAT(binomial_pmf(99, 100, p, q), WithinRel(100.0 * q * std::pow(p, 99), 1e-12));
  CHECK(binomial_pmf(5, 4, 0.5) == 0.0);
  CHECK_THROWS_AS(binomial_pmf(1, 2, 1.5), kendall::InvalidParameter);
  CHECK_THROWS_AS(poisson_pmf(1, -1.0), kendall::InvalidParameter);
}

TEST_CASE("negative binomial pmf with real size, including huge sizes", "[analytic][poisson]") {
  auto reference = [](std::uint64_t k, long double r, long double p) {
    const auto kk = static_cast<long double>(k);
    return std::exp(std::lgamma(r + kk) - std::lgamma(r) - std::lgamma(kk + 1.0L) +
                    r * std::log(p) + kk * std::log1p(-p));
  };
  for (double r : {0.3, 1.0, 2.5, 40.0, 3000.0}) {
    for (double p : {0.05, 0.5, 0.97}) {
      for (std::uint64_t k : {0ull, 1ull, 3ull, 50ull, 2000ull}) {
        const long double ref = reference(k, r, p);
        if (ref < 1e-300L) continue;
        INFO("k " << k << " r " << r << " p " << p);
        CHECK_THAT(negative_binomial_pmf(k, r, p, 1.0 - p),
                   WithinRel(static_cast<double>(ref), 1e-11));
      }
    }
  }
  // r = 1e9 (an Erlang-A queue with patience 1e9 times the service time): lgamma differences
  // would lose 7 digits here. Reference: Π_{i<k}(r + i)/k! · e^{r log1p(−q)} q^k, long double.
  const double r = 1e9;
  const double x = 3.7;
  const double q = x / (r + x);
  const double p = 1.0 - q;
  for (std::uint64_t k : {0ull, 2ull, 4ull, 12ull}) {
    long double log_ref = static_cast<long double>(r) * std::log1p(-static_cast<long double>(q)) +
                          k * std::log(static_cast<long double>(q)) - std::lgamma(k + 1.0L);
    for (std::uint64_t i = 0; i < k; ++i) log_ref += std::log(static_cast<long double>(r) + i);
    CHECK_THAT(negative_binomial_pmf(k, r, p, q),
               WithinRel(static_cast<double>(std::exp(log_ref)), 1e-12));
    // ... and it is close to Poisson(x), differing by O(k²/r).
    CHECK_THAT(negative_binomial_pmf(k, r, p, q), WithinRel(poisson_pmf(k, x), 1e-6));
  }
  CHECK(negative_binomial_pmf(0, 2.0, 1.0, 0.0) == 1.0);
  CHECK_THROWS_AS(negative_binomial_pmf(1, 0.0, 0.5, 0.5), kendall::InvalidParameter);
}
