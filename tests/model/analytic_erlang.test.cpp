// Erlang B / Erlang C primitives against published tables and an independent long-double
// direct summation, over the whole numerics range (up to c = 10000 servers).
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("Erlang B: small cases in closed form", "[analytic][erlang]") {
  CHECK(erlang_b(0, 3.0) == 1.0);
  CHECK_THAT(erlang_b(1, 1.0), WithinRel(0.5, 1e-15));
  CHECK_THAT(erlang_b(2, 1.0), WithinRel(0.2, 1e-15));         // (1/2)/(1 + 1 + 1/2)
  CHECK_THAT(erlang_b(3, 2.0), WithinRel(4.0 / 19.0, 1e-15));  // (8/6)/(1 + 2 + 2 + 8/6)
  CHECK(erlang_b(5, 0.0) == 0.0);
}

TEST_CASE("Erlang B: published traffic tables", "[analytic][erlang]") {
  // Offered traffic (Erlang) that c trunks carry at a given blocking probability, from the
  // standard Erlang B table (e.g. Collins, *Carrier Grade Voice over IP*, 2nd ed., 2003,
  // Appendix A "Table of Erlang B", printed to 0.1 Erlang; the 3-decimal values are the
  // usual published Erlang B table entries). Each entry is a rounded root of B(c, a) =
  // target, so B must cross the target within half a unit of the last printed digit.
  struct Row {
    std::uint32_t c;
    double target;
    double a;
    double half_unit;
  };
  const Row rows[] = {
      {5, 0.01, 1.4, 0.05},
      {5, 0.02, 1.7, 0.05},
      {5, 0.05, 2.2, 0.05},
      {10, 0.01, 4.461, 0.0005},
      {10, 0.02, 5.084, 0.0005},
      {10, 0.05, 6.216, 0.0005},
      {20, 0.01, 12.031, 0.0005},
      {50, 0.01, 37.901, 0.0005},
      {100, 0.01, 84.064, 0.0005},
      // erlang.com calculator manual, "How much traffic can a trunk group handle?":
      // 15 lines engineered for 1% blocking carry 8.108 Erlang.
      {15, 0.01, 8.108, 0.0005},
  };
  for (const auto& row : rows) {
    INFO("c = " << row.c << ", target " << row.target << ", table a = " << row.a);
    CHECK(erlang_b(row.c, row.a - row.half_unit) < row.target);
    CHECK(erlang_b(row.c, row.a + row.half_unit) > row.target);
  }
}

TEST_CASE("Erlang B and C match long-double direct summation to 1e-12", "[analytic][erlang]") {
  const std::uint32_t c = GENERATE(1u, 2u, 7u, 50u, 333u, 1000u);
  const double load = GENERATE(0.01, 0.3, 0.7, 0.95, 0.999);
  const double a = load * c;
  INFO("c = " << c << ", a = " << a);
  CHECK_THAT(erlang_b(c, a), WithinRel(kendall::test::erlang_b_direct(c, a), 1e-12));
  CHECK_THAT(erlang_c(c, a), WithinRel(kendall::test::erlang_c_direct(c, a), 1e-12));
  CHECK_THAT(erlang_c(c, a * 2.0, 2.0), WithinRel(erlang_c(c, a), 1e-13));
  CHECK_THAT(std::exp(log_erlang_b(c, a)), WithinRel(erlang_b(c, a), 1e-12));
  // Erlang C ≥ Erlang B, with equality only in the limit of light load.
  CHECK(erlang_c(c, a) >= erlang_b(c, a));
}

TEST_CASE("Erlang B/C at the numerics extremes", "[analytic][erlang][extreme]") {
  // c = 10,000 servers at 9,999 Erlang (ρ = 0.9999): no overflow, matches direct summation.
  const double b = erlang_b(10000, 9999.0);
  const double c = erlang_c(10000, 9999.0);
  REQUIRE(std::isfinite(b));
  REQUIRE(std::isfinite(c));
  CHECK_THAT(b, WithinRel(kendall::test::erlang_b_direct(10000, 9999.0L), 1e-11));
  CHECK_THAT(c, WithinRel(kendall::test::erlang_c_direct(10000, 9999.0L), 1e-11));
  CHECK(c > 0.9);  // just below saturation almost everybody waits
  CHECK(c < 1.0);
  // ρ = 1 − 1e-9 with c = 100: 1 − ρ is carried exactly by the rate form.
  const double lambda = 100.0 * (1.0 - 1e-9);
  const double via_rates = erlang_c(100, lambda, 1.0);
  CHECK(via_rates < 1.0);
  CHECK_THAT(via_rates, WithinRel(kendall::test::erlang_c_direct(100, lambda), 1e-9));
  // ρ = 1e-6: tiny but exact probabilities, no underflow to 0 for moderate c.
  CHECK_THAT(erlang_c(3, 3e-6), WithinRel(kendall::test::erlang_c_direct(3, 3e-6L), 1e-12));
  CHECK(erlang_c(3, 3e-6) > 0.0);
  // Deep underflow: log_erlang_b keeps going where the probability itself cannot.
  const double lb = log_erlang_b(10000, 1.0);
  CHECK(std::isfinite(lb));
  // At a = 1: B = (1/c!) / Σ_{k≤c} 1/k! = 1/(c! e) to double precision.
  CHECK_THAT(lb, WithinRel(-std::lgamma(10001.0) - 1.0, 1e-12));
}

TEST_CASE("Erlang functions reject invalid input", "[analytic][erlang]") {
  CHECK_THROWS_AS(erlang_b(3, -1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(erlang_b(3, std::nan("")), kendall::InvalidParameter);
  CHECK_THROWS_AS(erlang_b(3, std::numeric_limits<double>::infinity()), kendall::InvalidParameter);
  CHECK_THROWS_AS(erlang_c(0, 0.5), kendall::InvalidParameter);
  CHECK_THROWS_WITH(erlang_c(4, 4.0), Catch::Contains("a < c"));
  CHECK_THROWS_AS(erlang_c(4, 5.0, 1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(erlang_c(4, 1.0, 0.0), kendall::InvalidParameter);
}
