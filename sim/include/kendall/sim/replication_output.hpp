#pragma once
/// \file
/// What one replication (or one batch of a batch-means run) measured, after warm-up deletion.
/// This is the boundary between the per-replication engine and the experiment layer that
/// forms confidence intervals across replications.

#include <cstdint>
#include <vector>

#include "kendall/model/metrics.hpp"

namespace kendall::sim {

/// Why a replication ended.
enum class RunStatus {
  ReachedCustomers,  ///< the `customers` limit was reached
  ReachedHorizon,    ///< the `horizon` time was reached
  Drained,           ///< no arrivals and every customer left (backlog runs): makespan known
  Cancelled,         ///< the stop token was triggered; the output is partial
};

/// Observations of one station in one replication (or batch).
struct StationObservation {
  /// Point estimates in DESIGN.md vocabulary, each computed over the observation window
  /// (after warm-up): L, Lq, utilization, busy_servers (time averages); W, Wq (customer
  /// averages over the admitted customers whose visit ended in the window — served, failed or
  /// reneged —, Wq being the time present but not in service, so Lq = λ·Wq under every
  /// discipline); Wq_first (preemptive and round-robin stations: the wait until service first
  /// starts); throughput; p_wait; p_block; p_balk;
  /// p_abandon; quantiles such as Wq_p95, W_p99; counts: arrivals, departures, blocked,
  /// balked, reneged, retried, failed. A metric with no observations is absent.
  model::Metrics metrics;
  /// Per customer class, in the scenario's class order (empty for single-class scenarios).
  std::vector<model::Metrics> classes;
  /// Time-average number in station over 8 consecutive segments of the whole replication
  /// (equal numbers of departures when stopping on customers, equal times with a horizon) —
  /// the raw material for detecting a queue that grows without bound. Segment i covers
  /// [segment_ends[i-1], segment_ends[i]) in simulated time (segment_ends below).
  std::vector<double> L_by_segment;
  std::vector<double> segment_ends;
  /// Number in station at the end of the replication.
  double number_at_end = 0.0;
};

struct ReplicationOutput {
  std::uint32_t replication = 0;  ///< replication index (0-based)
  std::uint32_t batch = 0;        ///< batch index within the replication (batch means)
  RunStatus status = RunStatus::ReachedCustomers;
  double warmup_time = 0.0;                  ///< simulated time discarded as warm-up
  std::uint64_t warmup_customers = 0;        ///< departures discarded as warm-up
  double start_time = 0.0;                   ///< start of the observation window
  double end_time = 0.0;                     ///< end of the observation window
  std::uint64_t events = 0;                  ///< events processed (including warm-up)
  std::vector<StationObservation> stations;  ///< in the scenario's station order
  /// End-to-end: W (sojourn in the network), throughput (departures from the network per
  /// time unit), makespan (Drained runs), plus per-class W when there are classes.
  model::Metrics network;
  std::vector<model::Metrics> network_classes;
};

}  // namespace kendall::sim
