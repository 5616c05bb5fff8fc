// The slo:, cost: and uncertain-rate parts of a scenario file: what they read to, and each
// mistake reported as `file:line:col: what is wrong — what was expected`, with "did you mean".

#include <string>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_writer.hpp"

using namespace kendall::model;

namespace {

const std::string head =
    "name: t\ntime_unit: ms\narrivals:\n  - {to: api, rate: 120/s}\nstations:\n"
    "  - {name: api, servers: 8, service: {dist: exponential, mean: 45ms}}\n"
    "  - {name: db, servers: 2, service: {dist: exponential, mean: 12ms}}\n";

std::string error_of(const std::string& yaml) {
  try {
    (void)parse_scenario(yaml, "s.yaml", ".");
  } catch (const kendall::ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an slo section reads to bounds in the scenario's units", "[planner][slo]") {
  const Scenario s =
      parse_scenario(head +
                         "slo:\n"
                         "  - {station: api, metric: Wq_p95, below: 200ms}\n"
                         "  - {metric: W_p99, below: 1s}\n"
                         "  - {station: all, metric: utilization, below: 0.8}\n"
                         "  - {station: db, metric: p_block, below: 0.1%}\n"
                         "  - {station: api, metric: throughput, above: 100/s}\n"
                         "  - {station: api, service_level: {wait_at_most: 20ms, share: 80%}}\n",
                     "s.yaml", ".");
  REQUIRE(s.slos.size() == 6);
  CHECK(s.slos[0].scope == SloScope::Station);
  CHECK(s.slos[0].station == 0u);
  CHECK(s.slos[0].metric == "Wq_p95");
  CHECK(s.slos[0].upper_bound);
  CHECK(s.slos[0].bound == 200.0);
  CHECK(s.slos[0].text == "api Wq_p95 < 200ms");
  CHECK(s.slos[1].scope == SloScope::Network);
  CHECK(s.slos[1].bound == 1000.0);
  CHECK(s.slos[1].text == "end to end W_p99 < 1000ms");
  CHECK(s.slos[2].scope == SloScope::AllStations);
  CHECK(s.slos[2].bound == 0.8);
  CHECK(s.slos[3].station == 1u);
  CHECK(s.slos[3].bound == Approx(0.001));
  CHECK_FALSE(s.slos[4].upper_bound);
  CHECK(s.slos[4].bound == Approx(0.1));  // per ms
  CHECK(s.slos[5].metric == "service_level");
  CHECK_FALSE(s.slos[5].upper_bound);
  CHECK(s.slos[5].bound == 0.8);
  CHECK(s.slos[5].wait_at_most == 20.0);
  CHECK(s.slos[5].text == "api P(Wq <= 20ms) >= 80%");
}

TEST_CASE("cost and uncertain rates read, and round-trip through the writer", "[planner][slo]") {
  const std::string yaml =
      "name: t\ntime_unit: s\narrivals:\n  - {to: api, rate: 120/s ± 15%}\n  - {to: db, rate: "
      "{low: 1/s, high: 3/s}}\n"
      "stations:\n  - {name: api, servers: 8, service: {dist: exponential, mean: 45ms}}\n"
      "  - {name: db, servers: 2, service: {dist: exponential, mean: 12ms}}\n"
      "slo:\n  - {station: api, metric: Wq, below: 10ms}\n"
      "cost:\n  per_server_hour: {db: 0.4}\n  per_waiting_hour: 30\n  per_lost_customer: 0.5\n  "
      "currency: EUR\n";
  const Scenario s = parse_scenario(yaml, "s.yaml", ".");
  REQUIRE(s.rate_ranges.size() == 2);
  CHECK(s.rate_ranges[0].arrival == 0);
  CHECK(s.rate_ranges[0].low == Approx(102.0));
  CHECK(s.rate_ranges[0].nominal == 120.0);
  CHECK(s.rate_ranges[0].high == Approx(138.0));
  CHECK(s.arrivals[0].rate() == 120.0);
  CHECK(s.rate_ranges[1].arrival == 1);
  CHECK(s.rate_ranges[1].nominal == 2.0);
  REQUIRE(s.cost.has_value());
  CHECK_FALSE(s.cost->per_server_hour[0].has_value());
  CHECK(s.cost->per_server_hour[1] == 0.4);
  CHECK(s.cost->per_waiting_hour == 30.0);
  CHECK(s.cost->per_lost_customer == 0.5);
  CHECK(s.cost->currency == "EUR");
  const Scenario again = parse_scenario(save_scenario_yaml(s), "again.yaml", ".");
  CHECK(again.slos == s.slos);
  CHECK(again.cost == s.cost);
  CHECK(again.arrivals == s.arrivals);
  CHECK(again.rate_ranges == s.rate_ranges);
}

TEST_CASE("SLO mistakes are located errors with a suggestion", "[planner][slo][errors]") {
  struct Case {
    const char* slo;
    const char* expected;
  };
  const Case cases[] = {
      {"{station: apj, metric: Wq, below: 1s}",
       "s.yaml:9:15: unknown station 'apj' — did you mean 'api'?"},
      {"{station: api, metric: Wq_95, below: 1s}",
       "s.yaml:9:28: metric 'Wq_95' cannot be bounded — did you mean 'Wq_p95'?"},
      {"{station: api, metric: servers, below: 4}",
       "s.yaml:9:28: metric 'servers' is an input of the model, not an outcome"},
      {"{metric: utilization, below: 0.8}",
       "s.yaml:9:14: metric 'utilization' has no end-to-end value"},
      {"{station: api, metric: Wq}",
       "s.yaml:9:5: the SLO on Wq has no bound — expected below: or above:"},
      {"{station: api, metric: Wq, below: 1s, above: 0s}",
       "s.yaml:9:50: both below and above are given"},
      {"{station: api, metric: p_block, below: 140%}",
       "s.yaml:9:44: below is 140% — expected a probability between 0 and 1"},
      {"{station: api, metric: service_level, below: 0.8}", "service_level needs its wait target"},
      {"{station: api, service_level: {wait_at_most: 20s}}", "service_level has no 'share'"},
      {"{station: api, metric: Wq, under: 1s}", "did you mean 'below'?"},
      {"{station: api}", "s.yaml:9:5: the SLO names no metric"},
  };
  for (const auto& c : cases) {
    INFO(c.slo);
    const std::string message = error_of(head + "slo:\n  - " + c.slo + "\n");
    CHECK_THAT(message, Catch::Contains(c.expected));
  }
  CHECK_THAT(error_of(head + "slo: {station: api}\n"), Catch::Contains("expected a list of SLOs"));
  CHECK_THAT(error_of(head + "cost: {per_server_hour: {apx: 1}}\n"),
             Catch::Contains("unknown station 'apx' — did you mean 'api'?"));
  CHECK_THAT(error_of(head + "cost: {waiting: 1}\n"),
             Catch::Contains("did you mean 'per_waiting_hour'?"));
  CHECK_THAT(error_of("name: t\narrivals: [{to: a, rate: 10/s ± 120%}]\nstations: [{name: a, "
                      "service: {dist: exponential, mean: 1}}]\n"),
             Catch::Contains("spread"));
  CHECK_THAT(error_of("name: t\narrivals: [{to: a, rate: {low: 3, high: 1}}]\nstations: [{name: a, "
                      "service: {dist: exponential, mean: 1}}]\n"),
             Catch::Contains("low is above high"));
}
