#include "kendall/sim/experiment/warmup_pilot.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <mutex>
#include <vector>

#include <fmt/format.h>

#include "warmup_pilot_on.hpp"

namespace kendall::sim {

WarmupPilot detail::run_warmup_pilot_on(ParallelIndices& executor, const model::Scenario& scenario,
                                        const RunControl& control,
                                        const ReplicateFunction& replicate) {
  constexpr std::uint32_t n = warmup_pilot_replications;
  std::array<std::vector<ReplicationOutput>, n> outputs;
  std::array<std::exception_ptr, n> errors;
  // Progress of the pilots together: the mean of their fractions, reported under a mutex
  // (RunControl promises serialised calls).
  std::mutex progress_mutex;
  std::array<double, n> fractions{};
  executor.run(0, n, [&](std::uint32_t i) {
    RunControl inner;
    inner.stop = control.stop;
    inner.check_every = control.check_every;
    if (control.on_progress) {
      inner.on_progress = [&, i](const Progress& p) {
        std::lock_guard lock(progress_mutex);
        fractions[i] = std::max(fractions[i], p.fraction);
        double sum = 0.0;
        for (double f : fractions) sum += f;
        control.on_progress(Progress{0, 0, sum / n});
      };
    }
    try {
      outputs[i] = replicate(scenario, ReplicationRequest{warmup_pilot_first_index + i, 1}, inner);
    } catch (...) {
      errors[i] = std::current_exception();
    }
  });
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }

  WarmupPilot pilot;
  double customers = 0.0;
  double time = 0.0;
  bool horizon_bound = false;  // a pilot stopped at the horizon before the customer limit
  for (const auto& out : outputs) {
    for (const ReplicationOutput& o : out) {
      if (o.status == RunStatus::Cancelled) pilot.cancelled = true;
      if (o.status == RunStatus::ReachedHorizon) horizon_bound = true;
      customers = std::max(customers, static_cast<double>(o.warmup_customers));
      time = std::max(time, o.warmup_time);
    }
  }
  if (pilot.cancelled) {
    // The stop token is set, so no replication will run; the warm-up stays `auto`.
    pilot.note = "warm-up auto: interrupted while the pilot replications ran, so no cut was chosen";
    return pilot;
  }
  const model::RunSpec& run = scenario.run;
  const bool by_time = run.horizon && (!run.customers || horizon_bound);
  const double cut = by_time ? time : customers;
  if (cut > 0.0) {
    pilot.warmup = {by_time ? model::WarmupSpec::Kind::Time : model::WarmupSpec::Kind::Customers,
                    cut};
  } else {
    pilot.warmup = {model::WarmupSpec::Kind::None, 0.0};
  }
  pilot.note = fmt::format(
      "warm-up auto: MSER-5 on {} independent pilot replications chose a cut of {} {}, applied "
      "to every replication (a cut chosen from each replication's own data would bias its "
      "means)",
      n, fmt::format("{:.6g}", cut), by_time ? "time units" : "customers");
  return pilot;
}

WarmupPilot run_warmup_pilot(const model::Scenario& scenario, unsigned threads,
                             const RunControl& control, const ReplicateFunction& replicate) {
  detail::ParallelIndices executor(threads);
  return detail::run_warmup_pilot_on(executor, scenario, control, replicate);
}

}  // namespace kendall::sim
