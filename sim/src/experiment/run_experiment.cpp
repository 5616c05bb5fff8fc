// run_experiment lives in its own translation unit so that code using only
// run_experiment_with (tests with synthetic replications) does not need the DES engine.
#include "kendall/sim/experiment.hpp"
#include "kendall/sim/experiment/experiment_runner.hpp"
#include "kendall/sim/replication.hpp"

namespace kendall::sim {

ExperimentResult run_experiment(const model::Scenario& scenario, const ExecutionOptions& execution,
                                const RunControl& control) {
  return run_experiment_with(scenario, execution, control,
                             [](const model::Scenario& s, const ReplicationRequest& request,
                                const RunControl& c) { return run_replication(s, request, c); });
}

}  // namespace kendall::sim
