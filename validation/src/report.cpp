#include "kendall/validation/report.hpp"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "document.hpp"
#include "kendall/report/table.hpp"
#include "kendall/validation/statistics.hpp"

namespace kendall::validation {

namespace {

using detail::Block;
using detail::Cell;
using detail::Document;

std::string num(double v) { return report::format_number(v, 6); }
std::string num4(double v) { return report::format_number(v, 4); }

std::string pct(double v) {
  if (!std::isfinite(v)) return "inf";
  return report::format_number(100.0 * v, 3) + "%";
}

std::string opt_num(const std::optional<double>& v) { return v ? num(*v) : std::string("—"); }

std::string css_of(Status s) {
  switch (s) {
    case Status::Pass: return "pass";
    case Status::Fail: return "fail";
    case Status::Reported: return "reported";
  }
  return {};
}

Cell status_cell(Status s) { return {to_string(s), css_of(s)}; }

// Misses of the first stage: about 1% of exact values fall outside a 99% interval by chance.
// The checks of one case move together (L, W and Wq of a station are one measurement), so the
// misses are counted per case too; the calibrated test of the intervals is the coverage study.
std::string first_stage_sentence(const Summary& s) {
  return fmt::format(
      "First stage: {} of {} interval checks, in {} of {} cases, missed their exact value (≈ 1% of checks expected "
      "by chance at 99%, in clusters: the checks of one case are not independent); {} of the misses were not cleared "
      "by the confirmation run. The calibrated test of the intervals is the coverage study.",
      s.first_stage_misses, s.interval_checks, s.cases_with_misses, s.interval_cases, s.confirmed_misses);
}

std::string interval(const sim::Estimate& e) { return fmt::format("[{}, {}]", num(e.ci_low), num(e.ci_high)); }

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
  return fmt::format("{} replications × {}; warm-up {} (mean cut {} customers); {} events; {} s", c.replications, what,
                     c.warmup, num4(c.warmup_customers_mean), c.events, num4(c.wall_seconds));
}

bool is_claims(const CaseResult& c) { return c.spec.kind == CaseKind::Claims; }

// --- tables per kind -------------------------------------------------------------------

Block simulation_table(const CaseResult& c) {
  Block t = detail::table({"check", "reference", "how", "simulated mean", "99% CI", "rel. half-width", "tolerance",
                           "result", "why"});
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
  Block t = detail::table({"check", "approximation", "method", "simulated mean", "99% CI", "rel. error",
                           "accuracy", "rel. half-width", "result", "why"});
  for (const auto& r : c.checks) {
    t.rows.push_back({{r.check.label(), {}},
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
  Block t = detail::table({"value", "published", "Kendall", "|difference|", "allowed (½ unit in last digit)", "result",
                           "note"});
  for (const auto& r : c.checks) {
    const double diff = r.analytic && r.check.value ? std::abs(*r.analytic - *r.check.value) : NAN;
    t.rows.push_back({{r.check.label(), {}},
                      {r.check.value_text, {}},
                      {opt_num(r.analytic), {}},
                      {std::isfinite(diff) ? report::format_number(diff, 3) : "—", {}},
                      {report::format_number(r.check.value_tolerance, 3), {}},
                      status_cell(r.status),
                      {r.check.note.empty() ? (r.status == Status::Fail ? r.reason : "") : r.check.note, "muted"}});
  }
  return t;
}

Block claims_table(const CaseResult& c) {
  Block t = detail::table({"claim (as written)", "claimed value", "theory", "simulation (mean, 99% CI)", "holds?",
                           "expected", "result", "why / correct formula"});
  for (const auto& r : c.claims) {
    std::string simulated = "—";
    if (r.simulated) simulated = fmt::format("{} {}", num(r.simulated->mean), interval(*r.simulated));
    if (r.unstable && r.growth_rate) simulated += fmt::format(" (unstable: grows {}/time unit)", num4(r.growth_rate->mean));
    std::string theory = r.theory ? num(*r.theory) : "none";
    if (!r.theory && !r.theory_note.empty()) theory += " (" + r.theory_note + ")";
    t.rows.push_back({{r.claim.display, {}},
                      {r.claimed ? num(*r.claimed) : "—", {}},
                      {theory, {}},
                      {simulated, {}},
                      {r.holds ? "holds" : "does not hold", {}},
                      {r.claim.expect_holds ? "holds" : "fails", "muted"},
                      status_cell(r.status),
                      {r.claim.explanation.empty() ? r.reason : r.claim.explanation + " — " + r.reason, "muted"}});
  }
  return t;
}

void case_blocks(Document& doc, const CaseResult& c, int level) {
  doc.push_back(detail::heading(level, fmt::format("{} {} — {}", status_label(c), c.spec.id, c.spec.title),
                                c.suite + "-" + c.spec.id));
  std::string about;
  if (!c.spec.description.empty()) about += c.spec.description + "\n";
  about += fmt::format("Kind: {}. ", to_string(c.spec.kind));
  if (!c.spec.scenario_source.empty()) about += fmt::format("Scenario: {}. ", c.spec.scenario_source);
  if (!c.reference_description.empty()) about += fmt::format("Reference: {}. ", c.reference_description);
  if (!c.spec.source.empty()) about += fmt::format("Source: {}.", c.spec.source);
  if (c.spec.kind == CaseKind::Approximation) {
    about += c.spec.accuracy ? fmt::format("\nAccepted when the approximation is within ±{} of simulation ({}).",
                                           pct(*c.spec.accuracy), c.spec.accuracy_source)
                             : std::string("\nThe approximation's error is reported; it decides nothing.");
  }
  about += "\nRun: " + run_line(c);
  doc.push_back(detail::paragraph(about));
  if (!c.error.empty()) doc.push_back(detail::paragraph("Error: " + c.error));
  switch (c.spec.kind) {
    case CaseKind::Simulation: doc.push_back(simulation_table(c)); break;
    case CaseKind::Approximation: doc.push_back(approximation_table(c)); break;
    case CaseKind::Published: doc.push_back(published_table(c)); break;
    case CaseKind::Claims:
      doc.push_back(claims_table(c));
      if (!c.checks.empty()) doc.push_back(simulation_table(c));
      break;
  }
  if (!c.notes.empty()) {
    std::string notes = "Notes from the simulation:";
    for (const auto& n : c.notes) notes += "\n• " + n;
    doc.push_back(detail::paragraph(notes));
  }
}

Block summary_table(const std::vector<SuiteResult>& results) {
  Block t = detail::table({"suite", "cases", "passed", "failed", "reported only", "checks", "checks failed", "wall time"});
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
  Block t = detail::table({"case", "metric", "exact", "N", "covered", "coverage", "95% CI (Clopper–Pearson)",
                           "p (exact binomial vs 0.95)", "verdict", "mean rel. half-width / tolerance",
                           "bias / half-width", "misses below / above"});
  for (const auto& c : cov.cases) {
    if (!c.error.empty()) {
      t.rows.push_back({{c.suite + "/" + c.id, {}}, {"error: " + c.error, "fail"}});
      continue;
    }
    for (const auto& m : c.metrics) {
      t.rows.push_back({{c.suite + "/" + c.id + (c.control ? " (negative control)" : ""), {}},
                        {m.check.label(), {}},
                        {num(m.exact), {}},
                        {std::to_string(m.experiments), {}},
                        {std::to_string(m.covered), {}},
                        {pct(m.share), {}},
                        {fmt::format("[{}, {}]", pct(m.share_interval.low), pct(m.share_interval.high)), {}},
                        {report::format_number(m.p_value, 3), {}},
                        c.control ? Cell{m.consistent ? "consistent (control NOT detected)" : "inconsistent — negative control detected",
                                         m.consistent ? "" : "pass"}
                                  : Cell{m.rejected_familywise ? "NOT consistent (rejected family-wise)"
                                         : m.consistent        ? "consistent with 95%"
                                                               : "p < 0.01 alone; not rejected family-wise",
                                         m.rejected_familywise ? "fail" : (m.consistent ? "pass" : "reported")},
                        {fmt::format("{} / {}", pct(m.mean_relative_half_width), pct(m.check.tolerance)),
                         m.precise ? "" : "fail"},
                        {fmt::format("{} (bias {} ± {})", report::format_number(m.bias_over_half_width, 2),
                                     report::format_number(m.bias, 3), report::format_number(m.bias_standard_error, 2)),
                         m.bias_over_half_width > 0.1 ? "reported" : ""},
                        {fmt::format("{} / {}", m.missed_low, m.missed_high), {}}});
    }
  }
  return t;
}

std::string coverage_intro(const CoverageResult& cov) {
  std::string s = fmt::format(
      "For each case below, {} independent experiments (master seeds = the case's seed + 1 … + {}) each form nominal "
      "95% Student-t intervals from their replications. Coverage is the share of experiments whose interval contains "
      "the exact value. The 95% interval of that share is Clopper–Pearson's exact interval; the p-value is the exact "
      "two-sided binomial test of coverage = 0.95 (minimum-likelihood method, as R's binom.test); a metric is "
      "\"consistent with 95%\" when p ≥ {}. With a hundred metrics some p-values fall below 0.01 by chance, so the "
      "study's verdict uses Holm's step-down procedure at family-wise level 0.01 (Holm 1979): a metric fails the study "
      "only when it is rejected family-wise. A wide interval covers anything, so the mean relative half-width must also "
      "be at most the check's tolerance. Bias / half-width is |mean of the experiment means − exact| divided by the mean "
      "half-width: the warm-up (initial-condition) bias check — for a normal estimate, bias/half-width = 0.1 costs "
      "about half a point of coverage, 0.25 about three points, 0.8 about thirty (values above 0.1 are highlighted). A negative control (marked) is a deliberately biased experiment that the study must "
      "flag: it shows the study can see a bias when there is one.",
      cov.experiments, cov.experiments, coverage_p_threshold);
  const std::size_t n = cov.metric_count();
  std::size_t rejected = 0;
  for (const auto& c : cov.cases) {
    for (const auto& m : c.metrics) rejected += (!c.control && m.rejected_familywise) ? 1 : 0;
  }
  s += fmt::format(
      "\n{} metrics were tested: {} with p < 0.01 alone (about {} expected by chance when every interval is right; "
      "the metrics of one case are correlated), {} rejected family-wise. The Little's-law ratios are not studied: "
      "their exact value 1 is an identity up to boundary terms, not the expectation of a noisy estimator.",
      n, cov.inconsistent_count(), report::format_number(0.01 * static_cast<double>(n), 2), rejected);
  return s;
}

Document build_document(const std::vector<SuiteResult>& results, const CoverageResult* coverage,
                        const ReportContext& context) {
  Document doc;
  doc.push_back(detail::heading(1, "Kendall validation report"));
  std::string ctx;
  if (!context.date.empty()) ctx += "Date: " + context.date + "\n";
  if (!context.machine.empty()) ctx += "Machine: " + context.machine + "\n";
  if (context.wall_seconds > 0.0) ctx += "Wall time: " + num4(context.wall_seconds) + " s\n";
  if (!ctx.empty()) doc.push_back(detail::paragraph(ctx));
  if (!context.command.empty()) doc.push_back(detail::code(context.command));
  doc.push_back(detail::paragraph(
      "How to read this report. Simulation cases pass only when the exact reference lies inside the simulated 99% "
      "confidence interval (Student t over independent replications, warm-up deleted) AND the interval's relative "
      "half-width is at most the case's tolerance — a run too short to tell right from wrong cannot pass (STYLE.md "
      "guideline 14). Seeds are fixed, so every failure is reproducible. With a few hundred checks, about 1% of the "
      "exact values fall outside their 99% interval by chance; such a miss (with a precise interval) is re-judged on one "
      "pre-declared confirmation experiment (seed + 1000003, twice the replications) and fails unless that interval "
      "contains the exact value — both stages are shown, and the summary counts the first-stage misses. Published cases compare the analytic "
      "library with digits printed in a book or table, accepting half a unit in the last printed digit. Approximations "
      "(Kingman, Allen–Cunneen, QNA, Schweitzer MVA …) are not expected inside the interval: their measured error is "
      "shown, and judged only against an accuracy documented in the literature (REPORTED means: measured, not judged)."));

  if (!results.empty()) {
    const Summary all = summarize(results);
    doc.push_back(detail::heading(2, "Summary", "summary"));
    doc.push_back(detail::paragraph(fmt::format(
        "{} cases: {} passed, {} failed, {} reported only; {} checks, {} failed.{}\n{}", all.cases, all.passed,
        all.failed, all.reported, all.checks, all.checks_failed,
        all.cancelled ? " The run was interrupted: results are partial." : "", first_stage_sentence(all))));
    doc.push_back(summary_table(results));
    if (all.failed > 0) {
      Block t = detail::table({"failed case", "first failing check", "why"});
      for (const auto& s : results) {
        for (const auto& c : s.cases) {
          if (c.status != Status::Fail || c.cancelled) continue;
          std::string check = "—";
          std::string why = c.error;
          for (const auto& r : c.checks) {
            if (r.status == Status::Fail) {
              check = r.check.label();
              why = r.reason;
              break;
            }
          }
          for (const auto& r : c.claims) {
            if (why.empty() && r.status == Status::Fail) {
              check = r.claim.display;
              why = r.reason;
            }
          }
          t.rows.push_back({{s.name + "/" + c.spec.id, "fail"}, {check, {}}, {why, "muted"}});
        }
      }
      doc.push_back(t);
    }
  }
  if (coverage != nullptr) {
    doc.push_back(detail::heading(2, "Coverage of the confidence intervals", "coverage"));
    doc.push_back(detail::paragraph(coverage_intro(*coverage)));
    std::string runs;
    for (const auto& c : coverage->cases) {
      runs += fmt::format("{}/{}: {} experiments × {} replications × {}; warm-up {}; {} s\n", c.suite, c.id,
                          c.experiments_done, c.replications,
                          c.customers ? fmt::format("{} customers", *c.customers) : std::string("horizon"), c.warmup,
                          num4(c.wall_seconds));
    }
    doc.push_back(detail::paragraph(runs));
    doc.push_back(coverage_table(*coverage));
    doc.push_back(detail::paragraph(coverage->passed() ? "Verdict: no coverage figure is rejected family-wise, every "
                                                         "interval was precise enough, and every negative control was "
                                                         "detected."
                                                       : "Verdict: a coverage figure is rejected family-wise or "
                                                         "imprecise, a negative control was missed, or the study did "
                                                         "not complete — see the table."));
  }
  bool any_claims = false;
  for (const auto& s : results) {
    bool suite_has_other = false;
    for (const auto& c : s.cases) {
      if (is_claims(c)) {
        any_claims = true;
      } else {
        suite_has_other = true;
      }
    }
    if (!suite_has_other) continue;
    doc.push_back(detail::heading(2, fmt::format("Suite {} — {}", s.name, s.title), "suite-" + s.name));
    if (!s.description.empty()) doc.push_back(detail::paragraph(s.description));
    for (const auto& c : s.cases) {
      if (!is_claims(c)) case_blocks(doc, c, 3);
    }
  }
  if (any_claims) {
    doc.push_back(detail::heading(2, "Formulas in the wild", "formulas-in-the-wild"));
    for (const auto& s : results) {
      bool has = false;
      for (const auto& c : s.cases) has = has || is_claims(c);
      if (!has) continue;
      if (!s.description.empty()) doc.push_back(detail::paragraph(s.description));
      for (const auto& c : s.cases) {
        if (is_claims(c)) case_blocks(doc, c, 3);
      }
    }
  }
  return doc;
}

}  // namespace

std::string render_list(const std::vector<Suite>& suites) {
  std::ostringstream out;
  for (const auto& s : suites) {
    out << s.name << " — " << s.title << " (" << s.cases.size() << " cases, " << s.file.string() << ")\n";
    report::Table t({"case", "kind", "quick", "coverage", "title"});
    t.set_align(2, report::Align::Left);
    t.set_align(3, report::Align::Left);
    t.set_align(4, report::Align::Left);
    t.set_align(1, report::Align::Left);
    for (const auto& c : s.cases) {
      t.add_row({c.id, to_string(c.kind), c.quick ? "quick" : "",
                 c.coverage_control ? "control" : (c.coverage ? "coverage" : ""), c.title});
    }
    out << t.to_text() << '\n';
  }
  return out.str();
}

std::string render_case_text(const CaseResult& c) {
  std::ostringstream out;
  out << fmt::format("[{}] {}/{} — {} ({} s)\n", status_label(c), c.suite, c.spec.id, c.spec.title,
                     num4(c.wall_seconds));
  if (!c.error.empty()) out << "  error: " << c.error << '\n';
  if (!c.checks.empty()) {
    report::Table t({"check", "reference", "simulated", "99% CI", "rel.hw", "tol", "result"});
    if (c.spec.kind == CaseKind::Published) t = report::Table({"value", "published", "Kendall", "allowed", "result"});
    for (const auto& r : c.checks) {
      if (c.spec.kind == CaseKind::Published) {
        t.add_row({r.check.label(), r.check.value_text, opt_num(r.analytic),
                   "±" + report::format_number(r.check.value_tolerance, 3), to_string(r.status)});
      } else {
        std::string ref = opt_num(r.reference);
        if (r.relative_error) ref += fmt::format(" (err {})", pct(*r.relative_error));
        t.add_row({r.check.label(), ref, r.simulated ? num(r.simulated->mean) : "—",
                   r.simulated ? interval(*r.simulated) : "—",
                   r.relative_half_width ? pct(*r.relative_half_width) : "—", pct(r.check.tolerance),
                   to_string(r.status)});
      }
    }
    std::string text = t.to_text();
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) out << "  " << line << '\n';
  }
  if (!c.claims.empty()) {
    report::Table t({"claim", "claimed", "theory", "simulated", "holds?", "expected", "result"});
    for (const auto& r : c.claims) {
      std::string simulated = r.simulated ? num(r.simulated->mean) : "—";
      if (r.unstable) simulated += " (unstable)";
      t.add_row({r.claim.display, r.claimed ? num(*r.claimed) : "—", opt_num(r.theory), simulated,
                 r.holds ? "holds" : "no", r.claim.expect_holds ? "holds" : "fails", to_string(r.status)});
    }
    std::string text = t.to_text();
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) out << "  " << line << '\n';
  }
  for (const auto& r : c.checks) {
    if (r.status == Status::Fail) {
      out << "  FAIL " << r.check.label() << ": " << r.reason << '\n';
    } else if (r.first_stage_miss) {
      out << "  confirmed by a second run: " << r.check.label() << ": " << r.reason << '\n';
    }
  }
  for (const auto& r : c.claims) {
    if (r.status == Status::Fail) out << "  FAIL " << r.claim.display << ": " << r.reason << '\n';
  }
  return out.str();
}

std::string render_summary_text(const std::vector<SuiteResult>& results, const CoverageResult* coverage) {
  std::ostringstream out;
  if (!results.empty()) {
    const Summary all = summarize(results);
    out << fmt::format("Summary: {} cases — {} passed, {} failed, {} reported only; {} checks, {} failed; {} s{}\n",
                       all.cases, all.passed, all.failed, all.reported, all.checks, all.checks_failed,
                       num4(all.wall_seconds),
                       all.cancelled ? fmt::format(" (interrupted: {} case(s) cut short and not counted)", all.cancelled_cases)
                                     : std::string());
    if (all.interval_checks > 0) out << first_stage_sentence(all) << '\n';
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        if (c.status == Status::Fail && !c.cancelled) {
          out << "  FAILED " << s.name << '/' << c.spec.id << " — " << c.spec.title << '\n';
        }
      }
    }
  }
  if (coverage != nullptr) {
    std::size_t controls = 0;
    std::size_t detected = 0;
    for (const auto& c : coverage->cases) {
      if (!c.control) continue;
      ++controls;
      detected += c.passed() ? 1 : 0;
    }
    std::size_t rejected = 0;
    for (const auto& c : coverage->cases) {
      for (const auto& m : c.metrics) rejected += (!c.control && m.rejected_familywise) ? 1 : 0;
    }
    out << fmt::format("Coverage: {} metrics in {} cases, {} experiments each; {} with p < {} alone, {} rejected "
                       "family-wise (Holm, 0.01){}; {}\n",
                       coverage->metric_count(), coverage->cases.size() - controls, coverage->experiments,
                       coverage->inconsistent_count(), coverage_p_threshold, rejected,
                       controls > 0 ? fmt::format("; negative controls detected: {} of {}", detected, controls) : "",
                       coverage->passed() ? "PASS" : "FAIL");
  }
  return out.str();
}

std::string render_coverage_text(const CoverageResult& cov) {
  report::Table t({"case", "metric", "exact", "covered/N", "coverage", "95% CI", "p", "verdict", "rel.hw/tol", "bias/hw"});
  for (const auto& c : cov.cases) {
    if (!c.error.empty()) {
      t.add_row({c.suite + "/" + c.id, "error: " + c.error});
      continue;
    }
    for (const auto& m : c.metrics) {
      t.add_row({c.suite + "/" + c.id + (c.control ? " (control)" : ""), m.check.label(), num(m.exact),
                 fmt::format("{}/{}", m.covered, m.experiments),
                 pct(m.share), fmt::format("[{}, {}]", pct(m.share_interval.low), pct(m.share_interval.high)),
                 report::format_number(m.p_value, 3),
                 c.control ? (m.consistent ? "control missed" : "control detected")
                           : (m.rejected_familywise ? "REJECTED" : (m.consistent ? "consistent" : "p<0.01 alone")),
                 fmt::format("{}/{}{}", pct(m.mean_relative_half_width), pct(m.check.tolerance), m.precise ? "" : " (!)"),
                 report::format_number(m.bias_over_half_width, 2)});
    }
  }
  return t.to_text();
}

std::string render_results_markdown(const std::vector<SuiteResult>& results, const CoverageResult* coverage,
                                    const ReportContext& context) {
  Document doc;
  doc.push_back(detail::heading(1, "Validation results"));
  Block ctx = detail::table({"", ""});
  ctx.rows.push_back({{"date", {}}, {context.date, {}}});
  ctx.rows.push_back({{"command", {}}, {context.command, {}}});
  ctx.rows.push_back({{"machine", {}}, {context.machine, {}}});
  ctx.rows.push_back({{"wall time", {}}, {num4(context.wall_seconds) + " s", {}}});
  doc.push_back(ctx);
  if (!results.empty()) {
    const Summary all = summarize(results);
    doc.push_back(detail::heading(2, "Summary"));
    doc.push_back(detail::paragraph(fmt::format(
        "{} cases: {} passed, {} failed, {} reported only (approximations: error measured, not judged); {} checks, {} "
        "failed.{}\n{}",
        all.cases, all.passed, all.failed, all.reported, all.checks, all.checks_failed,
        all.cancelled ? " The run was interrupted: results are partial." : "", first_stage_sentence(all))));
    doc.push_back(summary_table(results));
    Block failed = detail::table({"failed case", "check", "why"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        if (c.status != Status::Fail || c.cancelled) continue;
        if (!c.error.empty()) failed.rows.push_back({{s.name + "/" + c.spec.id, "fail"}, {"—", {}}, {c.error, {}}});
        for (const auto& r : c.checks) {
          if (r.status == Status::Fail) failed.rows.push_back({{s.name + "/" + c.spec.id, "fail"}, {r.check.label(), {}}, {r.reason, {}}});
        }
        for (const auto& r : c.claims) {
          if (r.status == Status::Fail) failed.rows.push_back({{s.name + "/" + c.spec.id, "fail"}, {r.claim.display, {}}, {r.reason, {}}});
        }
      }
    }
    if (!failed.rows.empty()) {
      doc.push_back(detail::heading(3, "Failures"));
      doc.push_back(failed);
    }
    Block confirmed = detail::table({"case", "check", "first interval", "confirmation interval", "exact"});
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
      doc.push_back(detail::heading(3, "First-stage misses cleared by the confirmation run"));
      doc.push_back(confirmed);
    }
    Block approx = detail::table({"case", "check", "method", "approximation", "simulated (99% CI)", "error"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        if (c.spec.kind != CaseKind::Approximation) continue;
        for (const auto& r : c.checks) {
          if (!r.relative_error) continue;
          approx.rows.push_back({{s.name + "/" + c.spec.id, {}},
                                 {r.check.label(), {}},
                                 {r.method, {}},
                                 {opt_num(r.reference), {}},
                                 {r.simulated ? num(r.simulated->mean) + " " + interval(*r.simulated) : "—", {}},
                                 {pct(*r.relative_error), {}}});
        }
      }
    }
    if (!approx.rows.empty()) {
      doc.push_back(detail::heading(2, "Approximations: measured error"));
      doc.push_back(approx);
    }
    Block claims = detail::table({"case", "claim", "claimed", "theory", "simulated", "verdict", "result"});
    for (const auto& s : results) {
      for (const auto& c : s.cases) {
        for (const auto& r : c.claims) {
          claims.rows.push_back({{c.spec.id, {}},
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
      doc.push_back(detail::heading(2, "Formulas in the wild"));
      doc.push_back(claims);
    }
  }
  if (coverage != nullptr) {
    doc.push_back(detail::heading(2, "Coverage of the 95% confidence intervals"));
    doc.push_back(detail::paragraph(coverage_intro(*coverage)));
    doc.push_back(coverage_table(*coverage));
    doc.push_back(detail::paragraph(render_summary_text({}, coverage)));
  }
  return detail::to_markdown(doc);
}

std::string render_markdown(const std::vector<SuiteResult>& results, const CoverageResult* coverage,
                            const ReportContext& context) {
  return detail::to_markdown(build_document(results, coverage, context));
}

std::string render_html(const std::vector<SuiteResult>& results, const CoverageResult* coverage,
                        const ReportContext& context) {
  return detail::to_html(build_document(results, coverage, context), "Kendall validation report");
}

namespace {

nlohmann::ordered_json estimate_json(const std::optional<sim::Estimate>& e) {
  if (!e) return nullptr;
  return {{"mean", e->mean}, {"ci_low", e->ci_low}, {"ci_high", e->ci_high}, {"n", e->n}};
}

template <class T>
nlohmann::ordered_json opt(const std::optional<T>& v) {
  if (!v) return nullptr;
  return *v;
}

}  // namespace

nlohmann::ordered_json to_json(const std::vector<SuiteResult>& results, const CoverageResult* coverage,
                               const ReportContext& context) {
  nlohmann::ordered_json j;
  j["context"] = {{"command", context.command},
                  {"date", context.date},
                  {"machine", context.machine},
                  {"wall_seconds", context.wall_seconds}};
  const Summary all = summarize(results);
  j["summary"] = {{"cases", all.cases},     {"passed", all.passed},       {"failed", all.failed},
                  {"reported", all.reported}, {"checks", all.checks},     {"checks_failed", all.checks_failed},
                  {"cancelled", all.cancelled}, {"wall_seconds", all.wall_seconds}};
  j["suites"] = nlohmann::ordered_json::array();
  for (const auto& s : results) {
    nlohmann::ordered_json suite = {{"name", s.name}, {"title", s.title}, {"cases", nlohmann::ordered_json::array()}};
    for (const auto& c : s.cases) {
      nlohmann::ordered_json jc = {{"id", c.spec.id},
                                   {"title", c.spec.title},
                                   {"kind", to_string(c.spec.kind)},
                                   {"status", to_string(c.status)},
                                   {"source", c.spec.source},
                                   {"scenario", c.spec.scenario_source},
                                   {"reference", c.reference_description},
                                   {"replications", c.replications},
                                   {"customers", opt(c.customers)},
                                   {"warmup", c.warmup},
                                   {"wall_seconds", c.wall_seconds}};
      if (!c.error.empty()) jc["error"] = c.error;
      jc["checks"] = nlohmann::ordered_json::array();
      for (const auto& r : c.checks) {
        jc["checks"].push_back({{"check", r.check.label()},
                                {"reference", opt(r.reference)},
                                {"method", r.method},
                                {"analytic", opt(r.analytic)},
                                {"published", r.check.value_text.empty() ? nlohmann::ordered_json(nullptr)
                                                                         : nlohmann::ordered_json(r.check.value_text)},
                                {"simulated", estimate_json(r.simulated)},
                                {"relative_half_width", opt(r.relative_half_width)},
                                {"tolerance", r.check.tolerance},
                                {"relative_error", opt(r.relative_error)},
                                {"status", to_string(r.status)},
                                {"reason", r.reason}});
      }
      if (!c.claims.empty()) {
        jc["claims"] = nlohmann::ordered_json::array();
        for (const auto& r : c.claims) {
          jc["claims"].push_back({{"claim", r.claim.display},
                                  {"formula", r.claim.formula},
                                  {"claimed", opt(r.claimed)},
                                  {"theory", opt(r.theory)},
                                  {"simulated", estimate_json(r.simulated)},
                                  {"unstable", r.unstable},
                                  {"holds", r.holds},
                                  {"expected", r.claim.expect_holds ? "holds" : "fails"},
                                  {"status", to_string(r.status)},
                                  {"reason", r.reason}});
        }
      }
      suite["cases"].push_back(jc);
    }
    j["suites"].push_back(suite);
  }
  if (coverage != nullptr) {
    nlohmann::ordered_json jc = {{"experiments", coverage->experiments},
                                 {"nominal", coverage->nominal},
                                 {"p_threshold", coverage_p_threshold},
                                 {"test", "exact two-sided binomial (minimum likelihood)"},
                                 {"interval", "Clopper-Pearson 95%"},
                                 {"passed", coverage->passed()},
                                 {"cancelled", coverage->cancelled},
                                 {"cases", nlohmann::ordered_json::array()}};
    for (const auto& c : coverage->cases) {
      nlohmann::ordered_json cc = {{"suite", c.suite},
                                   {"id", c.id},
                                   {"replications", c.replications},
                                   {"customers", opt(c.customers)},
                                   {"warmup", c.warmup},
                                   {"experiments", c.experiments_done},
                                   {"wall_seconds", c.wall_seconds},
                                   {"metrics", nlohmann::ordered_json::array()}};
      if (!c.error.empty()) cc["error"] = c.error;
      for (const auto& m : c.metrics) {
        cc["metrics"].push_back({{"check", m.check.label()},
                                 {"exact", m.exact},
                                 {"experiments", m.experiments},
                                 {"covered", m.covered},
                                 {"share", m.share},
                                 {"share_ci", {m.share_interval.low, m.share_interval.high}},
                                 {"p_value", m.p_value},
                                 {"consistent", m.consistent},
                                 {"mean_relative_half_width", m.mean_relative_half_width},
                                 {"max_relative_half_width", m.max_relative_half_width},
                                 {"tolerance", m.check.tolerance},
                                 {"bias", m.bias},
                                 {"bias_standard_error", m.bias_standard_error},
                                 {"bias_over_half_width", m.bias_over_half_width},
                                 {"missed_low", m.missed_low},
                                 {"missed_high", m.missed_high}});
      }
      jc["cases"].push_back(cc);
    }
    j["coverage"] = jc;
  }
  return j;
}

}  // namespace kendall::validation
