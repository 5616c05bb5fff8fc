// Run reports judge every SLO from the simulation, and say how: a service level
// P(Wq <= t) >= s through the simulated s-quantile of Wq (the two statements are equivalent),
// Wq_served at a station with patience from the simulation's own Wq_served, and Wq_served at a
// station without patience as Wq (every admitted customer is served there).

#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/metric_descriptions.hpp"
#include "kendall/report/run_capacity_report.hpp"
#include "kendall/sim/experiment.hpp"

using namespace kendall;

namespace {

// The call centre at 42 agents (Erlang-A: Wq_p80 = 15.9 s) and an
// M/M/1 desk without patience, both short enough for a unit test.
constexpr const char* yaml = R"(name: SLO judgement
time_unit: s
arrivals:
  - {to: agents, rate: 600/h}
  - {to: desk, rate: 0.1/s}
stations:
  - name: agents
    servers: 42
    service: {dist: exponential, mean: 4min}
    patience: {dist: exponential, mean: 3min}
  - name: desk
    servers: 1
    service: {dist: exponential, mean: 1s}
run: {customers: 10000, replications: 5, seed: 11}
slo:
  - {station: agents, service_level: {wait_at_most: 40s, share: 80%}}
  - {station: agents, metric: Wq_served, below: 30s}
  - {station: desk, metric: Wq_served, below: 5s}
)";

/// The Markdown row of the SLO table that starts with `slo`.
std::string row_of(const std::string& md, const std::string& slo) {
  std::istringstream in(md);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("| " + slo + " |")) return line;
  }
  FAIL("no row for " << slo << " in\n" << md);
  return {};
}

struct Run {
  model::Scenario scenario;
  sim::ExperimentResult result;
  std::vector<report::charts::SloLine> slos;

  explicit Run(bool ask_for_slo_quantiles) : scenario(model::parse_scenario(yaml, "t.yaml", ".")) {
    slos = report::charts::slo_lines(scenario);
    // What `kendall run --report` does before simulating.
    if (ask_for_slo_quantiles) {
      for (double q : report::charts::slo_quantile_levels(slos))
        scenario.run.quantiles.push_back(q);
    }
    result = sim::run_experiment(scenario, {2});
  }

  [[nodiscard]] std::string markdown() const {
    const report::RunReportInput in{scenario, result, nullptr, {}, slos};
    return report::render_run_report(in, report::ReportFormat::Markdown);
  }
  [[nodiscard]] sim::Estimate estimate(std::size_t station, const std::string& metric) const {
    const auto e = result.stations.at(station).metrics.get(metric);
    REQUIRE(e);
    return *e;
  }
};

}  // namespace

TEST_CASE("a service level is judged by the simulated quantile of the wait", "[report][slo]") {
  REQUIRE(report::charts::slo_quantile_levels(report::charts::slo_lines(
              model::parse_scenario(yaml, "t.yaml", "."))) == std::vector<double>{0.8});
  const Run run(true);
  const std::string row = row_of(run.markdown(), "agents P(Wq <= 40s) >= 80%");
  INFO(row);
  const sim::Estimate p80 = run.estimate(0, "Wq_p80");
  // The value shown is the simulated Wq_p80 with its interval, and the method says so.
  CHECK(row.find(report::format_estimate("Wq_p80", p80, "s")) != std::string::npos);
  CHECK(row.find("Wq_p80 ≤ 40 s ⟺ P(Wq ≤ 40 s) ≥ 80%") != std::string::npos);
  // Erlang-A's 80% quantile is 15.9 s, well inside 40 s: the whole interval passes.
  CHECK(p80.ci_high < 40.0);
  CHECK(row.find("| pass |") != std::string::npos);
  CHECK(row.find("not measured") == std::string::npos);
}

TEST_CASE("without the quantile the report says what to add instead of guessing", "[report][slo]") {
  const Run run(false);
  const std::string row = row_of(run.markdown(), "agents P(Wq <= 40s) >= 80%");
  INFO(row);
  CHECK(row.find("not measured: the simulation has no Wq_p80 (add 0.8 to the run's quantiles)") !=
        std::string::npos);
}

TEST_CASE("Wq_served is the served customers' wait with patience, Wq without", "[report][slo]") {
  const Run run(true);
  const std::string md = run.markdown();
  const std::string agents = row_of(md, "agents Wq_served < 30s");
  const std::string desk = row_of(md, "desk Wq_served < 5s");
  INFO(agents << "\n" << desk);
  // agents has patience: its own Wq_served, which differs from Wq.
  const sim::Estimate served = run.estimate(0, "Wq_served");
  const sim::Estimate all = run.estimate(0, "Wq");
  REQUIRE(served.mean != all.mean);
  CHECK(agents.find(report::format_estimate("Wq_served", served, "s")) != std::string::npos);
  CHECK(agents.find("| simulation |") != std::string::npos);
  // desk has none: the simulator reports no Wq_served there, and Wq is the same quantity.
  CHECK_FALSE(run.result.stations.at(1).metrics.has("Wq_served"));
  CHECK(desk.find(report::format_estimate("Wq", run.estimate(1, "Wq"), "s")) != std::string::npos);
  CHECK(desk.find("simulation: Wq (no patience: every customer admitted is served)") !=
        std::string::npos);
  CHECK(desk.find("not measured") == std::string::npos);
}

TEST_CASE("the quantiles of the served and abandoning customers' waits have meanings",
          "[report][slo]") {
  CHECK(report::describe_metric("Wq_served_p95") ==
        "95th percentile of the wait of customers served");
  CHECK(report::describe_metric("Wq_abandoned_p50") ==
        "50th percentile of the time until abandonment");
  CHECK(report::describe_metric("Wq_p95") == "95th percentile of the wait");
}
