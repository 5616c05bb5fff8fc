// The experiment layer on the real DES engine: thread-count independence, instability
// verdicts on real queues, cancellation, progress, sequential stopping and batch means.
#include <algorithm>
#include <chrono>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "kendall/sim/experiment.hpp"
#include "kendall/sim/experiment/batch_means.hpp"

#include "experiment_synthetic.hpp"

using namespace kendall;
using namespace kendall::sim;
using kendall::sim::testing::same_result;
using Clock = std::chrono::steady_clock;

namespace {

model::StationSpec station(const std::string& name, double mu, std::uint32_t servers = 1,
                           std::size_t classes = 1) {
  model::StationSpec st;
  st.name = name;
  st.servers = servers;
  st.service.assign(classes, model::dist::Exponential{mu});
  st.routing.assign(classes, model::RoutingSpec{});
  return st;
}

/// M/M/c with arrival rate lambda and service rate mu per server.
model::Scenario mmc(double lambda, double mu, std::uint32_t servers, std::uint64_t customers,
                    std::uint32_t replications, std::uint64_t seed = 42) {
  model::Scenario s;
  s.name = "M/M/c";
  s.stations.push_back(station("queue", mu, servers));
  model::ArrivalSpec a;
  a.station = 0;
  a.interarrival = model::dist::Exponential{lambda};
  s.arrivals.push_back(a);
  s.run.customers = customers;
  s.run.replications = replications;
  s.run.seed = seed;
  return s;
}

/// Two classes into a tandem of two stations (per-class blocks everywhere).
model::Scenario two_class_tandem(std::uint64_t customers, std::uint32_t replications) {
  model::Scenario s;
  s.name = "two-class tandem";
  s.classes = {{"gold", 1}, {"bronze", 2}};
  s.stations.push_back(station("front", 3.0, 1, 2));
  s.stations.push_back(station("back", 2.0, 1, 2));
  for (auto& r : s.stations[0].routing) r.targets = {model::RouteTarget{1, 1.0}};
  s.stations[0].discipline = model::Discipline::Priority;
  for (std::size_t k = 0; k < 2; ++k) {
    model::ArrivalSpec a;
    a.station = 0;
    a.customer_class = k;
    a.interarrival = model::dist::Exponential{k == 0 ? 0.4 : 0.8};
    s.arrivals.push_back(a);
  }
  s.run.customers = customers;
  s.run.replications = replications;
  return s;
}

bool note_starts_with(const ExperimentResult& r, const std::string& prefix) {
  return std::any_of(r.notes.begin(), r.notes.end(),
                     [&](const std::string& n) { return n.rfind(prefix, 0) == 0; });
}

}  // namespace

TEST_CASE("real engine: results are bit-identical for 1, 2 and 8 threads",
          "[sim][experiment][engine]") {
  for (const auto& scenario : {mmc(0.8, 1.0, 1, 20000, 12), two_class_tandem(20000, 12)}) {
    INFO(scenario.name);
    const auto one = run_experiment(scenario, {1});
    const auto two = run_experiment(scenario, {2});
    const auto eight = run_experiment(scenario, {8});
    CHECK(one.replications == 12);
    CHECK(one.events > 0);
    CHECK(same_result(one, two));
    CHECK(same_result(one, eight));
  }
  // Per-class blocks come through.
  const auto classes = run_experiment(two_class_tandem(20000, 4), {2});
  REQUIRE(classes.stations[1].classes.size() == 2);
  CHECK(classes.stations[1].classes[0].metrics.has("W"));
  REQUIRE(classes.network_classes.size() == 2);
  CHECK(classes.network_classes[1].name == "bronze");
}

TEST_CASE("real engine: M/M/1 at rho = 1.2 is unstable, growing at lambda - mu",
          "[sim][experiment][engine][instability]") {
  const auto result = run_experiment(mmc(1.2, 1.0, 1, 20000, 10), {2});
  const StationResult& q = result.stations[0];
  CHECK(q.unstable);
  REQUIRE(q.growth_rate);
  CHECK(q.growth_rate->contains(0.2));
  CHECK_THAT(q.growth_rate->mean, Catch::Matchers::WithinRel(0.2, 0.05));
  CHECK(note_starts_with(result, "station 'queue' is UNSTABLE"));
  // M/M/2 with lambda = 2.4, mu = 1: growth lambda - c mu = 0.4.
  const auto two = run_experiment(mmc(2.4, 1.0, 2, 20000, 10), {2});
  CHECK(two.stations[0].unstable);
  CHECK(two.stations[0].growth_rate->contains(0.4));
}

TEST_CASE("real engine: heavy traffic at rho = 0.95 with long runs is not unstable",
          "[sim][experiment][engine][instability]") {
  // Long runs (200,000 customers ~ 130 relaxation times of M/M/1 at 0.95) from empty, five
  // fixed master seeds: the slow heavy-traffic convergence must never be called instability.
  for (std::uint64_t seed : {1, 2, 3, 4, 5}) {
    INFO("seed " << seed);
    const auto result = run_experiment(mmc(0.95, 1.0, 1, 200000, 10, seed), {2});
    CHECK_FALSE(result.stations[0].unstable);
    CHECK_FALSE(result.stations[0].growth_rate);
    CHECK_FALSE(note_starts_with(result, "station 'queue' is UNSTABLE"));
  }
}

TEST_CASE("real engine: a draining backlog and a stable station behind an unstable one",
          "[sim][experiment][engine][instability]") {
  // 3,000 customers waiting at t = 0 at a stable M/M/1 (rho = 0.8): L falls — not unstable.
  auto backlog = mmc(0.8, 1.0, 1, 30000, 10);
  backlog.stations[0].backlog = {3000};
  const auto drained = run_experiment(backlog, {2});
  CHECK_FALSE(drained.stations[0].unstable);
  // A backlog with no arrivals drains and stops.
  auto only_backlog = backlog;
  only_backlog.arrivals.clear();
  only_backlog.run.customers.reset();
  const auto makespan = run_experiment(only_backlog, {2});
  CHECK_FALSE(makespan.stations[0].unstable);
  CHECK(makespan.network.has("makespan"));
  // Tandem: lambda = 1 into mu = 2 (stable), then mu = 0.8 (unstable, growth 0.2).
  auto tandem = mmc(1.0, 2.0, 1, 20000, 10);
  tandem.stations.push_back(station("slow", 0.8));
  tandem.stations[0].routing[0].targets = {model::RouteTarget{1, 1.0}};
  const auto t = run_experiment(tandem, {2});
  CHECK_FALSE(t.stations[0].unstable);
  CHECK(t.stations[1].unstable);
  CHECK(t.stations[1].growth_rate->contains(0.2));
  CHECK(note_starts_with(t, "network: end-to-end W and throughput are not steady-state"));
  // A finite capacity keeps an overloaded station bounded: never unstable.
  auto lossy = mmc(1.2, 1.0, 1, 20000, 10);
  lossy.stations[0].capacity = 20;
  CHECK_FALSE(run_experiment(lossy, {2}).stations[0].unstable);
}

TEST_CASE("real engine: cancellation returns promptly with what completed",
          "[sim][experiment][engine]") {
  // 8 replications of 10^9 customers each would take minutes.
  auto huge = mmc(0.9, 1.0, 1, 1000000000, 8);
  std::stop_source stop;
  RunControl control;
  control.stop = stop.get_token();
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    stop.request_stop();
  });
  const auto started = Clock::now();
  ExperimentResult result;
  REQUIRE_NOTHROW(result = run_experiment(huge, {2}, control));
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  canceller.join();
  CHECK(result.stop_reason == StopReason::Cancelled);
  CHECK(result.replications == 0);
  CHECK(seconds < 2.0);
}

TEST_CASE("real engine: progress includes the inside of replications",
          "[sim][experiment][engine]") {
  auto scenario = mmc(0.9, 1.0, 1, 400000, 2);
  std::vector<Progress> seen;
  RunControl control;
  control.check_every = 4096;
  control.on_progress = [&](const Progress& p) { seen.push_back(p); };
  (void)run_experiment(scenario, {2}, control);
  REQUIRE(seen.size() > 4);
  // Fractions strictly between whole replications were reported.
  CHECK(std::any_of(seen.begin(), seen.end(), [](const Progress& p) {
    return p.replications_done == 0 && p.fraction > 0.1;
  }));
  CHECK(seen.back().replications_done == 2);
  CHECK(seen.back().fraction == 1.0);
}

TEST_CASE("real engine: sequential stopping reaches the target reproducibly",
          "[sim][experiment][engine][sequential]") {
  auto scenario = mmc(0.5, 1.0, 1, 5000, 5);
  scenario.run.precision = 0.02;
  const auto one = run_experiment(scenario, {1});
  const auto two = run_experiment(scenario, {2});
  CHECK(one.stop_reason == StopReason::PrecisionReached);
  REQUIRE(one.precision_reached);
  CHECK(*one.precision_reached <= 0.02);
  CHECK(one.replications > 5);
  CHECK(same_result(one, two));
  for (const char* metric : {"L", "W", "Wq", "throughput"}) {
    INFO(metric);
    CHECK(one.stations[0].metrics.get(metric)->relative_half_width() <= 0.02);
  }
  // L = rho / (1 - rho) = 1 for M/M/1 at rho = 0.5 (within a 2% interval, 99% of the time
  // for a correct simulator and warm-up; fixed seed).
  CHECK(std::abs(one.stations[0].metrics.get("L")->mean - 1.0) < 0.04);
}

TEST_CASE("real engine: batch means on one long run", "[sim][experiment][engine]") {
  auto scenario = mmc(0.5, 1.0, 1, 400000, 10);
  scenario.run.ci_method = model::CiMethod::BatchMeans;
  const auto result = run_experiment(scenario, {2});
  CHECK(result.replications == 1);
  const auto L = result.stations[0].metrics.get("L");
  REQUIRE(L);
  CHECK(L->n == default_batch_count);
  CHECK(L->contains(1.0));  // rho / (1 - rho)
  CHECK(L->relative_half_width() < 0.05);
}
