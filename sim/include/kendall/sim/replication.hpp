#pragma once
/// \file
/// One replication of a scenario: the single-threaded discrete-event engine.

#include <cstdint>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/replication_output.hpp"
#include "kendall/sim/run_control.hpp"

namespace kendall::sim {

/// Customers per replication when the scenario gives neither `customers` nor `horizon`
/// (and is not a backlog-only run, which ends when it drains).
inline constexpr std::uint64_t default_customers = 100000;

struct ReplicationRequest {
  /// Replication index; with scenario.run.seed it determines every random stream.
  std::uint32_t index = 0;
  /// > 1: batch means — the observation window is cut into this many equal batches (by
  /// departures) and one output is returned per batch.
  std::uint32_t batches = 1;
};

/// Runs one replication. Output: one element per batch (one when batches == 1), in order.
/// The same (scenario, request) always gives bit-identical output. Throws SimulationError
/// with time/station/customer context for failures during the run.
[[nodiscard]] std::vector<ReplicationOutput> run_replication(const model::Scenario& scenario,
                                                             const ReplicationRequest& request,
                                                             const RunControl& control = {});

}  // namespace kendall::sim
