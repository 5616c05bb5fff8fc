// The simulator's split of the wait at a station with patience — Wq_served (customers who are
// served) and Wq_abandoned (customers who give up) — against Erlang-A's exact values, which
// the analytic library computes independently (this test links kendall::theory; the simulator
// itself never does). Fixed seed; the exact value must lie inside the simulated 99% interval
// and the interval must be narrower than the stated tolerance, so a run too short to tell
// cannot pass.

#include <catch2/catch.hpp>

#include "kendall/model/analytic/erlang_a.hpp"
#include "kendall/model/metrics.hpp"
#include "kendall/sim/engine/metric_names.hpp"
#include "kendall/sim/experiment.hpp"
#include "kendall/sim/replication.hpp"

using namespace kendall;
namespace md = kendall::model::dist;
namespace km = kendall::model::metric;

namespace {

// M/M/c+M: Poisson arrivals at `lambda`, `c` exponential servers of rate 1, exponential
// patience of mean `patience`.
model::Scenario erlang_a_scenario(double lambda, std::uint32_t c, double patience,
                                  std::uint64_t seed) {
  model::Scenario sc;
  sc.name = "Erlang-A";
  model::StationSpec st;
  st.name = "agents";
  st.servers = c;
  st.service = {md::Exponential{1.0}};
  st.patience = md::Exponential{1.0 / patience};
  sc.stations.push_back(st);
  model::ArrivalSpec a;
  a.interarrival = md::Exponential{lambda};
  sc.arrivals.push_back(a);
  sc.run.customers = 200'000;
  sc.run.warmup = {model::WarmupSpec::Kind::Customers, 10'000.0};
  sc.run.replications = 10;
  sc.run.seed = seed;
  sc.run.confidence = 0.99;
  return sc;
}

void check_inside(const sim::EstimateSet& simulated, std::string_view name, double exact,
                  double tolerance) {
  INFO(name << ": exact " << exact);
  const auto e = simulated.get(name);
  REQUIRE(e.has_value());
  INFO("simulated " << e->mean << " [" << e->ci_low << ", " << e->ci_high << "]");
  CHECK(e->contains(exact));
  CHECK(e->relative_half_width() <= tolerance);
}

}  // namespace

TEST_CASE("the waits of served and abandoning customers match Erlang-A",
          "[sim][abandonment][theory]") {
  struct Case {
    double lambda;
    std::uint32_t c;
    double patience;
    std::uint64_t seed;
  };
  for (const Case k : {Case{12.0, 10, 2.0, 811}, Case{9.5, 10, 5.0, 812}}) {
    const auto sc = erlang_a_scenario(k.lambda, k.c, k.patience, k.seed);
    const auto exact = model::erlang_a(k.lambda, 1.0, k.c, k.patience).metrics;
    const auto result = sim::run_experiment(sc, {1});
    REQUIRE(result.stations.size() == 1);
    const auto& m = result.stations.front().metrics;
    check_inside(m, km::Wq_served, exact.at(km::Wq_served), 0.03);
    check_inside(m, km::Wq_abandoned, exact.at(km::Wq_abandoned), 0.03);
    check_inside(m, km::Wq, exact.at(km::Wq), 0.03);
    // Quantiles are reported for both groups, in order.
    const auto p50 = m.get(model::quantile_name(km::Wq_served, 0.5));
    const auto p90 = m.get(model::quantile_name(km::Wq_served, 0.9));
    REQUIRE(p50.has_value());
    REQUIRE(p90.has_value());
    CHECK(p50->mean <= p90->mean);
    CHECK(m.has(model::quantile_name(km::Wq_abandoned, 0.95)));
  }
}

TEST_CASE("Wq is the served and abandoned waits weighted by their counts", "[sim][abandonment]") {
  auto sc = erlang_a_scenario(12.0, 10, 2.0, 813);
  sc.run.customers = 50'000;
  for (std::uint32_t r = 0; r < 2; ++r) {
    const auto outputs = sim::run_replication(sc, {r, 1});
    REQUIRE(outputs.size() == 1);
    const auto& m = outputs.front().stations.front().metrics;
    const double served = m.at(sim::metric::departures);
    const double abandoned = m.at(sim::metric::reneged);
    REQUIRE(abandoned > 0.0);
    const double combined =
        (served * m.at(km::Wq_served) + abandoned * m.at(km::Wq_abandoned)) / (served + abandoned);
    CHECK_THAT(combined, Catch::Matchers::WithinRel(m.at(km::Wq), 1e-9));
  }
}
