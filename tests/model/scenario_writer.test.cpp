// save_scenario_yaml: what it writes loads back to an equal Scenario (round trip), for every
// example, for a scenario using every feature, and for many random scenarios.

#include "kendall/model/scenario_writer.hpp"

#include <cmath>
#include <filesystem>
#include <random>
#include <string>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_validation.hpp"
#include "kendall/model/units.hpp"

#include "repo_root.hpp"

using namespace kendall::model;
using Catch::Matchers::Contains;

namespace {

std::filesystem::path repo_root() { return kendall::test::repo_root(); }

/// Writes, reads back, and returns what was read (with the original source_file).
Scenario round_trip(const Scenario& s) {
  const std::string text = save_scenario_yaml(s);
  Scenario back;
  try {
    back = parse_scenario(text, "written.yaml");
  } catch (const kendall::ScenarioError& e) {
    FAIL("the written scenario does not load:\n" << e.what() << "\n--- written ---\n" << text);
  }
  back.source_file = s.source_file;
  return back;
}

StationSpec station(std::string name, DistributionSpec service, std::size_t classes = 1) {
  StationSpec st;
  st.name = std::move(name);
  st.service.assign(classes, service);
  st.routing.assign(classes, RoutingSpec{});
  return st;
}

/// Every feature of the format at once, in milliseconds, with awkward names and numbers.
Scenario everything() {
  Scenario s;
  s.name = "Everything: \"quoted\" #1";
  s.description = "Line one\nline two with a backslash \\ and a tab\t.";
  s.time_unit = "ms";
  s.seconds_per_unit = 0.001;
  s.classes = {{"gold", 1}, {"bronze tier", 3}};
  StationSpec api = station("api", dist::Lognormal{45.0, 1.5}, 2);
  api.service[1] = dist::Hyperexponential{{0.25, 0.75}, {1.0 / 3.0, 0.01}};
  api.servers = 8;
  api.capacity = 200;
  api.backlog = {0, 4};
  api.discipline = Discipline::PriorityPreemptive;
  api.routing[0] = {RoutingPolicy::Probabilistic, {{1, 0.6}, {std::nullopt, 0.4}}};
  api.routing[1] = {RoutingPolicy::Probabilistic, {{2, 1.0}}};
  api.balking = BalkingSpec{12, 0.5};
  api.patience = dist::Weibull{1.5, 120000.0};
  api.retry = RetrySpec{0.1, 3, dist::Exponential{1.0 / 2000.0}};
  StationSpec db = station("db-primary", dist::Gamma{0.5, 24.0}, 2);
  db.servers = 2;
  db.discipline = Discipline::RoundRobin;
  db.quantum = 5.0;
  db.routing.assign(2, RoutingSpec{RoutingPolicy::JoinShortestQueue, {{2, 0.0}, {3, 0.0}}});
  db.retry = RetrySpec{0.02, 5, dist::Deterministic{250.0}};
  StationSpec r1 = station("yes", dist::Erlang{4, 7.5}, 2);  // a YAML boolean word as a name
  r1.servers.reset();
  r1.routing.assign(2, RoutingSpec{RoutingPolicy::RoundRobin, {{3, 0.0}}});
  StationSpec r2 = station("2nd replica", dist::Uniform{1.0, 3.5}, 2);
  r2.server_schedule = PiecewiseConstant{{0.0, 8 * 3.6e6}, {1.0, 4.0}, 24 * 3.6e6};
  r2.servers = 4;
  r2.discipline = Discipline::ShortestJobFirst;
  r2.service[1] =
      dist::Empirical{{2.0, 3.0, 0.5}, dist::EmpiricalMode::Replay, "trace.csv (column ms)"};
  r2.routing[0] = {RoutingPolicy::Random, {{0, 0.0}, {1, 0.0}}};
  r2.routing[1] = RoutingSpec{};
  r2.routing[0] = RoutingSpec{};
  s.stations = {api, db, r1, r2};
  s.arrivals = {
      {0, 0, dist::Exponential{0.12}, std::nullopt},
      {0, 1, dist::Erlang{2, 10.0}, std::nullopt},
      {1, 1, dist::Exponential{0.04},
       PiecewiseConstant{{0.0, 9 * 3.6e6}, {0.01, 0.05}, 24 * 3.6e6}},
      {3, 0, dist::Deterministic{33.0}, std::nullopt},
  };
  s.arrivals[2].interarrival = dist::Exponential{s.arrivals[2].rate_profile->long_run_average()};
  s.run.customers = 123456;
  s.run.horizon = 3.6e6;
  s.run.warmup = {WarmupSpec::Kind::Time, 30000.0};
  s.run.replications = 7;
  s.run.seed = 18446744073709551615ull;
  s.run.confidence = 0.99;
  s.run.precision = 0.005;
  s.run.time_budget_seconds = 90.0;
  s.run.ci_method = CiMethod::BatchMeans;
  s.run.quantiles = {0.5, 0.999};
  return s;
}

}  // namespace

TEST_CASE("every example round-trips through the writer", "[model][scenario][writer]") {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(repo_root() / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    const Scenario s = load_scenario(entry.path());
    CHECK(round_trip(s) == s);
    // Writing what was read back gives the same text: the writer is deterministic.
    CHECK(save_scenario_yaml(round_trip(s)) == save_scenario_yaml(s));
    ++count;
  }
  CHECK(count >= 9);
}

TEST_CASE("a scenario using every feature round-trips", "[model][scenario][writer]") {
  const Scenario s = everything();
  REQUIRE_FALSE(has_errors(validate_scenario(s)));
  const Scenario back = round_trip(s);
  CHECK(back.name == s.name);
  CHECK(back.description == s.description);
  CHECK(back.classes == s.classes);
  CHECK(back.arrivals == s.arrivals);
  for (std::size_t i = 0; i < s.stations.size(); ++i) {
    INFO("station " << s.stations[i].name);
    CHECK(back.stations[i] == s.stations[i]);
  }
  CHECK(back.run == s.run);
  CHECK(back == s);
}

TEST_CASE("times are written in the scenario's unit with the unit spelled out",
          "[model][scenario][writer]") {
  const std::string text = save_scenario_yaml(everything());
  CHECK_THAT(text, Contains("time_unit: ms\n"));
  CHECK_THAT(text, Contains("{dist: lognormal, mean: 45ms, scv: 1.5}"));
  CHECK_THAT(text, Contains("rate: 0.12/ms"));
  CHECK_THAT(text, Contains("quantum: 5ms"));
  CHECK_THAT(text, Contains("backoff: 250ms"));  // a constant backoff as a bare duration
  CHECK_THAT(text, Contains("horizon: 3600000ms"));
  CHECK_THAT(text, Contains("time_budget: 90s"));  // wall-clock, in seconds
  CHECK_THAT(text, Contains("name: \"Everything: \\\"quoted\\\" #1\""));
  CHECK_THAT(text, Contains("- name: \"yes\""));
  CHECK_THAT(text, Contains("- name: \"2nd replica\""));
  CHECK_THAT(text, Contains("- name: db-primary"));
  CHECK_THAT(text, Contains("backlog: {bronze tier: 4}"));  // plain: spaces inside are unambiguous
}

TEST_CASE("closed networks and backlogs round-trip", "[model][scenario][writer]") {
  Scenario closed;
  closed.name = "closed";
  closed.population = 25;
  closed.population_start = 1;
  closed.stations = {station("users", dist::Exponential{0.2}),
                     station("cpu", dist::Exponential{25.0})};
  closed.stations[0].servers.reset();
  closed.stations[0].routing[0].targets = {{1, 1.0}};
  closed.stations[1].routing[0].targets = {{0, 0.25}, {1, 0.75}};
  REQUIRE_FALSE(has_errors(validate_scenario(closed)));
  CHECK(round_trip(closed) == closed);

  Scenario batch;
  batch.name = "batch";
  batch.stations = {
      station("w", dist::Empirical{{2, 3, 4, 5, 6}, dist::EmpiricalMode::Replay, "inline"})};
  batch.stations[0].servers = 3;
  batch.stations[0].backlog = {5};
  batch.run.warmup = {WarmupSpec::Kind::None, 0.0};
  batch.run.replications = 2;
  CHECK(round_trip(batch) == batch);
}

TEST_CASE("random scenarios round-trip exactly", "[model][scenario][writer]") {
  // Fixed seed: the same 300 scenarios every run. Parameters are arbitrary doubles, so the
  // writer's digits must reproduce every bit.
  std::mt19937_64 rng(20261123);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  const auto positive = [&] { return std::exp(std::log(1e-6) + u(rng) * std::log(1e12)); };
  const auto probability = [&] { return u(rng); };
  const auto random_distribution = [&]() -> DistributionSpec {
    switch (rng() % 9) {
      case 0:
        return dist::Exponential{positive()};
      case 1:
        return dist::Deterministic{positive()};
      case 2:
        return dist::Erlang{static_cast<std::uint32_t>(1 + rng() % 20), positive()};
      case 3:
        return dist::Gamma{positive(), positive()};
      case 4:
        return dist::Lognormal{positive(), positive()};
      case 5: {
        const double p = probability();
        return dist::Hyperexponential{{p, 1.0 - p}, {positive(), positive()}};
      }
      case 6: {
        const double low = positive();
        return dist::Uniform{low, low * (1.0 + positive())};
      }
      case 7:
        return dist::Weibull{0.2 + 5.0 * u(rng), positive()};
      default:
        return dist::Empirical{
            {positive(), 0.0, positive()}, dist::EmpiricalMode::Sample, "inline"};
    }
  };
  for (int n = 0; n < 300; ++n) {
    Scenario s;
    s.name = fmt::format("random {}", n);
    const std::string_view unit = time_unit_names[rng() % time_unit_names.size()];
    s.time_unit = std::string(unit);
    s.seconds_per_unit = time_unit_seconds(unit);
    const std::size_t stations = 1 + rng() % 4;
    for (std::size_t i = 0; i < stations; ++i) {
      StationSpec st = station(fmt::format("s{}", i), random_distribution());
      st.servers = static_cast<std::uint32_t>(1 + rng() % 50);
      const double p = 0.5 * probability();
      st.routing[0].targets = {{(i + 1) % stations, p}, {std::nullopt, probability() * (1.0 - p)}};
      s.stations.push_back(std::move(st));
    }
    s.arrivals.push_back({0, 0, random_distribution(), std::nullopt});
    s.run.confidence = 0.5 + 0.49 * u(rng);
    s.run.seed = rng();
    s.run.quantiles = {probability() * 0.98 + 0.01};
    INFO(save_scenario_yaml(s));
    REQUIRE_FALSE(has_errors(validate_scenario(s)));
    CHECK(round_trip(s) == s);
  }
}

TEST_CASE("traces are written inline and keep their source", "[model][scenario][writer]") {
  const Scenario s =
      load_scenario(repo_root() / "tests" / "data" / "scenarios" / "trace-replay.yaml");
  const std::string text = save_scenario_yaml(s);
  CHECK_THAT(
      text,
      Contains(
          "source: \"../traces/service_ms.txt\", values: [12.5, 8, 30.25, 7, 9, 11, 64, 5.5]"));
  CHECK(round_trip(s) == s);
}

TEST_CASE("save_scenario_file writes a file load_scenario reads back",
          "[model][scenario][writer]") {
  const auto dir = std::filesystem::temp_directory_path() / "kendall-writer-test";
  std::filesystem::create_directories(dir);
  const auto path = dir / "everything.yaml";
  const Scenario s = everything();
  save_scenario_file(s, path);
  Scenario back = load_scenario(path);
  CHECK(back.source_file == path.string());
  back.source_file = s.source_file;
  CHECK(back == s);
  std::filesystem::remove_all(dir);
  CHECK_THROWS_AS(save_scenario_file(s, dir / "missing-dir" / "x.yaml"), kendall::Error);
}

TEST_CASE("scenarios that cannot be represented are refused", "[model][scenario][writer]") {
  Scenario s = everything();
  s.arrivals[0].station = 17;
  CHECK_THROWS_WITH(save_scenario_yaml(s),
                    "cannot write a reference to station index 17: there are 4 stations");
  s = everything();
  s.time_unit = "fortnight";
  CHECK_THROWS_AS(save_scenario_yaml(s), kendall::InvalidParameter);
  s = everything();
  s.stations[0].service.pop_back();
  CHECK_THROWS_WITH(save_scenario_yaml(s), "cannot write service with 1 entries for 2 classes");
}

TEST_CASE("one table spells every discipline and routing policy, both ways",
          "[model][scenario][writer]") {
  CHECK(discipline_names().size() == 8);
  for (const auto& d : discipline_names()) CHECK(discipline_name(d.value) == d.name);
  CHECK(discipline_name(Discipline::RoundRobin) == "rr");
  CHECK(discipline_name(Discipline::PriorityPreemptive) == "priority-preemptive");
  CHECK(routing_policy_names().size() == 4);
  for (const auto& p : routing_policy_names()) CHECK(routing_policy_name(p.value) == p.name);
  CHECK(routing_policy_name(RoutingPolicy::JoinShortestQueue) == "shortest_queue");
  CHECK(routing_policy_name(RoutingPolicy::Probabilistic) == "probabilistic");
}
