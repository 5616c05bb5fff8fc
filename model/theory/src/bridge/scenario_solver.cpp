#include "kendall/model/scenario_solver.hpp"

#include "kendall/model/scenario_validation.hpp"

#include "scenario_detail.hpp"

namespace kendall::model {

ScenarioSolution solve_scenario(const Scenario& scenario, const QueryOptions& options) {
  require_valid_scenario(scenario);
  QueryOptions effective = options;
  if (effective.quantiles.empty()) effective.quantiles = scenario.run.quantiles;
  if (scenario.is_closed()) return detail::solve_closed(scenario, effective);
  if (scenario.arrivals.empty()) return detail::solve_backlog(scenario);
  return detail::solve_open(scenario, effective);
}

}  // namespace kendall::model
