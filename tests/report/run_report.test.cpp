#include "kendall/report/run_report.hpp"

#include <string>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_solver.hpp"

using namespace kendall;

namespace {

sim::ExperimentResult one_station_result(const model::Scenario& scenario, double l_low,
                                         double l_high) {
  sim::ExperimentResult r;
  r.scenario = scenario.name;
  r.replications = 10;
  r.seed = 42;
  r.warmup_requested.kind = model::WarmupSpec::Kind::Auto;
  r.warmup_customers_mean = 1200;
  r.warmup_time_mean = 600;
  sim::StationResult s;
  s.name = scenario.stations.front().name;
  s.metrics.set("L", {0.5 * (l_low + l_high), l_low, l_high, 10});
  r.stations.push_back(s);
  return r;
}

}  // namespace

TEST_CASE("the run table puts theory next to the interval and marks an exact value outside it",
          "[report][run]") {
  // M/M/1 with lambda = 0.9, mu = 1: L = 9 exactly.
  const auto scenario = model::load_scenario("tests/data/scenarios/mm1.yaml");
  const auto solution = model::solve_scenario(scenario);
  const auto inside = render_run(scenario, one_station_result(scenario, 8.9, 9.1), &solution,
                                 report::Format::Table);
  CHECK_THAT(inside, Catch::Contains("10 replications, seed 42") &&
                         Catch::Contains("cut 1200 customers / t = 600"));
  CHECK_THAT(inside, Catch::Contains("theory: M/M/1, exact") && !Catch::Contains("outside CI"));
  const auto outside = render_run(scenario, one_station_result(scenario, 9.2, 9.8), &solution,
                                  report::Format::Table);
  CHECK_THAT(outside,
             Catch::Matches("(.|\\n)*\\nL +9 +9\\.5 +9\\.2 +9\\.8 +<- outside CI\\n(.|\\n)*"));
  CHECK_FALSE(report::disagrees({9.0, 8.9, 9.1, 10}, 9.0, true));
  CHECK(report::disagrees({9.5, 9.2, 9.8, 10}, 9.0, true));
  CHECK_FALSE(report::disagrees({9.5, 9.2, 9.8, 10}, 9.0, false));  // approximations are not marked
}

TEST_CASE("a run stopped before any replication says no warm-up cut was chosen", "[report][run]") {
  const auto scenario = model::load_scenario("tests/data/scenarios/mm1.yaml");
  auto result = one_station_result(scenario, 8.9, 9.1);
  result.replications = 0;
  result.stations.clear();
  result.warmup_customers_mean = 0;
  result.warmup_time_mean = 0;
  result.stop_reason = sim::StopReason::Cancelled;
  const auto text = render_run(scenario, result, nullptr, report::Format::Table);
  CHECK_THAT(text, Catch::Contains("no cut chosen") && Catch::Contains("INTERRUPTED") &&
                       !Catch::Contains("cut 0 customers"));
}
