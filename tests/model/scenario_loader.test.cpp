// The scenario loader on valid input: every example file, every distribution form, per-class
// forms, routing forms, units, run settings. (Broken input: scenario_errors.test.cpp.)

#include "kendall/model/scenario_loader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/scenario_validation.hpp"

#include "repo_root.hpp"

using namespace kendall::model;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

std::filesystem::path repo_root() { return kendall::test::repo_root(); }
std::filesystem::path data_dir() { return repo_root() / "tests" / "data"; }

Scenario parse(const std::string& yaml) { return parse_scenario(yaml, "test.yaml", data_dir()); }

/// A one-station open scenario whose station has the given service (and time unit).
Scenario with_service(const std::string& service, const std::string& unit = "s") {
  return parse(
      "name: t\ntime_unit: " + unit +
      "\narrivals: [{to: a, rate: 1/s}]\nstations:\n  - name: a\n    servers: inf\n    service: " +
      service + "\n");
}

std::vector<std::filesystem::path> example_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(repo_root() / "scenarios")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every example scenario loads without errors or warnings",
          "[model][scenario][examples]") {
  const auto files = example_files();
  std::set<std::string> names;
  for (const auto& f : files) names.insert(f.filename().string());
  for (const char* required :
       {"web-api.yaml", "call-centre.yaml", "task-queue.yaml", "kafka-consumers.yaml",
        "interactive-closed.yaml", "three-tier.yaml", "priority-classes.yaml", "daily-profile.yaml",
        "batch-backlog.yaml"}) {
    CHECK(names.count(required) == 1);
  }
  for (const auto& file : files) {
    INFO(file.string());
    LoadedScenario loaded;
    REQUIRE_NOTHROW(loaded = load_scenario_with_warnings(file));
    CHECK(loaded.warnings.empty());
    CHECK(loaded.scenario.source_file == file.string());
    CHECK_FALSE(loaded.scenario.name.empty());
    CHECK_FALSE(has_errors(validate_scenario(loaded.scenario)));
    // Every example starts with a comment block saying what it models.
    std::ifstream in(file);
    std::string first_line;
    std::getline(in, first_line);
    CHECK(first_line.rfind("# ", 0) == 0);
  }
}

TEST_CASE("web-api.yaml holds what its comment says", "[model][scenario][examples]") {
  const Scenario s = load_scenario(repo_root() / "scenarios" / "web-api.yaml");
  CHECK(s.time_unit == "ms");
  CHECK(s.seconds_per_unit == 0.001);
  REQUIRE(s.arrivals.size() == 1);
  CHECK(s.arrivals[0].station == 0);
  CHECK(s.arrivals[0].interarrival == DistributionSpec{dist::Exponential{0.12}});  // 120/s in ms
  REQUIRE(s.stations.size() == 2);
  const auto& api = s.stations[0];
  CHECK(api.name == "api");
  CHECK(api.servers == 8u);
  CHECK_FALSE(api.capacity.has_value());
  CHECK(api.service == std::vector<DistributionSpec>{dist::Lognormal{45.0, 1.5}});
  REQUIRE(api.routing.size() == 1);
  CHECK(api.routing[0].policy == RoutingPolicy::Probabilistic);
  CHECK(api.routing[0].targets == std::vector<RouteTarget>{{1, 0.6}, {std::nullopt, 0.4}});
  CHECK_THAT(api.routing[0].exit_probability(), WithinRel(0.4, 1e-15));
  CHECK(s.stations[1].service == std::vector<DistributionSpec>{dist::Exponential{1.0 / 12.0}});
  CHECK(s.stations[1].routing[0].targets.empty());
  CHECK(s.run.customers == 50000u);
  CHECK(s.run.warmup.kind == WarmupSpec::Kind::Auto);
  CHECK(s.run.replications == 10);
  CHECK(s.run.seed == 42);
  CHECK(s.run.confidence == 0.95);
}

TEST_CASE("the other examples hold what their comments say", "[model][scenario][examples]") {
  const auto dir = repo_root() / "scenarios";
  SECTION("call centre: Erlang-A") {
    const Scenario s = load_scenario(dir / "call-centre.yaml");
    CHECK(s.arrivals[0].interarrival == DistributionSpec{dist::Exponential{600.0 / 3600.0}});
    CHECK(s.stations[0].servers == 44u);
    CHECK(s.stations[0].service[0] == DistributionSpec{dist::Exponential{1.0 / 240.0}});
    REQUIRE(s.stations[0].patience.has_value());
    CHECK(*s.stations[0].patience == DistributionSpec{dist::Exponential{1.0 / 180.0}});
    CHECK(s.run.quantiles == std::vector<double>{0.5, 0.8, 0.95});
  }
  SECTION("task queue: capacity, heavy tail, retries") {
    const Scenario s = load_scenario(dir / "task-queue.yaml");
    const auto& w = s.stations[0];
    CHECK(w.capacity == 500u);
    CHECK(w.service[0] == DistributionSpec{dist::Lognormal{0.8, 4.0}});
    REQUIRE(w.retry.has_value());
    CHECK(w.retry->failure_probability == 0.05);
    CHECK(w.retry->max_attempts == 3);
    CHECK(w.retry->backoff == DistributionSpec{dist::Exponential{0.5}});
  }
  SECTION("kafka: round-robin to four single-consumer partitions") {
    const Scenario s = load_scenario(dir / "kafka-consumers.yaml");
    REQUIRE(s.stations.size() == 5);
    CHECK(s.stations[0].infinite_servers());
    CHECK(s.stations[0].service[0] == DistributionSpec{dist::Deterministic{1.0}});
    CHECK(s.stations[0].routing[0].policy == RoutingPolicy::RoundRobin);
    CHECK(s.stations[0].routing[0].targets.size() == 4);
    for (std::size_t i = 1; i <= 4; ++i) {
      CHECK(s.stations[i].servers == 1u);
      CHECK_THAT(mean(s.stations[i].service[0]), WithinRel(1.6, 1e-15));
      CHECK_THAT(scv(s.stations[i].service[0]), WithinRel(0.5, 1e-15));
    }
  }
  SECTION("interactive: closed network with a delay station") {
    const Scenario s = load_scenario(dir / "interactive-closed.yaml");
    CHECK(s.is_closed());
    CHECK(s.population == 20u);
    CHECK(s.population_start == 0);
    CHECK(s.arrivals.empty());
    CHECK(s.stations[0].infinite_servers());
    CHECK(s.stations[1].routing[0].targets ==
          std::vector<RouteTarget>{{2, 0.5}, {3, 0.3}, {0, 0.2}});
    CHECK(s.stations[1].routing[0].exit_probability() == 0.0);
  }
  SECTION("three tier: feedback loop") {
    const Scenario s = load_scenario(dir / "three-tier.yaml");
    CHECK(s.stations[2].routing[0].targets == std::vector<RouteTarget>{{1, 1.0}});
  }
  SECTION("priority classes: per-class service and routing") {
    const Scenario s = load_scenario(dir / "priority-classes.yaml");
    REQUIRE(s.classes.size() == 2);
    CHECK(s.classes[0].name == "gold");
    CHECK(s.classes[1].priority == 2);
    CHECK(s.arrivals[1].customer_class == 1);
    const auto& api = s.stations[0];
    CHECK(api.discipline == Discipline::Priority);
    CHECK(api.service[0] == DistributionSpec{dist::Exponential{1.0 / 50.0}});
    CHECK(api.service[1] == DistributionSpec{dist::Exponential{1.0 / 80.0}});
    CHECK(api.routing[0].targets.empty());
    CHECK(api.routing[1].targets == std::vector<RouteTarget>{{1, 0.1}, {std::nullopt, 0.9}});
    // 'review' is given for bronze only; gold never reaches it, so its entry repeats bronze's.
    CHECK(s.stations[1].service.size() == 2);
    CHECK(s.stations[1].service[1] == DistributionSpec{dist::Exponential{1.0 / 500.0}});
  }
  SECTION("daily profile: periodic rate profile and server schedule, in minutes") {
    const Scenario s = load_scenario(dir / "daily-profile.yaml");
    const auto& profile = s.arrivals[0].rate_profile;
    REQUIRE(profile.has_value());
    CHECK(profile->period == 1440.0);
    CHECK(profile->starts == std::vector<double>{0, 360, 480, 600, 780, 1020, 1200, 1320});
    CHECK(profile->values[3] == 2.0);  // 120/h = 2/min
    CHECK(s.arrivals[0].interarrival ==
          DistributionSpec{dist::Exponential{profile->long_run_average()}});
    const auto& desk = s.stations[0];
    REQUIRE(desk.server_schedule.has_value());
    CHECK(desk.servers == 10u);  // the schedule's maximum
    CHECK(desk.server_schedule->values == std::vector<double>{2, 4, 8, 10, 6, 3, 2});
    CHECK(s.run.horizon == 8.0 * 1440.0);
    CHECK(s.run.warmup.kind == WarmupSpec::Kind::Time);
    CHECK(s.run.warmup.amount == 1440.0);
  }
  SECTION("batch backlog: replayed durations, no arrivals") {
    const Scenario s = load_scenario(dir / "batch-backlog.yaml");
    CHECK(s.arrivals.empty());
    CHECK(s.stations[0].backlog == std::vector<std::uint64_t>{5});
    CHECK(s.stations[0].service[0] == DistributionSpec{dist::Empirical{
                                          {2, 3, 4, 5, 6}, dist::EmpiricalMode::Replay, "inline"}});
    CHECK(s.run.warmup.kind == WarmupSpec::Kind::None);
    CHECK(s.run.replications == 2);
  }
}

TEST_CASE("every distribution form gives the documented parameters",
          "[model][scenario][distribution]") {
  using D = DistributionSpec;
  const auto service = [](const std::string& yaml) {
    return with_service(yaml).stations[0].service[0];
  };
  CHECK(service("{rate: 4/s}") == D{dist::Exponential{4.0}});  // no dist: exponential
  CHECK(service("{mean: 250ms}") == D{dist::Exponential{4.0}});
  CHECK(service("{dist: exponential, rate: 240/min}") == D{dist::Exponential{4.0}});
  CHECK(service("{dist: deterministic, value: 2s}") == D{dist::Deterministic{2.0}});
  CHECK(service("{dist: deterministic, mean: 1.5}") == D{dist::Deterministic{1.5}});
  CHECK(service("{dist: erlang, k: 3, mean: 600ms}") == D{dist::Erlang{3, 0.6}});
  CHECK(service("{dist: erlang, k: 3, phase_rate: 5/s}") == D{dist::Erlang{3, 0.6}});
  CHECK(service("{dist: gamma, shape: 2, scale: 500ms}") == D{dist::Gamma{2.0, 0.5}});
  CHECK(service("{dist: gamma, shape: 2, rate: 4/s}") == D{dist::Gamma{2.0, 0.25}});
  CHECK(service("{dist: gamma, mean: 1s, scv: 0.5}") == D{dist::Gamma{2.0, 0.5}});
  CHECK(service("{dist: lognormal, mean: 45ms, scv: 1.5}") == D{dist::Lognormal{0.045, 1.5}});
  CHECK(service("{dist: lognormal, mean: 2s, sd: 1s}") == D{dist::Lognormal{2.0, 0.25}});
  {
    // mu and sigma of ln(time): mean exp(mu + sigma²/2), scv exp(sigma²) - 1.
    const auto d = service("{dist: lognormal, mu: 0, sigma: 1}");
    CHECK_THAT(mean(d), WithinRel(std::exp(0.5), 1e-15));
    CHECK_THAT(scv(d), WithinRel(std::exp(1.0) - 1.0, 1e-15));
  }
  CHECK(service("{dist: hyperexponential, mean: 1s, scv: 4}") == D{fit_hyperexponential(1.0, 4.0)});
  CHECK(service("{dist: hyperexponential, phases: [{probability: 0.4, rate: 2/s}, {probability: "
                "60%, mean: 4s}]}") == D{dist::Hyperexponential{{0.4, 0.6}, {2.0, 0.25}}});
  CHECK(service("{dist: uniform, min: 1s, max: 3s}") == D{dist::Uniform{1.0, 3.0}});
  CHECK(service("{dist: weibull, shape: 2, scale: 1s}") == D{dist::Weibull{2.0, 1.0}});
  CHECK(service("{dist: weibull, shape: 1, mean: 2s}") == D{dist::Weibull{1.0, 2.0}});  // Γ(2) = 1
  CHECK(service("{dist: empirical, values: [2s, 3, 500ms]}") ==
        D{dist::Empirical{{2.0, 3.0, 0.5}, dist::EmpiricalMode::Sample, "inline"}});
  CHECK(service("{dist: empirical, mode: replay, values: [1, 2], source: load test 2024-05}") ==
        D{dist::Empirical{{1.0, 2.0}, dist::EmpiricalMode::Replay, "load test 2024-05"}});
  // The same forms in another time unit are converted.
  const auto in_ms = [](const std::string& yaml) {
    return with_service(yaml, "ms").stations[0].service[0];
  };
  CHECK(in_ms("{dist: erlang, k: 2, mean: 2s}") == D{dist::Erlang{2, 2000.0}});
  CHECK(in_ms("{rate: 4/s}") == D{dist::Exponential{0.004}});
  CHECK(in_ms("{dist: uniform, min: 1, max: 1.5min}") == D{dist::Uniform{1.0, 90000.0}});
  CHECK(in_ms("{dist: hyperexponential, phases: [{probability: 1, rate: 1/s}]}") ==
        D{dist::Hyperexponential{{1.0}, {0.001}}});
}

TEST_CASE("empirical distributions read traces relative to the scenario",
          "[model][scenario][distribution]") {
  SECTION("one number per line, comments and blank lines skipped, unit of the values") {
    const auto d = with_service("{dist: empirical, file: traces/service_ms.txt, unit: ms}")
                       .stations[0]
                       .service[0];
    const auto& e = std::get<dist::Empirical>(d);
    CHECK(e.values ==
          std::vector<double>{0.0125, 0.008, 0.03025, 0.007, 0.009, 0.011, 0.064, 0.0055});
    CHECK(e.mode == dist::EmpiricalMode::Sample);
    CHECK(e.source == "traces/service_ms.txt");
  }
  SECTION("a CSV column by header name, values in the scenario's unit by default") {
    const auto d =
        with_service(
            "{dist: empirical, file: traces/requests.csv, column: latency_ms, mode: replay}", "ms")
            .stations[0]
            .service[0];
    const auto& e = std::get<dist::Empirical>(d);
    CHECK(e.values == std::vector<double>{12.5, 8.0, 30.25, 7.0});
    CHECK(e.mode == dist::EmpiricalMode::Replay);
    CHECK(e.source == "traces/requests.csv (column latency_ms)");
  }
  SECTION("load_scenario resolves against the scenario file's directory") {
    const Scenario s = load_scenario(data_dir() / "scenarios" / "trace-replay.yaml");
    const auto& e = std::get<dist::Empirical>(s.stations[0].service[0]);
    CHECK(e.values.size() == 8);
    CHECK(e.values.front() == 12.5);
  }
}

TEST_CASE("per-class service, routing and backlog", "[model][scenario][classes]") {
  const std::string head = R"(name: classes
classes:
  - {name: gold, priority: 1}
  - bronze
arrivals:
  - {to: a, class: gold, rate: 1/s}
  - {to: a, class: bronze, rate: 2/s}
stations:
)";
  SECTION("one service for every class, per-class routing with a class leaving at once") {
    const Scenario s = parse(head + R"(  - name: a
    service: {dist: exponential, mean: 100ms}
    next: {gold: exit, bronze: {b: 50%}}
  - name: b
    service: {gold: {mean: 1s}, bronze: {mean: 2s}}
)");
    REQUIRE(s.classes.size() == 2);
    CHECK(s.classes[1] == CustomerClassSpec{"bronze", 1});  // `- bronze`: default priority 1
    CHECK(s.stations[0].service == std::vector<DistributionSpec>(2, dist::Exponential{10.0}));
    CHECK(s.stations[0].routing[0].targets.empty());
    CHECK(s.stations[0].routing[1].targets == std::vector<RouteTarget>{{1, 0.5}});
    CHECK(s.stations[1].service[0] == DistributionSpec{dist::Exponential{1.0}});
    CHECK(s.stations[1].service[1] == DistributionSpec{dist::Exponential{0.5}});
  }
  SECTION("backlog per class; a class that never visits a station may be left out there") {
    const Scenario s = parse(head + R"(  - name: a
    backlog: {bronze: 3}
    service: {gold: {mean: 1s}, bronze: {mean: 2s}}
    next: {bronze: b, gold: exit}
  - name: b
    service: {bronze: {dist: deterministic, value: 1s}}
    next: {bronze: exit}
)");
    CHECK(s.stations[0].backlog == std::vector<std::uint64_t>{0, 3});
    CHECK(s.stations[1].service[1] == DistributionSpec{dist::Deterministic{1.0}});
    CHECK(s.stations[1].routing[0].targets.empty());  // gold: never here, leaves
  }
}

TEST_CASE("routing forms", "[model][scenario][routing]") {
  const auto next = [](const std::string& yaml) {
    return parse(
               "name: r\narrivals: [{to: a, rate: 1}]\nstations:\n  - {name: a, service: {mean: "
               "1}" +
               (yaml.empty() ? std::string() : ", next: " + yaml) +
               "}\n  - {name: b, service: {mean: 1}}\n  - {name: c, service: {mean: 1}}\n")
        .stations[0]
        .routing[0];
  };
  CHECK(next("") == RoutingSpec{});  // default: leave
  CHECK(next("exit") == RoutingSpec{});
  CHECK(next("b") == RoutingSpec{RoutingPolicy::Probabilistic, {{1, 1.0}}});
  CHECK(next("{b: 0.7, exit: 0.3}") ==
        RoutingSpec{RoutingPolicy::Probabilistic, {{1, 0.7}, {std::nullopt, 0.3}}});
  CHECK(next("{b: 25%, c: 0.5}") ==
        RoutingSpec{RoutingPolicy::Probabilistic, {{1, 0.25}, {2, 0.5}}});
  CHECK(next("{a: 0.1}") ==
        RoutingSpec{RoutingPolicy::Probabilistic, {{0, 0.1}}});  // feedback to itself
  CHECK(next("{shortest_queue: [b, c]}") ==
        RoutingSpec{RoutingPolicy::JoinShortestQueue, {{1, 0.0}, {2, 0.0}}});
  CHECK(next("{round_robin: [c, b]}") ==
        RoutingSpec{RoutingPolicy::RoundRobin, {{2, 0.0}, {1, 0.0}}});
  CHECK(next("{random: [b]}") == RoutingSpec{RoutingPolicy::Random, {{1, 0.0}}});
}

TEST_CASE("station settings", "[model][scenario][station]") {
  const auto station = [](const std::string& yaml) {
    return parse(
               "name: s\ntime_unit: ms\narrivals: [{to: a, rate: 1/s}]\nstations:\n  - name: a\n" +
               yaml + "    service: {mean: 1}\n")
        .stations[0];
  };
  CHECK(station("").servers == 1u);  // default
  CHECK_FALSE(station("    servers: inf\n").servers.has_value());
  CHECK(station("    servers: 10000\n    capacity: inf\n").servers == 10000u);
  CHECK(station("    servers: 2\n    capacity: 2\n").capacity == 2u);
  CHECK(station("    backlog: 0\n").backlog.empty());  // no customers = empty
  CHECK(station("    backlog: 7\n").backlog == std::vector<std::uint64_t>{7});
  const auto rr = station("    discipline: rr\n    quantum: 5ms\n");
  CHECK(rr.discipline == Discipline::RoundRobin);
  CHECK(rr.quantum == 5.0);
  CHECK(station("    discipline: priority-preemptive\n").discipline ==
        Discipline::PriorityPreemptive);
  CHECK(station("    discipline: ps\n").discipline == Discipline::ProcessorSharing);
  CHECK(station("    discipline: sjf\n").discipline == Discipline::ShortestJobFirst);
  CHECK(station("    discipline: random\n").discipline == Discipline::Random);
  CHECK(station("    discipline: lifo\n").discipline == Discipline::Lifo);
  const auto b = station("    balking: {threshold: 10}\n");
  REQUIRE(b.balking.has_value());
  CHECK(b.balking->threshold == 10);
  CHECK(b.balking->probability == 1.0);
  CHECK(station("    balking: {threshold: 0, probability: 25%}\n").balking->probability == 0.25);
  const auto p = station("    patience: {dist: uniform, min: 1s, max: 2s}\n");
  CHECK(*p.patience == DistributionSpec{dist::Uniform{1000.0, 2000.0}});
  const auto r = station("    retry: {failure_probability: 0.1, max_attempts: 3, backoff: 2s}\n");
  CHECK(r.retry->backoff ==
        DistributionSpec{dist::Deterministic{2000.0}});  // bare duration: constant
  CHECK(station("    retry: {failure_probability: 0.1, max_attempts: 1}\n").retry->backoff ==
        DistributionSpec{dist::Deterministic{0.0}});
  const auto sched =
      station("    schedule: {servers: [{from: 0, servers: 1}, {from: 1h, servers: 3}]}\n");
  CHECK(sched.servers == 3u);
  CHECK(sched.server_schedule->starts == std::vector<double>{0.0, 3.6e6});
  CHECK_FALSE(sched.server_schedule->period.has_value());
}

TEST_CASE("arrival forms", "[model][scenario][arrivals]") {
  const auto arrival = [](const std::string& yaml) {
    return parse("name: s\ntime_unit: ms\narrivals:\n  - {to: a, " + yaml +
                 "}\nstations:\n  - {name: a, service: {mean: 1}}\n")
        .arrivals[0];
  };
  CHECK(arrival("rate: 120/s").interarrival == DistributionSpec{dist::Exponential{0.12}});
  CHECK(arrival("rate: 0.5").interarrival == DistributionSpec{dist::Exponential{0.5}});  // per ms
  CHECK(arrival("mean: 8ms").interarrival == DistributionSpec{dist::Exponential{0.125}});
  CHECK(arrival("interarrival: {dist: erlang, k: 2, mean: 10ms}").interarrival ==
        DistributionSpec{dist::Erlang{2, 10.0}});
  const auto a = arrival("profile: {rates: [{from: 0h, rate: 0/s}, {from: 1h, rate: 3600/h}]}");
  REQUIRE(a.rate_profile.has_value());
  CHECK(a.rate_profile->values == std::vector<double>{0.0, 0.001});
  CHECK(a.rate() == 0.001);  // no period: the last rate is the long-run rate
}

TEST_CASE("run settings", "[model][scenario][run]") {
  const auto run = [](const std::string& yaml, const std::string& unit = "s") {
    return parse("name: s\ntime_unit: " + unit +
                 "\narrivals: [{to: a, rate: 1}]\nstations: [{name: a, service: {mean: "
                 "0.5}}]\nrun: " +
                 yaml + "\n")
        .run;
  };
  const RunSpec defaults = run("{}");
  CHECK(defaults == RunSpec{});
  const RunSpec r = run(
      "{customers: 1e6, horizon: 10min, warmup: 1000, replications: 20, seed: "
      "18446744073709551615, "
      "confidence: 99%, precision: 1%, time_budget: 2min, ci: batch_means, quantiles: [0.5, 99%]}");
  CHECK(r.customers == 1000000u);
  CHECK(r.horizon == 600.0);
  CHECK(r.warmup.kind == WarmupSpec::Kind::Customers);
  CHECK(r.warmup.amount == 1000.0);
  CHECK(r.replications == 20);
  CHECK(r.seed == 18446744073709551615ull);
  CHECK(r.confidence == 0.99);
  CHECK(r.precision == 0.01);
  CHECK(r.time_budget_seconds == 120.0);
  CHECK(r.ci_method == CiMethod::BatchMeans);
  CHECK(r.quantiles == std::vector<double>{0.5, 0.99});
  CHECK(run("{warmup: none}").warmup.kind == WarmupSpec::Kind::None);
  const RunSpec timed = run("{warmup: 30s}", "ms");
  CHECK(timed.warmup.kind == WarmupSpec::Kind::Time);
  CHECK(timed.warmup.amount == 30000.0);
  // time_budget is wall-clock: a bare number is seconds whatever the time unit.
  CHECK(run("{time_budget: 60, precision: 0.05}", "ms").time_budget_seconds == 60.0);
}

TEST_CASE("closed networks", "[model][scenario][closed]") {
  const Scenario s = parse(R"(name: closed
population: 3
start: b
stations:
  - {name: a, servers: inf, service: {mean: 1}, next: b}
  - {name: b, service: {mean: 0.1}, next: {a: 0.5, b: 0.5}}
)");
  CHECK(s.is_closed());
  CHECK(s.population == 3u);
  CHECK(s.population_start == 1);
  CHECK(parse("name: c\npopulation: 1\nstations: [{name: a, service: {mean: 1}, next: a}]\n")
            .population_start == 0);
}

TEST_CASE("quoted names, descriptions and multiple spellings are accepted", "[model][scenario]") {
  const Scenario s = parse(R"(name: "Checkout: peak #1"
description: |
  Two lines
  of text.
time_unit: µs
arrivals: [{to: "db primary", rate: "1/ms"}]
stations:
  - {name: "db primary", servers: "4", service: {mean: "2 ms"}}
)");
  CHECK(s.name == "Checkout: peak #1");
  CHECK(s.description == "Two lines\nof text.\n");
  CHECK(s.time_unit == "us");
  CHECK(s.seconds_per_unit == 1e-6);
  CHECK(s.stations[0].name == "db primary");
  CHECK(s.stations[0].servers == 4u);
  CHECK(s.stations[0].service[0] == DistributionSpec{dist::Exponential{0.0005}});
}

TEST_CASE("a station may be called 'default' when no classes are declared", "[model][scenario]") {
  const Scenario s = parse(
      "name: d\narrivals: [{to: default, rate: 1}]\nstations: [{name: default, service: {mean: "
      "0.5}}]\n");
  CHECK(s.stations[0].name == "default");
  CHECK(s.classes == std::vector<CustomerClassSpec>{{"default", 1}});
}

TEST_CASE("warnings are located but do not stop loading", "[model][scenario]") {
  const auto loaded = parse_scenario_with_warnings(R"(name: w
arrivals: [{to: a, rate: 1}]
stations:
  - {name: a, service: {mean: 0.5}}
  - {name: orphan, service: {mean: 0.5}}
run: {time_budget: 10s}
)",
                                                   "w.yaml");
  REQUIRE(loaded.warnings.size() == 2);
  CHECK(loaded.warnings[0] ==
        "w.yaml:5:5: warning: station 'orphan' receives no customers: no arrivals, routes or "
        "backlog lead to it");
  CHECK(loaded.warnings[1] ==
        "w.yaml:6:20: warning: time_budget only limits sequential stopping, which needs precision "
        "— it has no "
        "effect without it");
}

TEST_CASE("a missing or unreadable file is a ScenarioError", "[model][scenario]") {
  const auto missing = data_dir() / "no-such-scenario.yaml";
  CHECK_THROWS_AS(load_scenario(missing), kendall::ScenarioError);
  CHECK_THROWS_WITH(
      load_scenario(missing),
      missing.string() + ": no such file — expected the path of a scenario file (.yaml)");
  CHECK_THROWS_WITH(load_scenario(data_dir()), Contains("is a directory"));
}
