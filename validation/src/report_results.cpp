// The compact summary committed as validation/RESULTS.md.

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "kendall/report/document.hpp"
#include "kendall/report/table.hpp"
#include "kendall/validation/report.hpp"
#include "kendall/validation/statistics.hpp"

#include "number_text.hpp"
#include "report_parts.hpp"

namespace kendall::validation {

namespace {

using namespace detail;

}  // namespace

std::string render_results_markdown(const std::vector<SuiteResult>& results,
                                    const CoverageResult* coverage, const ReportContext& context) {
  Document doc;
  doc.push_back(report::heading(1, "Validation results"));
  Block ctx = report::table({"", ""});
  ctx.rows.push_back({{"date", {}}, {context.date, {}}});
  ctx.rows.push_back({{"command", {}}, {context.command, {}}});
  ctx.rows.push_back({{"machine", {}}, {context.machine, {}}});
  ctx.rows.push_back({{"wall time", {}}, {num4(context.wall_seconds) + " s", {}}});
  doc.push_back(ctx);
  if (!results.empty()) {
    const Summary all = summarize(results);
    doc.push_back(report::heading(2, "Summary"));
    doc.push_back(report::paragraph(
        fmt::format("{} cases: {} passed, {} failed, {} reported only (approximations: error "
                    "measured, not judged); {} checks, {} "
                    "failed.{}\n{}",
                    all.cases, all.passed, all.failed, all.reported, all.checks, all.checks_failed,
                    all.cancelled ? " The run was interrupted: results are partial." : "",
                    first_stage_sentence(all))));
    doc.push_back(summary_table(results));
    Block failed = report::table({"failed case", "check", "why"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        if (c.status != Status::Fail || c.cancelled) continue;
        if (!c.error.empty())
          failed.rows.push_back({{s.name + "/" + c.spec.id, "fail"}, {"—", {}}, {c.error, {}}});
        for (const auto& r : c.checks) {
          if (r.status == Status::Fail)
            failed.rows.push_back(
                {{s.name + "/" + c.spec.id, "fail"}, {r.check.label(), {}}, {r.reason, {}}});
        }
        for (const auto& r : c.claims) {
          if (r.status == Status::Fail)
            failed.rows.push_back(
                {{s.name + "/" + c.spec.id, "fail"}, {r.claim.display, {}}, {r.reason, {}}});
        }
      }
    }
    if (!failed.rows.empty()) {
      doc.push_back(report::heading(3, "Failures"));
      doc.push_back(failed);
    }
    Block confirmed =
        report::table({"case", "check", "first interval", "confirmation interval", "exact"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        for (const auto& r : c.checks) {
          if (!r.first_stage_miss || r.status != Status::Pass) continue;
          confirmed.rows.push_back({{s.name + "/" + c.spec.id, {}},
                                    {r.check.label(), {}},
                                    {r.simulated ? interval(*r.simulated) : "—", {}},
                                    {r.confirmation ? interval(*r.confirmation) : "—", {}},
                                    {opt_num(r.reference), {}}});
        }
      }
    }
    if (!confirmed.rows.empty()) {
      doc.push_back(report::heading(3, "First-stage misses cleared by the confirmation run"));
      doc.push_back(confirmed);
    }
    Block approx =
        report::table({"case", "check", "method", "approximation", "simulated (99% CI)", "error"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        if (c.spec.kind != CaseKind::Approximation) continue;
        for (const auto& r : c.checks) {
          if (!r.relative_error) continue;
          approx.rows.push_back(
              {{s.name + "/" + c.spec.id, {}},
               {r.check.label(), {}},
               {r.method, {}},
               {opt_num(r.reference), {}},
               {r.simulated ? num(r.simulated->mean) + " " + interval(*r.simulated) : "—", {}},
               {pct(*r.relative_error), {}}});
        }
      }
    }
    if (!approx.rows.empty()) {
      doc.push_back(report::heading(2, "Approximations: measured error"));
      doc.push_back(approx);
    }
    Block claims =
        report::table({"case", "claim", "claimed", "theory", "simulated", "verdict", "result"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        for (const auto& r : c.claims) {
          claims.rows.push_back(
              {{c.spec.id, {}},
               {r.claim.display, {}},
               {r.claimed ? num(*r.claimed) : "—", {}},
               {r.theory ? num(*r.theory) : "none", {}},
               {r.simulated ? num(r.simulated->mean) + (r.unstable ? " (unstable)" : "") : "—", {}},
               {r.holds ? "holds" : "does not hold", {}},
               status_cell(r.status)});
        }
      }
    }
    if (!claims.rows.empty()) {
      doc.push_back(report::heading(2, "Formulas in the wild"));
      doc.push_back(claims);
    }
  }
  if (coverage != nullptr) {
    doc.push_back(report::heading(2, "Coverage of the 95% confidence intervals"));
    doc.push_back(report::paragraph(coverage_intro(*coverage)));
    doc.push_back(coverage_table(*coverage));
    doc.push_back(report::paragraph(render_summary_text({}, coverage)));
  }
  return report::to_markdown(doc);
}

}  // namespace kendall::validation
