#pragma once
// One replication watched from the outside: the number in each station over time and the
// waiting times of the customers, recorded from the simulator's notices (sim::Observer) for
// the plots. Nothing is estimated here; the engine's own statistics stay the reference.

#include <cstdint>
#include <memory>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/run_control.hpp"

namespace kendall::gui {

struct StationTrajectory {
  std::vector<double> times;   ///< instants where the number in station changed
  std::vector<double> counts;  ///< number in station from that instant on
  std::vector<double> waits;   ///< time from admission to first service start, per visit
};

struct Trajectory {
  std::uint32_t replication = 0;
  std::uint64_t customersLimit = 0;  ///< departures the recorded replication was cut to
  std::vector<StationTrajectory> stations;
  bool truncated = false;  ///< more changes happened than were kept
};

/// Customers recorded in the trajectory replication (a shorter run than the experiment's, so
/// that the plot stays readable and the recording cheap).
inline constexpr std::uint64_t trajectoryCustomers = 20000;

/// Runs replication 0 of `scenario` (cut to trajectoryCustomers departures) with a recorder.
/// Throws what the simulator throws. Honors control.stop.
[[nodiscard]] std::shared_ptr<const Trajectory> recordTrajectory(
    const model::Scenario& scenario, const sim::RunControl& control = {});

}  // namespace kendall::gui
