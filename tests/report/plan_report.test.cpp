#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/report/plan_capacity_report.hpp"
#include "kendall/report/tidy_csv.hpp"

#include "markup_check.hpp"

using namespace kendall;
using report::ReportFormat;

namespace {

constexpr const char* yaml = R"(name: Web API
time_unit: ms
arrivals:
  - {to: api, rate: 120/s}
stations:
  - name: api
    servers: 8
    service: {dist: exponential, mean: 60ms}
)";

planner::SloVerdict wq_p95(double value_ms, bool simulated) {
  planner::SloVerdict v;
  v.slo = "api Wq_p95 < 200ms";
  v.metric = "Wq_p95";
  v.station = "api";
  v.quantity = planner::Quantity::Time;
  v.bound = 200.0;
  planner::MetricValue m;
  m.value = value_ms;
  m.analytic = value_ms * 1.02;
  m.analytic_method = "exact";
  m.method = simulated ? "simulation" : "exact";
  if (simulated) m.simulated = sim::Estimate{value_ms, value_ms * 0.95, value_ms * 1.05, 10};
  v.value = m;
  v.pass = value_ms < 200.0;
  return v;
}

// A plan as the planner would return it for "api needs 9 servers (today 8)".
planner::PlanResult hand_made_plan() {
  planner::PlanResult p;
  p.scenario = "Web API";
  p.time_unit = "ms";
  p.seconds_per_unit = 1e-3;
  p.slos_today = {wq_p95(310.0, true)};
  p.slos = {wq_p95(140.0, true)};
  p.feasible = true;
  planner::StationPlan s;
  s.name = "api";
  s.servers_today = 8;
  s.recommended_servers = 9;
  s.method = "simulation";
  s.model = "M/M/c";
  s.confirmed_by_simulation = true;
  for (std::uint32_t c : {8u, 9u, 10u}) {
    planner::ServerOption o;
    o.servers = c;
    o.verdicts = {wq_p95(c == 8 ? 310.0 : c == 9 ? 140.0 : 60.0, true)};
    o.meets = c >= 9;
    s.around_recommendation.push_back(o);
  }
  p.stations = {s};
  p.headroom.factor = 1.31;
  p.headroom.bottleneck = "api";
  p.headroom.breaking_slo = "api Wq_p95 < 200ms";
  p.headroom.method = "exact";
  for (double f : {0.8, 1.0, 1.2, 1.31, 1.5}) {
    planner::LoadPoint lp;
    lp.factor = f;
    lp.verdicts = {wq_p95(140.0 * f * f, false)};
    lp.meets = lp.verdicts.front().pass;
    p.headroom.load_table.push_back(lp);
  }
  planner::CostComparison cost;
  cost.currency = "EUR";
  cost.today = {"today", {8}, 8.0, 2.0, 0.0, 10.0, false};
  cost.smallest = {"smallest", {9}, 9.0, 2.2, 0.0, 11.2, true};
  cost.cheapest = cost.smallest;
  cost.cheapest.label = "cheapest";
  p.cost = cost;
  p.simulation = planner::SimulationSettings{10, 42, 0.95, true, 3};
  return p;
}

struct Fixture {
  model::Scenario scenario = model::parse_scenario(yaml, "web-api-test.yaml");
  planner::PlanResult plan = hand_made_plan();
  report::Provenance provenance{"0.1.0",
                                "kendall plan web-api.yaml --report r.html",
                                "web-api.yaml",
                                std::string(64, 'a'),
                                42,
                                "2026-12-05T09:00:00Z",
                                "host"};
  [[nodiscard]] report::PlanReportInput input() const { return {scenario, plan, provenance}; }
};

}  // namespace

TEST_CASE("the plan summary says what to buy and why in one sentence", "[report][plan]") {
  const Fixture f;
  CHECK(report::plan_summary_sentence(f.input()) ==
        "api needs 9 servers (today 8): Wq_p95 goes from 310 ms [294, 326] to 140 ms [133, 147] "
        "against the 200 ms SLO; traffic can then grow 1.31× before api breaks it again; cost "
        "+12%.");
}

namespace {

constexpr const char* call_centre_yaml = R"(name: Call centre
time_unit: s
arrivals:
  - {to: agents, rate: 600/h}
stations:
  - name: agents
    servers: 44
    service: {dist: exponential, mean: 4min}
    patience: {dist: exponential, mean: 3min}
)";

planner::SloVerdict service_level(double share, std::optional<sim::Estimate> p80) {
  planner::SloVerdict v;
  v.slo = "agents P(Wq <= 20s) >= 80%";
  v.metric = "service_level";
  v.station = "agents";
  v.quantity = planner::Quantity::Probability;
  v.upper_bound = false;
  v.bound = 0.8;
  v.wait_at_most = 20.0;
  planner::MetricValue m;
  m.value = share;
  m.analytic = share;
  m.analytic_method = "exact";
  m.method = "exact";
  if (p80) {
    m.simulated = *p80;
    m.simulated_metric = "Wq_p80";
  }
  v.value = m;
  v.pass = share >= 0.8;
  return v;
}

planner::SloVerdict p_abandon(double p) {
  planner::SloVerdict v;
  v.slo = "agents p_abandon < 5%";
  v.metric = "p_abandon";
  v.station = "agents";
  v.quantity = planner::Quantity::Probability;
  v.bound = 0.05;
  planner::MetricValue m;
  m.value = p;
  m.analytic = p;
  m.analytic_method = "exact";
  m.method = "exact";
  v.value = m;
  v.pass = p < 0.05;
  return v;
}

}  // namespace

TEST_CASE("the summary names the SLO that fails at one server fewer, not the tightest one",
          "[report][plan]") {
  // 44 → 42 agents. With the plan, p_abandon (4.9% of 5%) is closer to its bound than the
  // service level (83.4% of 80%), but at 41 agents only the service level fails: it is the
  // SLO that decides the size, so the sentence names it, with today's and the plan's values.
  planner::PlanResult p;
  p.scenario = "Call centre";
  p.time_unit = "s";
  p.slos_today = {service_level(0.895, sim::Estimate{7.12, 5.84, 8.40, 10}), p_abandon(0.030)};
  p.slos = {service_level(0.834, sim::Estimate{16.6, 15.4, 17.85, 10}), p_abandon(0.049)};
  p.feasible = true;
  planner::StationPlan s;
  s.name = "agents";
  s.servers_today = 44;
  s.recommended_servers = 42;
  s.method = "exact";
  const std::vector<std::pair<std::uint32_t, std::pair<double, double>>> around = {
      {41, {0.796, 0.0495}}, {42, {0.834, 0.049}}, {43, {0.867, 0.037}}};
  for (const auto& [c, values] : around) {
    planner::ServerOption o;
    o.servers = c;
    o.verdicts = {service_level(values.first, std::nullopt), p_abandon(values.second)};
    o.meets = c >= 42;
    s.around_recommendation.push_back(o);
  }
  p.stations = {s};
  const model::Scenario scenario = model::parse_scenario(call_centre_yaml, "cc.yaml");
  const report::PlanReportInput in{scenario, p, {}};
  CHECK(report::plan_summary_sentence(in) ==
        "agents can do with 42 servers (today 44): P(Wq ≤ 20 s) goes from 89.5% (Wq_p80 7.12 s "
        "[5.84, 8.4]) to 83.4% (Wq_p80 16.6 s [15.4, 17.9]) against the 80% SLO (41 would give "
        "79.6%).");
  // The verdict table shows the simulated quantile as a time, not as a percentage.
  const std::string md = report::render_plan_report(in, ReportFormat::Markdown);
  CHECK(md.find("83.4% (Wq_p80 16.6 s [15.4, 17.9])") != std::string::npos);
  CHECK(md.find("1660%") == std::string::npos);
}

TEST_CASE("the plan report in HTML is well formed, self-contained and answers first",
          "[report][plan]") {
  const Fixture f;
  const std::string html = report::render_plan_report(f.input(), ReportFormat::Html);
  INFO(report::testing::markup_problem(html, true));
  CHECK(report::testing::markup_problem(html, true).empty());
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  const auto answer = html.find("api needs 9 servers (today 8)");
  REQUIRE(answer != std::string::npos);
  CHECK(answer < html.find(">SLO verdicts</h2>"));
  CHECK(html.find("9 (recommended)") != std::string::npos);  // c−1, c, c+1 visible
  CHECK(html.find(">Headroom</h2>") != std::string::npos);
  CHECK(html.find(">Cost</h2>") != std::string::npos);
  CHECK(html.find("<svg ") != std::string::npos);
  CHECK(html.find(std::string(64, 'a')) != std::string::npos);  // the scenario's SHA-256
}

TEST_CASE("the plan report in JSON follows the plan contract", "[report][plan]") {
  const Fixture f;
  const auto j = nlohmann::json::parse(report::render_plan_report(f.input(), ReportFormat::Json));
  const auto& s = j.at("stations").at(0);
  CHECK(s.at("name") == "api");
  CHECK(s.at("servers") == 8);
  CHECK(s.at("recommended_servers") == 9);
  REQUIRE(s.at("around_recommendation").size() == 3);
  CHECK(s.at("around_recommendation").at(0).at("servers") == 8);
  CHECK(s.at("around_recommendation").at(0).at("meets") == false);
  CHECK(s.at("around_recommendation")
            .at(1)
            .at("verdicts")
            .at(0)
            .at("value")
            .at("simulated")
            .at("mean") == 140.0);
  CHECK(j.at("headroom").at("factor") == 1.31);
  CHECK(j.at("headroom").at("bottleneck") == "api");
  CHECK(j.at("slos").at(0).at("pass") == true);
  CHECK(j.at("slos_today").at(0).at("pass") == false);
  CHECK(j.at("provenance").at("seed") == 42);
}

TEST_CASE("the plan report in CSV has tidy rows for today, the plan, c±1 and the load table",
          "[report][plan]") {
  const Fixture f;
  std::istringstream csv(report::render_plan_report(f.input(), ReportFormat::Csv));
  std::string line;
  std::getline(csv, line);
  CHECK(line.starts_with("scenario,point,station,class,metric,unit,"));
  std::vector<std::string> points;
  while (std::getline(csv, line)) {
    CHECK(line.find(",Wq_p95,ms,") != std::string::npos);
    CHECK(line.ends_with(",42\r"));
    points.push_back(line.substr(std::string("Web API,").size(),
                                 line.find(",api,") - std::string("Web API,").size()));
  }
  CHECK(points == std::vector<std::string>{"today", "plan", "api.servers=8", "api.servers=9",
                                           "api.servers=10", "load=0.8x", "load=1x", "load=1.2x",
                                           "load=1.31x", "load=1.5x"});
}

TEST_CASE("the plan report in Markdown has no HTML", "[report][plan]") {
  const Fixture f;
  const std::string md = report::render_plan_report(f.input(), ReportFormat::Markdown);
  CHECK(md.find("> **api needs 9 servers") != std::string::npos);
  CHECK(md.find("<svg") == std::string::npos);
  CHECK(md.find("<table") == std::string::npos);
}

TEST_CASE("the plan report draws the wait's distribution today and with the plan",
          "[report][plan]") {
  Fixture f;
  auto& api = f.plan.stations.at(0);
  planner::WaitDistribution today;
  today.configuration = "today";
  today.servers = 8;
  today.simulated_p_wait = sim::Estimate{0.40, 0.38, 0.42, 10};
  today.simulated = {{0.5, {0.0, 0.0, 0.0, 10}}, {0.95, {310.0, 294.5, 325.5, 10}}};
  planner::WaitDistribution plan;
  plan.configuration = "recommended";
  plan.servers = 9;
  plan.simulated_p_wait = sim::Estimate{0.20, 0.19, 0.21, 10};
  plan.simulated = {{0.5, {0.0, 0.0, 0.0, 10}}, {0.95, {140.0, 133.0, 147.0, 10}}};
  plan.analytic_p_wait = 0.21;
  plan.analytic_method = "exact";
  plan.analytic = {{0.5, 0.0}, {0.9, 80.0}, {0.95, 150.0}, {0.99, 260.0}};
  api.wait_distributions = {today, plan};

  const std::string md = report::render_plan_report(f.input(), ReportFormat::Markdown);
  INFO(md);
  const auto section = md.find("## Waiting time");
  REQUIRE(section != std::string::npos);
  CHECK(section > md.find("## Stations"));
  CHECK(md.find("| P(Wq = 0) = 1 − p_wait | 60% [58, 62] | — | 80% [79, 81] | 79% |") !=
        std::string::npos);
  CHECK(md.find("| Wq_p95 | 310 [294, 326] | — | 140 [133, 147] | 150 |") != std::string::npos);
  CHECK(md.find("today (8 servers): simulated t (ms) [interval]") != std::string::npos);

  const std::string html = report::render_plan_report(f.input(), ReportFormat::Html);
  CHECK(report::testing::markup_problem(html, true).empty());
  CHECK(html.find("api: distribution of the wait Wq, today and with the plan") !=
        std::string::npos);
  CHECK(html.find("SLO Wq_p95 &lt; 200ms") != std::string::npos);  // the SLO as a marker
  CHECK(html.find("theory, with the plan (9 servers)") != std::string::npos);

  // No distribution carried (no station changed): no section.
  f.plan.stations.at(0).wait_distributions.clear();
  CHECK(report::render_plan_report(f.input(), ReportFormat::Markdown).find("## Waiting time") ==
        std::string::npos);
}

TEST_CASE("the plan JSON carries the wait's distributions of a changed station", "[report][plan]") {
  Fixture f;
  planner::WaitDistribution d;
  d.configuration = "recommended";
  d.servers = 9;
  d.simulated_p_wait = sim::Estimate{0.20, 0.19, 0.21, 10};
  d.simulated = {{0.95, {140.0, 133.0, 147.0, 10}}};
  d.analytic_p_wait = 0.21;
  d.analytic_method = "exact";
  d.analytic = {{0.95, 150.0}};
  f.plan.stations.at(0).wait_distributions = {d};
  const auto j = nlohmann::json::parse(report::render_plan_report(f.input(), ReportFormat::Json));
  const auto& w = j.at("stations").at(0).at("wait_distributions").at(0);
  CHECK(w.at("configuration") == "recommended");
  CHECK(w.at("servers") == 9);
  CHECK(w.at("analytic_p_wait") == 0.21);
  CHECK(w.at("analytic").at(0).at("level") == 0.95);
  CHECK(w.at("analytic").at(0).at("value") == 150.0);
  CHECK(w.at("simulated").at(0).at("level") == 0.95);
  CHECK(w.at("simulated").at(0).at("ci_high") == 147.0);
  CHECK(w.at("simulated_p_wait").at("mean") == 0.20);
  // Absent, not empty, when no distribution is carried.
  f.plan.stations.at(0).wait_distributions.clear();
  const auto k = nlohmann::json::parse(report::render_plan_report(f.input(), ReportFormat::Json));
  CHECK_FALSE(k.at("stations").at(0).contains("wait_distributions"));
}

TEST_CASE("the summary says when no SLO limits growth, and counts one server", "[report][plan]") {
  Fixture f;
  f.plan.headroom.factor = 128.0;
  f.plan.headroom.bottleneck.clear();
  f.plan.headroom.breaking_slo.clear();
  f.plan.stations.at(0).servers_today = 1;
  f.plan.stations.at(0).recommended_servers = 1;
  f.plan.cost.reset();
  CHECK_THAT(report::plan_summary_sentence(f.input()),
             Catch::StartsWith("api keeps its 1 server (") &&
                 Catch::EndsWith("; no SLO limits traffic growth (checked up to 128×)."));
  // An end-to-end SLO that breaks is named, having no station.
  f.plan.headroom.factor = 1.5;
  f.plan.headroom.breaking_slo = "end to end W < 70ms";
  CHECK_THAT(report::plan_summary_sentence(f.input()),
             Catch::EndsWith("; traffic can grow 1.5× before the end to end W < 70ms SLO breaks."));
}
