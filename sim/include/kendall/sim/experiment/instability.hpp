#pragma once
/// \file
/// Detecting a station whose number of customers grows without bound (DESIGN.md: "an
/// unstable system is said to be unstable, with the growth rate of the queue — never reported
/// as a steady-state number"), from the segment averages every replication records
/// (StationObservation::L_by_segment / segment_ends).
///
/// The test separates three things that all make L rise during a run:
///  - instability: L grows linearly, at rate λ − cμ for a G/G/c queue with ρ > 1, for ever;
///  - heavy-traffic convergence (ρ = 0.95 started empty): L rises towards its mean and then
///    stays, so the growth is over in the first part of a long run;
///  - transients such as a backlog draining: L falls.
/// A station is declared unstable when ALL of these hold (one-sided tests at `significance`):
///  1. the least-squares slope of L against time over the whole run is significantly > 0;
///  2. that growth rate is a material fraction (`min_growth_fraction`, 1%) of the station's
///     arrival rate — slow drifts of a stable queue, and the √t growth of a critically loaded
///     one over a long run, stay far below it;
///  3. L still grows in the later half of the run: the slope over the later half of the
///     segments is significantly > 0 and at least `min_late_fraction` (½) of the whole-run
///     slope — a converging transient has spent its growth early, linear growth has not;
///  4. (several replications) the growth is consistent: the mean slope is at least
///     `min_consistency` (2) standard deviations of the per-replication slopes. An unstable
///     queue grows at nearly the same rate in every replication (the spread shrinks like
///     1/√T against the mean), while a critically loaded or slowly converging one grows
///     like √t by an amount as variable as its mean: for reflected Brownian motion from 0,
///     mean/SD of Q(t) = √(2/π)/√(1 − 2/π) ≈ 1.3 at every t. Calibrated on M/M/1 with 10
///     replications and 100 seeds each: at 1,000 customers this removes every false alarm
///     at ρ = 0.95, 0.99 and 1.0 (1%, 4%, 8% without it; their ratios were 0.9–1.1) and
///     keeps ρ = 1.2 at 100% (smallest ratio 2.4); at 10,000 customers ρ = 1.05 is caught
///     98 times in 100.
/// With several replications the slopes are independent observations (Student t across
/// replications); with one replication (batch means) the regression's own standard error is
/// used, which assumes the segment averages are roughly independent — adequate for the
/// strong trends this is meant to catch — and criterion 4 cannot be applied.
/// Limits: ρ = 1 exactly (null recurrent, L ∝ √t) has no linear growth and is not caught in
/// long runs; an arrival rate that rises during the run (a rate profile) can look like
/// instability over that run — the note says what was measured.

#include <cstdint>
#include <optional>
#include <span>

#include "kendall/sim/experiment_result.hpp"

namespace kendall::sim {

/// Linear trend of the number in one station over one replication.
struct SegmentTrend {
  /// Least-squares slope of the segment averages against the segment midpoints, over all
  /// segments (customers per time unit).
  double slope = 0.0;
  double slope_se = 0.0;  ///< its standard error from the regression residuals
  /// The same over the later half of the segments.
  double late_slope = 0.0;
  double late_slope_se = 0.0;
  std::uint32_t segments = 0;
};

/// The trend of one replication's segments. Segment i covers [ends[i−1], ends[i]) with
/// ends[−1] = 0. nullopt when there are fewer than 6 segments, the sizes differ, or a segment
/// has no length (a run too short to judge).
[[nodiscard]] std::optional<SegmentTrend> segment_trend(std::span<const double> L_by_segment,
                                                        std::span<const double> segment_ends);

struct InstabilityCriteria {
  double significance = 0.01;         ///< one-sided level of the growth tests
  double min_growth_fraction = 0.01;  ///< growth must be ≥ this × arrival rate
  double min_late_fraction = 0.5;     ///< later-half slope must be ≥ this × whole-run slope
  double min_consistency = 2.0;       ///< mean slope must be ≥ this × SD of replication slopes
};

struct InstabilityVerdict {
  bool unstable = false;
  /// Whole-run growth rate of the number in station, customers per time unit, with its
  /// interval at the requested confidence (n = replications, or segments for one replication).
  Estimate growth_rate;
  /// Growth rate over the later half of the run.
  Estimate late_growth_rate;
  /// Mean over standard deviation of the per-replication slopes (infinite when they are all
  /// equal; empty with one replication).
  std::optional<double> consistency;
  double arrival_rate = 0.0;
  /// growth_rate.mean / arrival_rate (0 when there are no arrivals).
  double growth_fraction = 0.0;
};

/// Judges one station from its per-replication trends (in replication order) and its
/// observed arrival rate (customers per time unit). nullopt when `trends` is empty.
[[nodiscard]] std::optional<InstabilityVerdict> assess_instability(
    std::span<const SegmentTrend> trends, double arrival_rate, double confidence,
    const InstabilityCriteria& criteria = {});

}  // namespace kendall::sim
