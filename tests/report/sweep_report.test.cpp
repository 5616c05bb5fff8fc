#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/sweep_capacity_report.hpp"
#include "markup_check.hpp"

using namespace kendall;
using report::ReportFormat;

namespace {

constexpr const char* yaml = R"(name: Sweep test
time_unit: ms
arrivals:
  - {to: api, rate: 100/s}
stations:
  - name: api
    servers: 4
    service: {dist: exponential, mean: 30ms}
)";

// api.servers = 2..6 with theory from the solver and a simulated interval around it.
planner::SweepResult hand_made_sweep(const model::Scenario& base) {
  planner::SweepResult s;
  s.scenario = base.name;
  s.time_unit = "ms";
  s.axes = {{"api.servers", "api", "servers", {2, 3, 4, 5, 6}}};
  s.replications = 5;
  s.seed = 9;
  for (double c : s.axes.front().values) {
    model::Scenario sc = base;
    sc.stations[0].servers = static_cast<std::uint32_t>(c);
    const auto solution = model::solve_scenario(sc);
    planner::SweepPoint p;
    p.coordinates = {c};
    planner::SweepStationValues v;
    v.name = "api";
    v.analytic = solution.stations[0].result;
    p.stable = v.analytic->stable;
    sim::StationResult r;
    r.name = "api";
    r.unstable = !p.stable;
    if (p.stable) {
      for (const char* m : {"utilization", "W", "Wq"}) {
        const double a = v.analytic->metrics.at(m);
        r.metrics.set(m, {a, 0.95 * a, 1.05 * a, 5});
      }
    }
    v.simulated = r;
    p.finished = true;
    p.stations.push_back(v);
    s.points.push_back(p);
  }
  return s;
}

struct Fixture {
  model::Scenario scenario = model::parse_scenario(yaml, "sweep-test.yaml");
  planner::SweepResult sweep = hand_made_sweep(scenario);
  report::Provenance provenance{"0.1.0", "kendall sweep x.yaml --vary api.servers=2..6", "x.yaml", "", 9, "d", "h"};
  [[nodiscard]] report::SweepReportInput input() const {
    return {scenario, sweep, provenance, {{"api", "Wq", 20.0, "api Wq < 20ms", true}}};
  }
};

}  // namespace

TEST_CASE("the sweep report draws theory and simulation and stays self-contained",
          "[report][sweep]") {
  const Fixture f;
  const std::string html = report::render_sweep_report(f.input(), ReportFormat::Html);
  INFO(report::testing::markup_problem(html, true));
  CHECK(report::testing::markup_problem(html, true).empty());
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("Wq at api as api.servers varies") != std::string::npos);
  CHECK(html.find("SLO api Wq &lt; 20ms") != std::string::npos);
  CHECK(html.find("2 point(s) are unstable") != std::string::npos);  // c = 2, 3: offered load 3
}

TEST_CASE("the sweep report in JSON and CSV carries every point", "[report][sweep]") {
  const Fixture f;
  const auto j = nlohmann::json::parse(report::render_sweep_report(f.input(), ReportFormat::Json));
  REQUIRE(j.at("points").size() == 5);
  CHECK(j.at("axes").at(0).at("parameter") == "api.servers");
  const auto& p4 = j.at("points").at(2);
  CHECK(p4.at("coordinates").at(0) == 4.0);
  CHECK(p4.at("stations").at(0).at("analytic").at("method") == "exact");
  CHECK(p4.at("stations").at(0).at("simulated").contains("Wq"));
  CHECK(j.at("provenance").at("seed") == 9);

  std::istringstream csv(report::render_sweep_report(f.input(), ReportFormat::Csv));
  std::string line;
  std::getline(csv, line);
  std::size_t at_four = 0;
  while (std::getline(csv, line)) {
    CHECK(line.ends_with(",9\r"));
    if (line.find(",api.servers=4,api,") != std::string::npos) ++at_four;
  }
  CHECK(at_four >= 3);  // utilization, W, Wq at least
}
