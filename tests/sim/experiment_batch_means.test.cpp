// Batch means: the lag-1 autocorrelation check, and intervals from one long autocorrelated
// series (AR(1) with a known mean).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/sim/experiment/aggregation.hpp"
#include "kendall/sim/experiment/batch_means.hpp"
#include "kendall/sim/experiment/t_interval.hpp"

#include "experiment_synthetic.hpp"

using namespace kendall::sim;
using kendall::sim::testing::TestRng;

namespace {

/// Batch means of an AR(1) series x_t = μ + φ (x_{t−1} − μ) + ε_t, ε ~ N(0, 1), started in
/// its stationary distribution N(μ, 1/(1 − φ²)).
std::vector<double> ar1_batch_means(TestRng& rng, double mu, double phi, std::uint32_t batches,
                                    std::uint32_t batch_size) {
  double x = mu + rng.normal() / std::sqrt(1.0 - phi * phi);
  std::vector<double> means;
  for (std::uint32_t b = 0; b < batches; ++b) {
    double sum = 0.0;
    for (std::uint32_t i = 0; i < batch_size; ++i) {
      x = mu + phi * (x - mu) + rng.normal();
      sum += x;
    }
    means.push_back(sum / batch_size);
  }
  return means;
}

std::vector<ReplicationOutput> as_batches(const std::vector<double>& means) {
  std::vector<ReplicationOutput> outs;
  for (std::uint32_t b = 0; b < means.size(); ++b) {
    ReplicationOutput out;
    out.replication = 0;
    out.batch = b;
    out.events = 123456;  // the engine puts the whole replication's count on every batch
    out.warmup_time = 17.0;
    out.stations.resize(1);
    out.stations[0].metrics.set("L", means[b]);
    outs.push_back(out);
  }
  return outs;
}

}  // namespace

TEST_CASE("lag-1 autocorrelation of known sequences", "[sim][experiment][batch_means]") {
  // Alternating ±1: r₁ = −(n − 1)/n.
  std::vector<double> alternating;
  for (int i = 0; i < 20; ++i) alternating.push_back(i % 2 == 0 ? 1.0 : -1.0);
  CHECK_THAT(*lag1_autocorrelation(alternating), Catch::Matchers::WithinRel(-19.0 / 20.0, 1e-15));
  // A straight line is strongly positively correlated.
  std::vector<double> line;
  for (int i = 0; i < 20; ++i) line.push_back(i);
  CHECK(*lag1_autocorrelation(line) > 0.8);
  CHECK_FALSE(lag1_autocorrelation(std::vector<double>{1.0, 2.0}));
  CHECK_FALSE(lag1_autocorrelation(std::vector<double>(10, 3.0)));
  CHECK_THAT(lag1_alarm_threshold(20),
             Catch::Matchers::WithinRel(-0.05 + 1.6448536269514722 / std::sqrt(20.0), 1e-14));
}

TEST_CASE("batch means of a long AR(1) series cover its mean at the nominal rate",
          "[sim][experiment][batch_means]") {
  // φ = 0.9: correlation time (1 + φ)/(1 − φ) = 19 observations; batches of 1000 make the
  // batch means nearly independent (their lag-1 correlation is about 0.005).
  TestRng rng(11);
  const double mu = 5.0;
  const int series = 1000;
  int covered = 0;
  int alarms = 0;
  for (int s = 0; s < series; ++s) {
    const auto means = ar1_batch_means(rng, mu, 0.9, default_batch_count, 1000);
    if (t_interval(means, 0.95)->contains(mu)) ++covered;
    if (*lag1_autocorrelation(means) > lag1_alarm_threshold(default_batch_count)) ++alarms;
  }
  const double c = static_cast<double>(covered) / series;
  CHECK(std::abs(c - 0.95) <= 4.0 * std::sqrt(0.95 * 0.05 / series));
  // Nearly independent batch means: the correlation alarm fires at about its 5% level.
  const double a = static_cast<double>(alarms) / series;
  CHECK(std::abs(a - 0.05) <= 4.0 * std::sqrt(0.05 * 0.95 / series));
}

TEST_CASE("batch-means aggregation gives an interval over the batches and no false alarm",
          "[sim][experiment][batch_means]") {
  TestRng rng(12);
  const auto scenario = kendall::sim::testing::synthetic_scenario(1, 1);
  const auto result = aggregate_outputs(
      scenario, as_batches(ar1_batch_means(rng, 5.0, 0.9, default_batch_count, 2000)),
      {0.95, kendall::model::CiMethod::BatchMeans, {}});
  CHECK(result.replications == 1);
  const auto L = result.stations[0].metrics.get("L");
  REQUIRE(L);
  CHECK(L->n == default_batch_count);
  CHECK(L->contains(5.0));
  CHECK(L->half_width() < 0.2);  // σ_mean = √(1/(1−φ)²/40000) = 0.05
  CHECK(result.notes.empty());
  CHECK(result.events == 123456);
  CHECK(result.warmup_time_mean == 17.0);
}

TEST_CASE("batches that are too short are flagged and do under-cover",
          "[sim][experiment][batch_means]") {
  // Batches of 5 observations of an AR(1) with φ = 0.9 are strongly correlated: the t
  // interval is far too narrow, and the lag-1 check must say so.
  TestRng rng(13);
  int covered = 0;
  int flagged = 0;
  const int series = 400;
  const auto scenario = kendall::sim::testing::synthetic_scenario(1, 1);
  for (int s = 0; s < series; ++s) {
    const auto means = ar1_batch_means(rng, 5.0, 0.9, default_batch_count, 5);
    const auto result = aggregate_outputs(scenario, as_batches(means),
                                          {0.95, kendall::model::CiMethod::BatchMeans, {}});
    if (result.stations[0].metrics.get("L")->contains(5.0)) ++covered;
    const bool note =
        std::any_of(result.notes.begin(), result.notes.end(), [](const std::string& n) {
          return n.find("serially correlated") != std::string::npos &&
                 n.find("L (") != std::string::npos;
        });
    if (note) ++flagged;
  }
  // Lag-1 correlation of these batch means is about 0.6; the interval covers far less than
  // 95% (about 60%), and most runs are flagged.
  CHECK(static_cast<double>(covered) / series < 0.8);
  CHECK(static_cast<double>(flagged) / series > 0.5);
}
