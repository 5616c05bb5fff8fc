// Instability verdicts from segment averages: synthetic growth, transients, drains, noise.
// (Runs of the real engine — M/M/1 at ρ = 1.2 and 0.95 — are in experiment_engine.test.cpp.)
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/sim/experiment/aggregation.hpp"
#include "kendall/sim/experiment/instability.hpp"
#include "kendall/sim/experiment/sequential_stopping.hpp"

#include "experiment_synthetic.hpp"

using namespace kendall::sim;
using kendall::sim::testing::TestRng;

namespace {

/// Segment ends of a run of length T cut into k equal segments.
std::vector<double> ends(double T, int k = 8) {
  std::vector<double> e;
  for (int i = 1; i <= k; ++i) e.push_back(T * i / k);
  return e;
}

/// Trends of `replications` replications whose segment averages follow f(midpoint) + noise.
template <typename F>
std::vector<SegmentTrend> trends(TestRng& rng, int replications, double T, double noise, F f) {
  std::vector<SegmentTrend> out;
  const auto e = ends(T);
  for (int r = 0; r < replications; ++r) {
    std::vector<double> L;
    double start = 0.0;
    for (double end : e) {
      L.push_back(f(0.5 * (start + end)) + noise * rng.normal());
      start = end;
    }
    out.push_back(*segment_trend(L, e));
  }
  return out;
}

}  // namespace

TEST_CASE("segment trends are least-squares slopes against segment midpoints",
          "[sim][experiment][instability]") {
  // Exactly linear data: L = 3 + 0.25 t at the midpoints of unequal segments.
  const std::vector<double> e = {10, 30, 40, 70, 80, 100, 130, 160};
  std::vector<double> L;
  double start = 0.0;
  for (double end : e) {
    L.push_back(3.0 + 0.25 * 0.5 * (start + end));
    start = end;
  }
  const auto t = segment_trend(L, e);
  REQUIRE(t);
  CHECK_THAT(t->slope, Catch::Matchers::WithinAbs(0.25, 1e-14));
  CHECK_THAT(t->late_slope, Catch::Matchers::WithinAbs(0.25, 1e-14));
  CHECK(t->slope_se < 1e-13);
  CHECK(t->segments == 8);
  // Too few segments, mismatched sizes, empty segments: no judgement.
  CHECK_FALSE(segment_trend(std::vector<double>(4, 1.0), std::vector<double>{1, 2, 3, 4}));
  CHECK_FALSE(segment_trend(L, std::vector<double>(e.begin(), e.end() - 1)));
  CHECK_FALSE(segment_trend(L, std::vector<double>{10, 10, 40, 70, 80, 100, 130, 160}));
}

TEST_CASE("linear growth is unstable and its rate is estimated", "[sim][experiment][instability]") {
  TestRng rng(21);
  // 10 replications, L grows at 0.2 per time unit over a run of 1000 (noise sd 5).
  const auto tr = trends(rng, 10, 1000.0, 5.0, [](double t) { return 0.2 * t; });
  const auto v = assess_instability(tr, 1.2, 0.95);
  REQUIRE(v);
  CHECK(v->unstable);
  CHECK(v->growth_rate.contains(0.2));
  CHECK(v->growth_rate.n == 10);
  CHECK_THAT(v->growth_fraction, Catch::Matchers::WithinAbs(0.2 / 1.2, 0.01));
  // One replication: the regression's own standard error.
  const auto one = assess_instability(std::span(tr).first(1), 1.2, 0.95);
  REQUIRE(one);
  CHECK(one->unstable);
  CHECK(one->growth_rate.n == 8);
  CHECK(one->growth_rate.contains(0.2));
}

TEST_CASE("stationary, draining and converging runs are not unstable",
          "[sim][experiment][instability]") {
  TestRng rng(22);
  SECTION("stationary noise") {
    for (int trial = 0; trial < 50; ++trial) {
      const auto v =
          assess_instability(trends(rng, 10, 1000.0, 3.0, [](double) { return 19.0; }), 0.95, 0.95);
      CHECK_FALSE(v->unstable);
    }
  }
  SECTION("a backlog draining") {
    const auto v = assess_instability(
        trends(rng, 10, 1000.0, 1.0, [](double t) { return 500.0 * std::exp(-t / 150.0); }), 0.8,
        0.95);
    CHECK_FALSE(v->unstable);
    CHECK(v->growth_rate.mean < 0.0);
  }
  SECTION("heavy-traffic convergence from empty: growth spent in the first half") {
    // L(t) = 100 (1 − e^{−t/200}): the whole-run slope (≈ 7% of λ) is significant and
    // material, but the later half barely grows — criterion 3 must reject it.
    const auto v = assess_instability(
        trends(rng, 10, 1000.0, 1.0, [](double t) { return 100.0 * (1.0 - std::exp(-t / 200.0)); }),
        1.0, 0.95);
    CHECK_FALSE(v->unstable);
    CHECK(v->growth_rate.ci_low > 0.0);
    CHECK(v->growth_fraction > 0.01);
    CHECK(v->late_growth_rate.mean < 0.5 * v->growth_rate.mean);
  }
  SECTION("growth far below the arrival rate") {
    // Significant but immaterial: 0.1% of λ.
    const auto v = assess_instability(
        trends(rng, 10, 1000.0, 0.01, [](double t) { return 10.0 + 0.001 * t; }), 1.0, 0.95);
    CHECK(v->growth_rate.ci_low > 0.0);
    CHECK_FALSE(v->unstable);
  }
  SECTION("no arrivals") {
    const auto v = assess_instability(
        trends(rng, 10, 1000.0, 1.0, [](double t) { return 0.2 * t; }), 0.0, 0.95);
    CHECK_FALSE(v->unstable);
  }
  CHECK_FALSE(assess_instability({}, 1.0, 0.95));
}

TEST_CASE("aggregation marks unstable stations, keeps their estimates and says so",
          "[sim][experiment][instability]") {
  auto scenario = kendall::sim::testing::synthetic_scenario(2, 10);
  kendall::sim::testing::SyntheticSpec growing;
  growing.growth = 0.2;
  growing.L_sd = 2.0;
  growing.arrival_rate = 1.2;
  std::vector<ReplicationOutput> outs;
  for (std::uint32_t r = 0; r < 10; ++r) {
    outs.push_back(kendall::sim::testing::synthetic_output(scenario, growing, r, 0));
  }
  const auto result = aggregate_outputs(scenario, outs, {});
  for (const auto& station : result.stations) {
    CHECK(station.unstable);
    REQUIRE(station.growth_rate);
    CHECK(station.growth_rate->contains(0.2));
    CHECK(station.metrics.has("L"));  // kept, but flagged
  }
  const auto note = std::find_if(
      result.notes.begin(), result.notes.end(),
      [](const std::string& n) { return n.rfind("station 's0' is UNSTABLE", 0) == 0; });
  REQUIRE(note != result.notes.end());
  CHECK(note->find("customers per s") != std::string::npos);
  CHECK(note->find("not steady-state values") != std::string::npos);
  CHECK(std::any_of(result.notes.begin(), result.notes.end(), [](const std::string& n) {
    return n.find("network: end-to-end W") == 0 &&
           n.find("stations 's0', 's1' are unstable") != std::string::npos;
  }));
  // Sequential stopping does not chase the metrics of unstable stations.
  const auto status = tracked_precision(result);
  CHECK(status.worst_metric == "network W");
  CHECK(status.tracked == 1);

  // A finite capacity bounds the number in station: never judged unstable.
  scenario.stations[1].capacity = 50;
  const auto bounded = aggregate_outputs(scenario, outs, {});
  CHECK(bounded.stations[0].unstable);
  CHECK_FALSE(bounded.stations[1].unstable);
  // Nor are the stations of a closed network.
  scenario.population = 20;
  const auto closed = aggregate_outputs(scenario, outs, {});
  CHECK_FALSE(closed.stations[0].unstable);

  // Stationary synthetic runs: nothing flagged, no notes.
  auto plain = kendall::sim::testing::synthetic_scenario(2, 10);
  std::vector<ReplicationOutput> calm;
  for (std::uint32_t r = 0; r < 10; ++r) {
    calm.push_back(kendall::sim::testing::synthetic_output(plain, {}, r, 0));
  }
  const auto stable = aggregate_outputs(plain, calm, {});
  CHECK_FALSE(stable.stations[0].unstable);
  CHECK_FALSE(stable.stations[0].growth_rate);
  CHECK(stable.notes.empty());
}

TEST_CASE("growth that is inconsistent across replications is not called unstable",
          "[sim][experiment][instability]") {
  // √t growth with a random amplitude per replication (a critically loaded queue): the mean
  // slope is significant and material, but as variable as it is large (mean/SD ≈ 1.3).
  TestRng rng(23);
  std::vector<SegmentTrend> tr;
  const auto e = ends(1000.0);
  for (int r = 0; r < 10; ++r) {
    const double amplitude = std::abs(1.3 + rng.normal());
    std::vector<double> L;
    double start = 0.0;
    for (double end : e) {
      L.push_back(amplitude * std::sqrt(0.5 * (start + end)));
      start = end;
    }
    tr.push_back(*segment_trend(L, e));
  }
  const auto v = assess_instability(tr, 1.0, 0.95);
  REQUIRE(v);
  REQUIRE(v->consistency);
  CHECK(*v->consistency < 2.0);
  CHECK(v->growth_rate.ci_low > 0.0);
  CHECK(v->growth_fraction > 0.01);
  CHECK(v->late_growth_rate.mean > 0.5 * v->growth_rate.mean);  // criterion 3 alone passes it
  CHECK_FALSE(v->unstable);
  // Identical slopes in every replication (deterministic growth): infinitely consistent.
  std::vector<SegmentTrend> same(5, tr.front());
  const auto d = assess_instability(same, 1.0, 0.95);
  CHECK(std::isinf(*d->consistency));
  CHECK(d->unstable);
}
