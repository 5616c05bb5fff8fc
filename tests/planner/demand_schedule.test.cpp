// Uncertain demand under time-varying load: each end of the range is planned as a schedule
// and the plan is the schedule of the case needing the most server-hours. Checked by hand with
// a utilization SLO on M/M/c intervals (fewest c with load / c <= 0.8).

#include <string>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/planner/planner.hpp"

using namespace kendall;

namespace {

// A profile of 30/h then 90/h (12 h each) plus e-mail at 24/h ± 50% (12 … 36/h), 4 min each:
//   low      2.8 / 6.8 Erlangs →  4 /  9 agents → 12·4 + 12·9  = 156 server-hours
//   nominal  3.6 / 7.6 Erlangs →  5 / 10 agents → 12·5 + 12·10 = 180
//   high     4.4 / 8.4 Erlangs →  6 / 11 agents → 12·6 + 12·11 = 204
const std::string yaml = R"(name: desk with uncertain e-mail
time_unit: min
arrivals:
  - to: desk
    profile:
      period: 24h
      rates:
        - {from: 0h, rate: 30/h}
        - {from: 12h, rate: 90/h}
  - {to: desk, rate: 24/h ± 50%}
stations:
  - name: desk
    schedule:
      period: 24h
      servers:
        - {from: 0h, servers: 5}
        - {from: 12h, servers: 9}
    service: {dist: exponential, mean: 4min}
run: {horizon: 4d, warmup: 1d, replications: 4, seed: 9}
slo:
  - {station: desk, metric: utilization, below: 0.8}
)";

}  // namespace

TEST_CASE("uncertain demand with a schedule plans every case and keeps the worst",
          "[planner][demand_schedule]") {
  const auto s = model::parse_scenario(yaml, "t.yaml", ".");
  planner::PlanOptions o;
  o.no_simulation = true;
  const auto p = planner::plan(s, o);
  REQUIRE(p.demand);
  REQUIRE(p.demand->cases.size() == 3);
  const double hours[] = {156.0, 180.0, 204.0};
  const std::uint32_t peak[] = {9, 10, 11};
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& c = p.demand->cases[k];
    INFO(c.label);
    REQUIRE(c.server_hours.size() == 1);
    CHECK(c.server_hours[0] == Approx(hours[k]).epsilon(1e-9));
    REQUIRE(c.servers.size() == 1);
    CHECK(c.servers[0] == peak[k]);
    CHECK(c.feasible);
  }
  CHECK(p.demand->worst_case == "high");
  // The plan is the high case's schedule.
  REQUIRE(p.schedule);
  REQUIRE(p.schedule->stations.size() == 1);
  const auto& iv = p.schedule->stations[0].intervals;
  REQUIRE(iv.size() == 2);
  CHECK(iv[0].recommended_servers == 6u);
  CHECK(iv[1].recommended_servers == 11u);
  CHECK(p.schedule->stations[0].server_hours_recommended == Approx(204.0).epsilon(1e-9));
  // Headroom from the nominal rates with that schedule: 0.8 · 11 / 7.6 (the busy half).
  REQUIRE(p.headroom.factor);
  CHECK(*p.headroom.factor == Approx(0.8 * 11.0 / 7.6).epsilon(1e-4));
}

TEST_CASE("uncertain demand with a schedule is checked by whole-period simulation",
          "[planner][demand_schedule]") {
  const auto s = model::parse_scenario(yaml, "t.yaml", ".");
  const auto p = planner::plan(s);
  REQUIRE(p.demand);
  CHECK(p.demand->worst_case == "high");
  REQUIRE(p.schedule);
  CHECK(p.schedule->simulated);
  CHECK(p.feasible);
  // The simulation may add servers to an interval, never take them away.
  CHECK(p.schedule->stations[0].intervals[0].recommended_servers >= 6u);
  CHECK(p.schedule->stations[0].intervals[1].recommended_servers >= 11u);
  CHECK(p.demand->cases[2].server_hours[0] ==
        Approx(p.schedule->stations[0].server_hours_recommended));
}
