#include "kendall/sim/experiment/instability.hpp"

#include <cmath>
#include <limits>
#include <vector>

#include "kendall/sim/experiment/student_t.hpp"
#include "kendall/sim/experiment/t_interval.hpp"

namespace kendall::sim {

namespace {

struct Fit {
  double slope = 0.0;
  double se = 0.0;
};

/// Ordinary least squares of y on x; needs ≥ 3 points for a residual standard error.
Fit least_squares(std::span<const double> x, std::span<const double> y) {
  const std::size_t n = x.size();
  double mx = 0.0;
  double my = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxx = 0.0;
  double sxy = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += (x[i] - mx) * (x[i] - mx);
    sxy += (x[i] - mx) * (y[i] - my);
  }
  Fit fit;
  fit.slope = sxy / sxx;
  double residuals = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double r = y[i] - my - fit.slope * (x[i] - mx);
    residuals += r * r;
  }
  fit.se = std::sqrt(residuals / static_cast<double>(n - 2) / sxx);
  return fit;
}

/// Interval and one-sided lower bound for a growth rate.
struct Growth {
  Estimate estimate;
  double lower_bound = 0.0;  ///< one-sided lower confidence bound at 1 − significance
};

Growth across_replications(const std::vector<double>& slopes, double confidence,
                           double significance) {
  const SampleSummary s = summarize_sample(slopes);
  const double se = std::sqrt(s.variance / static_cast<double>(s.n));
  const double df = static_cast<double>(s.n - 1);
  const double half = student_t_critical(confidence, df) * se;
  Growth g;
  g.estimate = Estimate{s.mean, s.mean - half, s.mean + half, s.n};
  g.lower_bound = s.mean - student_t_upper_quantile(significance, df) * se;
  return g;
}

Growth within_replication(double slope, double se, std::uint32_t points, double confidence,
                          double significance) {
  const double df = static_cast<double>(points - 2);
  const double half = student_t_critical(confidence, df) * se;
  Growth g;
  g.estimate = Estimate{slope, slope - half, slope + half, points};
  g.lower_bound = slope - student_t_upper_quantile(significance, df) * se;
  return g;
}

}  // namespace

std::optional<SegmentTrend> segment_trend(std::span<const double> L_by_segment,
                                          std::span<const double> segment_ends) {
  const std::size_t k = L_by_segment.size();
  if (k < 6 || segment_ends.size() != k) return std::nullopt;
  std::vector<double> midpoints(k);
  double start = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    if (!(segment_ends[i] > start) || !std::isfinite(segment_ends[i]) ||
        !std::isfinite(L_by_segment[i])) {
      return std::nullopt;
    }
    midpoints[i] = 0.5 * (start + segment_ends[i]);
    start = segment_ends[i];
  }
  const std::size_t late_begin = k / 2;
  const Fit all = least_squares(midpoints, L_by_segment);
  const Fit late =
      least_squares(std::span(midpoints).subspan(late_begin), L_by_segment.subspan(late_begin));
  SegmentTrend trend;
  trend.slope = all.slope;
  trend.slope_se = all.se;
  trend.late_slope = late.slope;
  trend.late_slope_se = late.se;
  trend.segments = static_cast<std::uint32_t>(k);
  return trend;
}

std::optional<InstabilityVerdict> assess_instability(std::span<const SegmentTrend> trends,
                                                     double arrival_rate, double confidence,
                                                     const InstabilityCriteria& criteria) {
  if (trends.empty()) return std::nullopt;
  Growth whole;
  Growth late;
  std::optional<double> consistency;
  if (trends.size() >= 2) {
    std::vector<double> slopes;
    std::vector<double> late_slopes;
    for (const SegmentTrend& t : trends) {
      slopes.push_back(t.slope);
      late_slopes.push_back(t.late_slope);
    }
    whole = across_replications(slopes, confidence, criteria.significance);
    late = across_replications(late_slopes, confidence, criteria.significance);
    const SampleSummary s = summarize_sample(slopes);
    consistency = s.variance > 0.0 ? s.mean / std::sqrt(s.variance)
                                   : std::copysign(std::numeric_limits<double>::infinity(), s.mean);
  } else {
    const SegmentTrend& t = trends.front();
    whole = within_replication(t.slope, t.slope_se, t.segments, confidence, criteria.significance);
    late = within_replication(t.late_slope, t.late_slope_se, t.segments - t.segments / 2,
                              confidence, criteria.significance);
  }
  InstabilityVerdict verdict;
  verdict.growth_rate = whole.estimate;
  verdict.late_growth_rate = late.estimate;
  verdict.consistency = consistency;
  verdict.arrival_rate = arrival_rate;
  verdict.growth_fraction = arrival_rate > 0.0 ? whole.estimate.mean / arrival_rate : 0.0;
  const double growth = whole.estimate.mean;
  verdict.unstable = arrival_rate > 0.0 && whole.lower_bound > 0.0 &&
                     growth >= criteria.min_growth_fraction * arrival_rate &&
                     late.lower_bound > 0.0 &&
                     late.estimate.mean >= criteria.min_late_fraction * growth &&
                     (!consistency || *consistency >= criteria.min_consistency);
  return verdict;
}

}  // namespace kendall::sim
