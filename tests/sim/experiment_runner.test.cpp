// The parallel experiment driver with synthetic replications: thread-count independence,
// progress, cancellation, errors, sequential stopping, batch means, validation.
#include "kendall/sim/experiment/experiment_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/sim/experiment/batch_means.hpp"
#include "kendall/sim/experiment/sequential_stopping.hpp"

#include "experiment_synthetic.hpp"

using namespace kendall::sim;
using kendall::sim::testing::same_result;
using kendall::sim::testing::synthetic_replicate;
using kendall::sim::testing::synthetic_scenario;
using kendall::sim::testing::SyntheticSpec;
using Clock = std::chrono::steady_clock;

TEST_CASE("results are bit-identical for 1, 2 and 8 threads", "[sim][experiment][runner]") {
  auto scenario = synthetic_scenario(3, 40, {"gold", "bronze"});
  SyntheticSpec spec;
  spec.steps = 3;
  spec.step_time = std::chrono::microseconds(200);  // let completion order vary
  const auto one = run_experiment_with(scenario, {1}, {}, synthetic_replicate(spec));
  const auto two = run_experiment_with(scenario, {2}, {}, synthetic_replicate(spec));
  const auto eight = run_experiment_with(scenario, {8}, {}, synthetic_replicate(spec));
  const auto all = run_experiment_with(scenario, {0}, {}, synthetic_replicate(spec));
  CHECK(one.replications == 40);
  CHECK(one.stop_reason == StopReason::Completed);
  CHECK(same_result(one, two));
  CHECK(same_result(one, eight));
  CHECK(same_result(one, all));
  // The thread counts are real: count replications running at the same time.
  std::atomic<int> running{0};
  std::atomic<int> peak{0};
  auto counting = [&](const kendall::model::Scenario& s, const ReplicationRequest& r,
                      const RunControl& c) {
    const int now = ++running;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto out = synthetic_replicate(spec)(s, r, c);
    --running;
    return out;
  };
  CHECK(same_result(one, run_experiment_with(scenario, {1}, {}, counting)));
  CHECK(peak == 1);
  peak = 0;
  CHECK(same_result(one, run_experiment_with(scenario, {8}, {}, counting)));
  CHECK(peak > 2);  // more than the 2 cores of the reference machine
  CHECK(peak <= 8);
  // A different seed gives different numbers (the comparison is not vacuous).
  scenario.run.seed = 43;
  CHECK_FALSE(same_result(one, run_experiment_with(scenario, {2}, {}, synthetic_replicate(spec))));
}

TEST_CASE("progress is serialised, counts replications and reaches 1",
          "[sim][experiment][runner]") {
  const auto scenario = synthetic_scenario(1, 12);
  SyntheticSpec spec;
  spec.steps = 20;
  spec.step_time = std::chrono::microseconds(300);
  std::atomic<int> inside{0};
  std::atomic<bool> overlapped{false};
  std::vector<Progress> seen;  // guarded by the serialisation under test
  RunControl control;
  control.on_progress = [&](const Progress& p) {
    if (inside.fetch_add(1) != 0) overlapped = true;
    seen.push_back(p);
    std::this_thread::sleep_for(std::chrono::microseconds(50));
    inside.fetch_sub(1);
  };
  const auto result = run_experiment_with(scenario, {2}, control, synthetic_replicate(spec));
  CHECK_FALSE(overlapped.load());
  REQUIRE_FALSE(seen.empty());
  CHECK(seen.back().replications_done == 12);
  CHECK(seen.back().replications_planned == 12);
  CHECK(seen.back().fraction == 1.0);
  // Fractional progress from inside replications: more reports than replications.
  CHECK(seen.size() > 12);
  std::uint32_t done = 0;
  double fraction = 0.0;
  for (const Progress& p : seen) {
    CHECK(p.replications_done >= done);
    CHECK(p.fraction >= fraction);  // a progress bar never goes back
    CHECK(p.fraction <= 1.0);
    done = p.replications_done;
    fraction = p.fraction;
  }
  CHECK(result.replications == 12);
}

TEST_CASE("cancellation returns the completed replications promptly, without throwing",
          "[sim][experiment][runner]") {
  const auto scenario = synthetic_scenario(2, 200);
  SyntheticSpec spec;
  spec.steps = 100;
  spec.step_time = std::chrono::microseconds(1000);  // 0.1 s per replication
  std::stop_source stop;
  RunControl control;
  control.stop = stop.get_token();
  control.on_progress = [&](const Progress& p) {
    if (p.replications_done >= 3) stop.request_stop();
  };
  const auto started = Clock::now();
  ExperimentResult result;
  REQUIRE_NOTHROW(result = run_experiment_with(scenario, {2}, control, synthetic_replicate(spec)));
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  CHECK(result.stop_reason == StopReason::Cancelled);
  CHECK(result.replications >= 3);
  CHECK(result.replications < 10);
  // 200 replications would take 10 s on 2 threads; a prompt stop takes a few hundred ms.
  CHECK(seconds < 2.0);
  // The completed ones are aggregated with intervals.
  REQUIRE(result.stations[0].metrics.get("L"));
  CHECK(result.stations[0].metrics.get("L")->n == result.replications);
  CHECK(std::any_of(result.notes.begin(), result.notes.end(),
                    [](const std::string& n) { return n.rfind("cancelled:", 0) == 0; }));

  // Cancelled before it starts: nothing runs, still no exception.
  std::stop_source early;
  early.request_stop();
  RunControl stopped;
  stopped.stop = early.get_token();
  const auto nothing = run_experiment_with(scenario, {2}, stopped, synthetic_replicate(spec));
  CHECK(nothing.stop_reason == StopReason::Cancelled);
  CHECK(nothing.replications == 0);
}

TEST_CASE("a failing replication rethrows its error with the replication index",
          "[sim][experiment][runner]") {
  const auto scenario = synthetic_scenario(1, 16);
  SyntheticSpec spec;
  spec.throw_at = {11, 5};
  for (unsigned threads : {1u, 2u, 8u}) {
    INFO("threads = " << threads);
    try {
      (void)run_experiment_with(scenario, {threads}, {}, synthetic_replicate(spec));
      FAIL("expected a SimulationError");
    } catch (const kendall::SimulationError& e) {
      // The lowest failing index, whatever the thread count; context kept.
      CHECK(e.message() == "synthetic failure (replication 5)");
      CHECK(e.time() == 12.5);
      CHECK(e.station() == "s0");
      CHECK(e.customer() == 7u);
      CHECK(std::string(e.what()).find("replication 5") != std::string::npos);
    }
  }
  // Other kendall::Error types keep their type.
  auto invalid = [](const kendall::model::Scenario& s, const ReplicationRequest& r,
                    const RunControl& c) -> std::vector<ReplicationOutput> {
    if (r.index == 2) throw kendall::InvalidParameter("bad rate");
    return synthetic_replicate({})(s, r, c);
  };
  CHECK_THROWS_AS(run_experiment_with(scenario, {2}, {}, invalid), kendall::InvalidParameter);
  CHECK_THROWS_WITH(run_experiment_with(scenario, {1}, {}, invalid),
                    Catch::Matchers::Equals("replication 2: bad rate"));
}

TEST_CASE("an engine that breaks the output contract is reported, not aggregated",
          "[sim][experiment][runner]") {
  const auto scenario = synthetic_scenario(1, 4);
  auto wrong_index = [](const kendall::model::Scenario& s, const ReplicationRequest& r,
                        const RunControl&) {
    auto out = kendall::sim::testing::synthetic_output(s, {}, r.index + 1, 0);
    return std::vector<ReplicationOutput>{out};
  };
  CHECK_THROWS_AS(run_experiment_with(scenario, {1}, {}, wrong_index), kendall::Error);
  auto no_output = [](const kendall::model::Scenario&, const ReplicationRequest&,
                      const RunControl&) { return std::vector<ReplicationOutput>{}; };
  CHECK_THROWS_WITH(run_experiment_with(scenario, {1}, {}, no_output),
                    Catch::Matchers::Contains("expected 1"));
}

TEST_CASE("sequential stopping adds deterministic waves until the precision target",
          "[sim][experiment][runner][sequential]") {
  auto scenario = synthetic_scenario(2, 10);
  // L ~ N(10, 1) per replication at station 0: relative half-width ≈ 1.96/(10 √n), so
  // a 1% target needs n ≈ 385.
  scenario.run.precision = 0.01;
  SyntheticSpec spec;
  const auto one = run_experiment_with(scenario, {1}, {}, synthetic_replicate(spec));
  const auto two = run_experiment_with(scenario, {2}, {}, synthetic_replicate(spec));
  CHECK(one.stop_reason == StopReason::PrecisionReached);
  REQUIRE(one.precision_reached);
  CHECK(*one.precision_reached <= 0.01);
  REQUIRE(one.precision_target);
  CHECK(*one.precision_target == 0.01);
  CHECK(one.replications > 250);
  CHECK(one.replications < 1600);  // at most 4× overshoot of the ~385 needed
  const auto L = one.stations[0].metrics.get("L");
  REQUIRE(L);
  CHECK(L->relative_half_width() <= 0.01);
  CHECK(same_result(one, two));  // waves do not depend on the thread count

  // Unreachable target: stops at the cap.
  scenario.run.precision = 1e-6;
  const auto capped = run_experiment_with(scenario, {2}, {}, synthetic_replicate(spec));
  CHECK(capped.stop_reason == StopReason::MaxReplications);
  CHECK(capped.replications == max_sequential_replications);
  CHECK(*capped.precision_reached > 1e-6);

  // A time budget stops it early (the only nondeterministic stop).
  scenario.run.precision = 1e-6;
  scenario.run.time_budget_seconds = 0.3;
  SyntheticSpec slow = spec;
  slow.step_time = std::chrono::microseconds(5000);
  const auto started = Clock::now();
  const auto budget = run_experiment_with(scenario, {2}, {}, synthetic_replicate(slow));
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  CHECK(budget.stop_reason == StopReason::TimeBudget);
  CHECK(seconds < 1.5);
  CHECK(budget.replications >= 10);  // the planned ones always run
}

TEST_CASE("next wave sizes follow n (worst/target)^2 within bounds",
          "[sim][experiment][sequential]") {
  CHECK(next_wave_total(10, 0.02, 0.01) == 40);      // needs 40
  CHECK(next_wave_total(10, 0.012, 0.01) == 15);     // needs 14.4 → 15
  CHECK(next_wave_total(10, 0.0101, 0.01) == 12);    // at least +2
  CHECK(next_wave_total(100, 0.0101, 0.01) == 110);  // at least +10%
  CHECK(next_wave_total(10, 1.0, 0.01) == 40);       // at most ×4
  CHECK(next_wave_total(9000, 1.0, 0.01) == 10000);  // never above the cap
}

TEST_CASE("batch means runs one replication cut into batches", "[sim][experiment][runner]") {
  auto scenario = synthetic_scenario(1, 10);
  scenario.run.ci_method = kendall::model::CiMethod::BatchMeans;
  std::atomic<int> calls{0};
  std::atomic<std::uint32_t> batches{0};
  auto counting = [&](const kendall::model::Scenario& s, const ReplicationRequest& r,
                      const RunControl& c) {
    ++calls;
    batches = r.batches;
    return synthetic_replicate({})(s, r, c);
  };
  const auto result = run_experiment_with(scenario, {2}, {}, counting);
  CHECK(calls == 1);
  CHECK(batches == default_batch_count);
  CHECK(result.replications == 1);
  CHECK(result.ci_method == kendall::model::CiMethod::BatchMeans);
  REQUIRE(result.stations[0].metrics.get("L"));
  CHECK(result.stations[0].metrics.get("L")->n == default_batch_count);
}

TEST_CASE("run settings that cannot be run are rejected", "[sim][experiment][runner]") {
  const auto fn = synthetic_replicate({});
  auto s = synthetic_scenario(1, 1);
  CHECK_THROWS_AS(run_experiment_with(s, {}, {}, fn), kendall::InvalidParameter);
  s.run.replications = 5;
  s.run.confidence = 1.0;
  CHECK_THROWS_AS(run_experiment_with(s, {}, {}, fn), kendall::InvalidParameter);
  s.run.confidence = 0.95;
  s.run.precision = 0.0;
  CHECK_THROWS_AS(run_experiment_with(s, {}, {}, fn), kendall::InvalidParameter);
  s.run.precision = 0.01;
  s.run.ci_method = kendall::model::CiMethod::BatchMeans;
  CHECK_THROWS_WITH(run_experiment_with(s, {}, {}, fn), Catch::Matchers::Contains("batch_means"));
  s.run.ci_method = kendall::model::CiMethod::Replications;
  s.run.time_budget_seconds = -1.0;
  CHECK_THROWS_AS(run_experiment_with(s, {}, {}, fn), kendall::InvalidParameter);
}
