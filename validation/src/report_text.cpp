// The validation report for the terminal: the suite list, one case as it finishes, the
// closing summary and the coverage study.

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

std::string render_list(const std::vector<Suite>& suites) {
  std::ostringstream out;
  for (const auto& s : suites) {
    out << s.name << " — " << s.title << " (" << s.cases.size() << " cases, " << s.file.string()
        << ")\n";
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
    if (c.spec.kind == CaseKind::Published)
      t = report::Table({"value", "published", "Kendall", "allowed", "result"});
    for (const auto& r : c.checks) {
      if (c.spec.kind == CaseKind::Published) {
        t.add_row({r.check.label(), r.check.value_text, opt_num(r.analytic),
                   "±" + report::format_number(r.check.value_tolerance, 3), to_string(r.status)});
      } else {
        std::string ref = opt_num(r.reference);
        if (r.relative_error) ref += fmt::format(" (err {})", pct(*r.relative_error));
        t.add_row({r.check.label(), ref, r.simulated ? num(r.simulated->mean) : "—",
                   r.simulated ? interval(*r.simulated) : "—",
                   r.relative_half_width ? pct(*r.relative_half_width) : "—",
                   pct(r.check.tolerance), to_string(r.status)});
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
                 r.holds ? "holds" : "no", r.claim.expect_holds ? "holds" : "fails",
                 to_string(r.status)});
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

std::string render_summary_text(const std::vector<SuiteResult>& results,
                                const CoverageResult* coverage) {
  std::ostringstream out;
  if (!results.empty()) {
    const Summary all = summarize(results);
    out << fmt::format(
        "Summary: {} cases — {} passed, {} failed, {} reported only; {} checks, {} failed; {} "
        "s{}\n",
        all.cases, all.passed, all.failed, all.reported, all.checks, all.checks_failed,
        num4(all.wall_seconds),
        all.cancelled ? fmt::format(" (interrupted: {} case(s) cut short and not counted)",
                                    all.cancelled_cases)
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
    out << fmt::format(
        "Coverage: {} metrics in {} cases, {} experiments each; {} with p < {} alone, {} rejected "
        "family-wise (Holm, 0.01){}; {}\n",
        coverage->metric_count(), coverage->cases.size() - controls, coverage->experiments,
        coverage->inconsistent_count(), coverage_p_threshold, rejected,
        controls > 0 ? fmt::format("; negative controls detected: {} of {}", detected, controls)
                     : "",
        coverage->passed() ? "PASS" : "FAIL");
  }
  return out.str();
}

std::string render_coverage_text(const CoverageResult& cov) {
  report::Table t({"case", "metric", "exact", "covered/N", "coverage", "95% CI", "p", "verdict",
                   "rel.hw/tol", "bias/hw"});
  for (const auto& c : cov.cases) {
    if (!c.error.empty()) {
      t.add_row({c.suite + "/" + c.id, "error: " + c.error});
      continue;
    }
    for (const auto& m : c.metrics) {
      t.add_row({c.suite + "/" + c.id + (c.control ? " (control)" : ""), m.check.label(),
                 num(m.exact), fmt::format("{}/{}", m.covered, m.experiments), pct(m.share),
                 fmt::format("[{}, {}]", pct(m.share_interval.low), pct(m.share_interval.high)),
                 report::format_number(m.p_value, 3),
                 c.control
                     ? (m.consistent ? "control missed" : "control detected")
                     : (m.rejected_familywise ? "REJECTED"
                                              : (m.consistent ? "consistent" : "p<0.01 alone")),
                 fmt::format("{}/{}{}", pct(m.mean_relative_half_width), pct(m.check.tolerance),
                             m.precise ? "" : " (!)"),
                 report::format_number(m.bias_over_half_width, 2)});
    }
  }
  return t.to_text();
}

}  // namespace kendall::validation
