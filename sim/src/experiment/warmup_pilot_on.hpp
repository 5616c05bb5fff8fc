#pragma once
// run_warmup_pilot on an executor the caller already has (run_experiment_with passes its own,
// so the pilots and the replications share one set of threads).

#include "kendall/sim/experiment/warmup_pilot.hpp"

#include "parallel_indices.hpp"

namespace kendall::sim::detail {

[[nodiscard]] WarmupPilot run_warmup_pilot_on(ParallelIndices& executor,
                                              const model::Scenario& scenario,
                                              const RunControl& control,
                                              const ReplicateFunction& replicate);

}  // namespace kendall::sim::detail
