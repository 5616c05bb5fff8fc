#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/run_capacity_report.hpp"
#include "kendall/report/sha256.hpp"
#include "kendall/report/tidy_csv.hpp"
#include "kendall/sim/experiment.hpp"
#include "markup_check.hpp"

using namespace kendall;
using report::ReportFormat;

namespace {

// Two exact M/M/c stations in tandem, short enough for a unit test.
constexpr const char* yaml = R"(name: Tandem for the report test
description: Two M/M/c stations in tandem.
time_unit: ms
arrivals:
  - {to: front, rate: 100/s}
stations:
  - name: front
    servers: 2
    service: {dist: exponential, mean: 15ms}
    next: back
  - name: back
    servers: 1
    service: {dist: exponential, mean: 5ms}
run:
  customers: 4000
  warmup: 200
  replications: 4
  seed: 7
)";

struct Fixture {
  std::filesystem::path file = std::filesystem::temp_directory_path() / "kendall-report-test.yaml";
  model::Scenario scenario;
  sim::ExperimentResult result;
  model::ScenarioSolution solution;
  report::Provenance provenance;

  Fixture() {
    {
      std::ofstream out(file);
      out << yaml;
    }
    scenario = model::load_scenario(file);
    result = sim::run_experiment(scenario, {2});
    model::QueryOptions q;
    q.quantiles = model::with_default_quantiles({});
    solution = model::solve_scenario(scenario, q);
    provenance = report::collect_provenance({"kendall", "run", file.string(), "--report", "r.html"},
                                            file.string(), result.seed);
  }
  ~Fixture() { std::filesystem::remove(file); }

  [[nodiscard]] report::RunReportInput input() const {
    return {scenario, result, &solution, provenance,
            {{"front", "utilization", 0.95, "front utilization < 95%"},
             {"back", "Wq", 1e-6, "back Wq < 0.000001ms"}}};
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells{""};
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      cells.emplace_back();
    } else if (c != '\r') {
      cells.back() += c;
    }
  }
  return cells;
}

}  // namespace

TEST_CASE("the HTML report is well formed and self-contained", "[report][capacity]") {
  const auto& f = fixture();
  const std::string html = report::render_run_report(f.input(), ReportFormat::Html);
  INFO(report::testing::markup_problem(html, true));
  CHECK(report::testing::markup_problem(html, true).empty());
  CHECK(html.starts_with("<!DOCTYPE html>"));
  // Nothing from anywhere: no addresses, scripts, external styles, fonts or images.
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  // Printable: print CSS with a page break before each section.
  CHECK(html.find("@media print") != std::string::npos);
  CHECK(html.find("break-before: page") != std::string::npos);
  // Inline charts, the answer first, the footer last.
  CHECK(html.find("<svg ") != std::string::npos);
  const auto summary = html.find(">Summary</h2>");
  const auto stations = html.find(">Stations</h2>");
  const auto methods = html.find(">Assumptions and methods</h2>");
  REQUIRE(summary != std::string::npos);
  CHECK(summary < stations);
  CHECK(stations < methods);
  CHECK(html.find(report::sha256_file(f.file)) > methods);
  CHECK(html.find("Seed 7") != std::string::npos);
  // Units on numbers: times in ms, rates per second.
  CHECK(html.find(" ms") != std::string::npos);
  CHECK(html.find(" /s") != std::string::npos);
  // The SLO verdicts: one met, one failed.
  CHECK(html.find("front utilization &lt; 95%") != std::string::npos);
  CHECK(html.find("class=\"fail\">FAIL<") != std::string::npos);
  CHECK(html.find("class=\"pass\">pass<") != std::string::npos);
}

TEST_CASE("the Markdown report has tables and no HTML", "[report][capacity]") {
  const std::string md = report::render_run_report(fixture().input(), ReportFormat::Markdown);
  CHECK(md.starts_with("# Capacity report — Tandem for the report test"));
  for (const char* tag : {"<svg", "<table", "<div", "<p>", "<br", "<section", "<span"}) {
    INFO(tag);
    CHECK(md.find(tag) == std::string::npos);
  }
  CHECK(md.find("| station | servers | utilization | L | Lq | W | Wq | throughput |") != std::string::npos);
  CHECK(md.find("**FAIL**") != std::string::npos);
  CHECK(md.find("*Chart: ") != std::string::npos);
}

TEST_CASE("the JSON report parses back against the run contract", "[report][capacity]") {
  const auto& f = fixture();
  const auto j = nlohmann::json::parse(report::render_run_report(f.input(), ReportFormat::Json));
  CHECK(j.at("scenario") == "Tandem for the report test");
  CHECK(j.at("engine") == "des");
  CHECK(j.at("replications") == 4);
  CHECK(j.at("seed") == 7);
  REQUIRE(j.at("stations").size() == 2);
  for (const auto& s : j.at("stations")) {
    CHECK(s.at("analytic").at("method") == "exact");
    const auto& l = s.at("simulated").at("L");
    CHECK(l.at("ci_low").get<double>() <= l.at("mean").get<double>());
    CHECK(l.at("mean").get<double>() <= l.at("ci_high").get<double>());
  }
  CHECK(j.at("network").contains("W"));
  const auto& p = j.at("provenance");
  CHECK(p.at("scenario_sha256") == report::sha256_file(f.file));
  CHECK(p.at("seed") == 7);
  CHECK(p.at("kendall_version").get<std::string>().size() >= 5);
  CHECK(p.at("command_line").get<std::string>().find("--report r.html") != std::string::npos);
}

TEST_CASE("the CSV report has one tidy row per station and metric, with the seed",
          "[report][capacity]") {
  const auto& f = fixture();
  std::istringstream csv(report::render_run_report(f.input(), ReportFormat::Csv));
  std::string line;
  std::getline(csv, line);
  CHECK(split_csv_line(line) == report::tidy_columns());
  std::size_t rows = 0;
  std::size_t expected = f.result.network.entries().size();
  for (const auto& s : f.result.stations) expected += s.metrics.entries().size();
  bool saw_utilization_ms = false;
  while (std::getline(csv, line)) {
    const auto cells = split_csv_line(line);
    REQUIRE(cells.size() == report::tidy_columns().size());
    CHECK(cells[1] == "today");
    CHECK(cells.back() == "7");
    if (cells[2] == "front" && cells[4] == "utilization") {
      CHECK(cells[5] == "fraction");
      CHECK(cells[7] == "exact");
      saw_utilization_ms = true;
    }
    if (cells[4] == "W") CHECK(cells[5] == "ms");
    ++rows;
  }
  CHECK(saw_utilization_ms);
  CHECK(rows == expected);
}

TEST_CASE("report formats come from the extension", "[report][capacity]") {
  CHECK(report::report_format_for("a/b.HTML") == ReportFormat::Html);
  CHECK(report::report_format_for("r.md") == ReportFormat::Markdown);
  CHECK(report::report_format_for("r.json") == ReportFormat::Json);
  CHECK(report::report_format_for("r.csv") == ReportFormat::Csv);
  CHECK_THROWS_WITH(report::report_format_for("r.pdf"),
                    Catch::Contains(".html, .md, .json or .csv") && Catch::Contains("'.pdf'"));
  CHECK_THROWS(report::report_format_for("report"));
}

TEST_CASE("the command line in the footer can be pasted into a shell", "[report][capacity]") {
  CHECK(report::shell_command_line({"kendall", "run", "my scenario.yaml", "--seed", "7"}) ==
        "kendall run 'my scenario.yaml' --seed 7");
  CHECK(report::shell_command_line({"a", "it's"}) == "a 'it'\\''s'");
}
