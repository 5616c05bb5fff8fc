#pragma once
/// \file
/// Sequential stopping (`run.precision`): after the planned replications, keep adding
/// replications in waves until every tracked metric's relative half-width is at most the
/// target (Law, "Simulation Modeling and Analysis", 5th ed., §9.4.1, the sequential
/// procedure for a relative precision γ).
///
/// Tracked metrics (tracked_metrics.hpp): L, W, Wq and throughput of every station and the
/// network's end-to-end W — skipping metrics whose mean is exactly 0 (e.g. Wq of a delay
/// station: no relative precision exists) and every metric of a station judged unstable
/// (its L/W/Wq grow with the run length; no number of replications makes them converge).
///
/// Waves are deterministic: the size of the next wave is a function of the replications
/// completed and of the results so far only, never of the thread count or of timing, so a
/// run that stops on precision or on the cap is reproducible bit for bit. The wall-clock
/// budget (`run.time_budget_seconds`) is the only nondeterministic stop: it is checked
/// before each wave and before each replication of an added wave starts (replications
/// already running finish and are used); the planned replications always run in full.

#include <cstdint>
#include <optional>
#include <string>

#include "kendall/sim/experiment_result.hpp"

namespace kendall::sim {

/// Replication cap for sequential stopping: at 10,000 replications the half-width has
/// shrunk 30× from a 10-replication start; a target still out of reach needs longer
/// replications (or is unreachable because a metric's mean is tiny), not more of them.
inline constexpr std::uint32_t max_sequential_replications = 10000;

/// Where a result stands against a relative-precision target.
struct PrecisionStatus {
  /// Largest relative half-width over the tracked metrics; empty when nothing is tracked.
  std::optional<double> worst;
  /// Which metric it is, e.g. "station 'db' Wq" or "network W".
  std::string worst_metric;
  /// Number of metrics tracked.
  std::uint32_t tracked = 0;
};

/// Evaluates the tracked metrics of `result` (see the file comment).
[[nodiscard]] PrecisionStatus tracked_precision(const ExperimentResult& result);

/// Replications to have completed after the next wave, given `completed` replications whose
/// worst relative half-width is `worst` against `target`. The half-width shrinks like 1/√n,
/// so about n·(worst/target)² are needed; the next total is that estimate, but at least
/// completed + max(2, completed/10) (progress even when the estimate is barely above n) and
/// at most 4·completed (a noisy early variance cannot launch thousands of replications at
/// once), and never above `cap`.
[[nodiscard]] std::uint32_t next_wave_total(std::uint32_t completed, double worst, double target,
                                            std::uint32_t cap = max_sequential_replications);

}  // namespace kendall::sim
