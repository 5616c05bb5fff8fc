// SLOs on the wait of the customers who are served (Wq_served and its quantiles) at a station
// with patience: judged from the simulation's own Wq_served (served customers only), not from
// Wq (every admitted customer, abandonments included); the quantiles, which theory does not
// give for Erlang-A, are sized by simulation. Without patience, Wq_served is Wq.

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/slo.hpp"
#include "kendall/planner/planner.hpp"
#include "kendall/planner/quantity.hpp"

using namespace kendall;

namespace {

model::Scenario parse(const std::string& yaml) {
  return model::parse_scenario(yaml, "t.yaml", ".");
}

// 1 call/s, 8 s calls (8 Erlangs), patience 10 s: 13% abandon at 8 agents, so the served
// callers' wait differs from every caller's by several interval widths.
std::string impatient(const std::string& slos) {
  return "name: t\narrivals: [{to: desk, rate: 1/s}]\nstations:\n"
         "  - {name: desk, servers: 8, service: {dist: exponential, mean: 8s},\n"
         "     patience: {dist: exponential, mean: 10s}}\n"
         "run: {customers: 20000, replications: 10, seed: 3}\n"
         "slo:\n" +
         slos;
}

/// Erlang-A Wq of every admitted caller by a truncated birth-death chain: Lq / lambda
/// (Little's law; every arrival is admitted). Independent of the library's formulas.
double erlang_a_wq_all(double lambda, double mu, double theta, int c) {
  const int n_max = c + 2000;
  std::vector<double> p(n_max + 1);
  p[0] = 1.0;
  double norm = 1.0, lq = 0.0;
  for (int n = 1; n <= n_max; ++n) {
    const double death = std::min(n, c) * mu + std::max(n - c, 0) * theta;
    p[n] = p[n - 1] * lambda / death;
    norm += p[n];
    lq += std::max(n - c, 0) * p[n];
  }
  return lq / norm / lambda;
}

const planner::SloVerdict& verdict(const std::vector<planner::SloVerdict>& vs,
                                   const std::string& metric) {
  for (const auto& v : vs) {
    if (v.metric == metric) return v;
  }
  FAIL("no verdict on " << metric);
  return vs.front();
}

}  // namespace

TEST_CASE("Wq_served quantiles are SLO metrics at a station, times, not end to end",
          "[planner][served]") {
  CHECK(model::quantile_level("Wq_served_p90") == Approx(0.9));
  CHECK(model::is_slo_metric("Wq_served_p80", model::SloScope::Station));
  CHECK_FALSE(model::is_slo_metric("Wq_served_p80", model::SloScope::Network));
  CHECK_FALSE(model::quantile_level("Wq_abandoned_p90"));
  CHECK(planner::quantity_of("Wq_served_p95") == planner::Quantity::Time);
  const auto s = parse(impatient("  - {station: desk, metric: Wq_served_p80, below: 20s}\n"));
  REQUIRE(s.slos.size() == 1);
  CHECK(s.slos[0].metric == "Wq_served_p80");
  CHECK(s.slos[0].bound == Approx(20.0));
}

TEST_CASE("with patience, a Wq_served SLO is judged from the simulation's served customers only",
          "[planner][served]") {
  const auto s = parse(impatient("  - {station: desk, metric: Wq_served, below: 1s}\n"));
  planner::PlanOptions confirm;
  confirm.confirm = true;
  const auto p = planner::plan(s, confirm);
  const auto& today = verdict(p.slos_today, "Wq_served");
  REQUIRE(today.value);
  REQUIRE(today.value->simulated);
  REQUIRE(today.value->analytic);  // Erlang-A's exact E[Wq | served]
  const sim::Estimate& e = *today.value->simulated;
  INFO("simulated Wq_served " << e.mean << " [" << e.ci_low << ", " << e.ci_high << "], exact "
                              << *today.value->analytic);
  // The served callers' wait: its interval holds Erlang-A's Wq_served ...
  CHECK(e.contains(*today.value->analytic));
  // ... and lies wholly below every caller's Wq (abandonments wait longer here), which the
  // planner used to substitute: 1.3197 s by the birth-death chain.
  const double wq_all = erlang_a_wq_all(1.0, 1.0 / 8.0, 1.0 / 10.0, 8);
  CHECK(wq_all == Approx(1.31965).epsilon(1e-4));
  CHECK(e.ci_high < wq_all);
  CHECK(today.value->simulated_metric.empty());  // the verdict's own metric was simulated
  CHECK_FALSE(today.pass);                       // 1.22 s > 1 s
}

TEST_CASE("with patience, a Wq_served quantile SLO is sized by simulation, c-1 failing",
          "[planner][served]") {
  // The service level of answered calls, P(Wq_served <= 3 s) >= 90%, written as its quantile.
  const auto s = parse(impatient("  - {station: desk, metric: Wq_served_p90, below: 3s}\n"));
  const auto p = planner::plan(s);
  REQUIRE(p.stations.size() == 1);
  const auto& desk = p.stations[0];
  REQUIRE(desk.recommended_servers);
  CHECK(*desk.recommended_servers == 9u);
  CHECK(p.feasible);
  for (const auto& option : desk.around_recommendation) {
    INFO("at " << option.servers << " servers");
    const auto& v = verdict(option.verdicts, "Wq_served_p90");
    REQUIRE(v.value);
    CHECK_FALSE(v.value->analytic);  // theory gives no quantile of the served callers' wait
    if (option.servers + 1 > *desk.recommended_servers) continue;
    // c-1 fails by a clear margin: its whole interval is above the bound.
    REQUIRE(v.value->simulated);
    CHECK(v.value->simulated->ci_low > 3.0);
    CHECK_FALSE(option.meets);
  }
  const auto& at_plan = verdict(p.slos, "Wq_served_p90");
  REQUIRE(at_plan.value);
  REQUIRE(at_plan.value->simulated);
  CHECK(at_plan.value->method == planner::simulation_method);
  CHECK(at_plan.value->simulated->ci_high < 3.0);
}

TEST_CASE("without patience, Wq_served and its quantiles are Wq", "[planner][served]") {
  // M/M/2, lambda 1, mu 0.8: theory has Wq and Wq_p90 exactly.
  const std::string head =
      "name: t\narrivals: [{to: a, rate: 1/s}]\nstations:\n"
      "  - {name: a, servers: 2, service: {dist: exponential, mean: 1.25s}}\n"
      "slo:\n";
  planner::PlanOptions theory_only;
  theory_only.no_simulation = true;
  const auto served =
      planner::plan(parse(head + "  - {station: a, metric: Wq_served_p90, below: 2s}\n"
                                 "  - {station: a, metric: Wq_served, below: 0.5s}\n"),
                    theory_only);
  const auto all = planner::plan(parse(head + "  - {station: a, metric: Wq_p90, below: 2s}\n"
                                              "  - {station: a, metric: Wq, below: 0.5s}\n"),
                                 theory_only);
  REQUIRE(served.slos_today.size() == 2);
  REQUIRE(all.slos_today.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    REQUIRE(served.slos_today[k].value);
    REQUIRE(all.slos_today[k].value);
    CHECK(served.slos_today[k].value->value == all.slos_today[k].value->value);
    CHECK(served.slos_today[k].value->method == "exact");
  }
  CHECK(served.stations[0].recommended_servers == all.stations[0].recommended_servers);
}
