// The JSON contract of `kendall run --engine all`: per station an "executor" list whose
// entries carry the metrics of "simulated" and the executor's overhead distributions.

#include <catch2/catch.hpp>

#include "kendall/report/engine_comparison.hpp"
#include "kendall/sim/experiment.hpp"

#include "testbed_scenarios.hpp"

using namespace kendall;

TEST_CASE("engine comparison JSON holds an executor list per station", "[executor][report]") {
  auto sc = test::mmc_scenario(0.18, 3, 1000.0);
  sc.run.replications = 4;
  report::EngineComparison comparison;
  comparison.des = sim::run_experiment(sc);
  comparison.executors.push_back(
      {sim::executor::run_on_executor(sc, test::at_1ms(sim::executor::ExecutorKind::Threads)),
       {0.25}});
  const auto j = report::to_json(sc, comparison, nullptr);
  CHECK(j.at("engine") == "all");
  const auto& station = j.at("stations").at(0);
  REQUIRE(station.contains("simulated"));
  const auto& entry = station.at("executor").at(0);
  CHECK(entry.at("kind") == "threads");
  for (const char* metric : {"L", "Wq", "W", "utilization", "throughput"}) {
    INFO(metric);
    REQUIRE(station.at("simulated").contains(metric));
    const auto& e = entry.at(metric);
    CHECK(e.at("ci_low").get<double>() <= e.at("mean").get<double>());
    CHECK(e.at("mean").get<double>() <= e.at("ci_high").get<double>());
  }
  for (const char* what : {"dispatch_us", "overshoot_us"}) {
    const auto& o = entry.at("overhead").at(what);
    CHECK(o.at("p50").get<double>() <= o.at("p99").get<double>());
    CHECK(o.at("p99").get<double>() <= o.at("max").get<double>());
    CHECK(o.at("samples").get<std::uint64_t>() > 100);
  }
  CHECK(entry.contains("wq_bias_vs_des"));
  CHECK(entry.at("predicted_wq_bias").get<double>() == 0.25);
  CHECK(j.at("executors").at(0).at("kind") == "threads");

  const std::string table =
      report::render_comparison(sc, comparison, nullptr, report::Format::Table);
  CHECK_THAT(table, Catch::Contains("DES") && Catch::Contains("threads") &&
                        Catch::Contains("dispatch µs p50/p99/max"));
}
