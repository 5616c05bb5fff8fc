#pragma once
/// \file
/// One replication of a scenario, with observers: the engine behind run_replication().
///
/// ## What is simulated (summary; details at each station class in sim/src/engine/)
/// - External arrivals: renewal processes (first arrival after one interarrival time, not at
///   t = 0) or non-homogeneous Poisson processes with a piecewise-constant rate, generated
///   exactly by inversion of the integrated rate.
/// - At t = 0, in this order: a closed network's population (all at the start station, class 0),
///   then each station's backlog (station order, class order). Backlog customers count as
///   entering the system at 0.
/// - Admission: a full station (capacity K, waiting + in service) loses the arriving customer;
///   otherwise a customer who finds `threshold` or more waiting balks with the given probability.
///   The service requirement is drawn on admission.
/// - Disciplines: model::Discipline (station_factory.cpp builds each). Reneging: patience is
///   drawn when a customer has to wait; the abandonment is cancelled when service starts. Failed
///   service: after each completed attempt the customer fails with the failure probability; it
///   retries after a backoff spent off the station (a new arrival there) until max_attempts
///   attempts were made, then leaves as failed.
/// - Routing after a successful service: model::RoutingPolicy (router.hpp); a customer routed
///   to a full station is lost there (no blocking-after-service).
/// - Server schedules: at a change the number of servers is set; a server whose shift ends
///   finishes its current customer first (nobody new starts while busy ≥ servers).
/// - Simultaneous events: the tie table in event_queue.hpp.
///
/// ## Metrics (ReplicationOutput; names in model/metrics.hpp and engine/metric_names.hpp)
/// Per station and per class, over the observation window: L, Lq, busy_servers (time
/// averages; under processor sharing busy = min(n, c) and Lq counts the rest), utilization
/// (busy server time / available server time; absent for infinite servers); W and Wq over
/// every admitted customer whose visit (wait) ended in the window — a customer who abandons
/// counts with its time in the queue (W = Wq), so L = λW and Lq = λWq hold exactly for a
/// window that starts and ends empty, λ being admissions per time unit (each retry attempt is a
/// visit); Wq is the wait before the first service start; p_wait the share of those waits that
/// were positive; throughput = service completions per time unit (failed attempts included);
/// p_block, p_balk (per arrival), p_abandon (per admission); at a station with patience also
/// Wq_served and Wq_abandoned (the waits of the customers served and of those who abandoned,
/// with quantiles; Wq is their count-weighted mean); W/Wq quantiles from LogHistogram
/// (relative error ≤ 2^-7); counts. Network: W, its quantiles and throughput of customers
/// leaving the system served (closed networks: response time from leaving the start station
/// to returning), L = number in the system, counts (arrivals, departures, lost), makespan.
/// A metric without observations is absent.
///
/// ## Run length
/// The run stops at the first of: `run.customers` departures from the system (customers leaving
/// served, lost, balked, reneged or failed; closed networks: service completions at the start
/// station) — the warm-up included; `run.horizon` (events at exactly the horizon are not run);
/// the system draining (no arrivals left and nobody present: status Drained, `makespan` in the
/// network metrics); cancellation through RunControl::stop (status Cancelled, partial results).
/// Without `customers` and `horizon`, `default_customers` apply, except for a run with no
/// arrival streams (a backlog run), which runs until it drains.
///
/// ## Warm-up
/// `none`; a count of departures; a time; or `auto`: MSER-5 (mser.hpp) on the sojourn times of
/// customers leaving the system (closed networks: response times, from leaving the start
/// station to returning to it). The MSER cut is rounded up to the next of 64 candidate
/// snapshots (every ⌈N/96⌉ departures when the run length N is known, else spaced by doubling),
/// so the cut is within N/64 departures (or 1/32 of the run) of MSER's own choice (in the rare
/// case that choice lies beyond the last candidate, at 2N/3, the last candidate is used); every
/// metric is cut at that same snapshot. The snapshots together may use at most 16 MB: for large
/// models (many stations and classes) fewer are kept, never fewer than 9 (resolution 1/8 run). A
/// backlog run (no arrival streams) is transient: `auto` means no warm-up there.
///
/// ## Segments (ReplicationOutput's L_by_segment)
/// Eight segments of the whole run, warm-up included: by departures (N/8 each) when the run is
/// limited by `customers` (or is a backlog run, N = the backlog), else by time (horizon/8 each).
/// A run that ends early (the other limit, draining, cancellation) reports the segments it
/// completed plus the partial last one; segments of zero duration are left out.
///
/// ## Batch means
/// With batches = b > 1 the observation window is cut into b batches of equal numbers of
/// departures (±1). When the cut and the end are not known in advance (auto or time warm-up, a
/// horizon), the replication is run twice with the same streams: the first pass finds them,
/// the second records the batches (same trajectory, so the result is exact).

#include <cstdint>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/engine/observer.hpp"
#include "kendall/sim/replication_output.hpp"
#include "kendall/sim/run_control.hpp"

namespace kendall::sim {

class Simulator {
 public:
  /// Keeps a reference to `scenario`, which must outlive the simulator. Scenarios built in code
  /// may give one service distribution or one routing for all classes (broadcast), and an empty
  /// routing means "exit".
  explicit Simulator(const model::Scenario& scenario, std::uint32_t replication = 0);

  /// Observers are notified of every event of the (final) pass, in order. Not owned.
  void add_observer(Observer& observer) { observers_.push_back(&observer); }

  /// Runs the replication. Throws InvalidParameter for a scenario the engine cannot run (with
  /// the reason) and SimulationError (time, station, customer) for failures during the run.
  /// Progress is reported as Progress{0, 1, fraction of the run limit reached}.
  [[nodiscard]] std::vector<ReplicationOutput> run(const RunControl& control = {},
                                                   std::uint32_t batches = 1);

 private:
  const model::Scenario& scenario_;
  std::uint32_t replication_;
  std::vector<Observer*> observers_;
};

}  // namespace kendall::sim
