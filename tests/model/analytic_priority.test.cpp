// M/G/1 priority queues: a hand computation of Cobham's formula, Kleinrock's conservation
// law, CTMCs of two-class exponential priority queues (non-preemptive and preemptive, with
// different service rates) to 1e-9, single-class and overloaded cases.
#include <cmath>
#include <map>
#include <random>
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/mg1.hpp"
#include "kendall/model/analytic/priority.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinRel;

namespace {

const Metrics& cls(const AnalyticResult& r, std::size_t k) { return r.classes.at(k).metrics; }

// Two exponential classes; returns {L1, L2} from a CTMC truncated at n_max per class.
// State (n1, n2, s): s = 0 idle, 1 or 2 = class in service (counted in n_s). Only the
// consistent states are created (an unreachable state without exits would be a closed class).
std::pair<double, double> two_class_ctmc(double l1, double m1, double l2, double m2,
                                         bool preemptive, std::size_t n_max) {
  auto valid = [&](std::size_t a, std::size_t b, std::size_t s) {
    if (s == 0) return a == 0 && b == 0;
    if (s == 1) return a > 0;
    return b > 0 && !(preemptive && a > 0);  // s == 2
  };
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::size_t> index;
  for (std::size_t a = 0; a <= n_max; ++a)
    for (std::size_t b = 0; b <= n_max; ++b)
      for (std::size_t s = 0; s < 3; ++s)
        if (valid(a, b, s)) index.emplace(std::make_tuple(a, b, s), index.size());
  auto id = [&](std::size_t a, std::size_t b, std::size_t s) { return index.at({a, b, s}); };
  auto next_in_service = [&](std::size_t a, std::size_t b) -> std::size_t {
    return a > 0 ? 1 : (b > 0 ? 2 : 0);
  };
  Ctmc chain(index.size());
  for (const auto& [key, from] : index) {
    const auto [a, b, s] = key;
    if (a < n_max) {
      // A class-1 arrival starts service when idle and preempts class 2 if preemptive.
      const std::size_t s2 = s == 0 ? 1 : (preemptive ? 1 : s);
      chain.add(from, id(a + 1, b, s2), l1);
    }
    if (b < n_max) chain.add(from, id(a, b + 1, s == 0 ? 2 : s), l2);
    if (s == 1) chain.add(from, id(a - 1, b, next_in_service(a - 1, b)), m1);
    if (s == 2) chain.add(from, id(a, b - 1, next_in_service(a, b - 1)), m2);
  }
  const Eigen::VectorXd pi = chain.steady_state();
  long double L1 = 0.0L, L2 = 0.0L;
  for (const auto& [key, i] : index) {
    const long double p = pi[static_cast<Eigen::Index>(i)];
    L1 += std::get<0>(key) * p;
    L2 += std::get<1>(key) * p;
  }
  return {static_cast<double>(L1), static_cast<double>(L2)};
}

}  // namespace

TEST_CASE("non-preemptive priority: Cobham's formula by hand", "[analytic][priority]") {
  // The DESIGN.md example: gold 1/s, bronze 9/s, exponential service at 12/s.
  // W0 = Σ λ E[S²]/2 = 10 · (2/144)/2 = 10/144; σ1 = 1/12, σ2 = 10/12;
  // Wq_gold = W0/(1 − σ1) = 10/132; Wq_bronze = W0/((1 − σ1)(1 − σ2)) = 10/22.
  const auto r = mg1_priority({{"gold", 1.0, 1.0 / 12, 1.0}, {"bronze", 9.0, 1.0 / 12, 1.0}});
  CHECK(r.model == "M/G/1 (priority)");
  REQUIRE(r.classes.size() == 2);
  CHECK(r.classes[0].name == "gold");
  CHECK_THAT(cls(r, 0).at("Wq"), WithinRel(10.0 / 132.0, 1e-14));
  CHECK_THAT(cls(r, 1).at("Wq"), WithinRel(10.0 / 22.0, 1e-14));
  CHECK_THAT(cls(r, 1).at("W"), WithinRel(10.0 / 22.0 + 1.0 / 12.0, 1e-14));
  CHECK_THAT(cls(r, 0).at("p_wait"), WithinRel(10.0 / 12.0, 1e-14));
  // Exponential with equal rates: the total number in system is that of M/M/1.
  const auto mm = mm1(10.0, 12.0);
  CHECK_THAT(r.metrics.at("L"), WithinRel(mm.metrics.at("L"), 1e-13));
  CHECK_THAT(r.metrics.at("W"), WithinRel(mm.metrics.at("W"), 1e-13));
}

TEST_CASE("Kleinrock's conservation law holds for any class mix", "[analytic][priority]") {
  // Σ_k ρ_k Wq_k = ρ W0/(1 − ρ) for every work-conserving non-preemptive discipline
  // (Kleinrock vol. 2, ch. 3): the work-weighted wait equals FCFS M/G/1's.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.1, 1.0);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<PriorityClass> classes;
    double rho = 0.0, W0 = 0.0, lambda = 0.0, ES = 0.0;
    const int n = 2 + trial % 4;
    for (int k = 0; k < n; ++k) {
      std::string name = "c";
      name += std::to_string(k);
      PriorityClass c{name, u(rng), u(rng), 2.0 * u(rng)};
      classes.push_back(c);
    }
    // Scale arrival rates to a total load of 0.9.
    double raw = 0.0;
    for (const auto& c : classes) raw += c.lambda * c.service_mean;
    for (auto& c : classes) {
      c.lambda *= 0.9 / raw;
      rho += c.lambda * c.service_mean;
      W0 += c.lambda * c.service_mean * c.service_mean * (1.0 + c.service_scv) / 2.0;
      lambda += c.lambda;
      ES += c.lambda * c.service_mean;
    }
    const auto r = mg1_priority(classes);
    double weighted = 0.0;
    for (std::size_t k = 0; k < classes.size(); ++k) {
      weighted += classes[k].lambda * classes[k].service_mean * cls(r, k).at("Wq");
    }
    CHECK_THAT(weighted, WithinRel(rho * W0 / (1.0 - rho), 1e-12));
    // The same as FCFS M/G/1 with the mixed service distribution.
    const double mean = ES / lambda;
    const double second = 2.0 * W0 / lambda;
    const auto fcfs = mg1(lambda, mean, second / (mean * mean) - 1.0);
    CHECK_THAT(weighted, WithinRel(rho * fcfs.metrics.at("Wq"), 1e-11));
  }
}

TEST_CASE("priority queues against a two-class CTMC with different service rates",
          "[analytic][priority][ctmc]") {
  const double l1 = 0.3, m1 = 1.0, l2 = 0.4, m2 = 2.0;  // ρ = 0.3 + 0.2 = 0.5
  const std::vector<PriorityClass> classes{{"high", l1, 1.0 / m1, 1.0}, {"low", l2, 1.0 / m2, 1.0}};
  for (bool preemptive : {false, true}) {
    INFO("preemptive " << preemptive);
    const auto [L1, L2] = two_class_ctmc(l1, m1, l2, m2, preemptive, 80);
    const auto r = preemptive ? mg1_preemptive_priority(classes) : mg1_priority(classes);
    CHECK_THAT(cls(r, 0).at("L"), WithinRel(L1, 1e-9));
    CHECK_THAT(cls(r, 1).at("L"), WithinRel(L2, 1e-9));
    for (std::size_t k = 0; k < 2; ++k) {
      const auto& m = cls(r, k);
      CHECK_THAT(m.at("L"), WithinRel(m.at("throughput") * m.at("W"), 1e-13));
      CHECK_THAT(m.at("Lq"), WithinRel(m.at("throughput") * m.at("Wq"), 1e-13));
      CHECK_THAT(m.at("L"), WithinRel(m.at("Lq") + m.at("utilization"), 1e-13));
    }
  }
}

TEST_CASE("preemptive-resume: the top class does not see the others", "[analytic][priority]") {
  // Class 1 behaves as an M/G/1 queue alone (Kleinrock vol. 2, ch. 3).
  const std::vector<PriorityClass> classes{{"a", 0.4, 1.0, 0.5}, {"b", 0.3, 1.5, 2.0}};
  const auto r = mg1_preemptive_priority(classes);
  CHECK(r.model == "M/G/1 (preemptive priority)");
  const auto alone = mg1(0.4, 1.0, 0.5);
  CHECK_THAT(cls(r, 0).at("W"), WithinRel(alone.metrics.at("W"), 1e-14));
  CHECK_THAT(cls(r, 0).at("Wq_first"), WithinRel(alone.metrics.at("Wq"), 1e-14));
  // Class 2: W = (1/μ2)/(1 − σ1) + R2/((1 − σ1)(1 − σ2)), R2 = Σ λ E[S²]/2.
  const double R2 = 0.4 * 1.0 * 1.5 / 2.0 + 0.3 * 2.25 * 3.0 / 2.0;
  const double W2 = 1.5 / 0.6 + R2 / (0.6 * (1.0 - 0.85));
  CHECK_THAT(cls(r, 1).at("W"), WithinRel(W2, 1e-13));
  CHECK_THAT(cls(r, 1).at("Wq"), WithinRel(W2 - 1.5, 1e-13));
  CHECK_THAT(cls(r, 1).at("p_wait"), WithinRel(0.85, 1e-13));
}

TEST_CASE("a single class is plain M/G/1", "[analytic][priority]") {
  const auto fcfs = mg1(0.6, 1.0, 1.7);
  for (const auto& r : {mg1_priority({{"only", 0.6, 1.0, 1.7}}),
                        mg1_preemptive_priority({{"only", 0.6, 1.0, 1.7}})}) {
    for (const char* n : {"L", "Lq", "W", "Wq", "utilization", "throughput"}) {
      CHECK_THAT(r.metrics.at(n), WithinRel(fcfs.metrics.at(n), 1e-13));
    }
  }
}

TEST_CASE("overloaded priority queues keep the exact stable classes",
          "[analytic][priority][unstable]") {
  // σ1 = 0.5, σ2 = 1.25: class 2 has no steady state.
  const std::vector<PriorityClass> classes{{"gold", 6.0, 1.0 / 12, 1.0},
                                           {"bronze", 9.0, 1.0 / 12, 1.0}};
  const auto p = mg1_preemptive_priority(classes);
  CHECK_FALSE(p.stable);
  CHECK_THAT(*p.growth_rate, WithinRel(3.0, 1e-13));  // 15 offered, 12 carried
  CHECK_THAT(p.metrics.at("utilization"), WithinRel(1.25, 1e-14));
  CHECK_THAT(p.metrics.at("throughput"), WithinRel(12.0, 1e-13));
  CHECK_FALSE(p.metrics.has("L"));
  const auto gold_alone = mm1(6.0, 12.0);
  CHECK_THAT(cls(p, 0).at("W"), WithinRel(gold_alone.metrics.at("W"), 1e-13));
  CHECK_FALSE(cls(p, 1).has("W"));
  CHECK_THAT(cls(p, 1).at("throughput"), WithinRel(6.0, 1e-13));  // what is left: 0.5 × 12
  // Non-preemptive: the server never idles, so W0 = λ1E[S1²]/2 + (1 − σ1)E[S2²]/(2E[S2]).
  const auto n = mg1_priority(classes);
  CHECK_FALSE(n.stable);
  const double W0 = 6.0 * (2.0 / 144.0) / 2.0 + 0.5 * (2.0 / 144.0) / (2.0 / 12.0);
  CHECK_THAT(cls(n, 0).at("Wq"), WithinRel(W0 / 0.5, 1e-13));
  CHECK(cls(n, 0).at("p_wait") == 1.0);
  CHECK_THAT(n.notes.front(), Catch::Contains("'gold'"));
}

TEST_CASE("priority input validation", "[analytic][priority]") {
  CHECK_THROWS_WITH(mg1_priority({}), Catch::Contains("at least one class"));
  CHECK_THROWS_WITH(mg1_priority({{"x", -1.0, 1.0, 1.0}}), Catch::Contains("lambda of class 'x'"));
  CHECK_THROWS_WITH(mg1_preemptive_priority({{"", 1.0, 0.0, 1.0}}),
                    Catch::Contains("service mean of class 'class 1'"));
  CHECK_THROWS_AS(mg1_priority({{"y", 1.0, 0.5, -2.0}}), kendall::InvalidParameter);
}
