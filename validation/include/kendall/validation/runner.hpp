#pragma once
/// \file
/// Running validation suites: per case, the simulated interval next to the reference, and
/// PASS/FAIL with the reason. Simulation cases use 99% intervals (STYLE.md guideline 14).
///
/// Multiplicity and the confirmation run. The full suites hold a few hundred checks; at 99%
/// each exact value falls outside its interval by chance 1% of the time, so a single-stage rule
/// would fail a correct simulator on a handful of checks in every full run — and with fixed
/// seeds, for ever. Kendall therefore uses a pre-declared two-stage rule: a check whose
/// interval is precise enough (half-width ≤ tolerance) but misses the exact value is re-judged
/// on ONE confirmation experiment of the same case, with master seed = the case's seed +
/// confirmation_seed_offset and twice the replications; it passes only if the confirmation's
/// 99% interval contains the exact value. The chance that a correct simulator fails a check is
/// then 0.01 × 0.01 = 1e-4; a real error of a few half-widths fails both stages (the second
/// interval is narrower still). Both stages are reported, and the summary counts first-stage
/// misses against the ≈ 1% expected. RunOptions::strict turns the second stage off.

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/experiment.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/validation/suite.hpp"

namespace kendall::validation {

/// Confidence level of the acceptance intervals of simulation cases.
inline constexpr double acceptance_confidence = 0.99;
/// The confirmation experiment's master seed is the case's seed plus this.
inline constexpr std::uint64_t confirmation_seed_offset = 1'000'003;
/// The confirmation experiment runs this many times the case's replications.
inline constexpr std::uint32_t confirmation_replication_factor = 2;

enum class Status {
  Pass,
  Fail,
  /// Measured and shown, deciding nothing: an approximation without a documented accuracy.
  Reported,
};

/// "PASS", "FAIL", "REPORTED".
[[nodiscard]] const char* to_string(Status status);

struct CheckResult {
  Check check;
  /// The reference value and how it was obtained.
  std::optional<double> reference;
  std::string method;
  std::string model;
  /// Published cases: the digits as printed and the analytic value they are compared with.
  std::optional<double> analytic;
  /// Simulated estimate at the acceptance confidence (absent for Published cases).
  std::optional<sim::Estimate> simulated;
  /// Relative half-width of `simulated`.
  std::optional<double> relative_half_width;
  /// Approximation cases: (reference − simulated mean) / simulated mean.
  std::optional<double> relative_error;
  /// The accuracy the approximation was held to (absent: report only).
  std::optional<double> accuracy;
  /// Judged by "exact value inside the interval" (an exact reference and an estimate).
  bool interval_judged = false;
  /// The first interval was precise but missed the exact value (see the file comment).
  bool first_stage_miss = false;
  /// The confirmation experiment's interval, when there was one.
  std::optional<sim::Estimate> confirmation;
  Status status = Status::Fail;
  /// Why: "exact 4 inside [3.91, 4.02]; half-width 1.4% ≤ 2%".
  std::string reason;
};

struct ClaimResult {
  Claim claim;
  /// The formula evaluated at the article's parameters.
  std::optional<double> claimed;
  /// What theory says the metric is (absent when it has no steady state).
  std::optional<double> theory;
  std::string theory_note;
  std::optional<sim::Estimate> simulated;
  /// The station has no steady state (simulation detected growth).
  bool unstable = false;
  std::optional<sim::Estimate> growth_rate;
  /// The measurement's verdict: does the claim hold?
  bool holds = false;
  /// Expected to hold, precise, but outside the first interval: re-judged on the confirmation.
  bool first_stage_miss = false;
  std::optional<sim::Estimate> confirmation;
  Status status = Status::Fail;
  std::string reason;
};

struct CaseResult {
  std::string suite;
  CaseSpec spec;
  Status status = Status::Fail;
  /// The case could not run (invalid settings, a simulation error): the message.
  std::string error;
  std::string reference_description;
  std::vector<CheckResult> checks;
  std::vector<ClaimResult> claims;
  /// What was simulated (when the case simulates).
  std::uint32_t replications = 0;
  std::optional<std::uint64_t> customers;
  std::optional<double> horizon;
  std::string warmup;
  double warmup_customers_mean = 0.0;
  std::uint64_t events = 0;
  double wall_seconds = 0.0;
  bool cancelled = false;
  /// The confirmation experiment, when one ran.
  std::optional<std::uint64_t> confirmation_seed;
  std::uint32_t confirmation_replications = 0;
  /// Notes of the experiment (instability, missing observations, ...).
  std::vector<std::string> notes;
};

struct SuiteResult {
  std::string name;
  std::string title;
  std::string description;
  std::vector<CaseResult> cases;
};

/// Progress of a run, reported between and inside cases.
struct RunProgress {
  std::size_t case_index = 0;  ///< 0-based, over every selected case
  std::size_t case_count = 0;
  std::string suite;
  std::string case_id;
  /// Fraction of the current case done (replications), in [0, 1].
  double case_fraction = 0.0;
  /// Set once the case has finished.
  const CaseResult* finished = nullptr;
};

struct RunOptions {
  sim::ExecutionOptions execution;
  /// Only cases marked quick.
  bool quick_only = false;
  /// Single-stage acceptance: no confirmation experiment (see the file comment).
  bool strict = false;
  /// Only cases whose id (or suite/id) matches one of these; empty = all.
  std::vector<std::string> case_filter;
  std::stop_token stop;
  /// Called from the calling thread between cases and (serialised) from worker threads inside.
  std::function<void(const RunProgress&)> on_progress;
};

/// True when `patterns` is empty or one of them ('*' wildcards) matches the case's id or
/// suite/id.
[[nodiscard]] bool matches(const Suite& suite, const CaseSpec& spec,
                           const std::vector<std::string>& patterns);

/// True when the case passes the filters of `options` (coverage controls never do).
[[nodiscard]] bool selected(const Suite& suite, const CaseSpec& spec, const RunOptions& options);

/// The scenario as the case runs it: requested quantiles added to run.quantiles and the
/// confidence set to `confidence`.
[[nodiscard]] model::Scenario prepare_scenario(const CaseSpec& spec, double confidence);

/// Runs the experiment of a scenario, adding the derived metrics of reference.hpp
/// (service_time, little_L_ratio, little_Lq_ratio) to every replication's output.
[[nodiscard]] sim::ExperimentResult run_with_derived_metrics(const model::Scenario& scenario,
                                                             const sim::ExecutionOptions& execution,
                                                             const sim::RunControl& control);

/// Runs one case. Never throws for a failing or broken case: the result says FAIL and why.
[[nodiscard]] CaseResult run_case(const Suite& suite, const CaseSpec& spec,
                                  const RunOptions& options,
                                  const std::function<void(double)>& on_fraction = {});

/// Runs the selected cases of every suite in order (cases one after another; replications
/// in parallel inside each). Stops early, marking the run cancelled, when options.stop fires.
[[nodiscard]] std::vector<SuiteResult> run_suites(const std::vector<Suite>& suites,
                                                  const RunOptions& options);

struct Summary {
  std::size_t cases = 0;
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t reported = 0;         ///< cases whose checks only report (approximations)
  std::size_t cancelled_cases = 0;  ///< cases cut short by cancellation (not counted above)
  std::size_t checks = 0;
  std::size_t checks_passed = 0;
  std::size_t checks_failed = 0;
  std::size_t checks_reported = 0;
  /// Checks judged by "exact value inside the 99% interval" (first stage), and how many of
  /// them missed at the first stage (≈ 1% expected by chance).
  std::size_t interval_checks = 0;
  std::size_t first_stage_misses = 0;
  /// First-stage misses that the confirmation experiment did not confirm as chance.
  std::size_t confirmed_misses = 0;
  /// Cases with interval checks, and those with at least one first-stage miss (the checks of
  /// one case move together: L, W and Wq of a station are one measurement).
  std::size_t interval_cases = 0;
  std::size_t cases_with_misses = 0;
  bool cancelled = false;
  double wall_seconds = 0.0;
};

[[nodiscard]] Summary summarize(const std::vector<SuiteResult>& results);

/// "PASS", "FAIL", "REPORTED", or "CANCELLED" for a case cut short by cancellation.
[[nodiscard]] const char* status_label(const CaseResult& result);

}  // namespace kendall::validation
