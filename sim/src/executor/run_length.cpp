#include "run_length.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kendall/sim/replication.hpp"

namespace kendall::sim::executor::detail {

RunLength run_length(const model::Scenario& scenario, double arrival_rate) {
  const auto& run = scenario.run;
  if (run.horizon) return {*run.horizon};
  const double customers = static_cast<double>(run.customers.value_or(default_customers));
  return {customers / arrival_rate};
}

double warmup_cut(const model::Scenario& scenario, double arrival_rate, double horizon) {
  const auto& w = scenario.run.warmup;
  double cut = 0.0;
  switch (w.kind) {
    case model::WarmupSpec::Kind::None:
      cut = 0.0;
      break;
    case model::WarmupSpec::Kind::Customers:
      cut = w.amount / arrival_rate;
      break;
    case model::WarmupSpec::Kind::Time:
      cut = w.amount;
      break;
    case model::WarmupSpec::Kind::Auto:
      cut = 0.1 * horizon;
      break;
  }
  return std::min(cut, 0.5 * horizon);
}

std::string warmup_description(const model::Scenario& scenario, double cut) {
  const char* how = "";
  switch (scenario.run.warmup.kind) {
    case model::WarmupSpec::Kind::None:
      how = "none";
      break;
    case model::WarmupSpec::Kind::Customers:
      how = "the scenario's count of customers, at the arrival rate";
      break;
    case model::WarmupSpec::Kind::Time:
      how = "the scenario's warm-up time";
      break;
    case model::WarmupSpec::Kind::Auto:
      how = "auto: the first tenth of the run";
      break;
  }
  return fmt::format("t < {:.6g} ({})", cut, how);
}

}  // namespace kendall::sim::executor::detail
