#pragma once
// Scenarios for the executor tests, built in code: M/M/c with mean service 10 model units,
// run at 1 ms of wall time per unit (so a mean service lasts 10 ms).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/executor/executor_run.hpp"

namespace kendall::test {

inline model::Scenario mmc_scenario(double lambda, std::uint32_t c, double horizon,
                                    std::optional<std::uint64_t> capacity = std::nullopt) {
  model::Scenario sc;
  sc.name = "M/M/c testbed";
  sc.time_unit = "ms";
  model::StationSpec st;
  st.name = "pool";
  st.servers = c;
  st.capacity = capacity;
  st.service = {model::dist::Exponential{0.1}};  // mean 10
  sc.stations.push_back(st);
  model::ArrivalSpec a;
  a.station = 0;
  a.interarrival = model::dist::Exponential{lambda};
  sc.arrivals.push_back(a);
  sc.run.horizon = horizon;
  sc.run.warmup = {model::WarmupSpec::Kind::Time, 0.1 * horizon};
  sc.run.seed = 20261205;
  return sc;
}

inline sim::executor::ExecutorOptions at_1ms(sim::executor::ExecutorKind kind) {
  sim::executor::ExecutorOptions o;
  o.kind = kind;
  o.time_scale = std::chrono::milliseconds(1);
  o.max_wall = std::chrono::seconds(10);
  return o;
}

}  // namespace kendall::test
