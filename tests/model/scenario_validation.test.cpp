// validate_scenario on scenarios built in code (as the CLI and the GUI do): each rule, with
// the path it names and the file keys the loader uses to locate it.

#include "kendall/model/scenario_validation.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

using namespace kendall::model;
using Catch::Matchers::Contains;

namespace {

StationSpec station(std::string name, double mean_service, std::size_t classes = 1) {
  StationSpec st;
  st.name = std::move(name);
  st.service.assign(classes, dist::Exponential{1.0 / mean_service});
  st.routing.assign(classes, RoutingSpec{});
  return st;
}

/// An open M/M/1 into 'api' that routes half of its customers to 'db'.
Scenario two_stations() {
  Scenario s;
  s.name = "two stations";
  s.stations.push_back(station("api", 0.1));
  s.stations.push_back(station("db", 0.05));
  s.stations[0].routing[0].targets = {{1, 0.5}};
  s.arrivals.push_back({0, 0, dist::Exponential{5.0}, std::nullopt});
  return s;
}

std::vector<Diagnostic> errors_of(const Scenario& s) {
  std::vector<Diagnostic> out;
  for (const auto& d : validate_scenario(s)) {
    if (d.is_error()) out.push_back(d);
  }
  return out;
}

/// The single error of `s`, as "path: message".
std::string single_error(const Scenario& s) {
  const auto errors = errors_of(s);
  if (errors.size() != 1) {
    std::string all = std::to_string(errors.size()) + " errors:";
    for (const auto& e : errors) all += "\n  " + e.to_string();
    return all;
  }
  return errors.front().path + ": " + errors.front().message;
}

}  // namespace

TEST_CASE("a valid scenario has no diagnostics", "[model][scenario][validation]") {
  CHECK(validate_scenario(two_stations()).empty());
  CHECK_NOTHROW(require_valid_scenario(two_stations()));
}

TEST_CASE("each rule gives one error naming the place", "[model][scenario][validation]") {
  SECTION("no name") {
    Scenario s = two_stations();
    s.name.clear();
    CHECK(single_error(s) ==
          "name: the scenario has no name — expected a short title, e.g. name: Checkout API");
  }
  SECTION("time unit") {
    Scenario s = two_stations();
    s.time_unit = "sec";
    CHECK(single_error(s) ==
          "time_unit: unknown time unit 'sec' — expected one of: ns, us, ms, s, min, h, d");
    s.time_unit = "ms";  // seconds_per_unit still 1
    CHECK(single_error(s) ==
          "time_unit: seconds_per_unit is 1 but one 'ms' is 0.001 s — expected them to agree");
  }
  SECTION("station names") {
    Scenario s = two_stations();
    s.stations[1].name = "api";
    CHECK(single_error(s) ==
          "stations[1] .name: station name 'api' is already used by stations[0] — expected "
          "unique station names");
    s.stations[1].name = "exit";
    CHECK(single_error(s) ==
          "stations[1] .name: station name 'exit' is reserved for routing — expected another name");
  }
  SECTION("servers and capacity") {
    Scenario s = two_stations();
    s.stations[0].servers = 0;
    CHECK(single_error(s) ==
          "stations[0] 'api' .servers: servers is 0 — expected a whole number >= 1 or inf");
    s.stations[0].servers = 4;
    s.stations[0].capacity = 2;
    CHECK(single_error(s) ==
          "stations[0] 'api' .capacity: capacity 2 is less than servers 4 — expected capacity "
          ">= servers (capacity counts customers waiting and in service)");
    s.stations[0].servers.reset();  // infinite servers with a capacity: M/M/inf/K is fine
    CHECK(errors_of(s).empty());
  }
  SECTION("round robin and quantum") {
    Scenario s = two_stations();
    s.stations[1].discipline = Discipline::RoundRobin;
    CHECK(single_error(s) ==
          "stations[1] 'db' .quantum: discipline rr needs a quantum > 0 (got 0) — expected e.g. "
          "quantum: 5ms");
    s.stations[1].discipline = Discipline::Fifo;
    s.stations[1].quantum = 0.005;
    CHECK(single_error(s) ==
          "stations[1] 'db' .quantum: quantum is only used by discipline rr, but the discipline "
          "is fifo — expected no quantum (or discipline: rr)");
  }
  SECTION("distributions") {
    Scenario s = two_stations();
    s.stations[1].service[0] = dist::Erlang{0, 1.0};
    CHECK(single_error(s) ==
          "stations[1] 'db' .service: erlang distribution: k must be at least 1");
    s.stations[1].service.clear();
    CHECK(single_error(s) ==
          "stations[1] 'db' .service: 0 service distributions for 1 classes — expected one per "
          "class");
  }
  SECTION("routing probabilities") {
    Scenario s = two_stations();
    s.stations[0].routing[0].targets = {{1, 0.7}, {std::nullopt, 0.4}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .next: routing probabilities sum to 1.1 — expected a total <= 1 "
          "(the remainder leaves the system)");
    // Hand-written tables that add up to 1 may exceed it by a rounding error: accepted.
    s.stations[0].routing[0].targets = {{0, 0.33}, {1, 0.56}, {std::nullopt, 0.11}};
    REQUIRE(0.33 + 0.56 + 0.11 > 1.0);
    CHECK(errors_of(s).empty());
    s.stations[0].routing[0].targets = {{1, -0.2}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .next 'db': probability -0.2 for 'db' is outside [0, 1] — expected "
          "a number between 0 and 1 (or a percentage)");
    s.stations[0].routing[0].targets = {{1, 0.2}, {1, 0.2}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .next 'db': 'db' is listed twice — expected each target once");
    s.stations[0].routing[0].targets = {{7, 0.2}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .next: routes to station index 7, but there are 2 stations — "
          "expected an index below 2");
  }
  SECTION("non-probabilistic routing") {
    Scenario s = two_stations();
    s.stations[0].routing[0] = {RoutingPolicy::RoundRobin, {}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .next: round_robin needs at least one candidate station — expected "
          "e.g. {round_robin: [a, b]}");
    s.stations[0].routing[0] = {RoutingPolicy::JoinShortestQueue, {{1, 0.0}, {std::nullopt, 0.0}}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .next 'exit': exit cannot be a shortest_queue candidate — expected "
          "station names");
  }
  SECTION("balking, patience, retry") {
    Scenario s = two_stations();
    s.stations[0].balking = BalkingSpec{3, 1.5};
    CHECK(single_error(s) ==
          "stations[0] 'api' .balking .probability: balking probability 1.5 is outside [0, 1] — "
          "expected e.g. 1.0 or 50%");
    s.stations[0].balking.reset();
    s.stations[0].retry = RetrySpec{0.1, 0, dist::Deterministic{1.0}};
    CHECK(single_error(s) ==
          "stations[0] 'api' .retry .max_attempts: max_attempts is 0 — expected a whole number "
          ">= 1 (1 = no retry)");
  }
  SECTION("arrivals") {
    Scenario s = two_stations();
    s.arrivals[0].interarrival = dist::Exponential{-1.0};
    CHECK(single_error(s) ==
          "arrivals[0] .interarrival: exponential distribution: rate must be a positive number");
    s.arrivals[0].interarrival = dist::Deterministic{0.0};
    CHECK(single_error(s) ==
          "arrivals[0] .interarrival: the mean interarrival time is 0 — expected a mean > 0 "
          "(arrivals would come infinitely fast)");
    s.arrivals[0].interarrival = dist::Exponential{1.0};
    s.arrivals[0].station = 5;
    CHECK(single_error(s) ==
          "arrivals[0] .to: arrivals go to station index 5, but there are 2 stations");
  }
  SECTION("rate profiles") {
    Scenario s = two_stations();
    s.arrivals[0].rate_profile = PiecewiseConstant{{0.0, 10.0}, {1.0, 3.0}, 20.0};
    s.arrivals[0].interarrival = dist::Exponential{2.0};  // the long-run average (1·10 + 3·10) / 20
    CHECK(errors_of(s).empty());
    s.arrivals[0].interarrival = dist::Exponential{1.0};
    CHECK(single_error(s) ==
          "arrivals[0] .interarrival: with a rate profile, interarrival must be exponential at "
          "the profile's long-run average rate 2 — got exponential(mean 1)");
    s.arrivals[0].rate_profile = PiecewiseConstant{{5.0, 10.0}, {1.0, 3.0}, std::nullopt};
    s.arrivals[0].interarrival = dist::Exponential{3.0};
    CHECK(single_error(s) ==
          "arrivals[0] .profile .rates[0] .from: the first entry starts at 5 — expected the "
          "first 'from' to be 0");
    s.arrivals[0].rate_profile = PiecewiseConstant{{0.0, 10.0}, {1.0, 3.0}, 10.0};
    CHECK(single_error(s) ==
          "arrivals[0] .profile .period: period 10 does not come after the last 'from' (10) — "
          "expected a period longer than every 'from' time");
  }
  SECTION("server schedules") {
    Scenario s = two_stations();
    s.stations[0].server_schedule = PiecewiseConstant{{0.0, 8.0}, {1.0, 3.0}, 24.0};
    s.stations[0].servers = 3;
    CHECK(errors_of(s).empty());
    s.stations[0].servers = 2;
    CHECK(single_error(s) ==
          "stations[0] 'api' .servers: servers is 2 but the schedule's maximum is 3 — expected "
          "servers to hold the schedule's maximum");
    s.stations[0].servers = 3;
    s.stations[0].server_schedule->values = {1.0, 2.5};
    CHECK(single_error(s) ==
          "stations[0] 'api' .schedule .servers[1] .servers: 2.5 servers is not a whole number — "
          "expected an integer >= 0");
  }
  SECTION("run settings") {
    Scenario s = two_stations();
    s.run.confidence = 1.0;
    CHECK(single_error(s) ==
          "run .confidence: confidence 1 is outside (0, 1) — expected e.g. 0.95 or 95%");
    s.run.confidence = 0.95;
    s.run.customers = 100;
    s.run.warmup = {WarmupSpec::Kind::Customers, 100.0};
    CHECK(single_error(s) ==
          "run .warmup: the warm-up discards 100 customers but the run stops after 100 — "
          "expected a warm-up shorter than the run");
    s.run.warmup = {WarmupSpec::Kind::Time, 50.0};
    s.run.horizon = 40.0;
    CHECK(single_error(s) ==
          "run .warmup: the warm-up discards everything before 50 but the run stops at 40 — "
          "expected a warm-up shorter than the horizon");
    s.run.warmup = {};
    s.run.quantiles = {0.5, 1.0};
    CHECK(single_error(s) ==
          "run .quantiles[1]: quantile level 1 is outside (0, 1) — expected e.g. 0.95 or 95%");
    s.run.quantiles.clear();
    s.run.replications = 0;
    CHECK(single_error(s) == "run .replications: replications is 0 — expected a whole number >= 1");
    s.run.replications = 1;
    CHECK(single_error(s) ==
          "run .replications: one replication cannot give a confidence interval across "
          "replications — expected replications >= 2, or ci: batch_means for one long run");
    s.run.ci_method = CiMethod::BatchMeans;
    CHECK(errors_of(s).empty());
  }
}

TEST_CASE("open and closed network consistency", "[model][scenario][validation]") {
  SECTION("an open network needs arrivals or a backlog") {
    Scenario s = two_stations();
    s.arrivals.clear();
    CHECK(single_error(s) ==
          "arrivals: an open network needs arrivals or a backlog — expected an arrivals section "
          "(or population: N for a closed network, or backlog: N at a station)");
    s.stations[0].backlog = {3};
    CHECK(errors_of(s).empty());  // drains: a makespan run
  }
  SECTION("customers that can never leave an open network") {
    Scenario s = two_stations();
    s.stations[1].routing[0].targets = {{1, 1.0}};  // db feeds itself for ever
    CHECK(single_error(s) ==
          "stations[1] 'db' .next: customers that reach 'db' can never leave the system (no route "
          "from there leads to exit) — expected some probability of going to exit");
  }
  SECTION("closed network rules") {
    Scenario s = two_stations();
    s.arrivals.clear();
    s.population = 4;
    s.stations[0].routing[0].targets = {{1, 1.0}};
    s.stations[1].routing[0].targets = {{0, 1.0}};
    CHECK(errors_of(s).empty());
    s.stations[1].routing[0].targets = {{0, 0.9}};
    CHECK(single_error(s) ==
          "stations[1] 'db' .next: in a closed network customers never leave, but customers "
          "leaving 'db' can exit — expected routing probabilities to stations summing to 1");
    s.stations[1].routing[0].targets = {{0, 1.0}};
    s.arrivals.push_back({0, 0, dist::Exponential{1.0}, std::nullopt});
    CHECK(single_error(s) ==
          "arrivals: a closed network (population) has no arrivals — expected either population "
          "or arrivals, not both");
    s.arrivals.clear();
    s.stations[0].backlog = {2};
    CHECK(single_error(s) ==
          "stations[0] 'api' .backlog: a closed network has no backlog (its population starts at "
          "'start') — expected no backlog with population");
    s.stations[0].backlog.clear();
    s.population_start = 9;
    CHECK(single_error(s) ==
          "start: population starts at station index 9, but there are 2 stations");
  }
}

TEST_CASE("classes: per-class sizes and keys", "[model][scenario][validation]") {
  Scenario s = two_stations();
  s.classes = {{"gold", 1}, {"bronze", 2}};
  for (auto& st : s.stations) {
    st.service.assign(2, dist::Exponential{10.0});
    st.routing.assign(2, RoutingSpec{});
  }
  s.stations[0].routing[1].targets = {{1, 0.5}};
  s.arrivals[0].customer_class = 1;
  s.arrivals.push_back({0, 0, dist::Exponential{1.0}, std::nullopt});
  CHECK(errors_of(s).empty());

  s.stations[0].routing[1].targets = {{1, 0.8}, {std::nullopt, 0.8}};
  const auto errors = errors_of(s);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].path == "stations[0] 'api' .next 'bronze'");
  CHECK(errors[0].keys == std::vector<std::string>{"stations", "0", "next", "bronze"});
  CHECK(errors[0].to_string() ==
        "error: stations[0] 'api' .next 'bronze': routing probabilities sum to 1.6 — "
        "expected a total <= 1 (the remainder leaves the system)");

  s.stations[0].routing[1].targets = {{1, 0.5}};
  s.classes[1].name = "gold";
  CHECK(single_error(s) ==
        "classes[1] .name: class name 'gold' is already used by classes[0] — expected unique "
        "class names");
  s.classes[1] = {"api", 0};
  const auto two = errors_of(s);
  REQUIRE(two.size() == 2);
  CHECK(two[0].message ==
        "priority 0 is below 1 — expected a whole number >= 1 (1 = served first)");
  CHECK(two[1].message ==
        "station 'api' has the same name as a customer class — expected distinct names (per-class "
        "settings are keyed by class name)");
}

TEST_CASE("warnings flag legal but suspicious settings", "[model][scenario][validation]") {
  Scenario s = two_stations();
  s.stations.push_back(station("orphan", 1.0));
  s.stations[0].discipline = Discipline::Priority;
  s.stations[0].servers.reset();
  s.stations[0].patience = dist::Exponential{1.0};
  s.run.time_budget_seconds = 10.0;
  const auto diagnostics = validate_scenario(s);
  CHECK_FALSE(has_errors(diagnostics));
  std::vector<std::string> texts;
  for (const auto& d : diagnostics) texts.push_back(d.to_string());
  CHECK(
      texts ==
      std::vector<std::string>{
          "warning: stations[0] 'api' .discipline: discipline priority has no effect with a single "
          "customer class — it serves in arrival order",
          "warning: stations[0] 'api' .patience: patience has no effect at a station with infinite "
          "servers "
          "(nobody ever waits)",
          "warning: stations[2] 'orphan': station 'orphan' receives no customers: no arrivals, "
          "routes or "
          "backlog lead to it",
          "warning: run .time_budget: time_budget only limits sequential stopping, which needs "
          "precision — "
          "it has no effect without it",
      });
}

TEST_CASE("errors come before warnings and require_valid_scenario lists every error",
          "[model][scenario][validation]") {
  Scenario s = two_stations();
  s.stations.push_back(station("orphan", 1.0));  // warning
  s.name.clear();                                // error
  s.run.replications = 0;                        // error
  const auto diagnostics = validate_scenario(s);
  REQUIRE(diagnostics.size() == 3);
  CHECK(diagnostics[0].is_error());
  CHECK(diagnostics[1].is_error());
  CHECK_FALSE(diagnostics[2].is_error());
  CHECK_THROWS_AS(require_valid_scenario(s), kendall::InvalidParameter);
  CHECK_THROWS_WITH(
      require_valid_scenario(s),
      "name: the scenario has no name — expected a short title, e.g. name: Checkout API\n"
      "run .replications: replications is 0 — expected a whole number >= 1");
}

TEST_CASE("validation never throws, even on broken indices", "[model][scenario][validation]") {
  Scenario s = two_stations();
  s.stations[0].routing.clear();
  s.arrivals[0].customer_class = 3;
  s.population_start = 12;
  std::vector<Diagnostic> diagnostics;
  CHECK_NOTHROW(diagnostics = validate_scenario(s));
  CHECK(has_errors(diagnostics));
  Scenario empty;
  CHECK_NOTHROW(diagnostics = validate_scenario(empty));
  CHECK(has_errors(diagnostics));
}
