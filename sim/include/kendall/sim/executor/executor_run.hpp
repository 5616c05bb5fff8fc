#pragma once
/// \file
/// The executor testbed (DESIGN.md "Two engines, one result type"): a scenario run by real
/// asynchronous executors in scaled wall-clock time. Each station is a pool of `servers`
/// workers taking customers from a real queue; arrival times, service times, routing and
/// retries are drawn from the same random streams as the DES (replication 0), so the same seed
/// submits the same customers. Waits are measured with steady_clock, scaled back to model time,
/// and fed to the DES's own statistics, so the result is the DES's ExperimentResult (batch
/// means over one real-time run) plus what the executor itself cost: dispatch latency and
/// timer overshoot.
///
/// This header includes neither oneTBB nor asio (they live in the .cpp files).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/sim/run_control.hpp"

namespace kendall::sim::executor {

/// Which real executor runs the stations.
enum class ExecutorKind {
  Tbb,      ///< a oneTBB task_arena per station, customers in a tbb::concurrent_bounded_queue
  Threads,  ///< std::jthread workers per station on a mutex/condition-variable queue
  Asio,     ///< one asio event-loop thread, C++20 coroutines, an async semaphore per station
};

/// "tbb", "threads", "asio".
[[nodiscard]] std::string_view kind_name(ExecutorKind kind) noexcept;
/// The kind with that name; empty for an unknown name.
[[nodiscard]] std::optional<ExecutorKind> parse_kind(std::string_view name) noexcept;
/// Every kind, in the order above.
[[nodiscard]] std::vector<ExecutorKind> all_kinds();
/// False for oneTBB in ThreadSanitizer builds: Debian's libtbb is not instrumented, so TSan
/// would report races inside oneTBB's own queue (see experiment/parallel_indices.hpp).
[[nodiscard]] bool kind_available(ExecutorKind kind) noexcept;

struct ExecutorOptions {
  ExecutorKind kind = ExecutorKind::Threads;
  /// Wall-clock length of one model time unit. Empty: automatic — the shortest mean service
  /// time of any station lasts `auto_service_wall` of wall time.
  std::optional<std::chrono::nanoseconds> time_scale;
  std::chrono::nanoseconds auto_service_wall = std::chrono::milliseconds(10);
  /// Most wall time the measured run may last (warming and calibration not included). The
  /// run's horizon is shortened to fit, and the result says so.
  std::chrono::nanoseconds max_wall = std::chrono::seconds(20);
  /// Keep the first `record_submissions` external arrivals (what was submitted, for checking
  /// that the same seed gives the same customers as the DES). 0 = none.
  std::size_t record_submissions = 0;
};

/// A distribution of one overhead, in microseconds of wall time.
struct OverheadSummary {
  double p50_us = 0.0;
  double p99_us = 0.0;
  double max_us = 0.0;
  double mean_us = 0.0;
  std::uint64_t samples = 0;
};

/// What the executor itself added at one station.
struct StationOverhead {
  /// Job ready (queued, and the worker that takes it free) → service starts.
  OverheadSummary dispatch;
  /// Actual service time − wanted (sampled) service time.
  OverheadSummary overshoot;
};

/// One customer submitted by an arrival generator.
struct Submission {
  std::uint64_t customer = 0;  ///< number in order of creation (as the DES numbers them)
  double time = 0.0;           ///< the scheduled (sampled) arrival time, model units
  std::uint32_t station = 0;
  std::uint32_t customer_class = 0;
  double service = 0.0;  ///< sampled service time, model units (absent when blocked: NaN)
};

/// How the run's length in wall time relates to what the machine can time.
struct RealTimePlan {
  double seconds_per_unit = 0.0;  ///< wall seconds per model time unit (the time scale)
  double horizon = 0.0;           ///< model time the measured run covers
  double implied_wall_seconds = 0.0;  ///< wall time the scenario's full run would take
  double planned_wall_seconds = 0.0;  ///< wall time the measured run will take
  bool shortened = false;         ///< the horizon was cut to fit max_wall
  double events_per_wall_second = 0.0;  ///< arrivals + service starts + ends, expected
  double shortest_service_wall_us = 0.0;
  std::string warmup;  ///< how the warm-up is cut, in words
};

/// The verdict on a scenario before anything runs: features the testbed cannot run (each
/// named), or why it cannot be run in real time (with a --time-scale that would work).
struct Preflight {
  std::vector<std::string> unsupported;  ///< empty = every feature is supported
  std::optional<std::string> not_real_time;
  std::optional<RealTimePlan> plan;  ///< set when runnable
  [[nodiscard]] bool runnable() const { return unsupported.empty() && !not_real_time; }
  /// One message naming every problem.
  [[nodiscard]] std::string message() const;
};

/// Checks a scenario for the testbed, without running anything.
[[nodiscard]] Preflight preflight(const model::Scenario& scenario, const ExecutorOptions& options);

/// One executor run, next to the DES in the same result type.
struct ExecutorRun {
  ExecutorKind kind = ExecutorKind::Threads;
  ExperimentResult result;  ///< engine = "executor:<kind>", batch means over one run
  RealTimePlan plan;
  std::vector<StationOverhead> overhead;  ///< per station, measured during the run
  /// Per station, measured on the idle, warmed pool before the run (calibration).
  std::vector<StationOverhead> idle_overhead;
  /// Customers in service or waiting when the run stopped (dropped, and freed, at the stop).
  std::uint64_t in_flight_at_stop = 0;
  std::vector<Submission> submissions;  ///< see ExecutorOptions::record_submissions
};

/// Runs the scenario on a real executor. Throws InvalidParameter (with Preflight::message)
/// when preflight() says it cannot run. Cancellation through control.stop returns within
/// about 50 ms with the batches completed (stop_reason Cancelled); every thread is joined and
/// every customer freed before it returns.
[[nodiscard]] ExecutorRun run_on_executor(const model::Scenario& scenario,
                                          const ExecutorOptions& options,
                                          const RunControl& control = {});

/// The bias the measured overheads predict, per station: the DES run twice with common random
/// numbers — as the scenario is, and with every service time stretched by the mean overshoot
/// plus dispatch latency (the worker is held that much longer) — and the difference in Wq,
/// plus the mean dispatch latency (every customer's measured wait includes one dispatch).
struct BiasPrediction {
  std::vector<std::optional<double>> wq_bias;  ///< per station, model units
  ExperimentResult des;  ///< the unmodified DES run (the reference the bias is measured from)
};
[[nodiscard]] BiasPrediction predict_wq_bias(const model::Scenario& scenario,
                                             const std::vector<StationOverhead>& overhead,
                                             double seconds_per_unit,
                                             const RunControl& control = {});

}  // namespace kendall::sim::executor
