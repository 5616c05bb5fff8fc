#include "kendall/sim/engine/simulator.hpp"

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/sim/replication.hpp"

#include "engine.hpp"

namespace kendall::sim {

namespace {

std::vector<std::uint64_t> batch_marks(std::uint64_t cut, std::uint64_t end,
                                       std::uint32_t batches) {
  if (end < cut + batches) {
    throw InvalidParameter(
        fmt::format("batch means with {} batches needs at least {} departures after the warm-up; "
                    "the run has {}",
                    batches, batches, end - cut));
  }
  std::vector<std::uint64_t> marks;
  const std::uint64_t span = end - cut;
  for (std::uint64_t i = 1; i < batches; ++i) marks.push_back(cut + span * i / batches);
  return marks;
}

}  // namespace

Simulator::Simulator(const model::Scenario& scenario, std::uint32_t replication)
    : scenario_(scenario), replication_(replication) {}

std::vector<ReplicationOutput> Simulator::run(const RunControl& control, std::uint32_t batches) {
  if (batches < 1) throw InvalidParameter("the number of batches must be at least 1");
  const model::RunSpec& spec = scenario_.run;
  const bool backlog_run = !scenario_.is_closed() && scenario_.arrivals.empty();

  detail::RunPlan plan;
  plan.customers = spec.customers;
  plan.horizon = spec.horizon;
  if (!plan.customers && !plan.horizon && !backlog_run) plan.customers = default_customers;
  plan.warmup = spec.warmup.kind;
  plan.warmup_amount = spec.warmup.amount;
  if (backlog_run && plan.warmup == model::WarmupSpec::Kind::Auto)
    plan.warmup = model::WarmupSpec::Kind::None;
  plan.quantiles = spec.quantiles;
  if (plan.customers) {
    plan.segment_departures = plan.customers;
  } else if (plan.horizon) {
    plan.segment_horizon = plan.horizon;
  } else {
    std::uint64_t total = 0;
    for (const auto& st : scenario_.stations) total += st.total_backlog();
    plan.segment_departures = total;
  }

  const auto final_pass = [&](const detail::RunPlan& p) {
    detail::Engine engine(scenario_, replication_);
    for (Observer* o : observers_) engine.add_observer(o);
    detail::PassSummary summary;
    return engine.run(p, control, summary);
  };

  if (batches == 1) return final_pass(plan);

  const bool known = plan.customers && !plan.horizon && !backlog_run &&
                     (plan.warmup == model::WarmupSpec::Kind::None ||
                      plan.warmup == model::WarmupSpec::Kind::Customers);
  if (known) {
    const std::uint64_t cut = plan.warmup == model::WarmupSpec::Kind::Customers
                                  ? static_cast<std::uint64_t>(plan.warmup_amount)
                                  : 0;
    plan.batch_ends = batch_marks(cut, *plan.customers, batches);
    return final_pass(plan);
  }
  // First pass: where the warm-up ends and where the run ends.
  detail::PassSummary first;
  std::vector<ReplicationOutput> pilot;
  {
    detail::Engine engine(scenario_, replication_);
    pilot = engine.run(plan, control, first);
  }
  if (first.status == RunStatus::Cancelled) return pilot;
  detail::RunPlan second = plan;
  if (second.warmup == model::WarmupSpec::Kind::Auto) {
    second.warmup = first.cut_departures > 0 ? model::WarmupSpec::Kind::Customers
                                             : model::WarmupSpec::Kind::None;
    second.warmup_amount = static_cast<double>(first.cut_departures);
  }
  second.batch_ends = batch_marks(first.cut_departures, first.end_departures, batches);
  return final_pass(second);
}

std::vector<ReplicationOutput> run_replication(const model::Scenario& scenario,
                                               const ReplicationRequest& request,
                                               const RunControl& control) {
  Simulator simulator(scenario, request.index);
  return simulator.run(control, request.batches);
}

}  // namespace kendall::sim
