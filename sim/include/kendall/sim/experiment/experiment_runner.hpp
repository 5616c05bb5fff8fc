#pragma once
/// \file
/// The experiment driver behind run_experiment, with the single-replication function
/// injected: tests (and the executor testbed) pass their own, run_experiment passes the DES
/// engine's run_replication.

#include <functional>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/sim/replication.hpp"
#include "kendall/sim/replication_output.hpp"
#include "kendall/sim/run_control.hpp"

namespace kendall::sim {

/// Same contract as run_replication: deterministic in (scenario, request), one output per
/// batch in order, polls control.stop and returns outputs with status Cancelled when stopped,
/// may report progress of this one replication through control.on_progress (Progress::fraction
/// = fraction of the replication done). Must be safe to call concurrently for different
/// requests.
using ReplicateFunction = std::function<std::vector<ReplicationOutput>(
    const model::Scenario&, const ReplicationRequest&, const RunControl&)>;

/// Runs the experiment of scenario.run with `replicate` for each replication:
///  - Replications (ci_method replications): run.replications independent replications,
///    indices 0..R−1, in parallel on a oneTBB task arena of `execution.threads` threads
///    (0 = all hardware threads; oneTBB caps the count at the machine's worker pool). Each
///    replication's random streams derive from (seed, index), and the outputs are
///    aggregated in index order, so the result is bit-identical for any thread count.
///  - Batch means: replication 0 only, cut into default_batch_count batches;
///    run.replications is not used.
///  - Sequential stopping when run.precision is set (see sequential_stopping.hpp).
/// Progress: control.on_progress receives completed replications and a fraction that
/// includes the progress inside running replications; calls are serialised by a mutex.
/// Cancellation: control.stop stops scheduling replications and is passed on to running ones;
/// the result covers the replications that completed, with stop_reason Cancelled — never an
/// exception. A replication that throws stops the replications with higher indices (those
/// with lower indices finish, as one of them may fail too) and the lowest failing index's
/// exception is rethrown as the same kendall::Error type (SimulationError keeps
/// time/station/customer, ScenarioError its location) with "replication i" added to the
/// message — so the error, too, is independent of the thread count. Exceptions not derived
/// from kendall::Error (std::bad_alloc ...) propagate unchanged.
/// Throws InvalidParameter for run settings that cannot be run: confidence outside (0, 1),
/// fewer than 2 replications with ci_method replications, precision or time budget not > 0,
/// precision combined with batch means.
[[nodiscard]] ExperimentResult run_experiment_with(const model::Scenario& scenario,
                                                   const ExecutionOptions& execution,
                                                   const RunControl& control,
                                                   const ReplicateFunction& replicate);

}  // namespace kendall::sim
