#include "kendall/sim/experiment/warmup_pilot.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <vector>

#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_arena.h>

namespace kendall::sim {

WarmupPilot run_warmup_pilot(const model::Scenario& scenario, unsigned threads,
                             const RunControl& control, const ReplicateFunction& replicate) {
  constexpr std::uint32_t n = warmup_pilot_replications;
  std::array<std::vector<ReplicationOutput>, n> outputs;
  std::array<std::exception_ptr, n> errors;
  tbb::task_arena arena(threads == 0 ? tbb::task_arena::automatic : static_cast<int>(threads));
  arena.execute([&] {
    tbb::parallel_for(std::uint32_t{0}, n, [&](std::uint32_t i) {
      RunControl inner;
      inner.stop = control.stop;
      inner.check_every = control.check_every;
      try {
        outputs[i] = replicate(scenario, ReplicationRequest{warmup_pilot_first_index + i, 1}, inner);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
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

}  // namespace kendall::sim
