#pragma once
/// \file
/// Rendering validation results for people (terminal text, Markdown, a self-contained HTML
/// page) and machines (JSON). The Markdown and HTML reports carry the same evidence: per suite
/// and case the reference and its source, the simulated mean and interval, half-width against
/// tolerance, PASS/FAIL and why; the coverage table with its binomial tests; and the "formulas
/// in the wild" case study.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kendall/validation/coverage.hpp"
#include "kendall/validation/runner.hpp"
#include "kendall/validation/suite.hpp"

namespace kendall::validation {

/// Where and how the run was made (printed at the top of reports).
struct ReportContext {
  std::string command;
  std::string date;
  std::string machine;
  double wall_seconds = 0.0;
};

/// `kendall validate --list`: suites, their cases, kind, quick/coverage marks.
[[nodiscard]] std::string render_list(const std::vector<Suite>& suites);

/// One finished case for the terminal: a status line and its checks table.
[[nodiscard]] std::string render_case_text(const CaseResult& result);

/// The closing summary for the terminal (counts, failed cases).
[[nodiscard]] std::string render_summary_text(const std::vector<SuiteResult>& results,
                                              const CoverageResult* coverage);

/// The coverage study for the terminal.
[[nodiscard]] std::string render_coverage_text(const CoverageResult& coverage);

/// The whole report as Markdown (also used for validation/RESULTS.md's tables).
[[nodiscard]] std::string render_markdown(const std::vector<SuiteResult>& results,
                                          const CoverageResult* coverage,
                                          const ReportContext& context);

/// The compact summary committed as validation/RESULTS.md: run context, per-suite summary,
/// failed cases with their reasons, the coverage table, the measured errors of the
/// approximations and the formulas-in-the-wild verdicts (the full evidence is in the HTML /
/// Markdown report).
[[nodiscard]] std::string render_results_markdown(const std::vector<SuiteResult>& results,
                                                  const CoverageResult* coverage,
                                                  const ReportContext& context);

/// The whole report as one self-contained HTML page (inline CSS, no external assets).
[[nodiscard]] std::string render_html(const std::vector<SuiteResult>& results,
                                      const CoverageResult* coverage, const ReportContext& context);

/// Everything as JSON: {"context", "summary", "suites": [{"name", "cases": [...]}], "coverage"}.
[[nodiscard]] nlohmann::ordered_json to_json(const std::vector<SuiteResult>& results,
                                             const CoverageResult* coverage,
                                             const ReportContext& context);

}  // namespace kendall::validation
