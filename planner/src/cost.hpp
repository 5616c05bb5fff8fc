#pragma once
/// \file
/// Cost of a configuration per hour (servers, waiting customers, lost or abandoning customers)
/// from theory's L_q, p_block and p_abandon, and the cheapest configuration meeting the SLOs.

#include <string>
#include <vector>

#include "evaluate.hpp"
#include "variant.hpp"

namespace kendall::planner::detail {

[[nodiscard]] ConfigurationCost cost_of(const model::Scenario& s,
                                        const std::vector<SloInstance>& slos,
                                        const Servers& servers, const Servers& smallest,
                                        std::string label, std::vector<std::string>& notes);

/// Cheapest configuration meeting the SLOs (by theory), searching each station from the
/// smallest configuration upwards.
[[nodiscard]] CostComparison compare_costs(const model::Scenario& s,
                                           const std::vector<SloInstance>& slos,
                                           const Servers& today, const Servers& smallest,
                                           std::vector<std::string>& notes);

}  // namespace kendall::planner::detail
