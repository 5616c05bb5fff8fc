// warmup: auto with replications — one common cut from independent pilot replications.
#include <mutex>
#include <set>

#include <catch2/catch.hpp>

#include "kendall/sim/experiment/experiment_runner.hpp"
#include "kendall/sim/experiment/warmup_pilot.hpp"

#include "experiment_synthetic.hpp"

using namespace kendall;
using namespace kendall::sim;
using kendall::sim::testing::synthetic_output;
using kendall::sim::testing::synthetic_scenario;

namespace {

// Records every request, reports a warm-up cut that depends on the index (as MSER's does on
// the data), and echoes back the warm-up it was asked to use.
struct Recorder {
  std::mutex mutex;
  std::set<std::uint32_t> indices;
  std::vector<model::WarmupSpec> warmups_of_measured;

  ReplicateFunction function() {
    return [this](const model::Scenario& s, const ReplicationRequest& r, const RunControl&) {
      auto out = synthetic_output(s, {}, r.index, 0);
      out.warmup_customers = r.index >= warmup_pilot_first_index
                                 ? 500 + 100 * (r.index - warmup_pilot_first_index)
                                 : static_cast<std::uint64_t>(s.run.warmup.amount);
      std::lock_guard lock(mutex);
      indices.insert(r.index);
      if (r.index < warmup_pilot_first_index) warmups_of_measured.push_back(s.run.warmup);
      return std::vector<ReplicationOutput>{out};
    };
  }
};

}  // namespace

TEST_CASE("auto warm-up: the largest pilot cut, applied to every replication",
          "[sim][experiment][warmup]") {
  auto scenario = synthetic_scenario(1, 6);
  scenario.run.customers = 100000;
  REQUIRE(scenario.run.warmup.kind == model::WarmupSpec::Kind::Auto);
  Recorder recorder;
  const auto result = run_experiment_with(scenario, {2}, {}, recorder.function());
  // Pilots 0xFFFFFF00 (cut 500) and 0xFFFFFF01 (cut 600), then replications 0..5.
  CHECK(recorder.indices == std::set<std::uint32_t>{0, 1, 2, 3, 4, 5, warmup_pilot_first_index,
                                                    warmup_pilot_first_index + 1});
  REQUIRE(recorder.warmups_of_measured.size() == 6);
  for (const auto& w : recorder.warmups_of_measured) {
    CHECK(w.kind == model::WarmupSpec::Kind::Customers);
    CHECK(w.amount == 600.0);
  }
  CHECK(result.replications == 6);
  CHECK(result.warmup_requested.kind == model::WarmupSpec::Kind::Auto);
  CHECK(result.warmup_customers_mean == 600.0);
  const bool noted = std::any_of(result.notes.begin(), result.notes.end(), [](const auto& n) {
    return n.find("pilot") != std::string::npos && n.find("600 customers") != std::string::npos;
  });
  CHECK(noted);
}

TEST_CASE("auto warm-up on a horizon run cuts by time; a fixed warm-up runs no pilot",
          "[sim][experiment][warmup]") {
  auto scenario = synthetic_scenario(1, 3);
  scenario.run.customers.reset();
  scenario.run.horizon = 1000.0;
  const WarmupPilot pilot = run_warmup_pilot(
      scenario, 1, {},
      [](const model::Scenario& s, const ReplicationRequest& r, const RunControl&) {
        auto out = synthetic_output(s, {}, r.index, 0);
        out.warmup_time = r.index == warmup_pilot_first_index ? 40.0 : 25.0;
        return std::vector<ReplicationOutput>{out};
      });
  CHECK(pilot.warmup.kind == model::WarmupSpec::Kind::Time);
  CHECK(pilot.warmup.amount == 40.0);
  CHECK_FALSE(pilot.cancelled);

  scenario.run.warmup = {model::WarmupSpec::Kind::Customers, 10.0};
  Recorder recorder;
  (void)run_experiment_with(scenario, {1}, {}, recorder.function());
  CHECK(recorder.indices == std::set<std::uint32_t>{0, 1, 2});
}

TEST_CASE("a pilot's error is rethrown (lowest pilot first)", "[sim][experiment][warmup]") {
  auto scenario = synthetic_scenario(1, 3);
  const auto failing = [](const model::Scenario&, const ReplicationRequest& r,
                          const RunControl&) -> std::vector<ReplicationOutput> {
    throw InvalidParameter("pilot " + std::to_string(r.index - warmup_pilot_first_index));
  };
  CHECK_THROWS_WITH(run_experiment_with(scenario, {2}, {}, failing), "pilot 0");
}

TEST_CASE("the pilots fill the start of the progress bar, then the replications the rest",
          "[sim][experiment][warmup]") {
  const auto scenario = synthetic_scenario(1, 8);  // 2 pilots + 8 replications: pilots = 20%
  kendall::sim::testing::SyntheticSpec spec;
  spec.steps = 10;
  std::vector<Progress> seen;  // calls are serialised
  RunControl control;
  control.on_progress = [&](const Progress& p) { seen.push_back(p); };
  (void)run_experiment_with(scenario, {2}, control,
                            kendall::sim::testing::synthetic_replicate(spec));
  REQUIRE_FALSE(seen.empty());
  bool pilot_phase_seen = false;
  double last = 0.0;
  for (const Progress& p : seen) {
    CHECK(p.fraction >= last);  // never goes back, across the pilot/replication boundary
    last = p.fraction;
    if (p.replications_done == 0 && p.fraction > 0.0 && p.fraction <= 0.2 + 1e-12)
      pilot_phase_seen = true;
  }
  CHECK(pilot_phase_seen);
  CHECK(seen.back().fraction == Approx(1.0));
  CHECK(seen.back().replications_done == 8);
}

TEST_CASE("cancelled during the pilots: no cut is claimed, no replication runs",
          "[sim][experiment][warmup]") {
  const auto scenario = synthetic_scenario(1, 4);
  kendall::sim::testing::SyntheticSpec spec;
  spec.steps = 5;
  std::stop_source stop;
  stop.request_stop();
  RunControl control;
  control.stop = stop.get_token();
  const auto result =
      run_experiment_with(scenario, {2}, control, kendall::sim::testing::synthetic_replicate(spec));
  CHECK(result.stop_reason == StopReason::Cancelled);
  CHECK(result.replications == 0);
  const bool noted = std::any_of(result.notes.begin(), result.notes.end(), [](const auto& n) {
    return n.find("interrupted while the pilot") != std::string::npos;
  });
  CHECK(noted);
}
