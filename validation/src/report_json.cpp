// The validation report as JSON (to_json).

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

nlohmann::ordered_json to_json(const std::vector<SuiteResult>& results,
                               const CoverageResult* coverage, const ReportContext& context) {
  nlohmann::ordered_json j;
  j["context"] = {{"command", context.command},
                  {"date", context.date},
                  {"machine", context.machine},
                  {"wall_seconds", context.wall_seconds}};
  const Summary all = summarize(results);
  j["summary"] = {{"cases", all.cases},         {"passed", all.passed},
                  {"failed", all.failed},       {"reported", all.reported},
                  {"checks", all.checks},       {"checks_failed", all.checks_failed},
                  {"cancelled", all.cancelled}, {"wall_seconds", all.wall_seconds}};
  j["suites"] = nlohmann::ordered_json::array();
  for (const auto& s : results) {
    nlohmann::ordered_json suite = {
        {"name", s.name}, {"title", s.title}, {"cases", nlohmann::ordered_json::array()}};
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
        jc["checks"].push_back(
            {{"check", r.check.label()},
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
