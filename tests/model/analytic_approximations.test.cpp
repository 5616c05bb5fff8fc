// Kingman and Allen–Cunneen: exactness in the cases where they must be exact (M/M/1, M/M/c,
// M/G/1), labels, no quantiles, instability, and the G/G/1 heavy-traffic sanity check.
#include <cmath>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/approximations.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/mg1.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinRel;

TEST_CASE("G/G/1 with ca2 = cs2 = 1 equals M/M/1", "[analytic][kingman]") {
  const auto g = gg1_kingman(0.8, 1.0, 1.0, 1.0);
  const auto m = mm1(0.8, 1.0);
  CHECK(g.model == "G/G/1");
  CHECK(g.method == "approximation (Kingman)");
  for (const char* n : {"utilization", "L", "Lq", "W", "Wq", "throughput"}) {
    CHECK_THAT(g.metrics.at(n), WithinRel(m.metrics.at(n), 1e-14));
  }
  CHECK_THAT(g.metrics.at("p_wait"), WithinRel(0.8, 1e-15));  // Poisson arrivals: exact ρ
}

TEST_CASE("Kingman with Poisson arrivals is Pollaczek-Khinchine", "[analytic][kingman]") {
  for (double cs2 : {0.0, 0.3, 2.5}) {
    const auto g = gg1_kingman(0.65, 2.0, 1.0, cs2);
    const auto p = mg1(0.65, 0.5, cs2);
    CHECK_THAT(g.metrics.at("Wq"), WithinRel(p.metrics.at("Wq"), 1e-14));
  }
  // Formula check with ca² ≠ 1 (Kingman 1961): Wq ≈ ρ/(1−ρ) · (ca² + cs²)/2 · E[S].
  const auto g = gg1_kingman(0.5, 1.0, 2.0, 0.5);
  CHECK_THAT(g.metrics.at("Wq"), WithinRel(1.0 * 1.25, 1e-14));
  CHECK_FALSE(g.metrics.has("p_wait"));  // not ρ for non-Poisson arrivals
  CHECK_FALSE(g.metrics.has("Wq_p95"));
  CHECK_THAT(g.notes.back(), Catch::Contains("no waiting-time quantiles"));
  // D/D/1: no variability, no waiting.
  CHECK(gg1_kingman(0.9, 1.0, 0.0, 0.0).metrics.at("Wq") == 0.0);
}

TEST_CASE("Allen-Cunneen is exact for M/M/c and reduces to Kingman for c = 1",
          "[analytic][allen_cunneen]") {
  const auto a = ggc_allen_cunneen(3.6, 1.0, 4, 1.0, 1.0);
  const auto m = mmc(3.6, 1.0, 4);
  CHECK(a.model == "G/G/c");
  CHECK(a.method == "approximation (Allen-Cunneen)");
  for (const char* n : {"L", "Lq", "W", "Wq", "p_wait", "utilization"}) {
    CHECK_THAT(a.metrics.at(n), WithinRel(m.metrics.at(n), 1e-14));
  }
  const auto one = ggc_allen_cunneen(0.7, 1.0, 1, 1.5, 0.5);
  const auto k = gg1_kingman(0.7, 1.0, 1.5, 0.5);
  CHECK_THAT(one.metrics.at("Wq"), WithinRel(k.metrics.at("Wq"), 1e-14));
  // The published form: Wq = C(c, a)/(cμ − λ) · (ca² + cs²)/2 (Allen 1990).
  const auto g = ggc_allen_cunneen(7.0, 1.0, 8, 1.5, 0.5);
  CHECK_THAT(g.metrics.at("Wq"), WithinRel(mmc(7.0, 1.0, 8).metrics.at("Wq") * 1.0, 1e-14));
  const auto g2 = ggc_allen_cunneen(7.0, 1.0, 8, 2.0, 1.0);
  CHECK_THAT(g2.metrics.at("Wq"), WithinRel(mmc(7.0, 1.0, 8).metrics.at("Wq") * 1.5, 1e-14));
  CHECK_THAT(g2.metrics.at("L"), WithinRel(7.0 * g2.metrics.at("W"), 1e-14));
}

TEST_CASE("M/G/c is Allen-Cunneen with ca2 = 1", "[analytic][allen_cunneen]") {
  const auto r = mgc_allen_cunneen(7.0, 1.0, 8, 0.0);
  CHECK(r.model == "M/G/c");
  CHECK(r.method == "approximation (Allen-Cunneen)");
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(mmc(7.0, 1.0, 8).metrics.at("Wq") * 0.5, 1e-14));
  CHECK(r.metrics.has("p_wait"));
  REQUIRE(r.params.size() == 5);
  CHECK(r.params[4].first == "service_scv");
}

TEST_CASE("M/G/inf is exact for any service distribution", "[analytic][mginf]") {
  QueryOptions o;
  o.sla = 1.0;
  const auto r = mginf(12.0, 3.0, o);
  CHECK(r.model == "M/G/inf");
  CHECK(r.method == "exact");
  CHECK_THAT(r.metrics.at("L"), WithinRel(4.0, 1e-15));
  CHECK(r.metrics.at("Wq_p99") == 0.0);
  CHECK_FALSE(r.metrics.has("W_p99"));
  CHECK(r.metrics.at("service_level") == 1.0);
}

TEST_CASE("approximations: instability and invalid input", "[analytic][approximations]") {
  const auto r = ggc_allen_cunneen(9.0, 1.0, 8, 1.2, 0.8);
  CHECK_FALSE(r.stable);
  CHECK_THAT(*r.growth_rate, WithinRel(1.0, 1e-15));
  CHECK_FALSE(r.metrics.has("Wq"));
  CHECK(r.method == "approximation (Allen-Cunneen)");
  CHECK_THROWS_WITH(gg1_kingman(0.5, 1.0, -1.0, 1.0), Catch::Contains("arrival_scv"));
  CHECK_THROWS_AS(mgc_allen_cunneen(0.5, 1.0, 0, 1.0), kendall::InvalidParameter);
}
