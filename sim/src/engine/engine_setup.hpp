#pragma once
// What the engine derives from a scenario before its first event: its preconditions and the
// per-station facts that the statistics and the stations are built with.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "kendall/model/scenario.hpp"

#include "statistics.hpp"

namespace kendall::sim::detail {

// Throws InvalidParameter ("scenario '<name>': ...") unless the scenario is one the engine can
// run. These are the engine's own preconditions (index ranges, vector sizes, whole server
// counts, no zero-mean interarrivals, a closed network without losses), checked for every
// scenario including those built in code; the user-facing rules of a scenario file are
// model::validate_scenario's, which the loader applies. Returns true, so that it can
// initialise a member before anything else is built.
bool check_engine_preconditions(const model::Scenario& scenario);

// Servers at time 0 (infinite_servers for a delay station).
std::uint32_t initial_servers(const model::Scenario& scenario, const model::StationSpec& station);

// Per-station facts the statistics observer needs.
std::vector<StationTraits> station_traits(const model::Scenario& scenario);
// Server count at time 0 per station (0 for a delay station), for the utilization integrals.
std::vector<double> servers_at_start(const model::Scenario& scenario);

// The station with one service distribution and one routing per class.
model::StationSpec normalised(const model::StationSpec& station, std::size_t classes);

}  // namespace kendall::sim::detail
