#pragma once
/// \file
/// Headroom: the largest factor by which every arrival rate can grow, together, before an SLO
/// breaks — bisection on the factor, by theory when it can judge every SLO (confirmed by
/// simulation when asked), else by simulation; the SLO and station that break first, and a
/// load table at 0.8×, 1.0×, 1.2×, 1.5× and the breaking factor.

#include <string>
#include <vector>

#include "evaluate.hpp"
#include "variant.hpp"

namespace kendall::planner::detail {

/// Headroom of `s` with `servers`. `confirm`: check the analytic factor by simulation (and
/// bisect by simulation below it when the simulation disagrees).
[[nodiscard]] Headroom compute_headroom(const model::Scenario& s,
                                        const std::vector<SloInstance>& slos,
                                        const Servers& servers, std::string configuration,
                                        const SimulationPlan& plan, bool confirm);

}  // namespace kendall::planner::detail
