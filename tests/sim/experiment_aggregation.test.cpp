// Aggregation of replication outputs into interval estimates: hand-computed intervals,
// gaps, classes, notes, and independence of completion order.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/sim/experiment/aggregation.hpp"

#include "experiment_synthetic.hpp"

using namespace kendall::sim;
using kendall::sim::testing::same_result;
using kendall::sim::testing::synthetic_output;
using kendall::sim::testing::synthetic_scenario;
using kendall::sim::testing::SyntheticSpec;

namespace {

// Student t quantiles t_{ν, 0.975} and t_{ν, 0.95} (40-digit references, see
// experiment_student_t.test.cpp): the intervals below are computed by hand from these.
constexpr double t2_975 = 4.3026527297494639;
constexpr double t1_975 = 12.706204736174705;
constexpr double t2_95 = 2.9199855803537257;

ReplicationOutput bare_output(const kendall::model::Scenario& scenario, std::uint32_t replication) {
  ReplicationOutput out;
  out.replication = replication;
  out.stations.resize(scenario.stations.size());
  return out;
}

bool has_note_containing(const ExperimentResult& r, const std::string& text) {
  return std::any_of(r.notes.begin(), r.notes.end(),
                     [&](const std::string& n) { return n.find(text) != std::string::npos; });
}

}  // namespace

TEST_CASE("aggregation forms Student t intervals computed by hand",
          "[sim][experiment][aggregation]") {
  const auto scenario = synthetic_scenario(2, 3);
  std::vector<ReplicationOutput> outs;
  const double L[] = {1.0, 2.0, 3.0};
  const double W[] = {2.0, 4.0, 9.0};
  const double warmup[] = {10.0, 20.0, 60.0};
  for (std::uint32_t r = 0; r < 3; ++r) {
    auto out = bare_output(scenario, r);
    out.stations[0].metrics.set("L", L[r]);
    out.stations[0].metrics.set("W", W[r]);
    out.stations[0].metrics.set("blocked", 0.0);
    out.stations[1].metrics.set("L", 7.0);
    out.network.set("W", 3.0);
    out.warmup_time = warmup[r];
    out.warmup_customers = 100 * (r + 1);
    out.events = 100 * (r + 1);
    outs.push_back(out);
  }
  const auto result =
      aggregate_outputs(scenario, outs, {0.95, kendall::model::CiMethod::Replications, {}});

  REQUIRE(result.stations.size() == 2);
  CHECK(result.replications == 3);
  const auto l = result.stations[0].metrics.get("L");
  REQUIRE(l);
  // mean 2, s = 1: half-width t_{2,.975} / √3.
  const double half_l = t2_975 / std::sqrt(3.0);
  CHECK(l->mean == 2.0);
  CHECK(l->n == 3);
  CHECK_THAT(l->ci_low, Catch::Matchers::WithinAbs(2.0 - half_l, 1e-14));
  CHECK_THAT(l->ci_high, Catch::Matchers::WithinAbs(2.0 + half_l, 1e-14));
  // W: mean 5, deviations −3, −1, 4: s² = 26/2 = 13.
  const auto w = result.stations[0].metrics.get("W");
  REQUIRE(w);
  const double half_w = t2_975 * std::sqrt(13.0 / 3.0);
  CHECK(w->mean == 5.0);
  CHECK_THAT(w->half_width(), Catch::Matchers::WithinRel(half_w, 1e-14));
  // Constant values: a degenerate interval, not a missing one.
  const auto blocked = result.stations[0].metrics.get("blocked");
  REQUIRE(blocked);
  CHECK(blocked->mean == 0.0);
  CHECK(blocked->ci_low == 0.0);
  CHECK(blocked->ci_high == 0.0);
  const auto l1 = result.stations[1].metrics.get("L");
  REQUIRE(l1);
  CHECK(l1->ci_low == 7.0);
  CHECK(result.network.get("W")->mean == 3.0);
  // Metric order follows first appearance.
  REQUIRE(result.stations[0].metrics.entries().size() == 3);
  CHECK(result.stations[0].metrics.entries()[0].first == "L");
  CHECK(result.stations[0].metrics.entries()[2].first == "blocked");
  // Warm-up and events.
  CHECK(result.warmup_time_mean == 30.0);
  CHECK(result.warmup_customers_mean == 200.0);
  CHECK(result.events == 600);
  CHECK(result.notes.empty());

  // Another confidence level uses another quantile.
  const auto r90 =
      aggregate_outputs(scenario, outs, {0.90, kendall::model::CiMethod::Replications, {}});
  CHECK_THAT(r90.stations[0].metrics.get("L")->half_width(),
             Catch::Matchers::WithinRel(t2_95 / std::sqrt(3.0), 1e-14));
  CHECK(r90.confidence == 0.90);
}

TEST_CASE("metrics missing in some replications use those that have them, with notes",
          "[sim][experiment][aggregation]") {
  const auto scenario = synthetic_scenario(1, 3);
  std::vector<ReplicationOutput> outs;
  for (std::uint32_t r = 0; r < 3; ++r) {
    auto out = bare_output(scenario, r);
    out.stations[0].metrics.set("L", 1.0 + r);
    if (r != 1) out.stations[0].metrics.set("Wq", r == 0 ? 0.5 : 1.5);
    if (r == 1) out.stations[0].metrics.set("Wq_p99", 4.25);
    outs.push_back(out);
  }
  const auto result = aggregate_outputs(scenario, outs, {});
  const auto wq = result.stations[0].metrics.get("Wq");
  REQUIRE(wq);
  CHECK(wq->n == 2);
  CHECK(wq->mean == 1.0);
  // s² = 0.5, se = 0.5, t_{1,.975}.
  CHECK_THAT(wq->half_width(), Catch::Matchers::WithinRel(t1_975 * 0.5, 1e-14));
  // One observation: no interval, left out, and said so (with its value).
  CHECK_FALSE(result.stations[0].metrics.has("Wq_p99"));
  CHECK(has_note_containing(
      result, "station 's0': Wq_p99 was observed in only 1 of 3 replications (value 4.25)"));
  CHECK(has_note_containing(result, "Wq (2 of 3)"));
  // Nothing is ever NaN.
  for (const auto& [name, e] : result.stations[0].metrics.entries()) {
    CHECK(std::isfinite(e.mean));
    CHECK(std::isfinite(e.ci_low));
    CHECK(std::isfinite(e.ci_high));
  }
}

TEST_CASE("per-class and network-class metrics are aggregated in the scenario's class order",
          "[sim][experiment][aggregation]") {
  const auto scenario = synthetic_scenario(2, 20, {"gold", "bronze"});
  std::vector<ReplicationOutput> outs;
  for (std::uint32_t r = 0; r < 20; ++r) outs.push_back(synthetic_output(scenario, {}, r, 0));
  const auto result = aggregate_outputs(scenario, outs, {});
  REQUIRE(result.stations[0].classes.size() == 2);
  CHECK(result.stations[0].classes[0].name == "gold");
  CHECK(result.stations[0].classes[1].name == "bronze");
  REQUIRE(result.network_classes.size() == 2);
  CHECK(result.network_classes[1].name == "bronze");
  const auto gold = result.stations[0].classes[0].metrics.get("W");
  const auto bronze = result.stations[0].classes[1].metrics.get("W");
  REQUIRE(gold);
  REQUIRE(bronze);
  CHECK(gold->n == 20);
  // Synthetic bronze W is 10% above gold's plus noise; the means must reflect the order.
  CHECK(bronze->mean > gold->mean);
  CHECK(result.network_classes[1].metrics.get("W")->mean >
        result.network_classes[0].metrics.get("W")->mean);

  // Without classes in the scenario, no class blocks.
  const auto plain = synthetic_scenario(1, 5);
  std::vector<ReplicationOutput> plain_outs;
  for (std::uint32_t r = 0; r < 5; ++r) plain_outs.push_back(synthetic_output(plain, {}, r, 0));
  const auto plain_result = aggregate_outputs(plain, plain_outs, {});
  CHECK(plain_result.stations[0].classes.empty());
  CHECK(plain_result.network_classes.empty());
}

TEST_CASE("the result does not depend on the order in which replications completed",
          "[sim][experiment][aggregation]") {
  const auto scenario = synthetic_scenario(3, 50, {"a", "b"});
  std::vector<ReplicationOutput> outs;
  SyntheticSpec spec;
  for (std::uint32_t r = 0; r < 50; ++r) outs.push_back(synthetic_output(scenario, spec, r, 0));
  // Make a gap so that notes are produced too.
  outs[7].stations[1].metrics.erase("W");
  const auto reference = aggregate_outputs(scenario, outs, {});
  CHECK_FALSE(reference.notes.empty());
  std::mt19937 shuffler(20261123);
  for (int trial = 0; trial < 10; ++trial) {
    auto shuffled = outs;
    std::shuffle(shuffled.begin(), shuffled.end(), shuffler);
    CHECK(same_result(aggregate_outputs(scenario, shuffled, {}), reference));
  }
  // And the comparison itself can fail: drop one replication.
  auto fewer = outs;
  fewer.pop_back();
  CHECK_FALSE(same_result(aggregate_outputs(scenario, fewer, {}), reference));
}

TEST_CASE("aggregation refuses partial outputs and outputs that do not fit the scenario",
          "[sim][experiment][aggregation]") {
  const auto scenario = synthetic_scenario(2, 3);
  std::vector<ReplicationOutput> outs;
  for (std::uint32_t r = 0; r < 3; ++r) outs.push_back(synthetic_output(scenario, {}, r, 0));
  auto cancelled = outs;
  cancelled[1].status = RunStatus::Cancelled;
  CHECK_THROWS_AS(aggregate_outputs(scenario, cancelled, {}), kendall::InvalidParameter);
  auto wrong = outs;
  wrong[2].stations.pop_back();
  CHECK_THROWS_AS(aggregate_outputs(scenario, wrong, {}), kendall::Error);
}

TEST_CASE("fewer than two replications give no intervals and one note",
          "[sim][experiment][aggregation]") {
  const auto scenario = synthetic_scenario(2, 3);
  const auto one = aggregate_outputs(scenario, {synthetic_output(scenario, {}, 0, 0)}, {});
  CHECK(one.replications == 1);
  CHECK(one.stations[0].metrics.empty());
  CHECK(one.network.empty());
  REQUIRE(one.notes.size() == 1);
  CHECK(one.notes[0].find("only 1 replication completed") != std::string::npos);
  const auto none = aggregate_outputs(scenario, {}, {});
  CHECK(none.replications == 0);
  CHECK(none.stations.size() == 2);
  CHECK(none.stations[0].metrics.empty());
}

TEST_CASE("sectioning moves a quantile to the whole window's value and keeps the batches' width",
          "[aggregation][sectioning]") {
  const auto scenario = synthetic_scenario(1, 3);
  ExperimentResult result;
  result.stations.resize(scenario.stations.size());
  result.stations[0].metrics.set("W", Estimate{10.0, 9.0, 11.0, 20});
  result.stations[0].metrics.set("W_p99", Estimate{17.7, 13.9, 21.5, 20});
  result.stations[0].metrics.set("Wq_p50", Estimate{2.0, 1.0, 3.0, 20});
  result.network.set("W_p95", Estimate{5.0, 4.0, 6.0, 20});
  ReplicationOutput whole = bare_output(scenario, 0);
  whole.stations[0].metrics.set("W", 12.0);
  whole.stations[0].metrics.set("W_p99", 46.1);
  whole.network.set("W_p95", 7.5);

  REQUIRE(centre_quantiles_on_window(result, whole));
  const auto p99 = *result.stations[0].metrics.get("W_p99");
  CHECK(p99.mean == Approx(46.1));
  CHECK(p99.half_width() == Approx(3.8));
  CHECK(p99.contains(46.1));
  CHECK(p99.n == 20);
  // A mean is left to the batch means; a quantile the window lacks keeps its batch estimate.
  CHECK(result.stations[0].metrics.get("W")->mean == Approx(10.0));
  CHECK(result.stations[0].metrics.get("Wq_p50")->mean == Approx(2.0));
  CHECK(result.network.get("W_p95")->mean == Approx(7.5));
  CHECK(result.network.get("W_p95")->ci_low == Approx(6.5));

  ReplicationOutput mismatched;  // no stations
  CHECK_FALSE(centre_quantiles_on_window(result, mismatched));
}
