#include <chrono>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/experiment/aggregation.hpp"

#include "executor.hpp"
#include "run_length.hpp"
#include "testbed.hpp"

namespace kendall::sim::executor {

namespace {

constexpr std::uint32_t calibration_probes = 40;

std::unique_ptr<detail::Executor> make_executor(ExecutorKind kind, detail::ServiceHooks& hooks,
                                                const std::vector<detail::StationShape>& shapes) {
  switch (kind) {
    case ExecutorKind::Tbb:
      if (!kind_available(kind)) {
        throw InvalidParameter(
            "the tbb executor is not available in ThreadSanitizer builds (Debian's libtbb is "
            "not instrumented)");
      }
      return detail::make_tbb_executor(hooks, shapes);
    case ExecutorKind::Threads:
      return detail::make_threads_executor(hooks, shapes);
    case ExecutorKind::Asio:
      return detail::make_asio_executor(hooks, shapes);
  }
  throw InvalidParameter("unknown executor kind");
}

// Stops the executor on every path out of run_on_executor (exceptions included), so that no
// worker outlives the testbed it calls into.
struct StopOnExit {
  detail::Testbed& testbed;
  detail::Executor& executor;
  ~StopOnExit() {
    testbed.stop();
    executor.stop();
  }
};

}  // namespace

std::string_view kind_name(ExecutorKind kind) noexcept {
  switch (kind) {
    case ExecutorKind::Tbb:
      return "tbb";
    case ExecutorKind::Threads:
      return "threads";
    case ExecutorKind::Asio:
      return "asio";
  }
  return "threads";
}

std::optional<ExecutorKind> parse_kind(std::string_view name) noexcept {
  for (ExecutorKind k : {ExecutorKind::Tbb, ExecutorKind::Threads, ExecutorKind::Asio}) {
    if (kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::vector<ExecutorKind> all_kinds() {
  return {ExecutorKind::Tbb, ExecutorKind::Threads, ExecutorKind::Asio};
}

bool kind_available(ExecutorKind kind) noexcept {
#if defined(KENDALL_TSAN)
  return kind != ExecutorKind::Tbb;
#else
  (void)kind;
  return true;
#endif
}

ExecutorRun run_on_executor(const model::Scenario& scenario, const ExecutorOptions& options,
                            const RunControl& control) {
  const Preflight check = preflight(scenario, options);
  if (!check.runnable()) throw InvalidParameter(check.message());
  const RealTimePlan& plan = *check.plan;
  double rate = 0.0;
  for (const auto& a : scenario.arrivals) rate += a.rate();
  const double cut = detail::warmup_cut(scenario, rate, plan.horizon);

  const auto wall_start = std::chrono::steady_clock::now();
  ExecutorRun run;
  run.kind = options.kind;
  run.plan = plan;
  detail::Testbed testbed(scenario, plan, cut, options.record_submissions);
  auto executor = make_executor(options.kind, testbed, testbed.shapes());
  testbed.attach(*executor);
  bool completed = false;
  {
    StopOnExit guard{testbed, *executor};
    executor->start();
    testbed.warm_pool(control);
    run.idle_overhead = testbed.calibrate(calibration_probes, control);
    completed = !control.stop.stop_requested() && testbed.run(control);
  }
  run.overhead = testbed.run_overhead();
  run.arrival_lag = testbed.arrival_lag();
  run.in_flight_at_stop = testbed.in_flight();
  run.submissions = testbed.submissions();

  AggregationOptions aggregation;
  aggregation.confidence = scenario.run.confidence;
  aggregation.ci_method = model::CiMethod::BatchMeans;
  std::vector<ReplicationOutput> outputs = testbed.outputs();
  run.batches = static_cast<std::uint32_t>(outputs.size());
  const std::vector<ReplicationOutput> whole = testbed.outputs(/*whole_window=*/true);
  run.result = aggregate_outputs(scenario, std::move(outputs), aggregation);
  const bool centred = !whole.empty() && centre_quantiles_on_window(run.result, whole.front());
  run.result.engine = fmt::format("executor:{}", kind_name(options.kind));
  run.result.stop_reason = completed ? StopReason::Completed : StopReason::Cancelled;
  run.result.events = testbed.customers_created();
  run.result.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  auto& notes = run.result.notes;
  notes.push_back(fmt::format(
      "executor {}: one model time unit lasted {:.4g} ms of wall time; one real-time run of "
      "{:.6g} {} ({:.3g} s), warm-up {}, cut into 20 batches (batch means)",
      kind_name(options.kind), plan.seconds_per_unit * 1e3, plan.horizon, scenario.time_unit,
      plan.planned_wall_seconds, plan.warmup));
  if (plan.shortened) {
    notes.push_back(fmt::format(
        "executor {}: the scenario's run would last {:.3g} s of wall time; it was shortened to "
        "--max-wall ({:.3g} s)",
        kind_name(options.kind), plan.implied_wall_seconds, plan.planned_wall_seconds));
  }
  if (centred) {
    notes.push_back(fmt::format(
        "executor {}: quantiles (W_p.., Wq_p..) are estimated over the whole measured window; "
        "their intervals take their width from the 20 batch quantiles (sectioning)",
        kind_name(options.kind)));
  }
  notes.push_back(fmt::format(
      "executor {}: pool warmed before measuring — every worker started and waiting, then two "
      "rounds of 2 probes per worker (300 µs each) through the real queues, then {} "
      "calibration probes per station (1 ms each, one at a time on the idle pool); none of "
      "them reach the statistics",
      kind_name(options.kind), calibration_probes));
  // A generator that fell behind means the machine stalled: arrivals were bunched, and what
  // the executors measured is this machine under load as much as the executors themselves.
  if (run.arrival_lag.samples > 0 && run.arrival_lag.p99_us > 0.1 * plan.shortest_service_wall_us) {
    notes.push_back(fmt::format(
        "executor {}: the arrival generator fell behind — 1% of customers were submitted more "
        "than {:.3g} ms late (max {:.3g} ms), against a shortest mean service of {:.3g} ms: the "
        "machine stalled (other load?), which bunches arrivals and delays the workers too; "
        "compare with a run on a quieter machine before blaming the executor",
        kind_name(options.kind), run.arrival_lag.p99_us * 1e-3, run.arrival_lag.max_us * 1e-3,
        plan.shortest_service_wall_us * 1e-3));
  }
  if (run.in_flight_at_stop > 0) {
    notes.push_back(fmt::format(
        "executor {}: {} customers were still waiting or in service at the end; they were "
        "dropped and freed (the measurement window had closed)",
        kind_name(options.kind), run.in_flight_at_stop));
  }
  return run;
}

}  // namespace kendall::sim::executor
