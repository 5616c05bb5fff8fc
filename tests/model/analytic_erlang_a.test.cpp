// Erlang-A (M/M/c+M): the CTMC solver to 1e-9, a tagged-customer absorbing chain solved
// with matrix exponentials (an independent method for the waiting-time tail and the waits of
// served customers), the θ = μ and θ → 0 limits, identities and extremes.
#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang_a.hpp"
#include "kendall/model/analytic/markovian.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

std::vector<double> ctmc_distribution(double lambda, double mu, std::uint32_t c, double theta,
                                      std::size_t n_max) {
  return kendall::test::ctmc_birth_death(
      n_max, [&](std::size_t) { return lambda; },
      [&](std::size_t n) {
        return static_cast<double>(std::min<std::size_t>(n, c)) * mu +
               (n > c ? static_cast<double>(n - c) * theta : 0.0);
      });
}

// The tagged customer's view: level m = own position in queue (m − 1 ahead). From level m
// the queue ahead shrinks at rate cμ + (m − 1)θ (level 1: service starts, "served"); the
// customer abandons at rate θ. T is the sub-generator on levels 1..M, s the exit vector to
// "served".
struct Tagged {
  Eigen::RowVectorXd alpha;
  Eigen::MatrixXd T;
  Eigen::VectorXd served;
};

Tagged tagged_chain(const std::vector<double>& p, double mu, std::uint32_t c, double theta) {
  const std::size_t M = p.size() - c;
  const double beta = c * mu;
  Tagged t;
  t.alpha = Eigen::RowVectorXd::Zero(static_cast<Eigen::Index>(M));
  t.T = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(M), static_cast<Eigen::Index>(M));
  t.served = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(M));
  for (std::size_t m = 1; m <= M; ++m) {
    const auto i = static_cast<Eigen::Index>(m - 1);
    t.alpha[i] = p[c + m - 1];  // arrival finds n = c + m − 1 (PASTA)
    const double down = beta + static_cast<double>(m - 1) * theta;
    t.T(i, i) = -(down + theta);
    if (m > 1) {
      t.T(i, i - 1) = down;
    } else {
      t.served[i] = down;
    }
  }
  return t;
}

}  // namespace

TEST_CASE("Erlang-A against the CTMC solver to 1e-9", "[analytic][erlang_a][ctmc]") {
  const std::uint32_t c = GENERATE(1u, 5u, 40u);
  const double load = GENERATE(0.5, 0.95, 1.3);
  const double patience = GENERATE(0.2, 3.0, 50.0);  // mean patience in service times
  const double mu = 1.0;
  const double lambda = load * c * mu;
  const double theta = 1.0 / patience;
  INFO("c " << c << " load " << load << " patience " << patience);
  const auto r = erlang_a(lambda, mu, c, patience);
  CHECK(r.model == "M/M/c+M");
  CHECK(r.stable);
  // The reference chain is truncated far beyond the library's own cut-off.
  const std::size_t n_max = c + 40 +
                            static_cast<std::size_t>(60.0 * (lambda / theta + 1.0) / 10.0) +
                            static_cast<std::size_t>(200 * patience);
  const auto p = ctmc_distribution(lambda, mu, c, theta, n_max);
  const double Lq = kendall::test::expect(p, [&](std::size_t n) { return n > c ? n - c : 0; });
  const double busy =
      kendall::test::expect(p, [&](std::size_t n) { return std::min<std::size_t>(n, c); });
  const double pw = kendall::test::expect(p, [&](std::size_t n) { return n >= c ? 1 : 0; });
  const auto& m = r.metrics;
  CHECK_THAT(m.at("Lq"), WithinRel(Lq, 1e-9));
  CHECK_THAT(m.at("L"), WithinRel(Lq + busy, 1e-9));
  CHECK_THAT(m.at("p_wait"), WithinRel(pw, 1e-9));
  CHECK_THAT(m.at("p_abandon"), WithinRel(theta * Lq / lambda, 1e-9));
  CHECK_THAT(m.at("throughput"), WithinRel(mu * busy, 1e-9));
  // Flow balance: what is not abandoned is served.
  CHECK_THAT(m.at("throughput"), WithinRel(lambda * (1.0 - m.at("p_abandon")), 1e-11));
  // Little over all arrivals, and the served/abandoned split of the mean wait.
  CHECK_THAT(m.at("Lq"), WithinRel(lambda * m.at("Wq"), 1e-13));
  CHECK_THAT(m.at("L"), WithinRel(lambda * m.at("W"), 1e-13));
  const double split =
      (1.0 - m.at("p_abandon")) * m.at("Wq_served") + m.at("p_abandon") * m.at("Wq_abandoned");
  CHECK_THAT(split, WithinRel(m.at("Wq"), 1e-11));
}

TEST_CASE("Erlang-A waiting time against the tagged-customer chain (matrix exponential)",
          "[analytic][erlang_a][distribution]") {
  const double lambda = 9.0, mu = 1.0, theta = 0.5;
  const std::uint32_t c = 8;
  const auto p = ctmc_distribution(lambda, mu, c, theta, 120);
  const Tagged tg = tagged_chain(p, mu, c, theta);
  const Eigen::VectorXd ones = Eigen::VectorXd::Ones(tg.T.rows());
  const WaitingTime wt = erlang_a_waiting_time(lambda, mu, c, 1.0 / theta);
  for (double t : {0.0, 0.05, 0.4, 1.0, 2.5, 6.0}) {
    const Eigen::MatrixXd E = (tg.T * t).exp();
    const double reference = tg.alpha * E * ones;
    INFO("t = " << t);
    CHECK_THAT(wt.wait_tail(t), WithinRel(reference, 1e-9));
  }
  // Served customers: P(served) = α(−T)^{-1}s and E[wait; served] = α(−T)^{-2}s.
  const Eigen::MatrixXd inv = (-tg.T).inverse();
  const double waiting_and_served = tg.alpha * inv * tg.served;
  const double wait_served = tg.alpha * inv * inv * tg.served;
  const double p_nowait = 1.0 - tg.alpha.sum();
  QueryOptions o;
  o.sla = 0.5;
  o.quantiles = {0.3, 0.5, 0.8, 0.95};
  const auto r = erlang_a(lambda, mu, c, 1.0 / theta, o);
  const double p_served = p_nowait + waiting_and_served;
  CHECK_THAT(1.0 - r.metrics.at("p_abandon"), WithinRel(p_served, 1e-9));
  CHECK_THAT(r.metrics.at("Wq_served"), WithinRel(wait_served / p_served, 1e-9));
  // Service level is P(min(V, τ) ≤ t) over all arrivals; quantiles invert it.
  CHECK_THAT(r.metrics.at("service_level"), WithinRel(wt.service_level(0.5), 1e-15));
  for (double q : o.quantiles) {
    const double tq = r.metrics.at(quantile_name("Wq", q));
    if (q <= 1.0 - r.metrics.at("p_wait")) {
      CHECK(tq == 0.0);
    } else {
      CHECK_THAT(wt.service_level(tq), WithinAbs(q, 1e-12));
    }
  }
  CHECK_FALSE(r.metrics.has("W_p50"));
  // ∫ P(Wq > t) dt = Wq.
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.wait_tail(t); }, 0.0, 80.0, 8000),
             WithinRel(r.metrics.at("Wq"), 1e-9));
}

TEST_CASE("Erlang-A with theta = mu is M/M/inf in disguise", "[analytic][erlang_a]") {
  // Every customer leaves at rate μ whether waiting or in service, so the number in system is
  // Poisson(λ/μ) (Garnett, Mandelbaum & Reiman 2002).
  const auto r = erlang_a(42.0, 2.0, 15, 0.5);
  CHECK_THAT(r.metrics.at("L"), WithinRel(21.0, 1e-12));
  CHECK_THAT(r.metrics.at("W"), WithinRel(0.5, 1e-12));
}

TEST_CASE("Erlang-A tends to Erlang C as patience grows", "[analytic][erlang_a][limit]") {
  const auto c = mmc(3.6, 1.0, 4);
  const auto a = erlang_a(3.6, 1.0, 4, 1e9);  // θ = 1e-9 μ
  for (const char* n : {"L", "Lq", "Wq", "p_wait", "Wq_p50", "Wq_p90", "Wq_p99"}) {
    INFO(n);
    CHECK_THAT(a.metrics.at(n), WithinRel(c.metrics.at(n), 1e-6));
  }
  CHECK(a.metrics.at("p_abandon") < 1e-8);
  CHECK_THAT(a.metrics.at("Wq_served"), WithinRel(c.metrics.at("Wq"), 1e-6));
}

TEST_CASE("Erlang-A overloaded and at scale", "[analytic][erlang_a][extreme]") {
  // Stable for any load: λ = 2cμ.
  const auto over = erlang_a(20.0, 1.0, 10, 2.0);
  CHECK(over.stable);
  CHECK(over.metrics.at("p_abandon") > 0.45);
  CHECK(over.metrics.at("utilization") < 1.0);
  CHECK(over.metrics.at("utilization") > 0.99);
  // A large call centre: 1,000 agents, 1,050 Erlang offered, 2-minute patience, 5-minute
  // calls (times in seconds).
  QueryOptions o;
  o.sla = 20.0;
  const auto big = erlang_a(1050.0 / 300.0, 1.0 / 300.0, 1000, 120.0, o);
  for (const auto& [name, value] : big.metrics.entries()) {
    INFO(name);
    CHECK(std::isfinite(value));
  }
  CHECK(big.metrics.at("p_abandon") > 0.0);
  CHECK(big.metrics.at("service_level") > 0.0);
  CHECK(big.metrics.at("service_level") < 1.0);
}

TEST_CASE("Erlang-A input validation", "[analytic][erlang_a]") {
  CHECK_THROWS_WITH(erlang_a(1.0, 1.0, 2, 0.0), Catch::Contains("patience_mean"));
  CHECK_THROWS_AS(erlang_a(1.0, 1.0, 0, 1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(erlang_a(-1.0, 1.0, 2, 1.0), kendall::InvalidParameter);
  // Patience so long that an overloaded queue needs astronomically many states.
  CHECK_THROWS_WITH(erlang_a(2.0, 1.0, 1, 1e12), Catch::Contains("more than"));
}
