// Exact, hand-computed traces of small deterministic systems (STYLE.md guideline 14, kind 1).
// Every expected number below was worked out by hand; the derivation is in the comments.

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/sim/engine/log_histogram.hpp"
#include "kendall/sim/engine/metric_names.hpp"
#include "kendall/sim/engine/simulator.hpp"
#include "kendall/sim/engine/trace_recorder.hpp"
#include "kendall/sim/replication.hpp"

#include "engine_scenarios.hpp"

using namespace kendall;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using sim::NoticeKind;

namespace {

struct Run {
  std::vector<sim::ReplicationOutput> outputs;
  sim::TraceRecorder trace;
};

Run run(const model::Scenario& sc) {
  Run r;
  sim::Simulator simulator(sc, 0);
  simulator.add_observer(r.trace);
  r.outputs = simulator.run();
  return r;
}

// (time, customer) of every notice of one kind at one station.
std::vector<std::pair<double, std::uint64_t>> events(const sim::TraceRecorder& t, NoticeKind kind,
                                                     std::uint32_t station = 0) {
  std::vector<std::pair<double, std::uint64_t>> out;
  for (const auto& n : t.notices()) {
    if (n.kind == kind && n.station == station) out.emplace_back(n.time, n.customer);
  }
  return out;
}

using Times = std::vector<std::pair<double, std::uint64_t>>;

double metric(const model::Metrics& m, std::string_view name) { return m.at(name); }

}  // namespace

TEST_CASE("D/D/1: arrivals every 2, service 1.5", "[sim][trace]") {
  // Arrivals at 2, 4, 6, ...; each is served at once for 1.5. Observed over [2, 2002): 1000
  // customers, each present for 1.5: L = 1500/2000 = 0.75 = utilization, W = 1.5, Wq = 0,
  // throughput 0.5 and L = λW exactly.
  auto sc = test::scenario("D/D/1");
  sc.stations.push_back(test::station("server", 1, test::fixed(1.5)));
  sc.arrivals.push_back(test::arrivals(0, test::fixed(2.0)));
  sc.run.horizon = 2002.0;
  sc.run.warmup = {model::WarmupSpec::Kind::Time, 2.0};
  const auto r = run(sc);
  REQUIRE(r.outputs.size() == 1);
  const auto& out = r.outputs[0];
  CHECK(out.status == sim::RunStatus::ReachedHorizon);
  CHECK(out.start_time == 2.0);
  CHECK(out.end_time == 2002.0);
  const auto& m = out.stations[0].metrics;
  CHECK_THAT(metric(m, "L"), WithinRel(0.75, 1e-12));
  CHECK_THAT(metric(m, "utilization"), WithinRel(0.75, 1e-12));
  CHECK_THAT(metric(m, "W"), WithinRel(1.5, 1e-12));
  CHECK(metric(m, "Wq") == 0.0);
  CHECK(metric(m, "Lq") == 0.0);
  CHECK(metric(m, "p_wait") == 0.0);
  CHECK_THAT(metric(m, "throughput"), WithinRel(0.5, 1e-12));
  CHECK(metric(m, "departures") == 1000.0);
  CHECK(metric(m, "Wq_p99") == 0.0);
  CHECK_THAT(metric(m, "W_p50"), WithinRel(1.5, sim::LogHistogram::relative_error));
  CHECK_THAT(metric(out.network, "W"), WithinRel(1.5, 1e-12));
  // The first arrival comes after one interarrival time, not at 0.
  CHECK(events(r.trace, NoticeKind::Arrival).front().first == 2.0);
}

TEST_CASE("LIFO: three customers served newest first", "[sim][trace]") {
  // One server, service 3 each; arrivals at 1, 2, 3. Customer 0 is served [1, 4]; at 4 both 1
  // (arrived 2) and 2 (arrived 3) wait, LIFO serves 2 in [4, 7] and then 1 in [7, 10].
  // W = 3, 8, 4 (mean 5); Wq = 0, 5, 1 (mean 2).
  auto sc = test::scenario("LIFO");
  sc.stations.push_back(test::station("server", 1, test::fixed(3.0)));
  sc.stations[0].discipline = model::Discipline::Lifo;
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1.0, 1.0, 100.0})));
  sc.run.customers = 3;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{1.0, 0}, {4.0, 2}, {7.0, 1}});
  CHECK(events(r.trace, NoticeKind::ServiceComplete) == Times{{4.0, 0}, {7.0, 2}, {10.0, 1}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK_THAT(metric(m, "W"), WithinRel(5.0, 1e-12));
  CHECK_THAT(metric(m, "Wq"), WithinRel(2.0, 1e-12));
  CHECK_THAT(metric(m, "p_wait"), WithinRel(2.0 / 3.0, 1e-12));
  CHECK(r.outputs[0].end_time == 10.0);
  // Area under n(t): 15 customer-time units (W sum) over [0, 10].
  CHECK_THAT(metric(m, "L"), WithinRel(1.5, 1e-12));
}

TEST_CASE("two FIFO servers with deterministic service times", "[sim][trace]") {
  // Backlog of 4 at t = 0, service times 2, 3, 4, 5 in order, 2 servers: 0 in [0, 2],
  // 1 in [0, 3], 2 in [2, 6], 3 in [3, 8]. W = 2, 3, 6, 8; Wq = 0, 0, 2, 3; makespan 8.
  auto sc = test::scenario("2 servers");
  sc.stations.push_back(test::station("pool", 2, test::replay({2.0, 3.0, 4.0, 5.0})));
  sc.stations[0].backlog = {4};
  const auto r = run(sc);
  const auto& out = r.outputs[0];
  CHECK(out.status == sim::RunStatus::Drained);
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{0.0, 0}, {0.0, 1}, {2.0, 2}, {3.0, 3}});
  CHECK(events(r.trace, NoticeKind::ServiceComplete) ==
        Times{{2.0, 0}, {3.0, 1}, {6.0, 2}, {8.0, 3}});
  CHECK(metric(out.network, "makespan") == 8.0);
  CHECK_THAT(metric(out.stations[0].metrics, "W"), WithinRel(19.0 / 4.0, 1e-12));
  CHECK_THAT(metric(out.stations[0].metrics, "Wq"), WithinRel(5.0 / 4.0, 1e-12));
  // Busy servers: 2 on [0, 6], 1 on [6, 8] → 14/8.
  CHECK_THAT(metric(out.stations[0].metrics, "busy_servers"), WithinRel(14.0 / 8.0, 1e-12));
  CHECK_THAT(metric(out.stations[0].metrics, "utilization"), WithinRel(14.0 / 16.0, 1e-12));
}

TEST_CASE("backlog of 5 tasks of 2, 3, 4, 5, 6 s on 3 workers has makespan 9", "[sim][trace]") {
  // [0,2] [0,3] [0,4] start together; the 5 s task starts at 2 (ends 7), the 6 s one at 3
  // (ends 9).
  auto sc = test::scenario("batch backlog");
  sc.stations.push_back(test::station("workers", 3, test::replay({2.0, 3.0, 4.0, 5.0, 6.0})));
  sc.stations[0].backlog = {5};
  sc.run.warmup.kind = model::WarmupSpec::Kind::Auto;  // a backlog run has no warm-up
  const auto outputs = sim::run_replication(sc, {0, 1});
  REQUIRE(outputs.size() == 1);
  CHECK(outputs[0].status == sim::RunStatus::Drained);
  CHECK(outputs[0].network.at("makespan") == 9.0);
  CHECK(outputs[0].warmup_customers == 0);
  CHECK(outputs[0].network.at("departures") == 5.0);
  CHECK_THAT(outputs[0].network.at("W"), WithinRel((2.0 + 3.0 + 4.0 + 7.0 + 9.0) / 5.0, 1e-12));
}

TEST_CASE("processor sharing with two customers", "[sim][trace]") {
  // One server. A arrives at 1 needing 3, B at 2 needing 1. Alone on [1, 2], A gets 1 (2 left);
  // then both at rate 1/2: B finishes at 2 + 1/(1/2) = 4, when A has 1 left; A finishes at 5.
  auto sc = test::scenario("PS");
  sc.stations.push_back(test::station("cpu", 1, test::replay({3.0, 1.0})));
  sc.stations[0].discipline = model::Discipline::ProcessorSharing;
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1.0, 100.0})));
  sc.run.customers = 2;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServiceComplete) == Times{{4.0, 1}, {5.0, 0}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK_THAT(metric(m, "W"), WithinRel((4.0 + 2.0) / 2.0, 1e-12));
  CHECK_FALSE(m.has("Wq"));  // nobody waits under PS
  // n(t): 1 on [1,2], 2 on [2,4], 1 on [4,5]: area 6 over [0, 5]; busy 1 on [1, 5].
  CHECK_THAT(metric(m, "L"), WithinRel(6.0 / 5.0, 1e-12));
  CHECK_THAT(metric(m, "utilization"), WithinRel(4.0 / 5.0, 1e-12));
}

TEST_CASE("processor sharing with two servers shares only beyond c customers", "[sim][trace]") {
  // c = 2; three customers needing 2 arrive at 0 (backlog): each runs at rate 2/3, so all three
  // finish at 3 (the tags tie; they complete in admission order at the same instant).
  auto sc = test::scenario("PS c=2");
  sc.stations.push_back(test::station("cpu", 2, test::fixed(2.0)));
  sc.stations[0].discipline = model::Discipline::ProcessorSharing;
  sc.stations[0].backlog = {3};
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServiceComplete) == Times{{3.0, 0}, {3.0, 1}, {3.0, 2}});
  CHECK(r.outputs[0].network.at("makespan") == 3.0);
  CHECK_THAT(metric(r.outputs[0].stations[0].metrics, "busy_servers"), WithinRel(2.0, 1e-12));
}

TEST_CASE("round-robin with a quantum", "[sim][trace]") {
  // Quantum 1. A arrives at 1 needing 2.5, B at 1.5 needing 1. A runs [1, 2], goes behind B;
  // B runs [2, 3] and is done (W = 1.5); A runs [3, 4], is alone and runs again [4, 4.5]
  // (W = 3.5). Time in line: A 1 (on [2, 3]), B 0.5; first waits: A 0, B 0.5.
  auto sc = test::scenario("RR");
  sc.stations.push_back(test::station("cpu", 1, test::replay({2.5, 1.0})));
  sc.stations[0].discipline = model::Discipline::RoundRobin;
  sc.stations[0].quantum = 1.0;
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 0.5, 100.0})));
  sc.run.customers = 2;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServicePause) == Times{{2.0, 0}, {4.0, 0}});
  CHECK(events(r.trace, NoticeKind::ServiceResume) == Times{{3.0, 0}, {4.0, 0}});
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{1.0, 0}, {2.0, 1}});
  CHECK(events(r.trace, NoticeKind::ServiceComplete) == Times{{3.0, 1}, {4.5, 0}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK_THAT(metric(m, "W"), WithinRel(2.5, 1e-12));
  CHECK_THAT(metric(m, "Wq"), WithinRel(0.75, 1e-12));
  CHECK_THAT(metric(m, "Wq_first"), WithinRel(0.25, 1e-12));
  // W − Wq is the mean service requirement, (2.5 + 1) / 2.
  CHECK_THAT(metric(m, "W") - metric(m, "Wq"), WithinRel(1.75, 1e-12));
  // Waiting: B on [1.5, 2], A on [2, 3] → area 1.5 over [0, 4.5].
  CHECK_THAT(metric(m, "Lq"), WithinRel(1.5 / 4.5, 1e-12));
}

namespace {

model::Scenario two_class_priority(model::Discipline discipline) {
  // A bronze customer is present at 0 needing 4; a gold customer arrives at 1 needing 2.
  auto sc = test::scenario("priority");
  sc.classes = {{"gold", 1}, {"bronze", 2}};
  auto st = test::station("api", 1, test::fixed(2.0));
  st.service = {test::fixed(2.0), test::fixed(4.0)};
  st.discipline = discipline;
  st.backlog = {0, 1};
  sc.stations.push_back(st);
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1000.0}), 0));
  sc.run.customers = 2;
  return sc;
}

}  // namespace

TEST_CASE("preemptive-resume priority", "[sim][trace]") {
  // Bronze (customer 0) starts at 0; gold (customer 1) arrives at 1 and preempts it with 3 left;
  // gold is done at 3 (W = 2), bronze resumes at 3 and is done at 6 (W = 6).
  const auto r = run(two_class_priority(model::Discipline::PriorityPreemptive));
  CHECK(events(r.trace, NoticeKind::ServicePause) == Times{{1.0, 0}});
  CHECK(events(r.trace, NoticeKind::ServiceResume) == Times{{3.0, 0}});
  CHECK(events(r.trace, NoticeKind::ServiceComplete) == Times{{3.0, 1}, {6.0, 0}});
  const auto& out = r.outputs[0];
  REQUIRE(out.stations[0].classes.size() == 2);
  CHECK(out.stations[0].classes[0].at("W") == 2.0);
  CHECK(out.stations[0].classes[1].at("W") == 6.0);
  // Bronze's Wq counts its preempted time [1, 3]; it started at once, so Wq_first = 0.
  CHECK(out.stations[0].classes[1].at("Wq") == 2.0);
  CHECK(out.stations[0].classes[1].at("Wq_first") == 0.0);
  CHECK(out.stations[0].classes[0].at("Wq") == 0.0);
  CHECK(out.network_classes[0].at("W") == 2.0);
  CHECK(out.network_classes[1].at("W") == 6.0);
  // Busy share: gold holds the server on [1, 3] of [0, 6].
  CHECK_THAT(out.stations[0].classes[0].at("utilization"), WithinRel(2.0 / 6.0, 1e-12));
}

TEST_CASE("non-preemptive priority lets the running customer finish", "[sim][trace]") {
  // Bronze runs [0, 4]; gold waits from 1 and runs [4, 6]: W gold = 5, Wq gold = 3.
  const auto r = run(two_class_priority(model::Discipline::Priority));
  CHECK(events(r.trace, NoticeKind::ServicePause).empty());
  CHECK(events(r.trace, NoticeKind::ServiceComplete) == Times{{4.0, 0}, {6.0, 1}});
  CHECK(r.outputs[0].stations[0].classes[0].at("W") == 5.0);
  CHECK(r.outputs[0].stations[0].classes[0].at("Wq") == 3.0);
}

TEST_CASE("priority serves the most urgent waiting class first", "[sim][trace]") {
  // One server busy until 10 with customer 0 (bronze, backlog). Arrivals at 1 (bronze) and
  // 2 (gold): at 10 gold goes first even though it came later.
  auto sc = test::scenario("priority order");
  sc.classes = {{"gold", 1}, {"bronze", 2}};
  auto st = test::station("api", 1, test::fixed(10.0));
  st.service = {test::fixed(1.0), test::fixed(10.0)};
  st.discipline = model::Discipline::Priority;
  st.backlog = {0, 1};
  sc.stations.push_back(st);
  sc.arrivals.push_back(test::arrivals(0, test::replay({2.0, 1000.0}), 0));
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1000.0}), 1));
  sc.run.customers = 3;
  const auto r = run(sc);
  // Customer numbers: 0 backlog bronze, then bronze arrival at 1 = customer 1, gold at 2 = 2.
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{0.0, 0}, {10.0, 2}, {11.0, 1}});
}

TEST_CASE("shortest job first and random order", "[sim][trace]") {
  // Server busy [0, 5] with the backlog customer; arrivals at 1, 2, 3 needing 4, 1, 2.
  // SJF serves them 1 (5-6), 2 (6-8), 0-th arrival (8-12).
  auto sc = test::scenario("SJF");
  sc.stations.push_back(test::station("server", 1, test::replay({5.0, 4.0, 1.0, 2.0})));
  sc.stations[0].discipline = model::Discipline::ShortestJobFirst;
  sc.stations[0].backlog = {1};
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1.0, 1.0, 1000.0})));
  sc.run.customers = 4;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{0.0, 0}, {5.0, 2}, {6.0, 3}, {8.0, 1}});

  // Random order serves everyone exactly once, in some order.
  sc.stations[0].discipline = model::Discipline::Random;
  const auto random = run(sc);
  auto starts = events(random.trace, NoticeKind::ServiceStart);
  REQUIRE(starts.size() == 4);
  std::vector<std::uint64_t> ids;
  for (auto [t, id] : starts) ids.push_back(id);
  std::sort(ids.begin(), ids.end());
  CHECK(ids == std::vector<std::uint64_t>{0, 1, 2, 3});
}

TEST_CASE("balking by the number waiting", "[sim][trace]") {
  // Service 10. Arrivals at 1, 2, 3: 0 starts; 1 finds nobody waiting and joins; 2 finds one
  // waiting (≥ threshold 1) and balks.
  auto sc = test::scenario("balking");
  sc.stations.push_back(test::station("server", 1, test::fixed(10.0)));
  sc.stations[0].balking = model::BalkingSpec{1, 1.0};
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1.0, 1.0, 1000.0})));
  sc.run.horizon = 5.0;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::Balked) == Times{{3.0, 2}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK(m.at("balked") == 1.0);
  CHECK_THAT(m.at("p_balk"), WithinRel(1.0 / 3.0, 1e-12));
  CHECK(r.outputs[0].network.at("lost") == 1.0);
}

TEST_CASE("reneging, and the tie between patience and a freed server", "[sim][trace]") {
  // Service 5, patience 4. Arrivals at 1, 2, 3. Customer 0 is served [1, 6]. Customer 1's
  // patience ends at 6, exactly when the server frees: service ends come first, so it is served
  // [6, 11] and its abandonment is cancelled. Customer 2's patience ends at 7: it reneges.
  auto sc = test::scenario("reneging");
  sc.stations.push_back(test::station("agents", 1, test::fixed(5.0)));
  sc.stations[0].patience = test::fixed(4.0);
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1.0, 1.0, 1000.0})));
  sc.run.customers = 3;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::Reneged) == Times{{7.0, 2}});
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{1.0, 0}, {6.0, 1}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK(m.at("reneged") == 1.0);
  CHECK_THAT(m.at("p_abandon"), WithinRel(1.0 / 3.0, 1e-12));
  CHECK(r.outputs[0].end_time == 11.0);
  // Customers who abandon count in W and Wq with their time in the queue: waits 0, 4 (1 served)
  // and 4 (2 reneged); sojourns 5, 9 and 4. Two of three waited.
  CHECK_THAT(m.at("Wq"), WithinRel(8.0 / 3.0, 1e-12));
  CHECK_THAT(m.at("W"), WithinRel(18.0 / 3.0, 1e-12));
  CHECK_THAT(m.at("p_wait"), WithinRel(2.0 / 3.0, 1e-12));
  // Little's law with λ = admitted customers / time: area under n(t) = 5 + 9 + 4 over [0, 11].
  CHECK_THAT(m.at("L"), WithinRel(18.0 / 11.0, 1e-12));
}

TEST_CASE("failed service with retries and backoff", "[sim][trace]") {
  // Every attempt fails; 3 attempts allowed; service 1, backoff 2 off the station. Arrival at 1:
  // attempt [1, 2] fails, back at 4; [4, 5] fails, back at 7; [7, 8] fails: the customer leaves
  // as failed at 8.
  auto sc = test::scenario("retry");
  sc.stations.push_back(test::station("workers", 1, test::fixed(1.0)));
  sc.stations[0].retry = model::RetrySpec{1.0, 3, test::fixed(2.0)};
  sc.arrivals.push_back(test::arrivals(0, test::replay({1.0, 1000.0})));
  sc.run.customers = 1;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{1.0, 0}, {4.0, 0}, {7.0, 0}});
  CHECK(events(r.trace, NoticeKind::RetryScheduled) == Times{{2.0, 0}, {5.0, 0}});
  CHECK(events(r.trace, NoticeKind::Failed) == Times{{8.0, 0}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK(m.at("arrivals") == 3.0);  // each attempt is a visit
  CHECK(m.at("departures") == 3.0);
  CHECK(m.at("retried") == 2.0);
  CHECK(m.at("failed") == 1.0);
  CHECK(r.outputs[0].network.at("lost") == 1.0);
  CHECK_FALSE(r.outputs[0].network.has("W"));  // nobody left served
}

TEST_CASE("capacity K loses arrivals to a full station", "[sim][trace]") {
  // c = 1, K = 2, service 10; arrivals at 1, 2, 3, 4: customers 2 and 3 find 2 present.
  auto sc = test::scenario("loss");
  sc.stations.push_back(test::station("server", 1, test::fixed(10.0)));
  sc.stations[0].capacity = 2;
  sc.arrivals.push_back(test::arrivals(0, test::fixed(1.0)));
  sc.run.horizon = 4.5;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::Blocked) == Times{{3.0, 2}, {4.0, 3}});
  const auto& m = r.outputs[0].stations[0].metrics;
  CHECK(m.at("blocked") == 2.0);
  CHECK(m.at("p_block") == 0.5);
}

TEST_CASE("closed network with deterministic think and service times", "[sim][trace]") {
  // Two customers, think station (infinite servers, 5) and a CPU (1 server, 1). Hand trace:
  // t=5 both leave think (departures 1, 2); CPU serves 0 [5,6], 1 [6,7]; 0 thinks [6,11],
  // 1 thinks [7,12]; 0 leaves think at 11 (3), CPU [11,12]; at 12, 1's think end (scheduled
  // earlier) comes before 0's CPU end (same kind, FIFO): 1 leaves think (4) and waits 0; then 1
  // runs [12,13]. 0 at 17 (5); 1 at 18 (6) — the run stops there.
  // Response times (leave think → back): 1 (t=6), 2 (t=7), 1 (t=12), 1 (t=13): W = 1.25.
  auto sc = test::scenario("closed");
  sc.stations.push_back(test::station("think", std::nullopt, test::fixed(5.0)));
  sc.stations.push_back(test::station("cpu", 1, test::fixed(1.0)));
  sc.stations[0].routing = {test::route_to({{1, 1.0}})};
  sc.stations[1].routing = {test::route_to({{0, 1.0}})};
  sc.population = 2;
  sc.run.customers = 6;
  const auto r = run(sc);
  const auto& out = r.outputs[0];
  CHECK(out.status == sim::RunStatus::ReachedCustomers);
  CHECK(out.end_time == 18.0);
  CHECK(events(r.trace, NoticeKind::ServiceComplete, 1) ==
        Times{{6.0, 0}, {7.0, 1}, {12.0, 0}, {13.0, 1}});
  CHECK_THAT(out.network.at("W"), WithinRel(1.25, 1e-12));
  CHECK_THAT(out.network.at("throughput"), WithinRel(4.0 / 18.0, 1e-12));
  CHECK_THAT(out.stations[1].metrics.at("W"), WithinRel(1.25, 1e-12));
  // CPU waits of the 4 customers whose visit ended (the one started at 17 is still in
  // service): 0 + 1 + 0 + 0, so W − Wq is the service time 1.
  CHECK_THAT(out.stations[1].metrics.at("Wq"), WithinRel(0.25, 1e-12));
  CHECK_FALSE(out.stations[1].metrics.has("Wq_first"));     // FCFS: the same as Wq
  CHECK_FALSE(out.stations[0].metrics.has("utilization"));  // infinite servers
  CHECK(out.stations[0].metrics.has("busy_servers"));
}

TEST_CASE("server schedule: a leaving server finishes its customer", "[sim][trace]") {
  // 2 servers on [0, 3), 1 from 3 on. Backlog 3, service 4: customers 0 and 1 start at 0; at 3
  // the second server leaves but finishes customer 1 at 4; customer 2 starts at 4 (not at 3) on
  // the one remaining server and ends at 8.
  auto sc = test::scenario("schedule");
  auto st = test::station("desk", 2, test::fixed(4.0));
  st.server_schedule = model::PiecewiseConstant{{0.0, 3.0}, {2.0, 1.0}, std::nullopt};
  st.backlog = {3};
  sc.stations.push_back(st);
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::ServiceStart) == Times{{0.0, 0}, {0.0, 1}, {4.0, 2}});
  CHECK(events(r.trace, NoticeKind::CapacityChange) == Times{{3.0, 1}});
  CHECK(r.outputs[0].network.at("makespan") == 8.0);
  // Busy 2 on [0,4], 1 on [4,8] = 12; servers 2 on [0,3], 1 on [3,8] = 11: utilization 12/11
  // (the overhang of the leaving server is counted, so it can exceed 1).
  CHECK_THAT(r.outputs[0].stations[0].metrics.at("utilization"), WithinRel(12.0 / 11.0, 1e-12));
}

TEST_CASE("routing: round-robin and join-shortest-queue", "[sim][trace]") {
  // A dispatcher (infinite servers, service 0) sends arrivals at 1, 2, 3, 4 to a and b.
  auto sc = test::scenario("dispatch");
  sc.stations.push_back(test::station("dispatch", std::nullopt, test::fixed(0.0)));
  sc.stations.push_back(test::station("a", 1, test::fixed(10.0)));
  sc.stations.push_back(test::station("b", 1, test::fixed(10.0)));
  model::RoutingSpec rr;
  rr.policy = model::RoutingPolicy::RoundRobin;
  rr.targets = {{1, 0.0}, {2, 0.0}};
  sc.stations[0].routing = {rr};
  sc.arrivals.push_back(test::arrivals(0, test::fixed(1.0)));
  sc.run.horizon = 4.5;
  const auto r = run(sc);
  CHECK(events(r.trace, NoticeKind::Arrival, 1) == Times{{1.0, 0}, {3.0, 2}});
  CHECK(events(r.trace, NoticeKind::Arrival, 2) == Times{{2.0, 1}, {4.0, 3}});

  // JSQ: station a already holds 2 (backlog), so the first two go to b (ties go to a).
  sc.stations[0].routing[0].policy = model::RoutingPolicy::JoinShortestQueue;
  sc.stations[1].backlog = {2};
  const auto j = run(sc);
  // Customers 0, 1 are a's backlog; arrivals 2, 3, 4, 5 at t = 1, 2, 3, 4.
  // t=1: a has 2, b 0 → b. t=2: a 2, b 1 → b. t=3: a 2, b 2 → a (tie). t=4: a 3, b 2 → b.
  CHECK(events(j.trace, NoticeKind::Arrival, 2) == Times{{1.0, 2}, {2.0, 3}, {4.0, 5}});
}

TEST_CASE("a time-varying arrival rate that ends lets the system drain", "[sim][trace]") {
  auto sc = test::scenario("profile");
  sc.stations.push_back(test::station("server", 1, test::fixed(0.5)));
  model::ArrivalSpec a = test::arrivals(0, test::expo_mean(1.0));
  a.rate_profile = model::PiecewiseConstant{{0.0, 100.0}, {1.0, 0.0}, std::nullopt};
  sc.arrivals.push_back(a);
  const auto r = run(sc);
  const auto& out = r.outputs[0];
  CHECK(out.status == sim::RunStatus::Drained);
  for (const auto& [t, id] : events(r.trace, NoticeKind::Arrival)) CHECK(t < 100.0);
  CHECK(out.network.at("makespan") <= 100.5);
  CHECK(out.network.has("makespan"));
}

TEST_CASE("errors during a run carry time, station and customer", "[sim][trace]") {
  struct Thrower final : sim::Observer {
    void notify(const sim::Notice& n) override {
      if (n.kind == NoticeKind::ServiceComplete && n.customer == 2)
        throw std::runtime_error("probe failed");
    }
  };
  auto sc = test::scenario("errors");
  sc.stations.push_back(test::station("db", 1, test::fixed(1.0)));
  sc.arrivals.push_back(test::arrivals(0, test::fixed(2.0)));
  sc.run.customers = 10;
  Thrower thrower;
  sim::Simulator simulator(sc);
  simulator.add_observer(thrower);
  try {
    (void)simulator.run();
    FAIL("no exception");
  } catch (const SimulationError& e) {
    CHECK(e.time() == 7.0);
    CHECK(e.station() == "db");
    CHECK(e.customer() == std::optional<std::uint64_t>{2});
    CHECK(std::string(e.what()).find("probe failed") != std::string::npos);
  }
}

TEST_CASE("invalid scenarios are refused with the reason", "[sim][trace]") {
  auto sc = test::scenario("bad");
  sc.stations.push_back(test::station("rr", 1, test::fixed(1.0)));
  sc.stations[0].discipline = model::Discipline::RoundRobin;
  sc.arrivals.push_back(test::arrivals(0, test::fixed(1.0)));
  CHECK_THROWS_WITH(sim::Simulator(sc).run(), Catch::Contains("quantum"));
  sc.stations[0].discipline = model::Discipline::Fifo;
  sc.arrivals[0].interarrival = test::fixed(0.0);
  CHECK_THROWS_WITH(sim::Simulator(sc).run(), Catch::Contains("mean 0"));
  sc.arrivals[0].interarrival = test::fixed(1.0);
  sc.stations[0].patience = test::fixed(1.0);
  sc.stations[0].discipline = model::Discipline::ProcessorSharing;
  CHECK_THROWS_WITH(sim::Simulator(sc).run(), Catch::Contains("processor sharing"));
  sc.stations[0].patience.reset();
  sc.stations[0].discipline = model::Discipline::Fifo;
  sc.population = 3;
  CHECK_THROWS_WITH(sim::Simulator(sc).run(), Catch::Contains("closed network"));
}
