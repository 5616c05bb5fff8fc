// Long on purpose: one test case per station feature, each with its independent reference.

// Scenario solver, continued: the models behind particular station features (priorities,
// abandonment, losses feeding downstream stations, QNA), with CTMCs as independent references
// for the formulas the solver computes itself.

#include <cmath>
#include <map>
#include <vector>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "kendall/model/analytic/approximations.hpp"
#include "kendall/model/analytic/erlang_a.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/priority.hpp"
#include "kendall/model/ctmc.hpp"
#include "kendall/model/scenario_solver.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using namespace kendall::model;

namespace {

RoutingSpec to(std::vector<std::pair<std::size_t, double>> targets) {
  RoutingSpec r;
  for (auto [s, p] : targets) r.targets.push_back({s, p});
  return r;
}

ArrivalSpec stream(std::size_t station, DistributionSpec interarrival, std::size_t cls = 0) {
  ArrivalSpec a;
  a.station = station;
  a.customer_class = cls;
  a.interarrival = std::move(interarrival);
  return a;
}

/// One station, classes with the given priorities, exponential service per class.
Scenario priority_station(std::uint32_t c, Discipline d, const std::vector<int>& priorities,
                          const std::vector<double>& rates, const std::vector<double>& mu) {
  Scenario sc;
  sc.name = "priority";
  sc.classes.clear();
  for (std::size_t k = 0; k < priorities.size(); ++k) {
    CustomerClassSpec cls;
    cls.name = fmt::format("c{}", k);
    cls.priority = priorities[k];
    sc.classes.push_back(cls);
  }
  StationSpec s;
  s.name = "q";
  s.servers = c;
  s.discipline = d;
  s.service.resize(priorities.size());
  s.routing.resize(priorities.size());
  sc.arrivals.resize(priorities.size());
  for (std::size_t k = 0; k < priorities.size(); ++k) {
    s.service[k].emplace<dist::Exponential>(mu[k]);
    sc.arrivals[k].customer_class = k;
    sc.arrivals[k].interarrival.emplace<dist::Exponential>(rates[k]);
  }
  sc.stations = {s};
  return sc;
}

}  // namespace

TEST_CASE(
    "M/M/c with non-preemptive priority classes: Cobham's multi-server formula against a CTMC",
    "[model][scenario_solver][priority][ctmc]") {
  // Three servers, μ = 1 for every class, classes 0.5 / 0.4 / 0.3 per time unit (ρ = 0.4; the
  // CTMC is truncated at 40 waiting customers, where the tail is ~1e-16).
  const std::uint32_t c = 3;
  const std::vector<double> lambda = {0.5, 0.4, 0.3};
  const auto sol =
      solve_scenario(priority_station(c, Discipline::Priority, {1, 2, 3}, lambda, {1.0, 1.0, 1.0}));
  REQUIRE(sol.stations[0].result);
  const auto& r = *sol.stations[0].result;
  CHECK(r.method == "exact");
  REQUIRE(r.classes.size() == 3);

  // CTMC: b busy servers (0..c), and when all are busy the queue lengths q1, q2, q3.
  const std::size_t cap = 40;
  std::map<std::vector<std::size_t>, std::size_t> index;
  std::vector<std::vector<std::size_t>> states;
  for (std::size_t b = 0; b <= c; ++b) {
    if (b < c) {
      index[{b, 0, 0, 0}] = states.size();
      states.push_back({b, 0, 0, 0});
      continue;
    }
    for (std::size_t q1 = 0; q1 <= cap; ++q1)
      for (std::size_t q2 = 0; q1 + q2 <= cap; ++q2)
        for (std::size_t q3 = 0; q1 + q2 + q3 <= cap; ++q3) {
          index[{b, q1, q2, q3}] = states.size();
          states.push_back({b, q1, q2, q3});
        }
  }
  Ctmc chain(states.size());
  for (std::size_t s = 0; s < states.size(); ++s) {
    const auto x = states[s];
    for (std::size_t k = 0; k < 3; ++k) {
      auto y = x;
      if (x[0] < c) {
        ++y[0];
      } else if (x[1] + x[2] + x[3] < cap) {
        ++y[1 + k];
      } else {
        continue;
      }
      chain.add(s, index.at(y), lambda[k]);
    }
    if (x[0] == 0) continue;
    auto y = x;
    if (x[1] > 0) {
      --y[1];
    } else if (x[2] > 0) {
      --y[2];
    } else if (x[3] > 0) {
      --y[3];
    } else {
      --y[0];
    }
    chain.add(s, index.at(y), static_cast<double>(x[0]) * 1.0);
  }
  const Eigen::VectorXd pi = chain.steady_state();
  double lq[3] = {0, 0, 0};
  for (std::size_t s = 0; s < states.size(); ++s) {
    for (std::size_t k = 0; k < 3; ++k)
      lq[k] += pi(static_cast<Eigen::Index>(s)) * static_cast<double>(states[s][1 + k]);
  }
  for (std::size_t k = 0; k < 3; ++k) {
    INFO("class " << k);
    CHECK_THAT(r.classes[k].metrics.at("Wq"), WithinRel(lq[k] / lambda[k], 1e-9));
  }
  // Aggregate = M/M/3 (the order does not change the number present).
  CHECK_THAT(r.metrics.at("L"), WithinRel(mmc(1.2, 1.0, 3).metrics.at("L"), 1e-12));
}

TEST_CASE("M/M/c with preemptive-resume priority classes against a CTMC",
          "[model][scenario_solver][priority][ctmc]") {
  const std::uint32_t c = 2;
  const std::vector<double> lambda = {0.5, 0.6};  // ρ = 0.55: truncation at 80 is exact to ~1e-20
  const auto sol = solve_scenario(
      priority_station(c, Discipline::PriorityPreemptive, {1, 2}, lambda, {1.0, 1.0}));
  REQUIRE(sol.stations[0].result);
  const auto& r = *sol.stations[0].result;
  CHECK(r.model == "M/M/c (preemptive priority)");
  const std::size_t cap = 80;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t> index;
  for (std::size_t n1 = 0; n1 <= cap; ++n1)
    for (std::size_t n2 = 0; n1 + n2 <= cap; ++n2) index[{n1, n2}] = index.size();
  Ctmc chain(index.size());
  for (const auto& [x, s] : index) {
    const auto [n1, n2] = x;
    if (n1 + n2 < cap) {
      chain.add(s, index.at({n1 + 1, n2}), lambda[0]);
      chain.add(s, index.at({n1, n2 + 1}), lambda[1]);
    }
    const std::size_t busy1 = std::min<std::size_t>(n1, c);
    const std::size_t busy2 = std::min<std::size_t>(n2, c - busy1);
    if (busy1 > 0) chain.add(s, index.at({n1 - 1, n2}), static_cast<double>(busy1));
    if (busy2 > 0) chain.add(s, index.at({n1, n2 - 1}), static_cast<double>(busy2));
  }
  const Eigen::VectorXd pi = chain.steady_state();
  double l[2] = {0, 0};
  for (const auto& [x, s] : index) {
    l[0] += pi(static_cast<Eigen::Index>(s)) * static_cast<double>(x.first);
    l[1] += pi(static_cast<Eigen::Index>(s)) * static_cast<double>(x.second);
  }
  CHECK_THAT(r.classes[0].metrics.at("L"), WithinRel(l[0], 1e-9));
  CHECK_THAT(r.classes[1].metrics.at("L"), WithinRel(l[1], 1e-9));
}

TEST_CASE("one-server priority stations use the analytic library's M/G/1 priority results",
          "[model][scenario_solver][priority]") {
  auto sc = priority_station(1, Discipline::Priority, {1, 2}, {2.0, 8.0}, {20.0, 12.5});
  auto sol = solve_scenario(sc);
  const auto ref = mg1_priority({{"c0", 2.0, 0.05, 1.0}, {"c1", 8.0, 0.08, 1.0}});
  REQUIRE(sol.stations[0].result);
  CHECK(sol.stations[0].result->model == "M/G/1 (priority)");
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(sol.stations[0].result->classes[k].metrics.at("W") == ref.classes[k].metrics.at("W"));
  }
  // Two classes with the same priority form one FIFO level: with the same service they must
  // behave exactly like one class with the summed rate.
  sc = priority_station(1, Discipline::Priority, {1, 2, 2}, {2.0, 3.0, 5.0}, {20.0, 12.5, 12.5});
  sol = solve_scenario(sc);
  const auto merged = mg1_priority({{"c0", 2.0, 0.05, 1.0}, {"level 2", 8.0, 0.08, 1.0}});
  REQUIRE(sol.stations[0].result);
  CHECK_THAT(sol.stations[0].result->classes[1].metrics.at("Wq"),
             WithinRel(merged.classes[1].metrics.at("Wq"), 1e-14));
  CHECK_THAT(sol.stations[0].result->classes[2].metrics.at("Wq"),
             WithinRel(merged.classes[1].metrics.at("Wq"), 1e-14));
  // Preemptive, shared level: time to first service is shared, the own service is stretched
  // by the higher level's load (0.1): W_k = Wq_first + S_k / 0.9.
  sc = priority_station(1, Discipline::PriorityPreemptive, {1, 2, 2}, {2.0, 3.0, 5.0},
                        {20.0, 10.0, 12.5});
  sol = solve_scenario(sc);
  const auto& cls = sol.stations[0].result->classes;
  const double first = cls[1].metrics.at("Wq_first");
  CHECK(cls[2].metrics.at("Wq_first") == first);
  CHECK_THAT(cls[1].metrics.at("W"), WithinRel(first + 0.1 / 0.9, 1e-14));
  CHECK_THAT(cls[2].metrics.at("W"), WithinRel(first + 0.08 / 0.9, 1e-14));
}

TEST_CASE("Erlang-A station equals the analytic library's M/M/c+M",
          "[model][scenario_solver][erlang_a]") {
  Scenario sc;
  sc.name = "call centre";
  StationSpec s;
  s.name = "agents";
  s.servers = 44;
  s.service = {dist::Exponential{1.0 / 240.0}};
  s.routing = {{}};
  s.patience = dist::Exponential{1.0 / 180.0};
  sc.stations = {s};
  sc.arrivals = {stream(0, dist::Exponential{600.0 / 3600.0})};
  QueryOptions o;
  o.sla = 20.0;
  const auto sol = solve_scenario(sc, o);
  REQUIRE(sol.stations[0].result);
  const auto ref = erlang_a(600.0 / 3600.0, 1.0 / 240.0, 44, 180.0, o);
  for (const auto& [n, v] : ref.metrics.entries()) {
    INFO(n);
    CHECK(sol.stations[0].result->metrics.at(n) == v);
  }
  REQUIRE(sol.network);
  // The network counts everyone present in L, but W and throughput only the callers that are
  // served (as the simulator does): W = Wq_served + 1/μ.
  CHECK(sol.network->metrics.at("L") == ref.metrics.at("L"));
  CHECK_THAT(sol.network->metrics.at("W"), WithinRel(ref.metrics.at("Wq_served") + 240.0, 1e-14));
  CHECK(sol.network->metrics.at("throughput") == ref.metrics.at("throughput"));
  CHECK(sol.network->method == "exact");
}

TEST_CASE(
    "losses upstream reduce the flow downstream; the downstream arrivals are no longer Poisson",
    "[model][scenario_solver][losses][qna]") {
  // Poisson 3/s → M/M/2/5 → everything served goes to an M/M/1 station.
  Scenario sc;
  sc.name = "loss";
  StationSpec a;
  a.name = "front";
  a.servers = 2;
  a.capacity = 5;
  a.service = {dist::Exponential{2.0}};
  a.routing = {to({{1, 1.0}})};
  StationSpec b;
  b.name = "back";
  b.servers = 1;
  b.service = {dist::Exponential{4.0}};
  b.routing = {{}};
  sc.stations = {a, b};
  sc.arrivals = {stream(0, dist::Exponential{3.0})};
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.stations[0].result);
  const auto front = mmck(3.0, 2.0, 2, 5);
  CHECK(sol.stations[0].result->metrics.at("p_block") == front.metrics.at("p_block"));
  REQUIRE(sol.stations[1].result);
  const auto& back = *sol.stations[1].result;
  CHECK(back.method == method::qna_kingman);
  double lambda_back = 0.0;
  for (const auto& [n, v] : back.params) {
    if (n == "lambda") lambda_back = v;
  }
  CHECK_THAT(lambda_back, WithinRel(front.metrics.at("throughput"), 1e-14));
  REQUIRE(sol.network);
  CHECK(sol.network->method == method::qna_kingman);
  CHECK_FALSE(sol.network->max_arrival_scaling);
  CHECK_THAT(sol.network->metrics.at("throughput"),
             WithinRel(front.metrics.at("throughput"), 1e-14));
  // Customers admitted at the front: W = (L_front + L_back) / (λ (1 − p_block)).
  CHECK_THAT(
      sol.network->metrics.at("W"),
      WithinRel((front.metrics.at("L") + back.metrics.at("L")) / front.metrics.at("throughput"),
                1e-14));
}

TEST_CASE("renewal arrivals: Kingman / Allen-Cunneen with the stream's own SCV, QNA downstream",
          "[model][scenario_solver][qna]") {
  Scenario sc;
  sc.name = "renewal";
  StationSpec a;
  a.name = "a";
  a.servers = 1;
  a.service = {dist::Gamma{2.0, 0.1}};  // mean 0.2, SCV 0.5
  a.routing = {to({{1, 1.0}})};
  StationSpec b;
  b.name = "b";
  b.servers = 3;
  b.service = {dist::Exponential{2.0}};
  b.routing = {{}};
  sc.stations = {a, b};
  sc.arrivals = {stream(0, dist::Erlang{4, 0.25})};  // rate 4, SCV 1/4
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.stations[0].result);
  const auto ref = gg1_kingman(4.0, 5.0, 0.25, 0.5);
  CHECK(sol.stations[0].result->method == "approximation (Kingman)");
  CHECK(sol.stations[0].result->metrics.at("Wq") == ref.metrics.at("Wq"));
  REQUIRE(sol.stations[1].result);
  CHECK(sol.stations[1].result->method == method::qna_allen_cunneen);
  // QNA departure SCV of a: ρ² x + (1 − ρ²) ca² with ρ = 0.8, x = 0.5 (one server).
  const double cd = 0.64 * 0.5 + 0.36 * 0.25;
  const auto b_ref = ggc_allen_cunneen(4.0, 2.0, 3, cd, 1.0);
  CHECK_THAT(sol.stations[1].result->metrics.at("Wq"), WithinRel(b_ref.metrics.at("Wq"), 1e-12));
}

TEST_CASE("stations downstream of a saturated station outside product form get a reason",
          "[model][scenario_solver][unstable]") {
  Scenario sc;
  sc.name = "saturated";
  StationSpec a;
  a.name = "a";
  a.servers = 1;
  a.service = {dist::Lognormal{1.0, 2.0}};
  a.routing = {to({{1, 1.0}})};
  StationSpec b;
  b.name = "b";
  b.servers = 2;
  b.service = {dist::Exponential{1.0}};
  b.routing = {{}};
  sc.stations = {a, b};
  sc.arrivals = {stream(0, dist::Exponential{1.5})};
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.stations[0].result);
  CHECK_FALSE(sol.stations[0].result->stable);
  CHECK_FALSE(sol.stations[1].result);
  CHECK_THAT(sol.stations[1].reason, Contains("'a', which is saturated"));
  REQUIRE(sol.network);
  CHECK_FALSE(sol.network->stable);
  CHECK(sol.network->saturated == std::vector<std::string>{"a"});
}

TEST_CASE("several classes in a Jackson scenario where one saturates",
          "[model][scenario_solver][unstable]") {
  Scenario sc;
  sc.name = "two classes, saturated";
  sc.classes = {{"x", 1}, {"y", 1}};
  StationSpec a;
  a.name = "a";
  a.servers = 1;
  a.service = {dist::Exponential{1.0}, dist::Exponential{1.0}};
  a.routing = {to({{1, 1.0}}), to({{1, 0.5}})};
  StationSpec b;
  b.name = "b";
  b.servers = 1;
  b.service = {dist::Exponential{5.0}, dist::Exponential{5.0}};
  b.routing = {{}, {}};
  StationSpec c;
  c.name = "c";
  c.servers = 1;
  c.service = {dist::Exponential{2.0}, dist::Exponential{2.0}};
  c.routing = {{}, {}};
  sc.stations = {a, b, c};
  sc.arrivals = {stream(0, dist::Exponential{0.6}, 0), stream(0, dist::Exponential{0.6}, 1),
                 stream(2, dist::Exponential{1.0}, 1)};
  const auto sol = solve_scenario(sc);
  CHECK_FALSE(sol.stations[0].result->stable);
  CHECK_FALSE(sol.stations[1].result);
  CHECK_THAT(sol.stations[1].reason, Contains("saturated station(s) 'a'"));
  REQUIRE(sol.stations[2].result);
  CHECK(sol.stations[2].result->stable);
  CHECK_FALSE(sol.network->stable);
}

TEST_CASE("random routing is Bernoulli splitting: the same exact answer as probabilities 1/n",
          "[model][scenario_solver][routing]") {
  auto make = [](RoutingPolicy policy) {
    Scenario sc;
    sc.name = "split";
    StationSpec lb;
    lb.name = "lb";
    lb.servers = std::nullopt;
    lb.service = {dist::Exponential{50.0}};
    RoutingSpec r;
    r.policy = policy;
    r.targets = {{1, 0.5}, {2, 0.5}};
    lb.routing = {r};
    StationSpec w1;
    w1.name = "w1";
    w1.servers = 2;
    w1.service = {dist::Exponential{1.0}};
    w1.routing = {{}};
    StationSpec w2 = w1;
    w2.name = "w2";
    sc.stations = {lb, w1, w2};
    sc.arrivals = {stream(0, dist::Exponential{3.0})};
    return sc;
  };
  const auto random = solve_scenario(make(RoutingPolicy::Random));
  const auto prob = solve_scenario(make(RoutingPolicy::Probabilistic));
  REQUIRE(random.network);
  CHECK(random.network->method == "exact");
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(random.stations[i].result->metrics.at("L") == prob.stations[i].result->metrics.at("L"));
  }
  // Round robin keeps the rates but not the Poisson arrivals: labelled approximation, with the
  // cyclic splitting (a Poisson stream through a delay station, every 2nd customer: SCV 1/2).
  const auto rr = solve_scenario(make(RoutingPolicy::RoundRobin));
  REQUIRE(rr.stations[1].result);
  CHECK(rr.stations[1].result->method == method::qna_allen_cunneen);
  bool found = false;
  for (const auto& [n, v] : rr.stations[1].result->params) {
    if (n == "arrival_scv") {
      CHECK_THAT(v, WithinRel(0.5, 1e-12));
      found = true;
    }
  }
  CHECK(found);
  CHECK(rr.network->method == method::qna_allen_cunneen);
}

TEST_CASE(
    "LIFO, random order and round robin in a Jackson network: exact means, no FIFO distributions",
    "[model][scenario_solver][jackson]") {
  Scenario sc;
  sc.name = "orders";
  const Discipline orders[] = {Discipline::Lifo, Discipline::Random, Discipline::RoundRobin,
                               Discipline::Fifo};
  for (std::size_t i = 0; i < 4; ++i) {
    StationSpec s;
    s.name = fmt::format("s{}", i);
    s.servers = 2;
    s.discipline = orders[i];
    s.quantum = orders[i] == Discipline::RoundRobin ? 0.1 : 0.0;
    s.service = {dist::Exponential{1.5}};
    s.routing = {i + 1 < 4 ? to({{i + 1, 0.9}}) : RoutingSpec{}};
    sc.stations.push_back(s);
  }
  sc.arrivals = {stream(0, dist::Exponential{2.0})};
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.network);
  CHECK(sol.network->method == "exact");
  double rate = 2.0;
  for (std::size_t i = 0; i < 4; ++i) {
    INFO(sol.stations[i].name);
    const auto& r = *sol.stations[i].result;
    CHECK_THAT(r.metrics.at("L"), WithinRel(mmc(rate, 1.5, 2).metrics.at("L"), 1e-14));
    CHECK(r.metrics.has("Wq_p95") == (i == 3));
    CHECK(r.metrics.has("Wq") == (i != 2));  // round robin: waiting comes in pieces
    rate *= 0.9;
  }
}

TEST_CASE("processor sharing with a capacity is insensitive",
          "[model][scenario_solver][insensitive]") {
  Scenario sc;
  sc.name = "ps/K";
  StationSpec s;
  s.name = "cpu";
  s.servers = 2;
  s.capacity = 6;
  s.discipline = Discipline::ProcessorSharing;
  s.service = {dist::Lognormal{0.5, 4.0}};
  s.routing = {{}};
  sc.stations = {s};
  sc.arrivals = {stream(0, dist::Exponential{5.0})};
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.stations[0].result);
  const auto ref = mmck(5.0, 2.0, 2, 6);
  CHECK(sol.stations[0].result->model == "M/G/c/K-PS");
  CHECK(sol.stations[0].result->metrics.at("L") == ref.metrics.at("L"));
  CHECK(sol.stations[0].result->metrics.at("p_block") == ref.metrics.at("p_block"));
}

TEST_CASE("a non-product-form station on a cycle: QNA approximation, Little still holds",
          "[model][scenario_solver][qna]") {
  Scenario sc;
  sc.name = "loop";
  StationSpec a;
  a.name = "a";
  a.servers = 1;
  a.service = {dist::Deterministic{0.1}};
  a.routing = {to({{1, 1.0}})};
  StationSpec b;
  b.name = "b";
  b.servers = 3;
  b.service = {dist::Exponential{10.0}};
  b.routing = {to({{0, 0.25}})};
  sc.stations = {a, b};
  sc.arrivals = {stream(0, dist::Exponential{4.5})};
  const auto sol = solve_scenario(sc);
  for (const auto& s : sol.stations) {
    INFO(s.name);
    REQUIRE(s.result);
    CHECK(s.result->method != "exact");
    CHECK_THAT(s.result->metrics.at("L"),
               WithinRel(s.result->metrics.at("throughput") * s.result->metrics.at("W"), 1e-12));
  }
  CHECK_THAT(sol.visit_ratios[0], WithinRel(4.0 / 3.0, 1e-12));
  REQUIRE(sol.network);
  CHECK_THAT(sol.network->metrics.at("throughput"), WithinRel(4.5, 1e-12));
}

TEST_CASE(
    "closed scenarios: round-robin routing is an approximation; huge ones fall back to Schweitzer",
    "[model][scenario_solver][closed]") {
  Scenario sc;
  sc.name = "closed rr";
  sc.population = 8;
  StationSpec users;
  users.name = "users";
  users.servers = std::nullopt;
  users.service = {dist::Exponential{0.5}};
  users.routing = {RoutingSpec{RoutingPolicy::RoundRobin, {{1, 0.0}, {2, 0.0}}}};
  StationSpec s1;
  s1.name = "s1";
  s1.service = {dist::Exponential{2.0}};
  s1.routing = {to({{0, 1.0}})};
  StationSpec s2 = s1;
  s2.name = "s2";
  sc.stations = {users, s1, s2};
  auto sol = solve_scenario(sc);
  REQUIRE(sol.network);
  CHECK(sol.network->method == "approximation (MVA on a non-product-form network)");
  CHECK_THAT(sol.visit_ratios[1], WithinRel(0.5, 1e-12));

  sc.population = 20000;
  sc.stations[0].routing = {to({{1, 0.5}, {2, 0.5}})};
  sc.stations[1].servers = 4000;  // exact MVA would need ~5e8 steps for the complements
  sc.stations[2].servers = 5000;
  sol = solve_scenario(sc);
  REQUIRE(sol.network);
  CHECK(sol.network->method == "approximation (Schweitzer MVA)");
  CHECK_THAT(sol.notes.back(), Contains("Schweitzer"));
}

TEST_CASE("network W counts only customers that leave served; failures are an independent coin",
          "[model][scenario_solver][losses]") {
  // a (M/M/1) → b (M/M/1) where 20% of b's services fail and leave: W of the served customers
  // is still W_a + W_b, but only 80% of the customers count.
  Scenario sc;
  sc.name = "failures";
  StationSpec a;
  a.name = "a";
  a.service = {dist::Exponential{4.0}};
  a.routing = {to({{1, 1.0}})};
  StationSpec b;
  b.name = "b";
  b.service = {dist::Exponential{5.0}};
  b.routing = {{}};
  b.retry = RetrySpec{0.2, 1, dist::Deterministic{0.0}};
  sc.stations = {a, b};
  sc.arrivals = {stream(0, dist::Exponential{2.0})};
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.network);
  CHECK(sol.network->method == "exact");
  const double wa = 1.0 / (4.0 - 2.0);
  const double wb = 1.0 / (5.0 - 2.0);
  CHECK_THAT(sol.network->metrics.at("W"), WithinRel(wa + wb, 1e-14));
  CHECK_THAT(sol.network->metrics.at("throughput"), WithinRel(1.6, 1e-14));
  CHECK_THAT(sol.network->metrics.at("L"), WithinRel(2.0 * (wa + wb), 1e-14));
  // Blocking at a station reached through another one: the network W is labelled.
  sc.stations[1].retry.reset();
  sc.stations[1].capacity = 3;
  const auto blocked = solve_scenario(sc);
  REQUIRE(blocked.network);
  CHECK(blocked.network->method != "exact");
}

TEST_CASE(
    "QNA's one-server formula: Kingman with the Kraemer-Langenbach-Belz factor for smooth arrivals",
    "[model][scenario_solver][qna]") {
  // scenarios/kafka-consumers.yaml in small: Poisson 2/ms through a deterministic 1 ms delay,
  // round robin to 4 partitions (gamma service, mean 1.6 ms, SCV 0.5). Each partition sees
  // Erlang-4 intervals (SCV 1/4): Kingman alone overestimates; QNA multiplies its wait by
  // g = exp(−2(1−ρ)(1−ca²)²/(3ρ(ca²+cs²))).
  Scenario sc;
  sc.name = "partitions";
  StationSpec broker;
  broker.name = "broker";
  broker.servers = std::nullopt;
  broker.service = {dist::Deterministic{1.0}};
  RoutingSpec rr;
  rr.policy = RoutingPolicy::RoundRobin;
  for (std::size_t i = 1; i <= 4; ++i) rr.targets.push_back({i, 0.0});
  broker.routing = {rr};
  sc.stations = {broker};
  for (std::size_t i = 1; i <= 4; ++i) {
    StationSpec p;
    p.name = fmt::format("p{}", i);
    p.service = {dist::Gamma{2.0, 0.8}};
    p.routing = {{}};
    sc.stations.push_back(p);
  }
  sc.arrivals = {stream(0, dist::Exponential{2.0})};
  const auto sol = solve_scenario(sc);
  REQUIRE(sol.stations[1].result);
  const auto& r = *sol.stations[1].result;
  CHECK(r.method == method::qna_kingman);
  const double rho = 0.8;
  const double g = std::exp(-2.0 * 0.2 * 0.75 * 0.75 / (3.0 * rho * 0.75));
  const double kingman = gg1_kingman(0.5, 0.625, 0.25, 0.5).metrics.at("Wq");
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(kingman * g, 1e-12));
  CHECK_THAT(r.metrics.at("L"), WithinRel(0.5 * (kingman * g + 1.6), 1e-12));
}
