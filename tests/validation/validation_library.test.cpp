// The validation library's own machinery: the referee's statistics (against closed forms and
// values computed independently in exact rational arithmetic), the printed-digit tolerance,
// the formula evaluator, suite loading with located errors, and the runner's decision rules
// on small cases whose outcome is known in advance.

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/validation/expression.hpp"
#include "kendall/validation/model_call.hpp"
#include "kendall/validation/report.hpp"
#include "kendall/validation/runner.hpp"
#include "kendall/validation/statistics.hpp"
#include "kendall/validation/suite.hpp"

using namespace kendall::validation;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// A suite file in a fresh temporary directory.
std::filesystem::path write_suite(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "kendall-validation-tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / (name + ".yaml");
  std::ofstream(path) << text;
  return path;
}

CaseResult run_only_case(const std::string& name, const std::string& text) {
  const Suite suite = load_suite(write_suite(name, text));
  REQUIRE(suite.cases.size() == 1);
  RunOptions options;
  options.execution.threads = 1;
  return run_case(suite, suite.cases.front(), options);
}

constexpr const char* mm1_scenario = R"(
    scenario:
      name: M/M/1
      arrivals: [{to: queue, rate: 0.5}]
      stations:
        - {name: queue, service: {dist: exponential, rate: 1}}
      run: {customers: 20000, warmup: 1000, replications: 5, seed: 7}
)";

}  // namespace

TEST_CASE("half a unit in the last printed digit", "[validation][statistics]") {
  CHECK_THAT(half_unit_in_last_digit("8.108"), WithinRel(0.0005, 1e-12));
  CHECK_THAT(half_unit_in_last_digit("56.016"), WithinRel(0.0005, 1e-12));
  CHECK_THAT(half_unit_in_last_digit("0.4"), WithinRel(0.05, 1e-12));
  CHECK_THAT(half_unit_in_last_digit("12"), WithinRel(0.5, 1e-12));
  CHECK_THAT(half_unit_in_last_digit("1.25e-3"), WithinRel(5e-6, 1e-12));
  CHECK_THAT(half_unit_in_last_digit("24.1%"), WithinRel(0.0005, 1e-12));
  CHECK_THAT(half_unit_in_last_digit("0.0"), WithinRel(0.05, 1e-12));
  CHECK_THAT(parse_printed_number("24.1%"), WithinRel(0.241, 1e-15));
  CHECK_THAT(parse_printed_number(" 0.0192 "), WithinRel(0.0192, 1e-15));
  CHECK_THROWS_AS(parse_printed_number("12 ms"), kendall::InvalidParameter);
  CHECK_THROWS_AS(half_unit_in_last_digit(""), kendall::InvalidParameter);
}

TEST_CASE("exact binomial test against values computed in rational arithmetic",
          "[validation][statistics]") {
  // Python fractions: Σ P(X = j) over P(X = j) ≤ P(X = k)(1 + 1e-7), p0 = 19/20.
  CHECK_THAT(binomial_test_two_sided(940, 1000, 0.95), WithinRel(0.1465470574367643, 1e-9));
  CHECK_THAT(binomial_test_two_sided(930, 1000, 0.95), WithinRel(0.005670160942551159, 1e-9));
  CHECK_THAT(binomial_test_two_sided(180, 200, 0.95), WithinRel(0.0030686076502764764, 1e-9));
  CHECK_THAT(binomial_test_two_sided(100, 100, 0.95), WithinRel(0.010194711686699939, 1e-9));
  CHECK_THAT(binomial_test_two_sided(950, 1000, 0.95), WithinAbs(1.0, 1e-9));
  CHECK_THAT(binomial_test_two_sided(3, 300, 0.01), WithinAbs(1.0, 1e-9));
  CHECK_THROWS_AS(binomial_test_two_sided(5, 4, 0.5), kendall::InvalidParameter);
  CHECK_THROWS_AS(binomial_test_two_sided(1, 4, 1.0), kendall::InvalidParameter);
}

TEST_CASE("Clopper-Pearson and Wilson intervals", "[validation][statistics]") {
  // k = 0 and k = n have closed forms: (α/2)^(1/n).
  const auto zero = clopper_pearson(0, 10, 0.95);
  CHECK(zero.low == 0.0);
  CHECK_THAT(zero.high, WithinRel(1.0 - std::pow(0.025, 0.1), 1e-9));
  const auto all = clopper_pearson(20, 20, 0.95);
  CHECK(all.high == 1.0);
  CHECK_THAT(all.low, WithinRel(std::pow(0.025, 1.0 / 20.0), 1e-9));
  // The interval's ends are where the tail probabilities are exactly α/2.
  const auto mid = clopper_pearson(940, 1000, 0.95);
  double upper_tail = 0.0;  // P(X ≥ 940 | low)
  for (int j = 940; j <= 1000; ++j)
    upper_tail += binomial_probability(static_cast<std::uint64_t>(j), 1000, mid.low);
  CHECK_THAT(upper_tail, WithinAbs(0.025, 1e-9));
  CHECK(mid.low < 0.94);
  CHECK(mid.high > 0.94);
  // Wilson's closed form.
  const double z = 1.959963984540054;
  const double n = 1000;
  const double p = 0.94;
  const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
  const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  const auto w = wilson(940, 1000, 0.95);
  CHECK_THAT(w.low, WithinRel(centre - half, 1e-9));
  CHECK_THAT(w.high, WithinRel(centre + half, 1e-9));
  CHECK_THAT(normal_quantile(0.975), WithinRel(1.959963984540054, 1e-12));
  CHECK_THAT(normal_quantile(0.005), WithinRel(-2.5758293035489004, 1e-12));
}

TEST_CASE("Holm's step-down procedure", "[validation][statistics]") {
  // m = 4, α = 0.05: thresholds 0.0125, 0.01667, 0.025, 0.05 for the sorted p-values.
  CHECK(holm_rejections({0.01, 0.04, 0.03, 0.005}, 0.05) ==
        std::vector<bool>{true, false, false, true});
  CHECK(holm_rejections({0.001, 0.011, 0.02, 0.04}, 0.05) ==
        std::vector<bool>{true, true, true, true});
  CHECK(holm_rejections({0.02, 0.001}, 0.05) == std::vector<bool>{true, true});
  CHECK(holm_rejections({0.03, 0.03}, 0.05) == std::vector<bool>{false, false});
  CHECK(holm_rejections({}, 0.05).empty());
  // 130 metrics at 0.01: a lone p = 0.005 is not rejected family-wise, p = 5e-5 is.
  std::vector<double> p(130, 0.5);
  p[7] = 0.005;
  CHECK_FALSE(holm_rejections(p, 0.01)[7]);
  p[7] = 5e-5;
  CHECK(holm_rejections(p, 0.01)[7]);
}

TEST_CASE("formula evaluator", "[validation][expression]") {
  const Variables v = {{"lambda", 3}, {"mu", 2}, {"N", 1000}, {"B", 100}, {"v", 100}, {"P", 8}};
  CHECK(evaluate_expression("lambda/mu", v) == 1.5);
  CHECK(evaluate_expression("lambda/(lambda+mu)", v) == 0.6);
  CHECK(evaluate_expression("N/(B*v*P)", v) == 0.0125);
  CHECK(evaluate_expression("ceil(ceil(N/B)/P) * B/v", v) == 2.0);
  CHECK(evaluate_expression("2^3^2", v) == 512.0);  // right-associative
  CHECK(evaluate_expression("-mu + 2*3 - 1", v) == 3.0);
  CHECK(evaluate_expression("max(1, min(5, 3))", v) == 3.0);
  CHECK(evaluate_expression("1.25e-3", v) == 0.00125);
  CHECK_THROWS_WITH(evaluate_expression("lambda/nu", v), Contains("unknown parameter 'nu'"));
  CHECK_THROWS_WITH(evaluate_expression("(lambda", v), Contains("missing ')'"));
  CHECK_THROWS_WITH(evaluate_expression("log(2)", v), Contains("unknown function 'log'"));
  CHECK_THROWS_WITH(evaluate_expression("1/0", v), Contains("finite"));
}

TEST_CASE("model calls by name", "[validation][model_call]") {
  ModelCall call;
  call.name = "mmc";
  call.args = {{"lambda", 2.4}, {"mu", 1}, {"servers", 3}};
  CHECK_THAT(call_model(call).metrics.at("p_wait"), WithinRel(0.6471910112359551, 1e-12));
  call.name = "erlang_b_load";
  call.args = {{"servers", 15}, {"p_block", 0.01}};
  CHECK_THAT(call_model(call).metrics.at("load"), WithinAbs(8.108, 0.0005));
  call.name = "no_such_model";
  CHECK_THROWS_WITH(call_model(call), Contains("unknown model 'no_such_model'") && Contains("mmc"));
  call.name = "mm1";
  call.args = {{"lambda", 0.5}};
  CHECK_THROWS_WITH(call_model(call), Contains("needs the argument 'mu'"));
  call.args = {{"lambda", 0.5}, {"mu", 1}, {"servers", 2}};
  CHECK_THROWS_WITH(call_model(call), Contains("has no argument 'servers'"));
}

TEST_CASE("suite files: located errors", "[validation][suite]") {
  const auto unknown =
      write_suite("bad-key", "title: t\ncases:\n  - id: a\n    title: x\n    toleranse: 2%\n");
  CHECK_THROWS_WITH(load_suite(unknown),
                    Contains("bad-key.yaml:5:5") && Contains("unknown key 'toleranse'"));
  const auto no_tol = write_suite(
      "no-tolerance", std::string("title: t\ncases:\n  - id: a\n    title: x\n") + mm1_scenario +
                          "    checks:\n      - {station: queue, metrics: [L]}\n");
  CHECK_THROWS_WITH(load_suite(no_tol), Contains("needs a tolerance"));
  const auto no_source =
      write_suite("no-source",
                  "title: t\ncases:\n  - id: a\n    title: x\n    kind: published\n"
                  "    reference: {model: mm1, lambda: 0.5, mu: 1}\n    checks:\n      - {station: "
                  "q, values: {L: \"1\"}}\n");
  CHECK_THROWS_WITH(load_suite(no_source), Contains("needs its source"));
  const auto bad_scenario = write_suite(
      "bad-scenario",
      "title: t\ncases:\n  - id: a\n    title: x\n    tolerance: 2%\n    scenario:\n      name: s\n"
      "      stations:\n        - {name: q, severs: 2, service: {mean: 1}}\n"
      "    checks:\n      - {station: q, metrics: [L]}\n");
  CHECK_THROWS_WITH(load_suite(bad_scenario), Contains("does not load") && Contains("severs"));
  const auto accuracy = write_suite(
      "accuracy-without-source",
      std::string(
          "title: t\ncases:\n  - id: a\n    title: x\n    kind: approximation\n    tolerance: 2%\n"
          "    accuracy: 10%\n") +
          mm1_scenario + "    checks:\n      - {station: queue, metrics: [L]}\n");
  CHECK_THROWS_WITH(load_suite(accuracy), Contains("accuracy_source"));
}

TEST_CASE("published case: half a unit in the last digit decides", "[validation][runner]") {
  const std::string head =
      "title: t\ncases:\n  - id: p\n    title: M/M/1 L\n    kind: published\n    source: by hand\n"
      "    reference: {model: mm1, lambda: 0.8, mu: 1}\n    checks:\n";
  CHECK(run_only_case("pub-ok", head + "      - {station: q, values: {L: \"4.0\", W: \"5\"}}\n")
            .status == Status::Pass);
  const auto off = run_only_case("pub-off", head + "      - {station: q, values: {L: \"4.1\"}}\n");
  CHECK(off.status == Status::Fail);
  CHECK_THAT(off.checks.front().reason, Contains("published 4.1"));
  // The table form: one call per entry.
  const auto table = run_only_case(
      "pub-table",
      "title: t\ncases:\n  - id: b\n    title: Erlang B\n    kind: published\n    source: by hand\n"
      "    reference: {model: erlang_b_load}\n    table:\n      row: servers\n      column: "
      "p_block\n"
      "      metric: load\n      columns: [0.01, 0.02]\n      rows:\n        - [15, \"8.108\", "
      "\"9.010\"]\n");
  REQUIRE(table.checks.size() == 2);
  CHECK(table.status == Status::Pass);
  CHECK_THAT(table.checks[1].check.label(), Contains("servers = 15") && Contains("p_block = 0.02"));
}

TEST_CASE("simulation case: exact value in the 99% interval AND a narrow enough interval",
          "[validation][runner]") {
  const std::string head =
      std::string("title: t\ncases:\n  - id: s\n    title: M/M/1\n") + mm1_scenario;
  const auto ok = run_only_case(
      "sim-ok", head +
                    "    tolerance: 10%\n    checks:\n      - {station: queue, metrics: [L, W, "
                    "utilization, little_L_ratio]}\n");
  INFO(render_case_text(ok));
  CHECK(ok.status == Status::Pass);
  CHECK(ok.replications == 5);
  // Too short to tell: the same run with a 0.1% tolerance fails on precision.
  const auto imprecise = run_only_case(
      "sim-imprecise",
      head + "    tolerance: 0.1%\n    checks:\n      - {station: queue, metrics: [L]}\n");
  CHECK(imprecise.status == Status::Fail);
  CHECK_THAT(imprecise.checks.front().reason, Contains("too imprecise"));
  // A wrong reference fails even after the confirmation run.
  const auto wrong = run_only_case(
      "sim-wrong", head +
                       "    reference: values\n    source: deliberately wrong\n    tolerance: 10%\n"
                       "    checks:\n      - {station: queue, metric: L, value: \"1.2\"}\n");
  CHECK(wrong.status == Status::Fail);
  CHECK(wrong.checks.front().first_stage_miss);
  REQUIRE(wrong.confirmation_seed.has_value());
  CHECK(*wrong.confirmation_seed == 7 + confirmation_seed_offset);
  CHECK(wrong.confirmation_replications == 10);
  CHECK_THAT(wrong.checks.front().reason, Contains("confirmation run"));
}

TEST_CASE("approximation case: the error is reported, rate identities checked exactly",
          "[validation][runner]") {
  const auto r =
      run_only_case("approx",
                    "title: t\ncases:\n  - id: a\n    title: D/M/1\n    kind: approximation\n    "
                    "source: Kingman\n"
                    "    scenario:\n      name: D/M/1\n      arrivals: [{to: q, interarrival: "
                    "{dist: deterministic, value: 1.25}}]\n"
                    "      stations:\n        - {name: q, service: {dist: exponential, mean: 1}}\n"
                    "      run: {customers: 200000, warmup: 1000, replications: 10, seed: 3}\n    "
                    "tolerance: 10%\n"
                    "    checks:\n      - {station: q, metrics: [Wq]}\n      - {station: q, "
                    "metrics: [throughput], exact: true}\n");
  INFO(render_case_text(r));
  REQUIRE(r.checks.size() == 2);
  CHECK(r.checks[0].status == Status::Reported);
  REQUIRE(r.checks[0].relative_error.has_value());
  CHECK(*r.checks[0].relative_error > 0.05);  // Kingman overestimates D/M/1 by ~18%
  CHECK(r.checks[1].status == Status::Pass);
  CHECK(r.status == Status::Reported);  // measured, not judged — though its rate identity passed
}

TEST_CASE("claims: formulas evaluated from the parameters, verdicts compared with expectations",
          "[validation][runner]") {
  const auto r = run_only_case(
      "claims",
      "title: t\ncases:\n  - id: c\n    title: chunks\n    kind: claims\n    source: by hand\n"
      "    scenario:\n      name: chunks\n      stations:\n        - {name: w, servers: 8, "
      "backlog: 10, service: "
      "{dist: deterministic, value: 1}}\n      run: {warmup: none, replications: 2, seed: 1}\n"
      "    tolerance: 1%\n    params: {N: 1000, B: 100, v: 100, P: 8}\n    claims:\n"
      "      - {display: wrong, formula: N/(B*v*P), metric: makespan, expect: fails}\n"
      "      - {display: right, formula: ceil(ceil(N/B)/P)*B/v, metric: makespan, expect: holds}\n"
      "      - {display: mislabelled, formula: N/(v*P), metric: makespan, expect: holds}\n");
  INFO(render_case_text(r));
  REQUIRE(r.claims.size() == 3);
  CHECK(r.claims[0].status == Status::Pass);
  CHECK_FALSE(r.claims[0].holds);
  CHECK(r.claims[1].status == Status::Pass);
  CHECK(r.claims[1].holds);
  CHECK_THAT(*r.claims[1].theory, WithinRel(2.0, 1e-12));
  CHECK(r.claims[2].status == Status::Fail);  // the case study must show what it says
  CHECK(r.status == Status::Fail);
}

TEST_CASE("reports: Markdown, HTML and JSON carry the evidence", "[validation][report]") {
  const auto r =
      run_only_case("report",
                    "title: t\ncases:\n  - id: p\n    title: M/M/1 L\n    kind: published\n"
                    "    source: by hand\n    reference: {model: mm1, lambda: 0.8, mu: 1}\n"
                    "    checks:\n      - {station: q, values: {L: \"4.0\"}}\n");
  const std::vector<SuiteResult> results = {{"report", "t", "", {r}}};
  ReportContext ctx;
  ctx.command = "kendall validate report";
  const std::string md = render_markdown(results, nullptr, ctx);
  CHECK_THAT(
      md, Contains("| q.L | 4.0 | 4 |") && Contains("PASS") && Contains("kendall validate report"));
  const std::string html = render_html(results, nullptr, ctx);
  CHECK_THAT(html,
             Contains("<!DOCTYPE html>") && Contains("<style>") && Contains("class=\"num pass\""));
  CHECK_THAT(html, !Contains("<script") && !Contains("http://") && !Contains("https://"));
  const auto json = to_json(results, nullptr, ctx);
  CHECK(json["summary"]["passed"] == 1);
  CHECK(json["suites"][0]["cases"][0]["checks"][0]["published"] == "4.0");
}
