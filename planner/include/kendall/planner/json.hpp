#pragma once
/// \file
/// The documented JSON contracts of `kendall plan --format json` (docs/plan-json.md) and
/// `kendall sweep --format json` (docs/sweep-json.md). Keys only grow; metrics that do not
/// apply or are unknown are left out, never null or NaN.

#include <string>

#include "kendall/planner/plan.hpp"
#include "kendall/planner/sweep.hpp"

namespace kendall::planner {

/// One JSON object, pretty-printed with two-space indentation, ending in a newline.
[[nodiscard]] std::string plan_to_json(const PlanResult& plan);

/// One JSON object, pretty-printed, ending in a newline. Byte-identical for identical results.
[[nodiscard]] std::string sweep_to_json(const SweepResult& sweep);

}  // namespace kendall::planner
