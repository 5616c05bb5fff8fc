#pragma once
/// \file
/// Writing the slo and cost sections back to YAML, in a form the reader reads back exactly.

#include <string>

#include "kendall/model/scenario.hpp"

namespace kendall::model::detail {

/// The `slo:` and `cost:` sections of `scenario` (empty text when it has neither).
[[nodiscard]] std::string slo_and_cost_yaml(const Scenario& scenario);

}  // namespace kendall::model::detail
