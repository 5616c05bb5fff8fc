// Finite-source M/M/c//N and M/M/c/K/N: a hand-computed case, the CTMC solver to 1e-9, the
// infinite-source limit, N = 10,000, and the arrival-epoch waiting-time distribution.
#include <cmath>
#include <optional>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/analytic/finite_source.hpp"
#include "kendall/model/analytic/markovian.hpp"

#include "analytic_reference.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinRel;

namespace {

struct Reference {
  double L, Lq, throughput, p_block, p_wait;
  std::vector<double> p;
};

Reference ctmc_reference(double lambda, double mu, std::uint32_t c, std::size_t N, std::size_t K) {
  Reference r{};
  r.p = kendall::test::ctmc_birth_death(
      K, [&](std::size_t n) { return static_cast<double>(N - n) * lambda; },
      [&](std::size_t n) { return static_cast<double>(std::min<std::size_t>(n, c)) * mu; });
  const auto& p = r.p;
  r.L = kendall::test::expect(p, [](std::size_t n) { return n; });
  r.Lq = kendall::test::expect(p, [&](std::size_t n) { return n > c ? n - c : 0; });
  const double attempts = kendall::test::expect(p, [&](std::size_t n) { return N - n; });
  const double admitted =
      kendall::test::expect(p, [&](std::size_t n) { return n < K ? N - n : 0; });
  r.throughput = lambda * admitted;
  r.p_block = (static_cast<double>(N - K) * p[K]) / attempts;
  r.p_wait = kendall::test::expect(p, [&](std::size_t n) { return n >= c && n < K ? N - n : 0; }) /
             admitted;
  return r;
}

}  // namespace

TEST_CASE("machine repair by hand: two machines, one mechanic", "[analytic][finite_source]") {
  // Up time Exp(mean 12 h), repair Exp(mean 8 h), N = 2, c = 1. Balance equations:
  // π ∝ (1, 2·8/12, 2·(8/12)²) = (1, 4/3, 8/9) → π = (9, 12, 8)/29, L = 28/29,
  // Lq = 8/29, throughput = μ(1 − π0) = (20/29)/8 per hour.
  const auto r = mmcn(1.0 / 12.0, 1.0 / 8.0, 1, 2);
  CHECK(r.model == "M/M/c//N");
  CHECK_THAT(r.metrics.at("L"), WithinRel(28.0 / 29.0, 1e-14));
  CHECK_THAT(r.metrics.at("Lq"), WithinRel(8.0 / 29.0, 1e-14));
  CHECK_THAT(r.metrics.at("throughput"), WithinRel(20.0 / 29.0 / 8.0, 1e-14));
  CHECK_THAT(r.metrics.at("utilization"), WithinRel(20.0 / 29.0, 1e-14));
  // A breakdown finds the mechanic busy with probability (N−1)π1 / ((N)π0 + (N−1)π1).
  CHECK_THAT(r.metrics.at("p_wait"), WithinRel(12.0 / (18.0 + 12.0), 1e-14));
  CHECK_FALSE(r.metrics.has("p_block"));
  CHECK(std::isinf(r.params[3].second));  // capacity
  CHECK(r.params[4] == std::pair<std::string, double>{"population", 2.0});
}

TEST_CASE("M/M/c//N and M/M/c/K/N against the CTMC solver to 1e-9",
          "[analytic][finite_source][ctmc]") {
  const std::uint32_t c = GENERATE(1u, 3u, 12u);
  const std::size_t N = GENERATE(std::size_t{5}, std::size_t{40}, std::size_t{300});
  const double load = GENERATE(0.01, 0.2, 2.0);  // per-source λ/μ
  const double mu = 0.5;
  const double lambda = load * mu;
  for (std::size_t K : {N, std::max<std::size_t>(c, N / 2)}) {
    if (K < c) continue;
    INFO("c " << c << " N " << N << " K " << K << " load " << load);
    const auto r = K < N ? mmcn(lambda, mu, c, N, K) : mmcn(lambda, mu, c, N);
    const auto ref = ctmc_reference(lambda, mu, c, N, K);
    const auto& m = r.metrics;
    CHECK(r.model == (K < N ? "M/M/c/K/N" : "M/M/c//N"));
    CHECK_THAT(m.at("L"), WithinRel(ref.L, 1e-9));
    CHECK_THAT(m.at("Lq") + 1e-300, WithinRel(ref.Lq + 1e-300, 1e-9));
    CHECK_THAT(m.at("throughput"), WithinRel(ref.throughput, 1e-9));
    CHECK_THAT(m.at("p_wait") + 1e-300, WithinRel(ref.p_wait + 1e-300, 1e-9));
    if (K < N) CHECK_THAT(m.at("p_block"), WithinRel(ref.p_block, 1e-9));
    CHECK_THAT(m.at("L"), WithinRel(m.at("throughput") * m.at("W"), 1e-12));
    CHECK_THAT(m.at("Lq") + 1e-300, WithinRel(m.at("throughput") * m.at("Wq") + 1e-300, 1e-12));
    CHECK_THAT(m.at("L"), WithinRel(m.at("Lq") + m.at("throughput") / mu, 1e-11));
  }
}

TEST_CASE("finite source tends to M/M/c as N grows with N*lambda fixed",
          "[analytic][finite_source][limit]") {
  const double total = 3.6;
  const auto inf = mmc(total, 1.0, 4);
  std::vector<double> gaps;
  for (std::uint64_t N : {1000u, 10000u, 100000u, 1000000u}) {
    const auto r = mmcn(total / static_cast<double>(N), 1.0, 4, N);
    gaps.push_back(std::fabs(r.metrics.at("Wq") / inf.metrics.at("Wq") - 1.0));
    // ≈ 25/N at ρ = 0.9 (the O(1/N) constant grows as the load approaches saturation).
    CHECK_THAT(r.metrics.at("p_wait"), WithinRel(inf.metrics.at("p_wait"), 30.0 / N));
  }
  // The finite-source correction is O(1/N) + O(1/N²): ten times the sources, a tenth of the
  // gap, more and more exactly.
  CHECK(std::fabs(gaps[2] / gaps[1] - 0.1) < std::fabs(gaps[1] / gaps[0] - 0.1));
  CHECK(std::fabs(gaps[3] / gaps[2] - 0.1) < std::fabs(gaps[2] / gaps[1] - 0.1));
  CHECK_THAT(gaps[3] / gaps[2], WithinRel(0.1, 0.01));
  CHECK(gaps[3] < 3e-4);
}

TEST_CASE("finite source with N = 10,000 (numerics extreme)",
          "[analytic][finite_source][extreme]") {
  const std::size_t N = 10'000;
  const std::uint32_t c = 50;
  const double mu = 1.0;
  for (double lambda : {1e-4, 0.005, 0.2}) {  // light, near saturation, overloaded
    QueryOptions o;
    o.sla = 1.0;
    const auto r = mmcn(lambda, mu, c, N, std::nullopt, o);
    INFO("lambda " << lambda);
    for (const auto& [name, value] : r.metrics.entries()) CHECK(std::isfinite(value));
    const auto ref = ctmc_reference(lambda, mu, c, N, N);
    CHECK_THAT(r.metrics.at("L"), WithinRel(ref.L, 1e-9));
    CHECK_THAT(r.metrics.at("throughput"), WithinRel(ref.throughput, 1e-9));
    CHECK(r.stable);
  }
}

TEST_CASE("finite-source waiting time: arrival-epoch Erlang mixture", "[analytic][finite_source]") {
  const double lambda = 0.3;
  const double mu = 1.0;
  const std::uint32_t c = 2;
  const std::size_t N = 12;
  const std::size_t K = 9;
  const auto ref = ctmc_reference(lambda, mu, c, N, K);
  // A request sees n with probability ∝ (N − n) p_n (arrival theorem), then waits for
  // n − c + 1 completions of the busy pool.
  long double norm = 0.0L;
  for (std::size_t n = 0; n < K; ++n) norm += (N - n) * static_cast<long double>(ref.p[n]);
  auto tail = [&](double t) {
    long double s = 0.0L;
    for (std::size_t n = c; n < K; ++n) {
      s += (N - n) * static_cast<long double>(ref.p[n]) / norm *
           kendall::test::erlang_tail(n - c + 1, c * mu, t);
    }
    return static_cast<double>(s);
  };
  const WaitingTime wt = mmcn_waiting_time(lambda, mu, c, N, K);
  for (double t : {0.0, 0.25, 1.0, 3.0, 8.0})
    CHECK_THAT(wt.wait_tail(t), WithinRel(tail(t), 1e-10));
  const auto r = mmcn(lambda, mu, c, N, K);
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.wait_tail(t); }, 0.0, 60.0, 20000),
             WithinRel(r.metrics.at("Wq"), 1e-9));
  CHECK_THAT(kendall::test::simpson([&](double t) { return wt.sojourn_tail(t).value(); }, 0.0, 60.0,
                                    20000),
             WithinRel(r.metrics.at("W"), 1e-9));
}

TEST_CASE("finite source edge cases and invalid input", "[analytic][finite_source]") {
  // As many servers as sources: nobody waits.
  const auto r = mmcn(0.5, 1.0, 6, 6);
  CHECK(r.metrics.at("Lq") == 0.0);
  CHECK(r.metrics.at("p_wait") == 0.0);
  CHECK(r.metrics.at("Wq_p99") == 0.0);
  // Each source alternates independently: L = N a/(1+a).
  CHECK_THAT(r.metrics.at("L"), WithinRel(6.0 * 0.5 / 1.5, 1e-13));
  CHECK_THROWS_WITH(mmcn(0.5, 1.0, 2, 0), Catch::Contains("population N must be at least 1"));
  CHECK_THROWS_WITH(mmcn(0.5, 1.0, 3, 10, 2), Catch::Contains("must be >= servers"));
  CHECK_THROWS_AS(mmcn(-0.5, 1.0, 2, 10), kendall::InvalidParameter);
  CHECK_THROWS_WITH(mmcn(0.5, 1.0, 2, 20'000'000), Catch::Contains("above the supported maximum"));
}
