#pragma once
/// \file
/// The wait's distribution at one station in one configuration, kept for the capacity
/// report's waiting-time chart: theory's quantile curve (asked of the scenario solver on a grid
/// of levels) and the simulation's quantiles with their intervals, when that configuration was
/// simulated. Nothing is computed here beyond picking the values out of the two libraries.

#include <cstddef>
#include <optional>
#include <string>

#include "kendall/model/scenario.hpp"
#include "kendall/planner/plan.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::planner::detail {

/// `variant` is the configuration (its servers at station `i`), `simulated` the experiment run
/// on it by the plan, when there was one.
[[nodiscard]] WaitDistribution wait_distribution(
    const model::Scenario& variant, std::size_t i, std::string configuration,
    const std::optional<sim::ExperimentResult>& simulated);

}  // namespace kendall::planner::detail
