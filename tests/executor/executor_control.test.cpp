// Control of a real-time run: the same seed submits the same customers as the DES, cancel
// returns promptly with every thread joined, and what cannot run is refused before it starts.

#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <future>
#include <map>
#include <thread>

#include "kendall/sim/engine/observer.hpp"
#include "kendall/sim/engine/simulator.hpp"
#include "kendall/sim/executor/executor_run.hpp"

#include "testbed_scenarios.hpp"

using namespace kendall;
using sim::executor::ExecutorKind;

namespace {

// The DES's customers: arrival time at their first station, and the service they received.
struct DesCustomer {
  double arrival = -1.0;
  double start = -1.0;
  double service = -1.0;
};

class FirstVisits final : public sim::Observer {
 public:
  std::map<std::uint64_t, DesCustomer> customers;
  void notify(const sim::Notice& n) override {
    auto& c = customers[n.customer];
    if (n.kind == sim::NoticeKind::Arrival && c.arrival < 0.0) c.arrival = n.time;
    if (n.kind == sim::NoticeKind::ServiceStart && c.start < 0.0) c.start = n.time;
    if (n.kind == sim::NoticeKind::ServiceComplete && c.service < 0.0)
      c.service = n.time - c.start;
  }
};

}  // namespace

TEST_CASE("a fixed seed submits the same customers as the DES", "[executor][seed]") {
  auto sc = test::mmc_scenario(0.18, 3, 1000.0);
  sc.run.warmup = {model::WarmupSpec::Kind::None, 0.0};
  sc.run.ci_method = model::CiMethod::BatchMeans;
  FirstVisits des;
  sim::Simulator simulator(sc, 0);
  simulator.add_observer(des);
  (void)simulator.run();
  for (ExecutorKind kind : sim::executor::all_kinds()) {
    if (!sim::executor::kind_available(kind)) continue;
    DYNAMIC_SECTION(sim::executor::kind_name(kind)) {
      auto options = test::at_1ms(kind);
      options.record_submissions = 100;
      const auto run = sim::executor::run_on_executor(sc, options);
      REQUIRE(run.submissions.size() == 100);
      for (const auto& s : run.submissions) {
        const auto& d = des.customers.at(s.customer);
        INFO("customer " << s.customer);
        CHECK(s.time == d.arrival);  // the same draws in the same order: bit-identical
        CHECK(s.service == Approx(d.service).epsilon(1e-9));
      }
    }
  }
}

TEST_CASE("cancel returns within 100 ms and leaves no thread behind", "[executor][cancel]") {
  for (ExecutorKind kind : sim::executor::all_kinds()) {
    if (!sim::executor::kind_available(kind)) continue;
    DYNAMIC_SECTION(sim::executor::kind_name(kind)) {
      // 64 workers, long services (10 s each at this scale), a run that would take 20 s.
      auto sc = test::mmc_scenario(0.05, 64, 20000.0);
      sc.stations[0].service = {model::dist::Exponential{1e-4}};
      auto options = test::at_1ms(kind);
      options.max_wall = std::chrono::seconds(30);
      std::stop_source stop;
      sim::RunControl control;
      control.stop = stop.get_token();
      auto future = std::async(std::launch::async, [&] {
        return sim::executor::run_on_executor(sc, options, control);
      });
      // Let it warm up and admit customers, some of whom are then in a 10 s service.
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
      const auto asked = std::chrono::steady_clock::now();
      stop.request_stop();
      REQUIRE(future.wait_for(std::chrono::seconds(5)) == std::future_status::ready);
      const auto took = std::chrono::steady_clock::now() - asked;
      const auto run = future.get();
      CHECK(took < std::chrono::milliseconds(100));
      CHECK(run.result.stop_reason == sim::StopReason::Cancelled);
      CHECK(run.in_flight_at_stop > 0);  // customers were in service, and were freed
    }
  }
}

TEST_CASE("features the testbed cannot run are refused by name", "[executor][preflight]") {
  auto sc = test::mmc_scenario(0.18, 3, 1000.0);
  sc.stations[0].patience = model::dist::Exponential{0.01};
  sc.stations[0].discipline = model::Discipline::ProcessorSharing;
  const auto p = sim::executor::preflight(sc, test::at_1ms(ExecutorKind::Threads));
  CHECK_FALSE(p.runnable());
  CHECK_THAT(p.message(), Catch::Contains("patience") && Catch::Contains("'ps'"));
  CHECK_THROWS_WITH(sim::executor::run_on_executor(sc, test::at_1ms(ExecutorKind::Threads)),
                    Catch::Contains("patience"));
}

TEST_CASE("a scenario too fast for real time says so, with a time scale that works",
          "[executor][preflight]") {
  const auto sc = test::mmc_scenario(0.18, 3, 1000.0);
  auto options = test::at_1ms(ExecutorKind::Threads);
  options.time_scale = std::chrono::microseconds(10);  // mean service would last 100 µs
  const auto p = sim::executor::preflight(sc, options);
  REQUIRE(p.not_real_time);
  CHECK_THAT(*p.not_real_time, Catch::Contains("--time-scale 1 ms"));
  // The automatic scale makes the shortest mean service last 10 ms.
  options.time_scale.reset();
  const auto automatic = sim::executor::preflight(sc, options);
  REQUIRE(automatic.runnable());
  CHECK(automatic.plan->seconds_per_unit == Approx(1e-3));
  CHECK(automatic.plan->implied_wall_seconds == Approx(1.0));
}
