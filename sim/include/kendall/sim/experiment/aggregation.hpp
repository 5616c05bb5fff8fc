#pragma once
/// \file
/// From the outputs of completed replications (or batches) to an ExperimentResult: every
/// metric as a mean with its Student t interval, the warm-up actually cut, batch-means
/// diagnostics and instability verdicts. Pure and deterministic: the outputs are sorted by
/// (replication, batch) first, so the order in which replications completed never matters
/// and the same outputs always give a bit-identical result.

#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment/instability.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/sim/replication_output.hpp"

namespace kendall::sim {

struct AggregationOptions {
  double confidence = 0.95;
  /// Replications: one output per replication, each an observation. BatchMeans: the outputs
  /// are the batches of one long replication, each batch an observation.
  model::CiMethod ci_method = model::CiMethod::Replications;
  InstabilityCriteria instability;
};

/// Builds the result. For each station (and class, and the network) every metric present in
/// the outputs gets an Estimate over the observations that have it; `n` says how many. A
/// metric seen in fewer than 2 observations has no interval: it is left out and a note says
/// so (with its single value). Metrics missing from some observations are noted too. Counts
/// (arrivals, blocked, ...) become means per observation, like every other metric.
/// Outputs with status Cancelled are partial and must not be passed (InvalidParameter).
/// Fills scenario, seed, confidence, ci_method, replications (distinct replications), stations,
/// network, network_classes, warm-up (per replication, from its first batch), events (per
/// replication, from its first batch: every batch carries the replication's total) and notes;
/// the caller sets engine, stop_reason,
/// precision and wall_seconds. Throws kendall::Error when an output does not match the
/// scenario (wrong number of stations or classes).
[[nodiscard]] ExperimentResult aggregate_outputs(const model::Scenario& scenario,
                                                 std::vector<ReplicationOutput> outputs,
                                                 const AggregationOptions& options);

/// Sectioning (Nakayama 2014) for quantiles of one long run cut into batches: the mean of the
/// batches' quantiles is pulled towards the mean when batches are short next to the waits'
/// autocorrelation (M/M/1, rho 0.9, a 10 s real-time run: W_p99 17.7 against the true 46.1).
/// Moves each quantile estimate (W_p.., Wq_p.., Wq_served_p..) of `result` to the value over
/// the whole window, keeping the interval's width from the batches. Other metrics are left
/// alone. Returns false (nothing changed) when `whole` does not match the result's stations.
bool centre_quantiles_on_window(ExperimentResult& result, const ReplicationOutput& whole);

}  // namespace kendall::sim
