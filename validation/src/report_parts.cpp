// The shared pieces of the validation report (report_parts.hpp).

#include "report_parts.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "kendall/report/document.hpp"
#include "kendall/report/table.hpp"
#include "kendall/validation/report.hpp"
#include "kendall/validation/statistics.hpp"

#include "number_text.hpp"

namespace kendall::validation::detail {

std::string num4(double v) { return report::format_number(v, 4); }

std::string opt_num(const std::optional<double>& v) { return v ? num(*v) : std::string("—"); }

std::string css_of(Status s) {
  switch (s) {
    case Status::Pass:
      return "pass";
    case Status::Fail:
      return "fail";
    case Status::Reported:
      return "reported";
  }
  return {};
}

Cell status_cell(Status s) { return {to_string(s), css_of(s)}; }

// Misses of the first stage: about 1% of exact values fall outside a 99% interval by chance.
// The checks of one case move together (L, W and Wq of a station are one measurement), so the
// misses are counted per case too; the calibrated test of the intervals is the coverage study.
std::string first_stage_sentence(const Summary& s) {
  return fmt::format(
      "First stage: {} of {} interval checks, in {} of {} cases, missed their exact value (≈ 1% of "
      "checks expected "
      "by chance at 99%, in clusters: the checks of one case are not independent); {} of the "
      "misses were not cleared "
      "by the confirmation run. The calibrated test of the intervals is the coverage study.",
      s.first_stage_misses, s.interval_checks, s.cases_with_misses, s.interval_cases,
      s.confirmed_misses);
}

std::string interval(const sim::Estimate& e) {
  return fmt::format("[{}, {}]", num(e.ci_low), num(e.ci_high));
}

std::string method_label(const CheckResult& r) {
  if (r.method.empty()) return r.model;
  if (r.model.empty() || r.model == "suite") return r.method;
  return fmt::format("{}, {}", r.model, r.method);
}

std::string run_line(const CaseResult& c) {
  if (c.spec.kind == CaseKind::Published) return "analytic only (no simulation)";
  std::string what;
  if (c.customers) what = fmt::format("{} customers", *c.customers);
  if (c.horizon) what += fmt::format("{}horizon {}", what.empty() ? "" : ", ", num(*c.horizon));
  if (what.empty()) what = "until drained";
  return fmt::format("{} replications × {}; warm-up {} (mean cut {} customers); {} events; {} s",
                     c.replications, what, c.warmup, num4(c.warmup_customers_mean), c.events,
                     num4(c.wall_seconds));
}

bool is_claims(const CaseResult& c) { return c.spec.kind == CaseKind::Claims; }

Block simulation_table(const CaseResult& c) {
  Block t = report::table({"check", "reference", "how", "simulated mean", "99% CI",
                           "rel. half-width", "tolerance", "result", "why"});
  for (const auto& r : c.checks) {
    t.rows.push_back({{r.check.label(), {}},
                      {opt_num(r.reference), {}},
                      {method_label(r), "muted"},
                      {r.simulated ? num(r.simulated->mean) : "—", {}},
                      {r.simulated ? interval(*r.simulated) : "—", {}},
                      {r.relative_half_width ? pct(*r.relative_half_width) : "—", {}},
                      {pct(r.check.tolerance), {}},
                      status_cell(r.status),
                      {r.reason + (r.check.note.empty() ? "" : " — " + r.check.note), "muted"}});
  }
  return t;
}

Block approximation_table(const CaseResult& c) {
  Block t = report::table({"check", "approximation", "method", "simulated mean", "99% CI",
                           "rel. error", "accuracy", "rel. half-width", "result", "why"});
  for (const auto& r : c.checks) {
    t.rows.push_back(
        {{r.check.label(), {}},
         {opt_num(r.reference), {}},
         {method_label(r), "muted"},
         {r.simulated ? num(r.simulated->mean) : "—", {}},
         {r.simulated ? interval(*r.simulated) : "—", {}},
         {r.relative_error ? pct(*r.relative_error) : (r.check.exact ? "exact" : "—"), {}},
         {r.accuracy ? "±" + pct(*r.accuracy) : (r.check.exact ? "in CI" : "report only"), {}},
         {r.relative_half_width ? pct(*r.relative_half_width) : "—", {}},
         status_cell(r.status),
         {r.reason, "muted"}});
  }
  return t;
}

Block published_table(const CaseResult& c) {
  Block t = report::table({"value", "published", "Kendall", "|difference|",
                           "allowed (½ unit in last digit)", "result", "note"});
  for (const auto& r : c.checks) {
    const double diff = r.analytic && r.check.value ? std::abs(*r.analytic - *r.check.value) : NAN;
    t.rows.push_back(
        {{r.check.label(), {}},
         {r.check.value_text, {}},
         {opt_num(r.analytic), {}},
         {std::isfinite(diff) ? report::format_number(diff, 3) : "—", {}},
         {report::format_number(r.check.value_tolerance, 3), {}},
         status_cell(r.status),
         {r.check.note.empty() ? (r.status == Status::Fail ? r.reason : "") : r.check.note,
          "muted"}});
  }
  return t;
}

Block claims_table(const CaseResult& c) {
  Block t =
      report::table({"claim (as written)", "claimed value", "theory", "simulation (mean, 99% CI)",
                     "holds?", "expected", "result", "why / correct formula"});
  for (const auto& r : c.claims) {
    std::string simulated = "—";
    if (r.simulated)
      simulated = fmt::format("{} {}", num(r.simulated->mean), interval(*r.simulated));
    if (r.unstable && r.growth_rate)
      simulated += fmt::format(" (unstable: grows {}/time unit)", num4(r.growth_rate->mean));
    std::string theory = r.theory ? num(*r.theory) : "none";
    if (!r.theory && !r.theory_note.empty()) theory += " (" + r.theory_note + ")";
    t.rows.push_back(
        {{r.claim.display, {}},
         {r.claimed ? num(*r.claimed) : "—", {}},
         {theory, {}},
         {simulated, {}},
         {r.holds ? "holds" : "does not hold", {}},
         {r.claim.expect_holds ? "holds" : "fails", "muted"},
         status_cell(r.status),
         {r.claim.explanation.empty() ? r.reason : r.claim.explanation + " — " + r.reason,
          "muted"}});
  }
  return t;
}

void case_blocks(Document& doc, const CaseResult& c, int level) {
  doc.push_back(report::heading(level,
                                fmt::format("{} {} — {}", status_label(c), c.spec.id, c.spec.title),
                                c.suite + "-" + c.spec.id));
  std::string about;
  if (!c.spec.description.empty()) about += c.spec.description + "\n";
  about += fmt::format("Kind: {}. ", to_string(c.spec.kind));
  if (!c.spec.scenario_source.empty())
    about += fmt::format("Scenario: {}. ", c.spec.scenario_source);
  if (!c.reference_description.empty())
    about += fmt::format("Reference: {}. ", c.reference_description);
  if (!c.spec.source.empty()) about += fmt::format("Source: {}.", c.spec.source);
  if (c.spec.kind == CaseKind::Approximation) {
    about +=
        c.spec.accuracy
            ? fmt::format("\nAccepted when the approximation is within ±{} of simulation ({}).",
                          pct(*c.spec.accuracy), c.spec.accuracy_source)
            : std::string("\nThe approximation's error is reported; it decides nothing.");
  }
  about += "\nRun: " + run_line(c);
  doc.push_back(report::paragraph(about));
  if (!c.error.empty()) doc.push_back(report::paragraph("Error: " + c.error));
  switch (c.spec.kind) {
    case CaseKind::Simulation:
      doc.push_back(simulation_table(c));
      break;
    case CaseKind::Approximation:
      doc.push_back(approximation_table(c));
      break;
    case CaseKind::Published:
      doc.push_back(published_table(c));
      break;
    case CaseKind::Claims:
      doc.push_back(claims_table(c));
      if (!c.checks.empty()) doc.push_back(simulation_table(c));
      break;
  }
  if (!c.notes.empty()) {
    std::string notes = "Notes from the simulation:";
    for (const auto& n : c.notes) notes += "\n• " + n;
    doc.push_back(report::paragraph(notes));
  }
}

Block summary_table(const std::vector<SuiteResult>& results) {
  Block t = report::table({"suite", "cases", "passed", "failed", "reported only", "checks",
                           "checks failed", "wall time"});
  for (const auto& s : results) {
    const Summary sum = summarize({s});
    t.rows.push_back({{s.name, {}},
                      {std::to_string(sum.cases), {}},
                      {std::to_string(sum.passed), sum.passed == sum.cases ? "pass" : ""},
                      {std::to_string(sum.failed), sum.failed > 0 ? "fail" : ""},
                      {std::to_string(sum.reported), sum.reported > 0 ? "reported" : ""},
                      {std::to_string(sum.checks), {}},
                      {std::to_string(sum.checks_failed), sum.checks_failed > 0 ? "fail" : ""},
                      {num4(sum.wall_seconds) + " s", {}}});
  }
  const Summary all = summarize(results);
  t.rows.push_back({{"all", {}},
                    {std::to_string(all.cases), {}},
                    {std::to_string(all.passed), all.failed == 0 ? "pass" : ""},
                    {std::to_string(all.failed), all.failed > 0 ? "fail" : ""},
                    {std::to_string(all.reported), {}},
                    {std::to_string(all.checks), {}},
                    {std::to_string(all.checks_failed), all.checks_failed > 0 ? "fail" : ""},
                    {num4(all.wall_seconds) + " s", {}}});
  return t;
}

Block coverage_table(const CoverageResult& cov) {
  Block t = report::table({"case", "metric", "exact", "N", "covered", "coverage",
                           "95% CI (Clopper–Pearson)", "p (exact binomial vs 0.95)", "verdict",
                           "mean rel. half-width / tolerance", "bias / half-width",
                           "misses below / above"});
  for (const auto& c : cov.cases) {
    if (!c.error.empty()) {
      t.rows.push_back({{c.suite + "/" + c.id, {}}, {"error: " + c.error, "fail"}});
      continue;
    }
    for (const auto& m : c.metrics) {
      t.rows.push_back(
          {{c.suite + "/" + c.id + (c.control ? " (negative control)" : ""), {}},
           {m.check.label(), {}},
           {num(m.exact), {}},
           {std::to_string(m.experiments), {}},
           {std::to_string(m.covered), {}},
           {pct(m.share), {}},
           {fmt::format("[{}, {}]", pct(m.share_interval.low), pct(m.share_interval.high)), {}},
           {report::format_number(m.p_value, 3), {}},
           c.control ? Cell{m.consistent ? "consistent (control NOT detected)"
                                         : "inconsistent — negative control detected",
                            m.consistent ? "" : "pass"}
                     : Cell{m.rejected_familywise ? "NOT consistent (rejected family-wise)"
                            : m.consistent        ? "consistent with 95%"
                                                  : "p < 0.01 alone; not rejected family-wise",
                            m.rejected_familywise ? "fail" : (m.consistent ? "pass" : "reported")},
           {fmt::format("{} / {}", pct(m.mean_relative_half_width), pct(m.check.tolerance)),
            m.precise ? "" : "fail"},
           {fmt::format("{} (bias {} ± {})", report::format_number(m.bias_over_half_width, 2),
                        report::format_number(m.bias, 3),
                        report::format_number(m.bias_standard_error, 2)),
            m.bias_over_half_width > 0.1 ? "reported" : ""},
           {fmt::format("{} / {}", m.missed_low, m.missed_high), {}}});
    }
  }
  return t;
}

std::string coverage_intro(const CoverageResult& cov) {
  std::string s = fmt::format(
      "For each case below, {} independent experiments (master seeds = the case's seed + 1 … + {}) "
      "each form nominal "
      "95% Student-t intervals from their replications. Coverage is the share of experiments whose "
      "interval contains "
      "the exact value. The 95% interval of that share is Clopper–Pearson's exact interval; the "
      "p-value is the exact "
      "two-sided binomial test of coverage = 0.95 (minimum-likelihood method, as R's binom.test); "
      "a metric is "
      "\"consistent with 95%\" when p ≥ {}. With a hundred metrics some p-values fall below 0.01 "
      "by chance, so the "
      "study's verdict uses Holm's step-down procedure at family-wise level 0.01 (Holm 1979): a "
      "metric fails the study "
      "only when it is rejected family-wise. A wide interval covers anything, so the mean relative "
      "half-width must also "
      "be at most the check's tolerance. Bias / half-width is |mean of the experiment means − "
      "exact| divided by the mean "
      "half-width: the warm-up (initial-condition) bias check — for a normal estimate, "
      "bias/half-width = 0.1 costs "
      "about half a point of coverage, 0.25 about three points, 0.8 about thirty (values above 0.1 "
      "are highlighted). A negative control (marked) is a deliberately biased experiment that the "
      "study must "
      "flag: it shows the study can see a bias when there is one.",
      cov.experiments, cov.experiments, coverage_p_threshold);
  const std::size_t n = cov.metric_count();
  std::size_t rejected = 0;
  for (const auto& c : cov.cases) {
    for (const auto& m : c.metrics) rejected += (!c.control && m.rejected_familywise) ? 1 : 0;
  }
  s += fmt::format(
      "\n{} metrics were tested: {} with p < 0.01 alone (about {} expected by chance when every "
      "interval is right; "
      "the metrics of one case are correlated), {} rejected family-wise. The Little's-law ratios "
      "are not studied: "
      "their exact value 1 is an identity up to boundary terms, not the expectation of a noisy "
      "estimator.",
      n, cov.inconsistent_count(), report::format_number(0.01 * static_cast<double>(n), 2),
      rejected);
  return s;
}

}  // namespace kendall::validation::detail
