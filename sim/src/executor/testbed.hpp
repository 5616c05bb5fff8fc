#pragma once
// The testbed: everything about a real-time run except the executor's threads and queues.
// It draws the scenario's random numbers from the DES's own streams (replication 0), admits
// customers, generates arrivals and retry returns on time (on the thread that calls run()),
// feeds the DES's own Statistics with measured times scaled back to model time, and takes
// snapshots for the warm-up cut, the batches and the instability segments.
//
// Locking: `mutex_` guards the statistics, the random streams, the station counts, the job
// records and the overhead samples; the timeline has its own `timeline_mutex_`. Order: mutex_
// before timeline_mutex_, never the reverse. Customers are handed to the executor after
// mutex_ is released, and executors never hold their queue lock while calling a hook.
// Statistics need non-decreasing times, so every model time is read from the clock (and
// clamped to the last one used) under mutex_.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

#include <queue>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/replication_output.hpp"
#include "kendall/sim/run_control.hpp"

#include "../engine/arrival_source.hpp"
#include "../engine/router.hpp"
#include "../engine/sample_stream.hpp"
#include "../engine/statistics.hpp"
#include "executor.hpp"

namespace kendall::sim::executor::detail {

// Snapshot times of one run, in model time, as indices into `times`.
struct SnapshotPlan {
  std::vector<double> times;  // sorted, unique; the last is the horizon
  std::size_t cut = 0;
  std::vector<std::size_t> batch_ends;    // batches of equal length between cut and horizon
  std::vector<std::size_t> segment_ends;  // 8 equal segments of [0, horizon]
};
[[nodiscard]] SnapshotPlan plan_snapshots(double cut, double horizon, std::uint32_t batches);

class Testbed final : public ServiceHooks {
 public:
  Testbed(const model::Scenario& scenario, const RealTimePlan& plan, double warmup_cut,
          std::size_t record_submissions);
  ~Testbed() override;
  Testbed(const Testbed&) = delete;
  Testbed& operator=(const Testbed&) = delete;

  void attach(Executor& executor) noexcept { executor_ = &executor; }
  [[nodiscard]] std::vector<StationShape> shapes() const;

  // --- hooks for the executors ---
  Clock::time_point begin_service(Job& job, Clock::time_point free_since) override;
  void end_service(Job& job) override;
  [[nodiscard]] const std::atomic<bool>& stopping() const override { return stopping_; }

  // --- phases, called in this order from one thread ---
  // Warming: 2c short probes per station at once, twice, so every worker has been woken from
  // its queue and has held a customer before anything is measured.
  void warm_pool(const RunControl& control);
  // Calibration: `probes` probes per station, one at a time, on the idle warmed pool.
  [[nodiscard]] std::vector<StationOverhead> calibrate(std::uint32_t probes,
                                                       const RunControl& control);
  // The measured run, arrivals generated on this thread. False when cancelled.
  bool run(const RunControl& control);
  // Holds end early and workers leave; call before Executor::stop().
  void stop() noexcept { stopping_.store(true); }

  // --- results, after Executor::stop() ---
  /// The batches of the measured window, or (whole_window) the measured window as one output.
  [[nodiscard]] std::vector<ReplicationOutput> outputs(bool whole_window = false) const;
  [[nodiscard]] std::vector<StationOverhead> run_overhead() const;
  [[nodiscard]] OverheadSummary arrival_lag() const;
  [[nodiscard]] std::uint64_t in_flight() const;
  [[nodiscard]] std::uint64_t customers_created() const;
  [[nodiscard]] std::vector<Submission> submissions() const;

 private:
  enum class TimedKind : std::uint8_t { Arrival, Retry, Snapshot };
  struct Timed {
    Clock::time_point due;
    std::uint64_t sequence;
    TimedKind kind;
    std::uint32_t index;  // arrival stream or snapshot
    double model_time;    // arrival: the scheduled arrival time
    Job* job;             // retry
    bool operator>(const Timed& o) const {
      return due != o.due ? due > o.due : sequence > o.sequence;
    }
  };

  [[nodiscard]] double model_now();  // under mutex_
  [[nodiscard]] Clock::time_point wall_at(double model_time) const;
  void schedule(Timed timed);                              // takes timeline_mutex_
  bool arrive(std::uint32_t station, Job& job, double t);  // under mutex_; true = admitted
  void leave(Job& job, bool served, double t);             // under mutex_
  void hand_to_executor(Job& job);                         // not under mutex_
  void on_arrival(const Timed& timed);
  void on_retry(const Timed& timed);
  void on_snapshot(const Timed& timed);
  void run_probes(std::uint32_t per_station, bool concurrent, bool keep, Clock::duration hold,
                  const RunControl& control);

  const model::Scenario& scenario_;
  RealTimePlan plan_;
  SnapshotPlan snapshots_plan_;
  std::uint32_t classes_;
  std::vector<std::uint32_t> servers_;
  std::vector<std::optional<std::uint64_t>> capacity_;
  std::vector<std::uint32_t> levels_;       // per station
  std::vector<std::uint32_t> class_level_;  // [station * classes + class]
  Executor* executor_ = nullptr;
  std::atomic<bool> stopping_{false};

  mutable std::mutex mutex_;
  Clock::time_point t0_{};
  double last_t_ = 0.0;
  std::vector<sim::detail::ArrivalSource> sources_;
  std::vector<sim::detail::SampleStream> service_;  // [station * classes + class]
  std::vector<sim::detail::Router> routers_;        // [station * classes + class]
  struct Retry {
    double failure_probability;
    std::uint32_t max_attempts;
    Distribution backoff;
    RandomStream failure_rng;
    RandomStream backoff_rng;
  };
  std::vector<std::optional<Retry>> retries_;
  sim::detail::Statistics stats_;
  std::vector<sim::detail::StationTraits> traits_;
  std::vector<std::optional<sim::detail::StatsState>> snapshots_;
  std::vector<double> present_;
  std::vector<std::uint32_t> busy_;
  std::deque<Job> jobs_;
  std::deque<Job> probes_;
  std::uint64_t next_id_ = 0;
  std::uint64_t in_system_ = 0;
  std::uint64_t probes_done_ = 0;
  std::condition_variable probes_cv_;
  std::vector<std::vector<double>> dispatch_us_;  // per station, measured run
  std::vector<std::vector<double>> overshoot_us_;
  std::vector<std::vector<double>> idle_dispatch_us_;  // per station, calibration probes
  std::vector<std::vector<double>> idle_overshoot_us_;
  std::vector<double> arrival_lag_us_;  // generator lateness, external arrivals
  std::size_t record_submissions_;
  std::vector<Submission> submissions_;

  std::mutex timeline_mutex_;
  std::condition_variable timeline_cv_;
  std::priority_queue<Timed, std::vector<Timed>, std::greater<>> timeline_;
  std::uint64_t timeline_sequence_ = 0;
  bool stop_requested_ = false;  // under timeline_mutex_
};

// Quantiles of a sample (sorted copy).
[[nodiscard]] OverheadSummary summarize(std::vector<double> values_us);

}  // namespace kendall::sim::executor::detail
