#pragma once
// Pieces that several outputs of the validation report share (report_text.cpp for the
// terminal, report_document.cpp for Markdown/HTML, report_results.cpp for RESULTS.md,
// report_json.cpp for JSON): number formats, status words and the tables of one case.

#include <optional>
#include <string>
#include <vector>

#include "kendall/report/document.hpp"
#include "kendall/sim/experiment_result.hpp"
#include "kendall/validation/coverage.hpp"
#include "kendall/validation/runner.hpp"

namespace kendall::validation::detail {

using report::Block;
using report::Cell;
using report::Document;

/// A value with 4 significant digits (wall times, warm-up lengths).
[[nodiscard]] std::string num4(double v);
/// num(v), or "—" when there is none.
[[nodiscard]] std::string opt_num(const std::optional<double>& v);
/// "[low, high]" of an estimate's interval.
[[nodiscard]] std::string interval(const sim::Estimate& e);

/// The CSS class of a status ("pass", "fail", "reported").
[[nodiscard]] std::string css_of(Status s);
/// A table cell showing a status, coloured by it.
[[nodiscard]] Cell status_cell(Status s);
/// How many interval checks missed at the first stage and what became of them.
[[nodiscard]] std::string first_stage_sentence(const Summary& s);
[[nodiscard]] std::string method_label(const CheckResult& r);
/// The run of a simulation case: replications, length, warm-up, events, wall time.
[[nodiscard]] std::string run_line(const CaseResult& c);
[[nodiscard]] bool is_claims(const CaseResult& c);

/// The checks table of one case, by kind.
[[nodiscard]] Block simulation_table(const CaseResult& c);
[[nodiscard]] Block approximation_table(const CaseResult& c);
[[nodiscard]] Block published_table(const CaseResult& c);
[[nodiscard]] Block claims_table(const CaseResult& c);
/// Heading, run line and table of one case.
void case_blocks(Document& doc, const CaseResult& c, int level);
/// One row per suite with its counts.
[[nodiscard]] Block summary_table(const std::vector<SuiteResult>& results);
[[nodiscard]] Block coverage_table(const CoverageResult& cov);
/// What the coverage study did and how to read its table.
[[nodiscard]] std::string coverage_intro(const CoverageResult& cov);

}  // namespace kendall::validation::detail
