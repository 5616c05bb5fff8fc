// The scenario solver: which rule applies to which station, that single-station scenarios give
// exactly the single-queue functions' numbers, and the reasons given when theory has no answer.

#include "kendall/model/scenario_solver.hpp"

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/approximations.hpp"
#include "kendall/model/analytic/erlang_a.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/mg1.hpp"
#include "kendall/model/analytic/priority.hpp"
#include "kendall/model/network/mva.hpp"
#include "kendall/model/network/open_network.hpp"
#include "kendall/model/scenario_loader.hpp"

#include "repo_root.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using namespace kendall::model;

namespace {

RoutingSpec exit_only() { return {}; }

RoutingSpec to(std::vector<std::pair<std::size_t, double>> targets) {
  RoutingSpec r;
  for (auto [s, p] : targets) r.targets.push_back({s, p});
  return r;
}

StationSpec station(std::string name, std::optional<std::uint32_t> servers,
                    DistributionSpec service, RoutingSpec next = exit_only()) {
  StationSpec s;
  s.name = std::move(name);
  s.servers = servers;
  s.service = {std::move(service)};
  s.routing = {std::move(next)};
  return s;
}

ArrivalSpec poisson(std::size_t station, double rate, std::size_t cls = 0) {
  ArrivalSpec a;
  a.station = station;
  a.customer_class = cls;
  a.interarrival = dist::Exponential{rate};
  return a;
}

Scenario open(std::vector<StationSpec> stations, std::vector<ArrivalSpec> arrivals) {
  Scenario sc;
  sc.name = "test";
  sc.stations = std::move(stations);
  sc.arrivals = std::move(arrivals);
  return sc;
}

/// Every metric of `expected` is in `actual` with the identical value (and nothing else).
void require_same(const AnalyticResult& actual, const AnalyticResult& expected) {
  CHECK(actual.model == expected.model);
  CHECK(actual.method == expected.method);
  CHECK(actual.stable == expected.stable);
  REQUIRE(actual.metrics.size() == expected.metrics.size());
  for (const auto& [name, value] : expected.metrics.entries()) {
    INFO(name);
    REQUIRE(actual.metrics.has(name));
    CHECK(actual.metrics.at(name) == value);
  }
}

const StationSolution& st(const ScenarioSolution& s, std::size_t i) {
  REQUIRE(i < s.stations.size());
  return s.stations[i];
}

}  // namespace

TEST_CASE("single-station scenarios give exactly the single-queue functions' numbers",
          "[model][scenario_solver][single]") {
  QueryOptions opts;
  opts.quantiles = {0.5, 0.95};
  opts.sla = 0.2;
  SECTION("M/M/1") {
    const auto sol =
        solve_scenario(open({station("q", 1, dist::Exponential{5.0})}, {poisson(0, 4.0)}), opts);
    REQUIRE(st(sol, 0).result);
    require_same(*st(sol, 0).result, mm1(4.0, 5.0, opts));
    REQUIRE(sol.network);
    CHECK(sol.network->method == "exact");
    CHECK(sol.network->metrics.at("L") == st(sol, 0).result->metrics.at("L"));
    CHECK_THAT(sol.network->metrics.at("W"), WithinRel(st(sol, 0).result->metrics.at("W"), 1e-15));
    CHECK(sol.network->metrics.at("throughput") == 4.0);
    CHECK(*sol.network->bottleneck == "q");
    CHECK_THAT(*sol.network->max_arrival_scaling, WithinRel(1.25, 1e-15));
  }
  SECTION("M/M/c") {
    const auto sol =
        solve_scenario(open({station("q", 7, dist::Exponential{1.0})}, {poisson(0, 6.3)}), opts);
    require_same(*st(sol, 0).result, mmc(6.3, 1.0, 7, opts));
  }
  SECTION("M/M/c/K") {
    auto s = station("q", 3, dist::Exponential{2.0});
    s.capacity = 10;
    const auto sol = solve_scenario(open({s}, {poisson(0, 7.0)}), opts);
    const auto ref = mmck(7.0, 2.0, 3, 10, opts);
    require_same(*st(sol, 0).result, ref);
    // Network: the admitted customers' W equals the station's W (Little with λ_eff).
    CHECK_THAT(sol.network->metrics.at("W"), WithinRel(ref.metrics.at("W"), 1e-14));
    CHECK_THAT(sol.network->metrics.at("throughput"),
               WithinRel(ref.metrics.at("throughput"), 1e-14));
  }
  SECTION("M/M/inf") {
    const auto sol = solve_scenario(
        open({station("think", std::nullopt, dist::Exponential{0.2})}, {poisson(0, 3.0)}), opts);
    require_same(*st(sol, 0).result, mminf(3.0, 0.2, opts));
    const auto g = solve_scenario(
        open({station("think", std::nullopt, dist::Lognormal{5.0, 3.0})}, {poisson(0, 3.0)}), opts);
    require_same(*st(g, 0).result, mginf(3.0, 0.2, opts));
  }
  SECTION("M/G/1 with lognormal and deterministic service") {
    const auto sol =
        solve_scenario(open({station("q", 1, dist::Lognormal{0.1, 2.5})}, {poisson(0, 7.0)}), opts);
    require_same(*st(sol, 0).result, mg1(7.0, DistributionSpec{dist::Lognormal{0.1, 2.5}}, opts));
    const auto det =
        solve_scenario(open({station("q", 1, dist::Deterministic{0.1})}, {poisson(0, 7.0)}), opts);
    require_same(*st(det, 0).result, mg1(7.0, DistributionSpec{dist::Deterministic{0.1}}, opts));
    CHECK(st(det, 0).result->model == "M/D/1");
    CHECK(st(det, 0).result->metrics.has("Wq_p95"));
  }
  SECTION("an unstable single queue is reported as such, with its growth rate") {
    const auto sol =
        solve_scenario(open({station("q", 2, dist::Exponential{1.0})}, {poisson(0, 2.5)}), opts);
    CHECK_FALSE(st(sol, 0).result->stable);
    CHECK_THAT(*st(sol, 0).result->growth_rate, WithinRel(0.5, 1e-15));
    REQUIRE(sol.network);
    CHECK_FALSE(sol.network->stable);
    CHECK(sol.network->saturated == std::vector<std::string>{"q"});
    CHECK_THAT(*sol.network->growth_rate, WithinRel(0.5, 1e-15));
    CHECK_FALSE(sol.network->metrics.has("W"));
    CHECK_THAT(*sol.network->max_arrival_scaling, WithinRel(0.8, 1e-15));
  }
}

TEST_CASE("a Jackson scenario is solved exactly and equals the open-network solver",
          "[model][scenario_solver][jackson]") {
  // web (4 servers) → app (8) ⇄ db (2), as scenarios/three-tier.yaml, plus a delay station.
  auto web = station("web", 4, dist::Exponential{50.0}, to({{1, 1.0}}));
  auto app = station("app", 8, dist::Exponential{50.0}, to({{2, 0.6}, {3, 0.1}}));
  auto db = station("db", 2, dist::Exponential{125.0}, to({{1, 1.0}}));
  auto cache = station("cache", std::nullopt, dist::Lognormal{0.002, 3.0}, to({{1, 1.0}}));
  const auto sol = solve_scenario(open({web, app, db, cache}, {poisson(0, 100.0)}));
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(4, 4);
  p(0, 1) = 1.0;
  p(1, 2) = 0.6;
  p(1, 3) = 0.1;
  p(2, 1) = 1.0;
  p(3, 1) = 1.0;
  Eigen::VectorXd g = Eigen::VectorXd::Zero(4);
  g(0) = 100.0;
  const auto ref = solve_open_network(jackson_network(
      {"web", "app", "db", "cache"}, {4, 8, 2, std::nullopt}, {50.0, 50.0, 125.0, 500.0}, g, p));
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(sol.stations[i].name);
    REQUIRE(st(sol, i).result);
    CHECK(st(sol, i).result->method == "exact");
    CHECK_THAT(st(sol, i).result->metrics.at("L"),
               WithinRel(ref.stations[i]->metrics.at("L"), 1e-13));
  }
  REQUIRE(sol.network);
  CHECK(sol.network->method == "exact");
  CHECK_THAT(sol.network->metrics.at("W"), WithinRel(ref.network.at("W"), 1e-13));
  CHECK_THAT(sol.visit_ratios[1], WithinRel(1.0 / 0.3, 1e-13));
  REQUIRE(ref.bottleneck.has_value());
  CHECK(*sol.network->bottleneck == sol.stations[*ref.bottleneck].name);
}

TEST_CASE("a station fed by product-form stations on no cycle has exactly Poisson arrivals",
          "[model][scenario_solver][burke]") {
  // Poisson → M/M/2 'front' → 70% to 'disk' (lognormal, one server): by Burke's theorem the
  // departures of 'front' are Poisson, so 'disk' is exactly M/G/1 with λ = 0.7 × 3.
  auto front = station("front", 2, dist::Exponential{2.0}, to({{1, 0.7}}));
  auto disk = station("disk", 1, dist::Lognormal{0.25, 2.0});
  const auto sol = solve_scenario(open({front, disk}, {poisson(0, 3.0)}));
  REQUIRE(st(sol, 1).result);
  require_same(*st(sol, 1).result,
               mg1(3.0 * 0.7, DistributionSpec{dist::Lognormal{0.25, 2.0}}, {}));
  CHECK(sol.network->method == "exact");
  CHECK_THAT(
      sol.network->metrics.at("L"),
      WithinRel(mmc(3.0, 2.0, 2).metrics.at("L") + st(sol, 1).result->metrics.at("L"), 1e-14));
}

TEST_CASE(
    "no analytic answer: time-varying arrivals, schedules, balking, retries, JSQ — each with its "
    "reason",
    "[model][scenario_solver][reasons]") {
  SECTION("time-varying arrival rate taints the station and everything downstream only") {
    auto a = station("a", 2, dist::Exponential{1.0}, to({{1, 1.0}}));
    auto b = station("b", 1, dist::Exponential{3.0});
    auto c = station("c", 1, dist::Exponential{3.0});
    auto varying = poisson(0, 1.0);
    varying.rate_profile = PiecewiseConstant{{0.0, 10.0}, {0.5, 1.5}, 20.0};
    const auto sol = solve_scenario(open({a, b, c}, {varying, poisson(2, 1.0)}));
    CHECK_FALSE(st(sol, 0).result);
    CHECK_THAT(st(sol, 0).reason, Contains("time-varying rate profile"));
    CHECK_FALSE(st(sol, 1).result);
    CHECK_THAT(st(sol, 1).reason, Contains("from 'a'"));
    REQUIRE(st(sol, 2).result);  // unrelated station: still exact
    require_same(*st(sol, 2).result, mm1(1.0, 3.0));
    CHECK_FALSE(sol.network);
    CHECK_THAT(sol.network_reason, Contains("'a', 'b'"));
  }
  SECTION("a constant rate profile and a constant schedule are not time-varying") {
    auto a = station("a", 3, dist::Exponential{1.0});
    a.server_schedule = PiecewiseConstant{{0.0, 5.0}, {3.0, 3.0}, 10.0};
    auto arr = poisson(0, 2.0);
    arr.rate_profile = PiecewiseConstant{{0.0}, {2.0}, std::nullopt};
    const auto sol = solve_scenario(open({a}, {arr}));
    REQUIRE(st(sol, 0).result);
    require_same(*st(sol, 0).result, mmc(2.0, 1.0, 3));
  }
  SECTION("server schedule") {
    auto a = station("a", 4, dist::Exponential{1.0});
    a.server_schedule = PiecewiseConstant{{0.0, 5.0}, {2.0, 4.0}, 10.0};
    const auto sol = solve_scenario(open({a}, {poisson(0, 1.0)}));
    CHECK_THAT(st(sol, 0).reason, Contains("schedule"));
  }
  SECTION("balking") {
    auto a = station("a", 1, dist::Exponential{1.0}, to({{1, 1.0}}));
    a.balking = BalkingSpec{3, 0.5};
    auto b = station("b", 1, dist::Exponential{2.0});
    const auto sol = solve_scenario(open({a, b}, {poisson(0, 0.5)}));
    CHECK_THAT(st(sol, 0).reason, Contains("balk"));
    CHECK_THAT(st(sol, 1).reason, Contains("balking losses are unknown"));
  }
  SECTION("retries; a single attempt only removes the failures from the routing") {
    auto a = station("a", 1, dist::Exponential{2.0}, to({{1, 1.0}}));
    a.retry = RetrySpec{0.1, 3, dist::Deterministic{1.0}};
    auto b = station("b", 1, dist::Exponential{2.0});
    auto sol = solve_scenario(open({a, b}, {poisson(0, 1.0)}));
    CHECK_THAT(st(sol, 0).reason, Contains("retried"));
    a.retry->max_attempts = 1;
    sol = solve_scenario(open({a, b}, {poisson(0, 1.0)}));
    REQUIRE(st(sol, 1).result);
    require_same(*st(sol, 1).result, mm1(1.0 * 0.9, 2.0));  // 10% fail and leave
    CHECK_THAT(sol.network->metrics.at("throughput"),
               WithinRel(0.9, 1e-14));  // failed customers are lost
  }
  SECTION("join-shortest-queue taints its targets, not itself") {
    auto lb = station("lb", std::nullopt, dist::Exponential{100.0});
    lb.routing = {RoutingSpec{RoutingPolicy::JoinShortestQueue, {{1, 0.0}, {2, 0.0}}}};
    const auto sol = solve_scenario(open(
        {lb, station("w1", 1, dist::Exponential{1.0}), station("w2", 1, dist::Exponential{1.0})},
        {poisson(0, 1.0)}));
    REQUIRE(st(sol, 0).result);
    CHECK(st(sol, 0).result->method == "exact");
    CHECK_THAT(st(sol, 1).reason, Contains("shortest queue"));
    CHECK_THAT(st(sol, 2).reason, Contains("shortest queue"));
  }
  SECTION("shortest job first") {
    auto a = station("a", 1, dist::Lognormal{1.0, 2.0});
    a.discipline = Discipline::ShortestJobFirst;
    const auto sol = solve_scenario(open({a}, {poisson(0, 0.5)}));
    CHECK_THAT(st(sol, 0).reason, Contains("shortest job first"));
  }
}

TEST_CASE("an unstable station in a Jackson network leaves the others exact (Goodman-Massey)",
          "[model][scenario_solver][unstable]") {
  auto a = station("a", 1, dist::Exponential{5.0}, to({{1, 1.0}}));
  auto b = station("b", 1, dist::Exponential{1.0}, to({{0, 0.2}, {2, 0.8}}));
  auto c = station("c", 1, dist::Exponential{2.0});
  const auto sol = solve_scenario(open({a, b, c}, {poisson(0, 1.0)}));
  REQUIRE(sol.network);
  CHECK_FALSE(sol.network->stable);
  CHECK(sol.network->saturated == std::vector<std::string>{"b"});
  CHECK_THAT(*sol.network->growth_rate, WithinRel(0.2, 1e-12));
  require_same(*st(sol, 0).result, mm1(1.2, 5.0));
  CHECK_THAT(st(sol, 2).result->metrics.at("L"), WithinRel(mm1(0.8, 2.0).metrics.at("L"), 1e-12));
}

TEST_CASE("delay stations with a capacity are Erlang loss systems; PS stations are insensitive",
          "[model][scenario_solver][insensitive]") {
  auto loss = station("lines", std::nullopt, dist::Lognormal{3.0, 4.0});
  loss.capacity = 5;
  auto sol = solve_scenario(open({loss}, {poisson(0, 1.2)}));
  REQUIRE(st(sol, 0).result);
  CHECK(st(sol, 0).result->model == "M/G/c/c");
  CHECK(st(sol, 0).result->metrics.at("p_block") == mmcc(1.2, 1.0 / 3.0, 5).metrics.at("p_block"));
  CHECK_THAT(sol.network->metrics.at("throughput"),
             WithinRel(1.2 * (1.0 - st(sol, 0).result->metrics.at("p_block")), 1e-14));

  auto ps = station("cpu", 2, dist::Gamma{0.25, 0.4});  // mean 0.1, SCV 4
  ps.discipline = Discipline::ProcessorSharing;
  sol = solve_scenario(open({ps}, {poisson(0, 15.0)}));
  REQUIRE(st(sol, 0).result);
  CHECK(st(sol, 0).result->model == "M/G/c-PS");
  CHECK_THAT(st(sol, 0).result->metrics.at("L"),
             WithinRel(mmc(15.0, 10.0, 2).metrics.at("L"), 1e-14));
  CHECK_FALSE(st(sol, 0).result->metrics.has("Wq"));
}

TEST_CASE("several classes at a FIFO M/G/1: the hyperexponential mixture, one wait for all classes",
          "[model][scenario_solver][classes]") {
  Scenario sc;
  sc.name = "two classes";
  sc.classes = {{"gold", 1}, {"bronze", 2}};
  StationSpec s;
  s.name = "api";
  s.servers = 1;
  s.service = {dist::Exponential{20.0}, dist::Exponential{5.0}};
  s.routing = {RoutingSpec{}, RoutingSpec{}};
  sc.stations = {s};
  sc.arrivals = {poisson(0, 2.0, 0), poisson(0, 1.0, 1)};
  const auto sol = solve_scenario(sc);
  REQUIRE(st(sol, 0).result);
  const auto& r = *st(sol, 0).result;
  CHECK(r.method == "exact");
  const auto ref =
      mg1(3.0, DistributionSpec{dist::Hyperexponential{{2.0 / 3.0, 1.0 / 3.0}, {20.0, 5.0}}}, {});
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(ref.metrics.at("Wq"), 1e-14));
  CHECK(r.metrics.has("Wq_p95"));
  REQUIRE(r.classes.size() == 2);
  CHECK(r.classes[0].metrics.at("Wq") == r.metrics.at("Wq"));
  CHECK_THAT(r.classes[1].metrics.at("W"), WithinRel(r.metrics.at("Wq") + 0.2, 1e-14));
  CHECK_THAT(r.classes[0].metrics.at("L") + r.classes[1].metrics.at("L"),
             WithinRel(r.metrics.at("L"), 1e-13));
  REQUIRE(sol.network);
  REQUIRE(sol.network->classes.size() == 2);
  CHECK_THAT(sol.network->classes[1].metrics.at("W"),
             WithinRel(r.classes[1].metrics.at("W"), 1e-13));
}

TEST_CASE("closed scenarios: exact MVA, the non-product-form approximation, and what MVA cannot do",
          "[model][scenario_solver][closed]") {
  Scenario sc;
  sc.name = "closed";
  sc.population = 12;
  sc.stations = {station("users", std::nullopt, dist::Exponential{0.2}, to({{1, 1.0}})),
                 station("cpu", 1, dist::Exponential{25.0}, to({{2, 0.5}, {3, 0.3}, {0, 0.2}})),
                 station("disk1", 1, dist::Exponential{1.0 / 0.06}, to({{1, 1.0}})),
                 station("disk2", 2, dist::Exponential{1.0 / 0.08}, to({{1, 1.0}}))};
  auto sol = solve_scenario(sc);
  CHECK(sol.kind == ScenarioKind::Closed);
  REQUIRE(sol.network);
  CHECK(sol.network->method == "exact");
  ClosedNetwork net;
  net.population = 12;
  net.stations = {{"users", ClosedStationKind::Delay, 1, 1.0, 5.0, 1.0},
                  {"cpu", ClosedStationKind::Fcfs, 1, 5.0, 0.04, 1.0},
                  {"disk1", ClosedStationKind::Fcfs, 1, 2.5, 0.06, 1.0},
                  {"disk2", ClosedStationKind::Fcfs, 2, 1.5, 0.08, 1.0}};
  const auto ref = mva(net);
  CHECK_THAT(sol.network->metrics.at("throughput"), WithinRel(ref.throughput(), 1e-13));
  CHECK_THAT(sol.network->metrics.at("W"), WithinRel(ref.response_time(), 1e-13));
  REQUIRE(sol.curves);
  CHECK(sol.curves->size() == 12);
  REQUIRE(sol.bounds);
  CHECK(*sol.network->bottleneck == "cpu");
  CHECK_THAT(st(sol, 3).result->metrics.at("L"),
             WithinRel(ref.curves.queue_length[3].back(), 1e-13));

  sc.stations[2].service = {dist::Lognormal{0.06, 3.0}};
  sol = solve_scenario(sc);
  CHECK(sol.network->method == mva_general_fifo_method);
  CHECK_THAT(st(sol, 2).result->notes.front(), Contains("residual"));

  sc.stations[2].patience = dist::Exponential{1.0};
  sol = solve_scenario(sc);
  CHECK_FALSE(sol.network);
  CHECK_THAT(sol.network_reason, Contains("abandon"));
}

TEST_CASE("backlog scenarios: the exact makespan, or why not",
          "[model][scenario_solver][backlog]") {
  Scenario sc;
  sc.name = "batch";
  auto w = station("workers", 3,
                   dist::Empirical{{2, 3, 4, 5, 6}, dist::EmpiricalMode::Replay, "inline"});
  w.backlog = {5};
  sc.stations = {w};
  auto sol = solve_scenario(sc);
  CHECK(sol.kind == ScenarioKind::Backlog);
  REQUIRE(sol.network);
  CHECK(sol.network->metrics.at("makespan") == 9.0);
  CHECK_FALSE(st(sol, 0).result);
  sc.stations[0].service = {dist::Exponential{1.0}};
  sol = solve_scenario(sc);
  CHECK_FALSE(sol.network);
  CHECK_THAT(sol.network_reason, Contains("random"));
}

TEST_CASE("invalid scenarios are errors, not 'no answer'", "[model][scenario_solver]") {
  auto a = station("a", 1, dist::Exponential{1.0}, to({{1, 1.0}}));
  auto b = station("b", 1, dist::Exponential{1.0}, to({{0, 1.0}}));
  CHECK_THROWS_AS(solve_scenario(open({a, b}, {poisson(0, 0.1)})), kendall::InvalidParameter);
}

TEST_CASE("every example scenario solves", "[model][scenario_solver][examples]") {
  const auto dir = kendall::test::repo_root() / "scenarios";
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().filename().string());
    const auto sc = load_scenario(entry.path());
    ScenarioSolution sol;
    REQUIRE_NOTHROW(sol = solve_scenario(sc));
    REQUIRE(sol.stations.size() == sc.stations.size());
    for (const auto& s : sol.stations) {
      INFO(s.name);
      CHECK((s.result.has_value() != !s.reason.empty()));
      if (s.result) {
        for (const auto& [n, v] : s.result->metrics.entries()) CHECK(std::isfinite(v));
      }
    }
    CHECK((sol.network.has_value() != !sol.network_reason.empty()));
    ++count;
  }
  CHECK(count >= 6);
}
