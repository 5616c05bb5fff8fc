// M/G/1 family: Pollaczek–Khinchine, the exact M/D/1 distribution against Erlang's formula,
// M/E_k/1 against a CTMC of (customers, phase) and against M/M/1, tail integrals against the
// P-K means, dispatch from a service distribution.
#include <cmath>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/mg1.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("Pollaczek-Khinchine means (Gross et al. 4th ed. ch. 5, M/G/1)", "[analytic][mg1]") {
  // λ = 0.8, E[S] = 1, cs² = 2: Wq = ρ(1 + cs²)/(2(1 − ρ)) E[S] = 0.8·3/0.4 = 6.
  const auto r = mg1(0.8, 1.0, 2.0);
  CHECK(r.model == "M/G/1");
  CHECK(r.method == "exact");
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(6.0, 1e-14));
  CHECK_THAT(r.metrics.at("W"), WithinRel(7.0, 1e-14));
  CHECK_THAT(r.metrics.at("Lq"), WithinRel(4.8, 1e-14));
  CHECK_THAT(r.metrics.at("L"), WithinRel(5.6, 1e-14));
  CHECK_THAT(r.metrics.at("p_wait"), WithinRel(0.8, 1e-15));
  CHECK_FALSE(r.metrics.has("Wq_p50"));  // no distribution from two moments
  // M/D/1: Lq = ρ²/(2(1 − ρ)) (Kleinrock vol. 1, ch. 5).
  CHECK_THAT(md1(0.5, 1.0).metrics.at("Lq"), WithinRel(0.25, 1e-14));
}

TEST_CASE("M/G/1 with scv = 1 equals M/M/1", "[analytic][mg1]") {
  const auto g = mg1(0.75, 0.8, 1.0);
  const auto m = mm1(0.75, 1.25);
  for (const char* n : {"utilization", "L", "Lq", "W", "Wq", "throughput", "p_wait"}) {
    CHECK_THAT(g.metrics.at(n), WithinRel(m.metrics.at(n), 1e-14));
  }
}

TEST_CASE("M/D/1 waiting-time distribution against Erlang's formula", "[analytic][md1]") {
  // Erlang (1909); Franx, "A simple solution for the M/D/c waiting time distribution",
  // Oper. Res. Letters 29 (2001), c = 1: P(Wq ≤ t) = (1−ρ) Σ_{k=0}^{⌊t/D⌋}
  // (λ(kD − t))^k / k! · e^{λ(t − kD)} — alternating, so evaluated in long double and only
  // where it still has digits to spare.
  const double lambda = 0.7;
  const double D = 1.0;
  auto erlang_cdf = [&](double t) {
    long double s = 0.0L;
    for (int k = 0; k <= static_cast<int>(std::floor(t / D)); ++k) {
      const long double x = lambda * (k * D - t);
      s += std::pow(x, k) / std::tgamma(k + 1.0L) * std::exp(-x);
    }
    return static_cast<double>((1.0L - lambda * D) * s);
  };
  const WaitingTime wt = md1_waiting_time(lambda, D);
  for (double t : {0.0, 0.3, 0.999, 1.0, 1.5, 2.0, 2.75, 4.2, 7.9}) {
    INFO("t = " << t);
    CHECK_THAT(wt.service_level(t), WithinRel(erlang_cdf(t), 1e-11));
  }
  // Below one service time the closed form is (1 − ρ) e^{λt}.
  CHECK_THAT(wt.service_level(0.5), WithinRel(0.3 * std::exp(0.35), 1e-13));
  // The tail integrates to the P-K mean (piecewise smooth between multiples of D).
  double integral = 0.0;
  for (int k = 0; k < 200; ++k) {
    integral +=
        kendall::test::simpson([&](double t) { return wt.wait_tail(t); }, k * D, (k + 1) * D, 200);
  }
  CHECK_THAT(integral, WithinRel(md1(lambda, D).metrics.at("Wq"), 1e-9));
}

TEST_CASE("M/D/1 quantiles: CDF inversion, W = Wq + D, heavy load", "[analytic][md1]") {
  QueryOptions o;
  o.quantiles = {0.2, 0.5, 0.9, 0.99, 0.999};
  o.sla = 3.0;
  for (double rho : {0.3, 0.8, 0.99}) {
    const auto r = md1(rho / 2.0, 2.0, o);  // D = 2
    const WaitingTime wt = md1_waiting_time(rho / 2.0, 2.0);
    INFO("rho " << rho);
    for (double p : o.quantiles) {
      const double q = r.metrics.at(quantile_name("Wq", p));
      if (p <= 1.0 - rho) {
        CHECK(q == 0.0);
      } else {
        CHECK_THAT(wt.service_level(q), WithinAbs(p, 1e-12));
      }
      CHECK_THAT(r.metrics.at(quantile_name("W", p)), WithinRel(q + 2.0, 1e-15));
    }
    CHECK_THAT(r.metrics.at("service_level"), WithinRel(wt.service_level(3.0), 1e-15));
  }
}

TEST_CASE("M/E_k/1 with k = 1 is M/M/1, distributions included", "[analytic][mek1]") {
  QueryOptions o;
  o.sla = 2.5;
  const auto e = mek1(0.6, 1.0, 1, o);
  const auto m = mm1(0.6, 1.0, o);
  CHECK(e.model == "M/E_k/1");
  for (const auto& [name, value] : m.metrics.entries()) {
    INFO(name);
    CHECK_THAT(e.metrics.at(name), WithinRel(value, 1e-11));
  }
}

TEST_CASE("M/E_k/1 waiting time against a CTMC of (customers, phase)", "[analytic][mek1][ctmc]") {
  // Independent method: solve the CTMC on (n, service phase) truncated at 300 customers
  // (ρ = 0.75: tail ~ 1e-30), then Wq = workload seen at arrival (PASTA) = Erlang(R, kμ)
  // with R the number of remaining phases: P(Wq > t) = Σ_R P(R) P(Erlang(R, kμ) > t).
  const std::uint32_t k = 3;
  const double mean = 1.0;
  const double lambda = 0.75;
  const double phase_rate = k / mean;
  const std::size_t n_max = 300;
  auto id = [&](std::size_t n, std::size_t phase) { return n == 0 ? 0 : 1 + (n - 1) * k + phase; };
  Ctmc chain(1 + n_max * k);
  chain.add(0, id(1, 0), lambda);
  for (std::size_t n = 1; n <= n_max; ++n) {
    for (std::size_t ph = 0; ph < k; ++ph) {
      if (n < n_max) chain.add(id(n, ph), id(n + 1, ph), lambda);
      if (ph + 1 < k) {
        chain.add(id(n, ph), id(n, ph + 1), phase_rate);
      } else {
        chain.add(id(n, ph), n == 1 ? 0 : id(n - 1, 0), phase_rate);
      }
    }
  }
  const Eigen::VectorXd pi = chain.steady_state();
  auto tail = [&](double t) {
    long double s = 0.0L;
    for (std::size_t n = 1; n <= n_max; ++n) {
      for (std::size_t ph = 0; ph < k; ++ph) {
        const std::size_t remaining = (k - ph) + (n - 1) * k;
        const long double w = pi[static_cast<Eigen::Index>(id(n, ph))];
        if (w < 1e-40L) continue;
        s += w * kendall::test::erlang_tail(remaining, phase_rate, t);
      }
    }
    return static_cast<double>(s);
  };
  const WaitingTime wt = mek1_waiting_time(lambda, mean, k);
  for (double t : {0.0, 0.2, 1.0, 3.0, 8.0, 15.0}) {
    INFO("t = " << t);
    CHECK_THAT(wt.wait_tail(t), WithinRel(tail(t), 1e-9));
  }
  const auto r = mek1(lambda, mean, k);
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.wait_tail(t); }, 0.0, 120.0, 12000),
             WithinRel(r.metrics.at("Wq"), 1e-9));
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.sojourn_tail(t).value(); }, 0.0,
                                    120.0, 12000),
             WithinRel(r.metrics.at("W"), 1e-9));
  CHECK(r.params[4] == std::pair<std::string, double>{"service_scv", 1.0 / 3.0});
  CHECK(r.params[5] == std::pair<std::string, double>{"k", 3.0});
}

TEST_CASE("M/E_k/1 approaches M/D/1 as k grows", "[analytic][mek1][limit]") {
  const auto d = md1(0.8, 1.0);
  double previous = 1.0;
  for (std::uint32_t k : {2u, 8u, 32u, 100u}) {
    const auto e = mek1(0.8, 1.0, k);
    const double gap = std::fabs(e.metrics.at("Wq_p90") / d.metrics.at("Wq_p90") - 1.0);
    CHECK(gap < previous);
    // The means differ by the factor 1 + 1/k (P-K); the quantiles converge at that rate.
    CHECK(gap < 1.5 / k);
    previous = gap;
  }
  // Above k = 100 only the means are reported, with a note.
  const auto big = mek1(0.8, 1.0, 500);
  CHECK_FALSE(big.metrics.has("Wq_p90"));
  CHECK_THAT(big.notes.back(), Catch::Contains("quantiles omitted"));
  CHECK_THAT(big.metrics.at("Wq"), WithinRel(0.8 * (1.0 + 1.0 / 500) / 0.4, 1e-14));
}

TEST_CASE("M/G/1 from a service distribution", "[analytic][mg1]") {
  CHECK(mg1(0.5, DistributionSpec{dist::Exponential{2.0}}).model == "M/M/1");
  CHECK(mg1(0.5, DistributionSpec{dist::Deterministic{1.0}}).model == "M/D/1");
  const auto e = mg1(0.5, DistributionSpec{dist::Erlang{4, 1.0}});
  CHECK(e.model == "M/E_k/1");
  CHECK(e.metrics.has("Wq_p95"));
  // Hyperexponential: exact phase-type distribution; its tail integrates to the P-K mean.
  const dist::Hyperexponential h{{0.2, 0.8}, {0.5, 4.0}};
  const auto r = mg1(0.6, DistributionSpec{h});
  CHECK(r.model == "M/G/1");
  REQUIRE(r.metrics.has("Wq_p95"));
  const double es = 0.2 / 0.5 + 0.8 / 4.0;
  const double es2 = 2.0 * (0.2 / 0.25 + 0.8 / 16.0);
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(0.6 * es2 / (2.0 * (1.0 - 0.6 * es)), 1e-13));
  // Lognormal: means only.
  const auto l = mg1(0.5, DistributionSpec{dist::Lognormal{1.0, 1.5}});
  CHECK(l.model == "M/G/1");
  CHECK_FALSE(l.metrics.has("Wq_p95"));
  CHECK_THAT(l.metrics.at("Wq"), WithinRel(0.5 * 2.5 / (2.0 * 0.5), 1e-14));
  CHECK_THAT(l.notes.front(), Catch::Contains("lognormal"));
}

TEST_CASE("unstable and invalid M/G/1", "[analytic][mg1][unstable]") {
  const auto r = mg1(1.2, 1.0, 0.5);
  CHECK_FALSE(r.stable);
  CHECK_THAT(*r.growth_rate, WithinRel(0.2, 1e-14));
  CHECK_THAT(r.metrics.at("utilization"), WithinRel(1.2, 1e-15));
  CHECK_FALSE(r.metrics.has("Wq"));
  CHECK_FALSE(md1(1.0, 1.0).stable);
  CHECK_FALSE(mek1(2.0, 1.0, 3).stable);
  CHECK_THROWS_AS(md1_waiting_time(1.0, 1.0), kendall::InvalidParameter);
  CHECK_THROWS_WITH(mg1(0.5, 1.0, -0.1), Catch::Contains("service_scv"));
  CHECK_THROWS_AS(mek1(0.5, 1.0, 0), kendall::InvalidParameter);
  CHECK_THROWS_AS(mg1(0.5, 0.0, 1.0), kendall::InvalidParameter);
}
