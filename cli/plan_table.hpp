#pragma once
/// \file
/// The plain-text table `kendall plan` prints by default (other formats come from
/// kendall::report, so the JSON is the one documented contract).

#include <string>

#include "kendall/planner/plan.hpp"

namespace kendall::cli {

[[nodiscard]] std::string plan_table(const planner::PlanResult& plan);

}  // namespace kendall::cli
