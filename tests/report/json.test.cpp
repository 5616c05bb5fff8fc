#include "kendall/report/json.hpp"

#include <catch2/catch.hpp>

using namespace kendall;

TEST_CASE("analytic results serialise to the DESIGN.md contract", "[report][json]") {
  model::AnalyticResult r;
  r.model = "M/M/c";
  r.add_param("lambda", 3.6);
  r.add_param("mu", 1.0);
  r.add_param("servers", 4);
  r.add_param("capacity", model::unbounded);
  r.metrics.set("utilization", 0.9);
  r.metrics.set("L", 10.2);
  const auto j = report::to_json(r);
  CHECK(j["model"] == "M/M/c");
  CHECK(j["method"] == "exact");
  CHECK(j["stable"] == true);
  CHECK(j["params"]["servers"] == 4);
  CHECK(j["params"]["servers"].is_number_integer());
  CHECK(j["params"]["lambda"] == 3.6);
  CHECK(j["params"]["capacity"] == "inf");
  CHECK(j["metrics"]["L"] == 10.2);
  CHECK_FALSE(j["metrics"].contains("Wq"));
  CHECK_FALSE(j.contains("classes"));
  // Keys keep the contract's order and the insertion order of the vocabulary.
  CHECK(j.begin().key() == "model");
  CHECK(j["metrics"].begin().key() == "utilization");
}

TEST_CASE("estimates serialise with their interval", "[report][json]") {
  sim::StationResult s;
  s.name = "api";
  s.metrics.set("L", sim::Estimate{2.0, 1.9, 2.1, 10});
  const auto j = report::simulated_block(s);
  CHECK(j["L"]["mean"] == 2.0);
  CHECK(j["L"]["ci_low"] == 1.9);
  CHECK(j["L"]["ci_high"] == 2.1);
  CHECK(j["L"]["n"] == 10);
  CHECK_FALSE(j.contains("unstable"));
}
