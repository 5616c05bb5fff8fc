// M/M/c/K, M/M/1/K and M/M/c/c against the CTMC solver (1e-9 relative), the textbook closed
// forms in long double, Erlang B, limits, the K = 100,000 extreme, and the exact waiting-time
// distribution against a direct Erlang-mixture sum and numerical convolution.
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/markovian.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

struct Reference {
  double L, Lq, p_block, p_wait, throughput, busy;
};

Reference ctmc_reference(double lambda, double mu, std::uint32_t c, std::size_t K,
                         CtmcMethod method = CtmcMethod::Automatic) {
  const auto p = kendall::test::ctmc_birth_death(
      K, [&](std::size_t) { return lambda; },
      [&](std::size_t n) { return static_cast<double>(std::min<std::size_t>(n, c)) * mu; }, method);
  Reference r{};
  r.L = kendall::test::expect(p, [](std::size_t n) { return n; });
  r.Lq = kendall::test::expect(p, [&](std::size_t n) { return n > c ? n - c : 0; });
  r.p_block = p[K];
  const double admitted = kendall::test::expect(p, [&](std::size_t n) { return n < K ? 1 : 0; });
  r.p_wait =
      kendall::test::expect(p, [&](std::size_t n) { return n >= c && n < K ? 1 : 0; }) / admitted;
  r.throughput = lambda * admitted;
  r.busy = kendall::test::expect(p, [&](std::size_t n) { return std::min<std::size_t>(n, c); });
  return r;
}

void check_against(const AnalyticResult& r, const Reference& ref, double mu, std::uint32_t c,
                   double rel = 1e-9) {
  const auto& m = r.metrics;
  CHECK_THAT(m.at("L"), WithinRel(ref.L, rel));
  CHECK_THAT(m.at("Lq") + 1e-300, WithinRel(ref.Lq + 1e-300, rel));
  CHECK_THAT(m.at("p_block"), WithinRel(ref.p_block, rel));
  CHECK_THAT(m.at("p_wait") + 1e-300, WithinRel(ref.p_wait + 1e-300, rel));
  CHECK_THAT(m.at("throughput"), WithinRel(ref.throughput, rel));
  CHECK_THAT(m.at("busy_servers"), WithinRel(ref.busy, rel));
  CHECK_THAT(m.at("utilization"), WithinRel(ref.busy / c, rel));
  // Little's law over admitted customers and L = Lq + λ_eff/μ.
  const double lambda_eff = m.at("throughput");
  CHECK_THAT(m.at("L"), WithinRel(lambda_eff * m.at("W"), 1e-12));
  CHECK_THAT(m.at("Lq") + 1e-300, WithinRel(lambda_eff * m.at("Wq") + 1e-300, 1e-12));
  CHECK_THAT(m.at("L"), WithinRel(m.at("Lq") + lambda_eff / mu, 1e-11));
}

}  // namespace

TEST_CASE("M/M/c/K against the CTMC solver to 1e-9", "[analytic][mmck][ctmc]") {
  const std::uint32_t c = GENERATE(1u, 2u, 7u);
  const std::size_t K = GENERATE(std::size_t{7}, std::size_t{30}, std::size_t{250});
  const double rho = GENERATE(0.05, 0.6, 1.0, 1.4, 3.0);
  const double mu = 1.7;
  const double lambda = rho * c * mu;
  INFO("c " << c << " K " << K << " rho " << rho);
  const auto r = mmck(lambda, mu, c, K);
  CHECK(r.model == "M/M/c/K");
  CHECK(r.stable);
  check_against(r, ctmc_reference(lambda, mu, c, K), mu, c);
}

TEST_CASE("M/M/1/K against the textbook closed form (Gross et al. 4th ed., ch. 2)",
          "[analytic][mmck]") {
  // p_n = (1−ρ)ρ^n/(1−ρ^{K+1}); L = ρ/(1−ρ) − (K+1)ρ^{K+1}/(1−ρ^{K+1}); at ρ = 1, L = K/2.
  const std::size_t K = 12;
  for (double rho : {0.5, 0.9, 1.0, 1.25}) {
    const auto r = mm1k(rho, 1.0, K);
    CHECK(r.model == "M/M/1/K");
    long double L = 0.0L;
    long double pK = 0.0L;
    if (rho == 1.0) {
      L = K / 2.0L;
      pK = 1.0L / (K + 1);
    } else {
      const long double rK1 = std::pow(static_cast<long double>(rho), K + 1);
      L = rho / (1.0L - rho) - (K + 1) * rK1 / (1.0L - rK1);
      pK = (1.0L - rho) * std::pow(static_cast<long double>(rho), K) / (1.0L - rK1);
    }
    INFO("rho " << rho);
    CHECK_THAT(r.metrics.at("L"), WithinRel(static_cast<double>(L), 1e-13));
    CHECK_THAT(r.metrics.at("p_block"), WithinRel(static_cast<double>(pK), 1e-13));
  }
}

TEST_CASE("M/M/c/c is the Erlang loss system", "[analytic][mmcc]") {
  const auto r = mmcc(8.108, 1.0, 15);
  CHECK(r.model == "M/M/c/c");
  CHECK_THAT(r.metrics.at("p_block"), WithinRel(erlang_b(15, 8.108), 1e-15));
  CHECK_THAT(r.metrics.at("p_block"), WithinAbs(0.01, 0.00002));  // erlang.com example
  CHECK(r.metrics.at("Wq") == 0.0);
  CHECK(r.metrics.at("p_wait") == 0.0);
  CHECK_THAT(r.metrics.at("W"), WithinRel(1.0, 1e-15));
  // The general M/M/c/K code with K = c gives the same numbers.
  const auto k = mmck(8.108, 1.0, 15, 15);
  for (const char* n : {"L", "p_block", "throughput", "W", "utilization", "W_p95"}) {
    CHECK_THAT(k.metrics.at(n), WithinRel(r.metrics.at(n), 1e-12));
  }
  check_against(r, ctmc_reference(8.108, 1.0, 15, 15), 1.0, 15);
}

TEST_CASE("M/M/c/K tends to M/M/c as K grows", "[analytic][mmck][limit]") {
  const auto inf = mmc(3.6, 1.0, 4);
  double previous_gap = 1.0;
  for (std::uint64_t K : {10u, 40u, 160u, 640u}) {
    const auto r = mmck(3.6, 1.0, 4, K);
    const double gap = std::fabs(r.metrics.at("L") - inf.metrics.at("L")) / inf.metrics.at("L");
    CHECK(gap < previous_gap);
    previous_gap = gap;
  }
  CHECK(previous_gap < 1e-12);  // 0.9^636 ~ 1e-29
  const auto far = mmck(3.6, 1.0, 4, 640);
  for (const char* n : {"Lq", "W", "Wq", "p_wait", "Wq_p90", "W_p99"}) {
    CHECK_THAT(far.metrics.at(n), WithinRel(inf.metrics.at(n), 1e-10));
  }
}

TEST_CASE("M/M/c/K waiting-time distribution: direct Erlang mixture and convolution",
          "[analytic][mmck][distribution]") {
  // Reference: P(Wq > t) = Σ_{n=c}^{K−1} p_n/(1−p_K) · P(Erlang(n−c+1, cμ) > t), summed
  // term by term in long double from CTMC probabilities — a different evaluation order
  // from the library's Poisson-weighted form.
  const std::uint32_t c = 3;
  const std::size_t K = 20;
  const double mu = 0.8;
  const double lambda = 2.9;
  const auto p = kendall::test::ctmc_birth_death(
      K, [&](std::size_t) { return lambda; },
      [&](std::size_t n) { return static_cast<double>(std::min<std::size_t>(n, c)) * mu; });
  const WaitingTime wt = mmck_waiting_time(lambda, mu, c, K);
  auto reference_tail = [&](double t) {
    long double s = 0.0L;
    for (std::size_t n = c; n < K; ++n) {
      s += p[n] / (1.0L - p[K]) * kendall::test::erlang_tail(n - c + 1, c * mu, t);
    }
    return static_cast<double>(s);
  };
  for (double t : {0.0, 0.1, 0.7, 2.0, 5.0, 12.0}) {
    INFO("t = " << t);
    CHECK_THAT(wt.wait_tail(t), WithinRel(reference_tail(t), 1e-10));
    const double conv = std::exp(-mu * t) * (1.0 - reference_tail(0.0)) + [&] {
      // Waiting customers: ∫ density of Wq on (0, t) ⊗ Exp(μ) + P(Wq > t).
      const double h = 1e-6;
      return kendall::test::simpson(
                 [&](double s) {
                   const double dens = (wt.wait_tail(std::max(0.0, s - h)) - wt.wait_tail(s + h)) /
                                       (s < h ? s + h : 2 * h);
                   return dens * std::exp(-mu * (t - s));
                 },
                 0.0, t, 4000) +
             reference_tail(t);
    }();
    CHECK_THAT(wt.sojourn_tail(t).value(), WithinRel(conv, 1e-6));
  }
  // Means: ∫ P(Wq > t) dt = Wq, ∫ P(W > t) dt = W.
  const auto r = mmck(lambda, mu, c, K);
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.wait_tail(t); }, 0.0, 80.0, 20000),
             WithinRel(r.metrics.at("Wq"), 1e-9));
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.sojourn_tail(t).value(); }, 0.0, 80.0,
                                    20000),
             WithinRel(r.metrics.at("W"), 1e-9));
  // Quantiles invert the CDF.
  for (double q : {0.5, 0.9, 0.99}) {
    const double tq = r.metrics.at(quantile_name("Wq", q));
    if (tq > 0) CHECK_THAT(wt.service_level(tq), WithinRel(q, 1e-11));
    CHECK_THAT(1.0 - wt.sojourn_tail(r.metrics.at(quantile_name("W", q))).value(),
               WithinRel(q, 1e-11));
  }
}

TEST_CASE("M/M/c/K with K = 100,000 (numerics extreme)", "[analytic][mmck][extreme]") {
  const std::size_t K = 100'000;
  for (double rho : {0.9999, 1.0, 1.0001}) {
    const double mu = 1.0;
    const std::uint32_t c = 2;
    const double lambda = rho * c * mu;
    QueryOptions o;
    o.sla = 100.0;
    const auto r = mmck(lambda, mu, c, K, o);
    INFO("rho " << rho);
    for (const auto& [name, value] : r.metrics.entries()) CHECK(std::isfinite(value));
    // Independent: sparse GTH on the 100,001-state chain.
    check_against(r, ctmc_reference(lambda, mu, c, K), mu, c);
    CHECK(r.metrics.at("Wq_p99") > r.metrics.at("Wq_p50"));
    CHECK(r.metrics.at("Wq_p99") < r.metrics.at("W_p99"));
  }
}

TEST_CASE("M/M/c/K rejects invalid capacities", "[analytic][mmck]") {
  CHECK_THROWS_WITH(mmck(1.0, 1.0, 4, 3), Catch::Contains("must be >= servers"));
  CHECK_THROWS_WITH(mmck(1.0, 1.0, 4, 20'000'000), Catch::Contains("above the supported maximum"));
  CHECK_THROWS_AS(mm1k(0.0, 1.0, 4), kendall::InvalidParameter);
  CHECK_THROWS_AS(mmcc(1.0, -2.0, 4), kendall::InvalidParameter);
}
