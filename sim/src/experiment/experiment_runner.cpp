#include "kendall/sim/experiment/experiment_runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <utility>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/sim/experiment/aggregation.hpp"
#include "kendall/sim/experiment/batch_means.hpp"
#include "kendall/sim/experiment/sequential_stopping.hpp"
#include "kendall/sim/experiment/warmup_pilot.hpp"

#include "parallel_indices.hpp"
#include "warmup_pilot_on.hpp"

namespace kendall::sim {

namespace {

using Clock = std::chrono::steady_clock;

void validate_run(const model::RunSpec& run) {
  if (!(run.confidence > 0.0 && run.confidence < 1.0)) {
    throw InvalidParameter(
        fmt::format("run.confidence must be in (0, 1), e.g. 0.95; got {}", run.confidence));
  }
  const bool batch_means = run.ci_method == model::CiMethod::BatchMeans;
  if (!batch_means && run.replications < 2) {
    throw InvalidParameter(
        fmt::format("run.replications must be at least 2 to form a confidence interval across "
                    "replications, got {}; for a single long run use ci_method: batch_means",
                    run.replications));
  }
  if (run.precision && !(*run.precision > 0.0 && std::isfinite(*run.precision))) {
    throw InvalidParameter(fmt::format(
        "run.precision must be a relative half-width > 0 (0.01 = 1%), got {}", *run.precision));
  }
  if (run.time_budget_seconds &&
      !(*run.time_budget_seconds > 0.0 && std::isfinite(*run.time_budget_seconds))) {
    throw InvalidParameter(fmt::format("run.time_budget_seconds must be > 0 seconds, got {}",
                                       *run.time_budget_seconds));
  }
  if (run.precision && batch_means) {
    throw InvalidParameter(
        "run.precision (sequential stopping adds replications) cannot be combined with "
        "ci_method batch_means (one long replication); drop one of them");
  }
}

/// Rethrows a replication's exception as the same kendall::Error type with the replication
/// index in the message.
[[noreturn]] void rethrow_with_replication(const std::exception_ptr& error, std::uint32_t index) {
  try {
    std::rethrow_exception(error);
  } catch (const ScenarioError& e) {
    throw ScenarioError(e.file(), e.line(), e.column(),
                        fmt::format("{} (replication {})", e.message(), index));
  } catch (const SimulationError& e) {
    throw SimulationError(fmt::format("{} (replication {})", e.message(), index), e.time(),
                          e.station(), e.customer());
  } catch (const InvalidParameter& e) {
    throw InvalidParameter(fmt::format("replication {}: {}", index, e.what()));
  } catch (const Error& e) {
    throw Error(fmt::format("replication {}: {}", index, e.what()));
  }
}

/// Serialises progress reports and folds the progress inside running replications into one
/// fraction of the experiment.
class ProgressReporter {
 public:
  explicit ProgressReporter(const std::function<void(const Progress&)>& callback)
      : callback_(callback) {}

  [[nodiscard]] bool enabled() const { return static_cast<bool>(callback_); }

  void set_planned(std::uint32_t planned) {
    std::lock_guard lock(mutex_);
    planned_ = planned;
  }

  /// The share of the experiment already done before the first replication (warm-up pilots):
  /// the replications fill the rest of the bar.
  void set_done_before(double share) {
    std::lock_guard lock(mutex_);
    done_before_ = std::clamp(share, 0.0, 1.0);
  }

  void partial(std::uint32_t index, double fraction) {
    std::lock_guard lock(mutex_);
    // Monotone per replication: an engine that makes two passes (batch means with a pilot
    // run) restarts its own fraction, but a progress bar must never go back.
    double& f = running_[index];
    f = std::max(f, std::clamp(fraction, 0.0, 1.0));
    // The engine polls every check_every events; forward only visible changes.
    if (std::abs(fraction_locked() - last_reported_) >= 1e-3) report_locked();
  }

  void finished(std::uint32_t index, bool completed) {
    std::lock_guard lock(mutex_);
    running_.erase(index);
    if (completed) ++done_;
    report_locked();
  }

 private:
  double fraction_locked() const {
    if (planned_ == 0) return done_before_;
    double inside = 0.0;
    for (const auto& [index, f] : running_) inside += f;
    const double own = std::clamp((static_cast<double>(done_) + inside) / planned_, 0.0, 1.0);
    return done_before_ + (1.0 - done_before_) * own;
  }

  void report_locked() {
    if (!callback_) return;
    Progress p;
    p.replications_done = done_;
    p.replications_planned = planned_;
    p.fraction = fraction_locked();
    last_reported_ = p.fraction;
    callback_(p);
  }

  const std::function<void(const Progress&)>& callback_;
  std::mutex mutex_;
  std::map<std::uint32_t, double> running_;
  std::uint32_t done_ = 0;
  std::uint32_t planned_ = 0;
  double done_before_ = 0.0;
  double last_reported_ = -1.0;
};

struct RequestStop {
  std::stop_source* source;
  void operator()() const noexcept { source->request_stop(); }
};

/// Runs replications in parallel (parallel_indices.hpp); each writes only its own slot, so no
/// output depends on which thread ran it or when.
class ReplicationPool {
 public:
  ReplicationPool(const model::Scenario& scenario, const ReplicateFunction& replicate,
                  const RunControl& control, std::uint32_t batches,
                  detail::ParallelIndices& executor)
      : scenario_(scenario),
        replicate_(replicate),
        control_(control),
        batches_(batches),
        executor_(executor),
        progress_(control.on_progress),
        forward_stop_(control.stop, RequestStop{&stop_}) {}

  /// Runs replications [begin, end). `may_start` is asked before each starts (time budget).
  template <typename MayStart>
  void run(std::uint32_t begin, std::uint32_t end, const MayStart& may_start) {
    slots_.resize(end);
    progress_.set_planned(end);
    executor_.run(begin, end, [&](std::uint32_t i) { run_one(i, may_start); });
  }

  /// Lowest-index failure of the replications run so far, if any.
  void rethrow_first_error() const {
    for (std::uint32_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].error) rethrow_with_replication(slots_[i].error, i);
    }
  }

  void set_progress_done_before(double share) { progress_.set_done_before(share); }

  [[nodiscard]] bool cancelled() const { return stop_.stop_requested(); }
  [[nodiscard]] bool skipped_any() const { return skipped_.load(); }

  [[nodiscard]] std::uint32_t completed() const {
    return static_cast<std::uint32_t>(
        std::count_if(slots_.begin(), slots_.end(), [](const Slot& s) { return s.done; }));
  }

  [[nodiscard]] std::vector<ReplicationOutput> outputs() const {
    std::vector<ReplicationOutput> all;
    for (const Slot& slot : slots_) {
      if (slot.done) all.insert(all.end(), slot.outputs.begin(), slot.outputs.end());
    }
    return all;
  }

 private:
  struct Slot {
    bool done = false;
    std::vector<ReplicationOutput> outputs;
    std::exception_ptr error;
  };

  template <typename MayStart>
  void run_one(std::uint32_t index, const MayStart& may_start) {
    if (stop_.stop_requested() || index > first_failure_.load() || !may_start()) {
      skipped_ = true;
      return;
    }
    // Each replication has its own stop source: the caller's cancellation reaches all of
    // them, a failure only those with a higher index (see fail()).
    std::stop_source own;
    {
      std::lock_guard lock(running_mutex_);
      if (index > first_failure_.load()) return;
      running_.emplace(index, own);
    }
    const std::stop_callback<RequestStop> forward(stop_.get_token(), RequestStop{&own});
    RunControl inner;
    inner.stop = own.get_token();
    inner.check_every = control_.check_every;
    if (progress_.enabled()) {
      inner.on_progress = [this, index](const Progress& p) {
        progress_.partial(index, p.fraction);
      };
    }
    Slot& slot = slots_[index];
    try {
      std::vector<ReplicationOutput> out =
          replicate_(scenario_, ReplicationRequest{index, batches_}, inner);
      check_outputs(out, index);
      const bool partial = std::any_of(out.begin(), out.end(), [](const ReplicationOutput& o) {
        return o.status == RunStatus::Cancelled;
      });
      if (!partial) {
        slot.outputs = std::move(out);
        slot.done = true;
      }
    } catch (...) {
      slot.error = std::current_exception();
      fail(index);
    }
    {
      std::lock_guard lock(running_mutex_);
      running_.erase(index);
    }
    progress_.finished(index, slot.done);
  }

  /// The experiment fails with the lowest failing index. Replications after it are stopped
  /// and not started; those before it still run, since one of them may fail too — so the
  /// error reported does not depend on the thread count or on timing.
  void fail(std::uint32_t index) {
    std::lock_guard lock(running_mutex_);
    if (index < first_failure_.load()) first_failure_ = index;
    for (auto& [other, source] : running_) {
      if (other > index) source.request_stop();
    }
  }

  void check_outputs(const std::vector<ReplicationOutput>& out, std::uint32_t index) const {
    const bool cancelled = std::any_of(out.begin(), out.end(), [](const ReplicationOutput& o) {
      return o.status == RunStatus::Cancelled;
    });
    if (cancelled) return;  // partial: dropped, whatever its shape
    if (out.size() != batches_) {
      throw Error(fmt::format("the engine returned {} outputs, expected {} (one per batch)",
                              out.size(), batches_));
    }
    for (std::uint32_t b = 0; b < out.size(); ++b) {
      if (out[b].replication != index || out[b].batch != b) {
        throw Error(
            fmt::format("the engine returned output (replication {}, batch {}) in "
                        "position {}; expected (replication {}, batch {})",
                        out[b].replication, out[b].batch, b, index, b));
      }
    }
  }

  const model::Scenario& scenario_;
  const ReplicateFunction& replicate_;
  const RunControl& control_;
  std::uint32_t batches_;
  detail::ParallelIndices& executor_;
  ProgressReporter progress_;
  std::stop_source stop_;
  std::stop_callback<RequestStop> forward_stop_;
  std::vector<Slot> slots_;
  std::atomic<bool> skipped_{false};
  std::atomic<std::uint32_t> first_failure_{std::numeric_limits<std::uint32_t>::max()};
  std::mutex running_mutex_;
  std::map<std::uint32_t, std::stop_source> running_;
};

std::string percent(double x) { return fmt::format("{:.3g}%", 100.0 * x); }

}  // namespace

ExperimentResult run_experiment_with(const model::Scenario& scenario,
                                     const ExecutionOptions& execution, const RunControl& control,
                                     const ReplicateFunction& replicate) {
  const model::RunSpec& run = scenario.run;
  validate_run(run);
  if (!replicate) throw InvalidParameter("run_experiment_with needs a replicate function");
  const auto start = Clock::now();
  const bool batch_means = run.ci_method == model::CiMethod::BatchMeans;
  const std::uint32_t batches = batch_means ? default_batch_count : 1;
  const AggregationOptions aggregation{run.confidence, run.ci_method, {}};

  // The scenario the replications run: with warmup auto, the cut chosen by pilots.
  detail::ParallelIndices executor(execution.threads);  // pilots and replications alike
  model::Scenario measured = scenario;
  std::optional<std::string> pilot_note;
  std::uint32_t planned = batch_means ? 1 : run.replications;
  double pilot_share = 0.0;  // of the progress bar
  if (!batch_means && run.warmup.kind == model::WarmupSpec::Kind::Auto) {
    pilot_share = static_cast<double>(warmup_pilot_replications) /
                  static_cast<double>(warmup_pilot_replications + planned);
    RunControl pilot_control;
    pilot_control.stop = control.stop;
    pilot_control.check_every = control.check_every;
    if (control.on_progress) {
      pilot_control.on_progress = [&](const Progress& p) {
        control.on_progress(Progress{0, planned, pilot_share * p.fraction});
      };
    }
    WarmupPilot pilot = detail::run_warmup_pilot_on(executor, scenario, pilot_control, replicate);
    measured.run.warmup = pilot.warmup;
    pilot_note = std::move(pilot.note);
  }

  ReplicationPool pool(measured, replicate, control, batches, executor);
  pool.set_progress_done_before(pilot_share);
  pool.run(0, planned, [] { return true; });
  pool.rethrow_first_error();

  StopReason reason = StopReason::Completed;
  std::vector<std::string> stop_notes;
  if (pool.cancelled()) {
    reason = StopReason::Cancelled;
  } else if (run.precision) {
    const double target = *run.precision;
    const auto elapsed = [&] {
      return std::chrono::duration<double>(Clock::now() - start).count();
    };
    const auto within_budget = [&] {
      return !run.time_budget_seconds || elapsed() < *run.time_budget_seconds;
    };
    for (;;) {
      const PrecisionStatus status =
          tracked_precision(aggregate_outputs(measured, pool.outputs(), aggregation));
      if (!status.worst) {
        reason = StopReason::PrecisionReached;
        stop_notes.push_back(
            "sequential stopping: no metric to track (every tracked mean is 0 or its station is "
            "unstable), so no replications were added");
        break;
      }
      if (*status.worst <= target) {
        reason = StopReason::PrecisionReached;
        break;
      }
      const std::uint32_t completed = pool.completed();
      if (completed >= max_sequential_replications) {
        reason = StopReason::MaxReplications;
        break;
      }
      if (!within_budget()) {
        reason = StopReason::TimeBudget;
        break;
      }
      const std::uint32_t next = next_wave_total(completed, *status.worst, target);
      pool.run(planned, next, within_budget);
      planned = next;
      pool.rethrow_first_error();
      if (pool.cancelled()) {
        reason = StopReason::Cancelled;
        break;
      }
      if (pool.skipped_any()) {
        reason = StopReason::TimeBudget;
        break;
      }
    }
  }

  ExperimentResult result = aggregate_outputs(measured, pool.outputs(), aggregation);
  result.warmup_requested = run.warmup;
  if (pilot_note) result.notes.push_back(*pilot_note);
  result.stop_reason = reason;
  result.precision_target = run.precision;
  const PrecisionStatus final_status = tracked_precision(result);
  result.precision_reached = final_status.worst;
  const std::uint32_t completed = pool.completed();
  const char* unit = batch_means ? "replication" : "replications";
  switch (reason) {
    case StopReason::Cancelled:
      result.notes.push_back(
          fmt::format("cancelled: {} of {} planned {} completed; the result covers those only",
                      completed, planned, unit));
      break;
    case StopReason::PrecisionReached:
      if (final_status.worst) {
        result.notes.push_back(fmt::format(
            "sequential stopping: all {} tracked metrics reached the relative half-width target "
            "of {} after {} replications (worst: {} at {})",
            final_status.tracked, percent(*run.precision), completed, final_status.worst_metric,
            percent(*final_status.worst)));
      }
      break;
    case StopReason::TimeBudget:
      result.notes.push_back(fmt::format(
          "sequential stopping: the time budget of {:g} s ran out after {} replications; "
          "precision reached {} against the target {} (worst: {})",
          *run.time_budget_seconds, completed, percent(final_status.worst.value_or(0.0)),
          percent(*run.precision), final_status.worst_metric));
      break;
    case StopReason::MaxReplications:
      result.notes.push_back(fmt::format(
          "sequential stopping: the cap of {} replications was reached; precision reached {} "
          "against the target {} (worst: {}) — longer replications would help more",
          max_sequential_replications, percent(final_status.worst.value_or(0.0)),
          percent(*run.precision), final_status.worst_metric));
      break;
    case StopReason::Completed:
      break;
  }
  result.notes.insert(result.notes.end(), stop_notes.begin(), stop_notes.end());
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace kendall::sim
