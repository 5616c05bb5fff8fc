#pragma once
/// \file
/// What-if copies of a scenario: other server counts, all arrival rates scaled, one arrival
/// rate replaced. The planner compares such variants; it never edits the caller's scenario.

#include <cstdint>
#include <optional>
#include <vector>

#include "kendall/model/scenario.hpp"

namespace kendall::planner::detail {

/// Server count per station; empty = infinitely many (delay station).
using Servers = std::vector<std::optional<std::uint32_t>>;

/// The distribution of `d` with every value multiplied by `factor` (exact for every family).
[[nodiscard]] model::DistributionSpec scale_time(const model::DistributionSpec& d, double factor);

/// Multiplies every arrival rate (constant, profile or renewal) by `factor` > 0.
void scale_arrivals(model::Scenario& s, double factor);

/// Sets arrival `index` to a Poisson stream of `rate` (or scales its renewal process to it).
void set_arrival_rate(model::Scenario& s, std::size_t index, double rate);

/// Today's server counts of `s`.
[[nodiscard]] Servers servers_of(const model::Scenario& s);

/// Copy of `s` with these server counts (stations with a schedule keep it).
[[nodiscard]] model::Scenario with_servers(const model::Scenario& s, const Servers& servers);

/// Whether the planner sizes station `i`: finite servers and no schedule.
[[nodiscard]] bool sizable(const model::StationSpec& st);

}  // namespace kendall::planner::detail
