#include "kendall/model/metrics.hpp"

#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"

using kendall::model::Metrics;
using kendall::model::quantile_name;

TEST_CASE("quantile metric names follow the DESIGN.md vocabulary", "[model][metrics]") {
  CHECK(quantile_name("Wq", 0.95) == "Wq_p95");
  CHECK(quantile_name("W", 0.5) == "W_p50");
  CHECK(quantile_name("Wq", 0.999) == "Wq_p99.9");
  CHECK(quantile_name("W", 0.9) == "W_p90");
  CHECK_THROWS_AS(quantile_name("W", 1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(quantile_name("W", 0.0), kendall::InvalidParameter);
}

TEST_CASE("Metrics keeps insertion order, replaces, and refuses non-finite values",
          "[model][metrics]") {
  Metrics m;
  m.set("L", 2.0);
  m.set("W", 1.0);
  m.set("L", 3.0);
  REQUIRE(m.size() == 2);
  CHECK(m.entries()[0].first == "L");
  CHECK(m.entries()[0].second == 3.0);
  CHECK(m.at("W") == 1.0);
  CHECK_FALSE(m.has("Wq"));
  CHECK_THROWS_AS(m.at("Wq"), kendall::InvalidParameter);
  CHECK_THROWS_AS(m.set("Wq", std::nan("")), kendall::InvalidParameter);
  CHECK_FALSE(m.set_if_finite("Wq", std::numeric_limits<double>::infinity()));
  CHECK_FALSE(m.has("Wq"));
  m.erase("L");
  CHECK(m.size() == 1);
}
