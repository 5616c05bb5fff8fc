#pragma once
/// \file
/// The coverage study: do Kendall's confidence intervals contain the truth as often as they
/// claim? For each case marked `coverage: true` (exact references only), N independent
/// experiments with different master seeds; for each checked metric the share of nominal-95%
/// intervals that contain the exact value, with its Clopper–Pearson interval and an exact
/// two-sided binomial test against 0.95 (statistics.hpp). The Little's-law ratios of
/// reference.hpp are not studied: their exact value 1 is an identity that holds up to boundary
/// terms, not the expectation of a noisy estimator, so their "coverage" has no nominal level.
///
/// Three more things make the figure honest:
///  - precision: the mean relative half-width of the intervals must be at most the check's
///    tolerance (a wide interval covers anything);
///  - warm-up bias: the mean of the N experiment means minus the exact value, with its
///    standard error; a bias that is a sizeable fraction of the half-width lowers coverage
///    however many replications are run, so it is reported relative to the mean half-width;
///  - misses below vs above the interval: a lopsided split points at bias too.

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "kendall/sim/experiment.hpp"
#include "kendall/validation/statistics.hpp"
#include "kendall/validation/suite.hpp"

namespace kendall::validation {

/// Nominal level of the intervals under study.
inline constexpr double coverage_nominal = 0.95;
/// A coverage is "consistent with 95%" when the exact binomial test gives p ≥ this.
inline constexpr double coverage_p_threshold = 0.01;
/// Family-wise level of the study's verdict: Holm's step-down procedure over every studied
/// metric (Holm, Scand. J. Statistics 6, 1979), so that a correct simulator passes the whole
/// study with probability ≥ 99% however many metrics it has — testing each of ~130 metrics at
/// 0.01 alone would fail a correct simulator most of the time.
inline constexpr double coverage_familywise_level = 0.01;

struct CoverageOptions {
  /// Independent experiments per case (N).
  std::uint32_t experiments = 100;
  sim::ExecutionOptions execution;
  std::stop_token stop;
  /// Only these cases (id or suite/id, '*' wildcards); empty = every coverage case.
  std::vector<std::string> case_filter;
  /// (case index, case count, case id, experiments done).
  std::function<void(std::size_t, std::size_t, const std::string&, std::uint32_t)> on_progress;
};

struct CoverageMetric {
  Check check;
  double exact = 0.0;
  std::uint32_t experiments = 0;
  std::uint32_t covered = 0;
  /// Intervals entirely below / above the exact value.
  std::uint32_t missed_low = 0;
  std::uint32_t missed_high = 0;
  double share = 0.0;
  /// Clopper–Pearson 95% interval of the coverage share.
  ProportionInterval share_interval;
  /// Exact two-sided binomial test of share = 0.95.
  double p_value = 1.0;
  /// p ≥ coverage_p_threshold (this metric alone).
  bool consistent = false;
  /// Rejected by Holm's procedure at the family-wise level (ordinary cases only).
  bool rejected_familywise = false;
  double mean_relative_half_width = 0.0;
  double max_relative_half_width = 0.0;
  bool precise = false;
  /// Mean over experiments of (estimate − exact), its standard error, and the bias relative
  /// to the mean half-width.
  double bias = 0.0;
  double bias_standard_error = 0.0;
  double bias_over_half_width = 0.0;
};

struct CoverageCase {
  std::string suite;
  std::string id;
  std::string title;
  std::string source;
  std::uint32_t replications = 0;
  std::optional<std::uint64_t> customers;
  std::optional<double> horizon;
  std::string warmup;
  std::uint32_t experiments_done = 0;
  /// A negative control (CaseSpec::coverage_control): it passes when the study finds at least
  /// one of its metrics inconsistent with 95%.
  bool control = false;
  std::vector<CoverageMetric> metrics;

  /// Ordinary case: no metric rejected family-wise, every metric precise. Control: some metric
  /// inconsistent (p < coverage_p_threshold).
  [[nodiscard]] bool passed() const;
  double wall_seconds = 0.0;
  std::string error;
};

struct CoverageResult {
  std::uint32_t experiments = 0;
  double nominal = coverage_nominal;
  std::vector<CoverageCase> cases;
  bool cancelled = false;
  double wall_seconds = 0.0;

  /// Every case passed (see CoverageCase::passed), no case in error, not cancelled.
  [[nodiscard]] bool passed() const;
  /// Metrics tested in ordinary (non-control) cases, and how many were inconsistent.
  [[nodiscard]] std::size_t metric_count() const;
  [[nodiscard]] std::size_t inconsistent_count() const;
};

/// Runs the study over the coverage cases of `suites`. Experiment j (0-based) of a case uses
/// master seed = the case's seed + 1 + j, and its scenario's run with confidence 0.95 and the
/// case's coverage_replications / coverage_customers when given.
[[nodiscard]] CoverageResult run_coverage(const std::vector<Suite>& suites,
                                          const CoverageOptions& options);

}  // namespace kendall::validation
