// M/M/1, M/M/c and M/M/inf: published values, textbook closed forms evaluated independently,
// the CTMC solver on a truncated chain, exact distributions against numerical convolution,
// identities, instability and the numerics extremes.
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/analytic/markovian.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

void check_little(const AnalyticResult& r, double lambda_eff, double mu, double rel = 1e-12) {
  const auto& m = r.metrics;
  CHECK_THAT(m.at("L"), WithinRel(lambda_eff * m.at("W"), rel));
  CHECK_THAT(m.at("Lq"), WithinRel(lambda_eff * m.at("Wq"), rel));
  CHECK_THAT(m.at("L"), WithinRel(m.at("Lq") + lambda_eff / mu, rel));
  CHECK_THAT(m.at("throughput"), WithinRel(lambda_eff, rel));
}

}  // namespace

TEST_CASE("M/M/1 closed forms (Gross et al. 4th ed., ch. 2)", "[analytic][mm1]") {
  const auto r = mm1(0.8, 1.0);
  CHECK(r.model == "M/M/1");
  CHECK(r.method == "exact");
  CHECK(r.stable);
  CHECK_FALSE(r.growth_rate.has_value());
  CHECK_THAT(r.metrics.at("utilization"), WithinRel(0.8, 1e-15));
  CHECK_THAT(r.metrics.at("L"), WithinRel(4.0, 1e-14));
  CHECK_THAT(r.metrics.at("Lq"), WithinRel(3.2, 1e-14));
  CHECK_THAT(r.metrics.at("W"), WithinRel(5.0, 1e-14));
  CHECK_THAT(r.metrics.at("Wq"), WithinRel(4.0, 1e-14));
  CHECK_THAT(r.metrics.at("p_wait"), WithinRel(0.8, 1e-15));
  CHECK_FALSE(r.metrics.has("p_block"));
  // W ~ Exp(μ − λ): W_p95 = ln(20)/0.2; Wq: atom 0.2 at 0, then ρ e^{-(μ−λ)t}.
  CHECK_THAT(r.metrics.at("W_p95"), WithinRel(std::log(20.0) / 0.2, 1e-13));
  CHECK_THAT(r.metrics.at("Wq_p95"), WithinRel(std::log(0.8 / 0.05) / 0.2, 1e-13));
  check_little(r, 0.8, 1.0);
  // Params in DESIGN.md vocabulary.
  REQUIRE(r.params.size() == 4);
  CHECK(r.params[0] == std::pair<std::string, double>{"lambda", 0.8});
  CHECK(r.params[2] == std::pair<std::string, double>{"servers", 1.0});
  CHECK(std::isinf(r.params[3].second));
}

TEST_CASE("M/M/c: published Erlang C example (c = 55, a = 48 Erlang)", "[analytic][mmc]") {
  // λ = 0.2 calls/s, mean handling time 240 s, 55 agents. Published values (the Maxima
  // `erlang` package documentation, section 1 "Numerical examples", reproducing the classic web
  // Erlang C example): P(wait) = 0.2387, mean wait 8.184 s, P(wait <= 15 s) = 0.8459.
  QueryOptions o;
  o.sla = 15.0;
  const auto r = mmc(0.2, 1.0 / 240.0, 55, o);
  CHECK(r.model == "M/M/c");
  CHECK_THAT(r.metrics.at("p_wait"), WithinAbs(0.2387, 0.00005));
  CHECK_THAT(r.metrics.at("Wq"), WithinAbs(8.184, 0.0005));
  CHECK_THAT(r.metrics.at("service_level"), WithinAbs(0.8459, 0.00005));
}

TEST_CASE("M/M/c: Erlang C in exact rational cases", "[analytic][mmc]") {
  // Two 1 Mbps lines, 150 packets/s of 10 kbit (μ = 100/s per line; Wolfram ErlangC
  // documentation, "Applications"): C(2, 1.5) = 9/14 exactly.
  const auto r = mmc(150.0, 100.0, 2);
  CHECK_THAT(r.metrics.at("p_wait"), WithinRel(9.0 / 14.0, 1e-14));
  // M/M/2 at λ = μ = 1: p0 = 1/3, C = 1/3, Lq = 1/3, L = 4/3 (hand computation).
  const auto s = mmc(1.0, 1.0, 2);
  CHECK_THAT(s.metrics.at("p_wait"), WithinRel(1.0 / 3.0, 1e-14));
  CHECK_THAT(s.metrics.at("Lq"), WithinRel(1.0 / 3.0, 1e-14));
  CHECK_THAT(s.metrics.at("L"), WithinRel(4.0 / 3.0, 1e-14));
}

TEST_CASE("M/M/c against the textbook p0 form in long double", "[analytic][mmc]") {
  // Gross et al. 4th ed., ch. 2 (M/M/c): p0 = [Σ_{n<c} a^n/n! + a^c/(c!(1−ρ))]^{-1},
  // Lq = p0 a^c ρ / (c! (1−ρ)²), evaluated directly (a different formula from the library's
  // Erlang B route).
  const std::uint32_t c = GENERATE(1u, 3u, 8u, 40u, 150u);
  const double rho = GENERATE(0.1, 0.5, 0.85, 0.99);
  const double mu = 2.5;
  const double lambda = rho * c * mu;
  const long double a = static_cast<long double>(lambda) / mu;
  long double sum = 0.0L;
  for (std::uint32_t n = 0; n < c; ++n) sum += std::exp(kendall::test::log_term(a, n));
  const long double top = std::exp(kendall::test::log_term(a, c)) / (1.0L - rho);
  const long double p0 = 1.0L / (sum + top);
  const long double Lq =
      p0 * std::exp(kendall::test::log_term(a, c)) * rho / ((1.0L - rho) * (1.0L - rho));
  const long double pw = p0 * top;
  const auto r = mmc(lambda, mu, c);
  INFO("c = " << c << ", rho = " << rho);
  CHECK_THAT(r.metrics.at("Lq"), WithinRel(static_cast<double>(Lq), 1e-11));
  CHECK_THAT(r.metrics.at("p_wait"), WithinRel(static_cast<double>(pw), 1e-11));
  check_little(r, lambda, mu);
  CHECK_THAT(r.metrics.at("utilization"), WithinRel(rho, 1e-14));
  CHECK_THAT(r.metrics.at("busy_servers"), WithinRel(lambda / mu, 1e-14));
}

TEST_CASE("M/M/c against the CTMC solver on a truncated chain", "[analytic][mmc][ctmc]") {
  // With ρ = 0.8 the tail beyond 600 customers is ~0.8^590 ≈ 1e-57: truncation is exact.
  const std::uint32_t c = 5;
  const double lambda = 4.0;
  const double mu = 1.0;
  const auto p = kendall::test::ctmc_birth_death(
      600, [&](std::size_t) { return lambda; },
      [&](std::size_t n) { return std::min<double>(static_cast<double>(n), c) * mu; });
  const double L = kendall::test::expect(p, [](std::size_t n) { return n; });
  const double Lq = kendall::test::expect(p, [&](std::size_t n) { return n > c ? n - c : 0; });
  const double pw = kendall::test::expect(p, [&](std::size_t n) { return n >= c ? 1 : 0; });
  const auto r = mmc(lambda, mu, c);
  CHECK_THAT(r.metrics.at("L"), WithinRel(L, 1e-9));
  CHECK_THAT(r.metrics.at("Lq"), WithinRel(Lq, 1e-9));
  CHECK_THAT(r.metrics.at("p_wait"), WithinRel(pw, 1e-9));
}

TEST_CASE("M/M/c sojourn distribution against numerical convolution", "[analytic][mmc]") {
  // P(W > t) = P(S > t) + ∫_0^t μ e^{−μs} P(Wq > t − s) ds, integrated by Simpson's rule —
  // independent of the closed-form hypoexponential tail. Includes cμ − λ == μ exactly
  // (c = 2, λ = μ) and nearly equal rates.
  struct Case {
    double lambda, mu;
    std::uint32_t c;
  };
  const Case cases[] = {
      {3.6, 1.0, 4}, {1.0, 1.0, 2}, {1.0 - 1e-13, 1.0, 2}, {0.5, 2.0, 1}, {9.5, 1.0, 10}};
  for (const auto& k : cases) {
    const WaitingTime wt = mmc_waiting_time(k.lambda, k.mu, k.c);
    for (double t : {0.0, 0.3, 1.0, 2.5, 7.0}) {
      const double conv =
          std::exp(-k.mu * t) +
          kendall::test::simpson(
              [&](double s) { return k.mu * std::exp(-k.mu * s) * wt.wait_tail(t - s); }, 0.0, t,
              2000);
      INFO("lambda " << k.lambda << " c " << k.c << " t " << t);
      CHECK_THAT(wt.sojourn_tail(t).value(), WithinRel(conv, 1e-10));
    }
    // The mean of the tail is the mean: ∫ P(W > t) dt = W.
    const double delta = k.c * k.mu - k.lambda;
    const double horizon = 60.0 / std::min(delta, k.mu);
    const double mean_w = kendall::test::simpson(
        [&](double t) { return wt.sojourn_tail(t).value(); }, 0.0, horizon, 20000);
    CHECK_THAT(mean_w, WithinRel(mmc(k.lambda, k.mu, k.c).metrics.at("W"), 1e-8));
  }
}

TEST_CASE("waiting-time quantiles: definition, atom at zero, service level", "[analytic][mmc]") {
  QueryOptions o;
  o.quantiles = {0.1, 0.25, 0.5, 0.9, 0.999};
  o.sla = 2.0;
  const auto r = mmc(3.6, 1.0, 4, o);
  const WaitingTime wt = mmc_waiting_time(3.6, 1.0, 4);
  const double C = r.metrics.at("p_wait");
  for (double p : o.quantiles) {
    const double q = r.metrics.at(quantile_name("Wq", p));
    if (p <= 1.0 - C) {
      CHECK(q == 0.0);
    } else {
      CHECK_THAT(wt.service_level(q), WithinRel(p, 1e-12));
    }
    const double w = r.metrics.at(quantile_name("W", p));
    CHECK_THAT(1.0 - wt.sojourn_tail(w).value(), WithinRel(p, 1e-12));
    CHECK(w > q);
  }
  CHECK_THAT(r.metrics.at("service_level"), WithinRel(1.0 - C * std::exp(-0.4 * 2.0), 1e-14));
  // Default levels p50/p90/p95/p99 when none are asked for.
  const auto d = mmc(3.6, 1.0, 4);
  for (const char* n : {"Wq_p50", "Wq_p90", "Wq_p95", "Wq_p99", "W_p50", "W_p99"}) {
    CHECK(d.metrics.has(n));
  }
  CHECK_FALSE(d.metrics.has("service_level"));
}

TEST_CASE("M/M/c with c = 1 equals M/M/1", "[analytic][mmc]") {
  const auto a = mm1(0.7, 1.3);
  const auto b = mmc(0.7, 1.3, 1);
  for (const char* name : {"L", "Lq", "W", "Wq", "p_wait", "Wq_p95", "W_p95", "W_p50"}) {
    CHECK_THAT(b.metrics.at(name), WithinRel(a.metrics.at(name), 1e-13));
  }
}

TEST_CASE("unstable M/M/1 and M/M/c report no steady state", "[analytic][mmc][unstable]") {
  const auto r = mmc(5.0, 1.0, 4);
  CHECK_FALSE(r.stable);
  REQUIRE(r.growth_rate.has_value());
  CHECK_THAT(*r.growth_rate, WithinRel(1.0, 1e-15));
  CHECK_THAT(r.metrics.at("utilization"), WithinRel(1.25, 1e-15));  // offered, may exceed 1
  CHECK_THAT(r.metrics.at("throughput"), WithinRel(4.0, 1e-15));
  for (const char* n : {"L", "Lq", "W", "Wq", "p_wait", "Wq_p95", "W_p95"})
    CHECK_FALSE(r.metrics.has(n));
  REQUIRE_FALSE(r.notes.empty());
  CHECK_THAT(r.notes[0], Catch::Contains("unstable"));
  // ρ = 1 exactly: critically loaded, also unstable, zero drift.
  const auto s = mm1(1.0, 1.0);
  CHECK_FALSE(s.stable);
  CHECK(*s.growth_rate == 0.0);
  CHECK_FALSE(s.metrics.has("L"));
  CHECK_THAT(s.notes[0], Catch::Contains("null-recurrent"));
  CHECK_THROWS_AS(mmc_waiting_time(5.0, 1.0, 4), kendall::InvalidParameter);
}

TEST_CASE("M/M/c at the numerics extremes", "[analytic][mmc][extreme]") {
  // c = 10,000 servers at 9,999 Erlang.
  const auto big = mmc(9999.0, 1.0, 10000);
  REQUIRE(big.stable);
  const double C = kendall::test::erlang_c_direct(10000, 9999.0L);
  CHECK_THAT(big.metrics.at("p_wait"), WithinRel(C, 1e-11));
  CHECK_THAT(big.metrics.at("Wq"), WithinRel(C / 1.0, 1e-11));  // cμ − λ = 1
  for (const auto& [name, value] : big.metrics.entries()) CHECK(std::isfinite(value));
  check_little(big, 9999.0, 1.0);
  // ρ = 1e-6.
  const auto light = mmc(4e-6, 1.0, 4);
  CHECK_THAT(light.metrics.at("p_wait"),
             WithinRel(kendall::test::erlang_c_direct(4, 4e-6L), 1e-11));
  CHECK(light.metrics.at("Wq_p99") == 0.0);
  const auto light1 = mm1(1e-6, 1.0);
  CHECK_THAT(light1.metrics.at("L"), WithinRel(1e-6 / (1.0 - 1e-6), 1e-14));
  // ρ = 1 − 1e-9: the answers follow from the stored doubles without cancellation.
  const double lambda = 1.0 - 1e-9;
  const auto heavy = mm1(lambda, 1.0);
  const long double gap = 1.0L - static_cast<long double>(lambda);
  CHECK_THAT(heavy.metrics.at("L"), WithinRel(static_cast<double>(lambda / gap), 1e-14));
  CHECK_THAT(heavy.metrics.at("W_p99"),
             WithinRel(static_cast<double>(std::log(100.0L) / gap), 1e-12));
  const double lambda_c = 50.0 * (1.0 - 1e-9);
  const auto heavy_c = mmc(lambda_c, 1.0, 50);
  const long double gap_c = 50.0L - static_cast<long double>(lambda_c);
  CHECK_THAT(
      heavy_c.metrics.at("Wq"),
      WithinRel(static_cast<double>(kendall::test::erlang_c_direct(50, lambda_c) / gap_c), 1e-8));
  for (const auto& [name, value] : heavy_c.metrics.entries()) CHECK(std::isfinite(value));
}

TEST_CASE("M/M/inf delay station", "[analytic][mminf]") {
  QueryOptions o;
  o.sla = 0.0;
  const auto r = mminf(6.0, 2.0, o);
  CHECK(r.model == "M/M/inf");
  CHECK(std::isinf(r.params[2].second));
  CHECK_THAT(r.metrics.at("L"), WithinRel(3.0, 1e-15));
  CHECK_THAT(r.metrics.at("W"), WithinRel(0.5, 1e-15));
  CHECK(r.metrics.at("Wq") == 0.0);
  CHECK(r.metrics.at("Wq_p99") == 0.0);
  CHECK_THAT(r.metrics.at("W_p50"), WithinRel(std::log(2.0) / 2.0, 1e-14));
  CHECK(r.metrics.at("service_level") == 1.0);
  CHECK_FALSE(r.metrics.has("utilization"));
  check_little(r, 6.0, 2.0);
  // The limit of M/M/c as c grows.
  const auto c = mmc(6.0, 2.0, 60);
  CHECK_THAT(c.metrics.at("L"), WithinRel(3.0, 1e-12));
}

TEST_CASE("invalid parameters are rejected with clear messages", "[analytic][mmc]") {
  CHECK_THROWS_WITH(mm1(-1.0, 1.0), Catch::Contains("lambda must be a positive finite number"));
  CHECK_THROWS_WITH(mmc(1.0, std::nan(""), 2), Catch::Contains("mu"));
  CHECK_THROWS_WITH(mmc(1.0, 1.0, 0), Catch::Contains("servers must be at least 1"));
  CHECK_THROWS_AS(mminf(1.0, std::numeric_limits<double>::infinity()), kendall::InvalidParameter);
  QueryOptions bad;
  bad.quantiles = {0.5, 1.0};
  CHECK_THROWS_WITH(mm1(0.5, 1.0, bad), Catch::Contains("quantile level must be in (0, 1)"));
  QueryOptions bad_sla;
  bad_sla.sla = -1.0;
  CHECK_THROWS_WITH(mm1(0.5, 1.0, bad_sla), Catch::Contains("sla"));
  const WaitingTime wt = mm1_waiting_time(0.5, 1.0);
  CHECK_THROWS_AS(wt.wait_tail(-1.0), kendall::InvalidParameter);
  CHECK_THROWS_AS(wt.wait_quantile(0.0), kendall::InvalidParameter);
}
