#include <cmath>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/analytic/markovian.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("M/M/1 closed forms", "[analytic][mm1]") {
  const auto r = mm1(0.8, 1.0);
  CHECK(r.model == "M/M/1");
  CHECK(r.stable);
  CHECK_THAT(r.metrics.at("L"), WithinRel(4.0, 1e-14));
  CHECK_THAT(r.metrics.at("W"), WithinRel(5.0, 1e-14));
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(4.0, 1e-14));
  CHECK_THAT(r.metrics.at("Lq"), WithinRel(3.2, 1e-14));
}

TEST_CASE("M/M/c with c = 1 equals M/M/1", "[analytic][mmc]") {
  const auto a = mm1(0.7, 1.3);
  const auto b = mmc(0.7, 1.3, 1);
  for (const char* name : {"L", "Lq", "W", "Wq", "p_wait", "Wq_p95", "W_p95"}) {
    CHECK_THAT(b.metrics.at(name), WithinRel(a.metrics.at(name), 1e-13));
  }
}
