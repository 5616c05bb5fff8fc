// The plan carries, for every station whose servers change, the wait's distribution today and
// with the recommendation: theory's curve where theory has one (checked against an independent
// birth-death chain for Erlang-A) and the simulated quantiles of the very experiments that
// judged the SLOs.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/planner/planner.hpp"

using namespace kendall;

namespace {

model::Scenario parse(const std::string& yaml) {
  return model::parse_scenario(yaml, "t.yaml", ".");
}

/// Erlang-A P(Wq = 0) = P(an arrival finds a free agent) = P(N < c) (PASTA), by a truncated
/// birth-death chain, independent of the library.
double erlang_a_no_wait(double lambda, double mu, double theta, int c) {
  const int n_max = c + 2000;
  double p = 1.0, norm = 1.0, below = 1.0;
  for (int n = 1; n <= n_max; ++n) {
    p *= lambda / (std::min(n, c) * mu + std::max(n - c, 0) * theta);
    norm += p;
    if (n < c) below += p;
  }
  return below / norm;
}

const planner::AnalyticQuantile& at_level(const std::vector<planner::AnalyticQuantile>& qs,
                                          double level) {
  for (const auto& q : qs) {
    if (std::abs(q.level - level) < 1e-9) return q;
  }
  FAIL("no level " << level);
  return qs.front();
}

}  // namespace

TEST_CASE("Erlang-A: theory's wait distribution today and with the plan",
          "[planner][wait_distribution]") {
  const auto s = parse(
      "name: t\narrivals: [{to: agents, rate: 600/h}]\nstations:\n"
      "  - {name: agents, servers: 44, service: {dist: exponential, mean: 4min},\n"
      "     patience: {dist: exponential, mean: 3min}}\n"
      "slo:\n  - {station: agents, service_level: {wait_at_most: 20s, share: 80%}}\n"
      "  - {station: agents, metric: p_abandon, below: 5%}\n");
  planner::PlanOptions o;
  o.no_simulation = true;
  const auto p = planner::plan(s, o);
  REQUIRE(p.stations.size() == 1);
  const auto& a = p.stations[0];
  REQUIRE(a.recommended_servers == 42u);
  REQUIRE(a.wait_distributions.size() == 2);
  const double lambda = 1.0 / 6.0, mu = 1.0 / 240.0, theta = 1.0 / 180.0;
  for (const auto& d : a.wait_distributions) {
    INFO(d.configuration << " at " << d.servers);
    CHECK(d.servers == (d.configuration == "today" ? 44u : 42u));
    CHECK(d.analytic_method == "exact");
    CHECK(d.simulated.empty());  // not simulated: theory is exact here
    REQUIRE(d.analytic_p_wait);
    CHECK(1.0 - *d.analytic_p_wait ==
          Approx(erlang_a_no_wait(lambda, mu, theta, static_cast<int>(d.servers))).epsilon(1e-9));
    REQUIRE(d.analytic.size() >= 99);
    // A distribution: quantiles never decrease with the level.
    CHECK(std::is_sorted(d.analytic.begin(), d.analytic.end(),
                         [](const auto& x, const auto& y) { return x.value < y.value; }));
  }
  // The curve agrees with the service-level verdict: at 42 agents P(Wq <= 20 s) = 83.4%, so
  // the 83% quantile is below 20 s and the 84% quantile above it.
  REQUIRE(p.slos.at(0).metric == "service_level");
  REQUIRE(p.slos.at(0).value);
  CHECK(p.slos.at(0).value->value == Approx(0.834).margin(0.0005));
  const auto& plan = a.wait_distributions[1];
  CHECK(at_level(plan.analytic, 0.83).value < 20.0);
  CHECK(at_level(plan.analytic, 0.84).value > 20.0);
}

TEST_CASE("M/G/c: the simulated quantiles are those that judged the SLO; no theory curve",
          "[planner][wait_distribution]") {
  const auto s = parse(
      "name: t\ntime_unit: ms\narrivals: [{to: api, rate: 120/s}, {to: spare, rate: 2800/s}]\n"
      "stations:\n"
      "  - {name: api, servers: 8, service: {dist: lognormal, mean: 45ms, scv: 1.5}}\n"
      "  - {name: spare, servers: 4, service: {dist: exponential, mean: 1ms}}\n"
      "run: {customers: 40000, replications: 4, seed: 1}\n"
      "slo:\n  - {station: api, metric: Wq_p95, below: 20ms}\n"
      "  - {station: spare, metric: utilization, below: 0.8}\n");
  const auto p = planner::plan(s);
  REQUIRE(p.stations.size() == 2);
  const auto& api = p.stations[0];
  REQUIRE(api.recommended_servers);
  REQUIRE(*api.recommended_servers != 8u);
  REQUIRE(api.wait_distributions.size() == 2);
  // spare (2.8 Erlangs, utilization < 0.8) keeps its 4 servers: nothing to draw.
  CHECK(p.stations[1].recommended_servers == 4u);
  CHECK(p.stations[1].wait_distributions.empty());
  for (std::size_t k = 0; k < 2; ++k) {
    const auto& d = api.wait_distributions[k];
    INFO(d.configuration);
    CHECK(d.analytic.empty());  // Allen–Cunneen has no distribution
    REQUIRE(d.simulated_p_wait);
    REQUIRE_FALSE(d.simulated.empty());
    CHECK(std::is_sorted(d.simulated.begin(), d.simulated.end(),
                         [](const auto& x, const auto& y) { return x.level < y.level; }));
    const auto p95 = std::find_if(d.simulated.begin(), d.simulated.end(),
                                  [](const auto& q) { return std::abs(q.level - 0.95) < 1e-9; });
    REQUIRE(p95 != d.simulated.end());
    // The same estimate as the SLO verdict's, today and with the plan.
    const auto& verdict = k == 0 ? p.slos_today.at(0) : p.slos.at(0);
    REQUIRE(verdict.value);
    REQUIRE(verdict.value->simulated);
    CHECK(p95->estimate.mean == verdict.value->simulated->mean);
    CHECK(p95->estimate.ci_low == verdict.value->simulated->ci_low);
  }
  CHECK(api.wait_distributions[0].servers == 8u);
  CHECK(api.wait_distributions[1].servers == *api.recommended_servers);
}
