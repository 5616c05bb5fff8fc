// Headroom under time-varying load: by theory, the smallest over the intervals of each
// interval's stationary headroom (for a utilization SLO on M/M/c: 0.8 c_k / (lambda_k E[S])),
// naming the interval that limits it; then checked by the whole-period simulation with the
// recommended schedule, which is trusted where it breaks an SLO below theory's factor.

#include <string>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/planner/planner.hpp"

using namespace kendall;

namespace {

// 30/h for 12 h, then 90/h, 4 min calls: 2 and 6 Erlangs. Utilization < 0.8 needs 3 and 8
// agents; their headroom is 0.8 * 3 / 2 = 1.2 and 0.8 * 8 / 6 = 16/15.
const std::string yaml = R"(name: two shifts
time_unit: min
arrivals:
  - to: desk
    profile:
      period: 24h
      rates:
        - {from: 0h, rate: 30/h}
        - {from: 12h, rate: 90/h}
stations:
  - name: desk
    schedule:
      period: 24h
      servers:
        - {from: 0h, servers: 5}
        - {from: 12h, servers: 5}
    service: {dist: exponential, mean: 4min}
run:
  horizon: 4d
  warmup: 1d
  replications: 4
  seed: 5
slo:
  - {station: desk, metric: utilization, below: 0.8}
)";

const planner::LoadPoint* at(const planner::Headroom& h, double factor) {
  for (const auto& p : h.load_table) {
    if (p.factor == factor) return &p;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("schedule headroom by theory is the smallest interval's, and names it",
          "[planner][schedule_headroom]") {
  const auto s = model::parse_scenario(yaml, "t.yaml", ".");
  planner::PlanOptions o;
  o.no_simulation = true;
  const auto p = planner::plan(s, o);
  REQUIRE(p.schedule);
  REQUIRE(p.schedule->stations.size() == 1);
  const auto& iv = p.schedule->stations[0].intervals;
  REQUIRE(iv.size() == 2);
  CHECK(iv[0].recommended_servers == 3u);
  CHECK(iv[1].recommended_servers == 8u);
  REQUIRE(p.headroom.factor);
  CHECK(*p.headroom.factor == Approx(16.0 / 15.0).epsilon(1e-4));
  CHECK(p.headroom.bottleneck == "desk");
  CHECK(p.headroom.interval == "12:00–24:00");
  CHECK(p.headroom.method == "exact");
  CHECK_FALSE(p.headroom.confirmed_by_simulation);
  REQUIRE_FALSE(p.headroom.notes.empty());
  CHECK_THAT(p.headroom.notes.front(), Catch::Contains("limited in 12:00–24:00"));
  // Load table: 0.8x meets; 1.2x puts 7.2 Erlangs on 8 agents (90%): fails.
  REQUIRE(at(p.headroom, 0.8));
  CHECK(at(p.headroom, 0.8)->meets);
  REQUIRE(at(p.headroom, 1.2));
  CHECK_FALSE(at(p.headroom, 1.2)->meets);
  REQUIRE(at(p.headroom, 1.2)->verdicts.size() == 1);
  CHECK(at(p.headroom, 1.2)->verdicts[0].value->value == Approx(0.9).epsilon(1e-9));
}

TEST_CASE("schedule headroom is checked by the whole-period simulation",
          "[planner][schedule_headroom]") {
  const auto s = model::parse_scenario(yaml, "t.yaml", ".");
  const auto p = planner::plan(s);
  REQUIRE(p.headroom.factor);
  CHECK(p.headroom.confirmed_by_simulation);
  // Confirmed at theory's factor, or bisected below it by the simulation; never above it,
  // and today's load meets (the schedule was made for it).
  CHECK(*p.headroom.factor >= 1.0);
  CHECK(*p.headroom.factor <= 16.0 / 15.0 * (1.0 + 1e-4));
  REQUIRE(at(p.headroom, 1.0));
  CHECK(at(p.headroom, 1.0)->meets);
  REQUIRE(at(p.headroom, 1.5));
  CHECK_FALSE(at(p.headroom, 1.5)->meets);
  // The load table is simulated: its verdicts carry intervals.
  REQUIRE_FALSE(at(p.headroom, 1.5)->verdicts.empty());
  CHECK(at(p.headroom, 1.5)->verdicts[0].value->simulated);
}
