// Invariants of the engine's output (STYLE.md guideline 14, kind 2): Little's law on every
// output of a run that starts and ends empty, reproducibility, independence of random streams,
// windows (warm-up, batches, segments) that partition the run exactly, cancellation, progress,
// and MSER-5.

#include <algorithm>
#include <bit>
#include <cmath>
#include <stop_token>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/sim/engine/mser.hpp"
#include "kendall/sim/engine/random_stream.hpp"
#include "kendall/sim/engine/simulator.hpp"
#include "kendall/sim/engine/variates.hpp"
#include "kendall/sim/replication.hpp"

#include "engine_scenarios.hpp"

using namespace kendall;
namespace md = kendall::model::dist;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// Poisson arrivals at rate λ on [0, 2000), none afterwards: the system starts and ends empty.
model::ArrivalSpec finite_poisson(std::size_t to, double lambda, std::size_t cls = 0) {
  auto a = test::arrivals(to, md::Exponential{lambda}, cls);
  a.rate_profile = model::PiecewiseConstant{{0.0, 2000.0}, {lambda, 0.0}, std::nullopt};
  return a;
}

void check_little(const model::Metrics& m, bool check_queue, const std::string& where) {
  INFO(where);
  if (!m.has("W")) return;
  // λ = customers whose visit ended per time unit: served, plus those who abandoned.
  double lambda = m.at("throughput");
  if (m.has("reneged")) lambda *= (m.at("departures") + m.at("reneged")) / m.at("departures");
  CHECK_THAT(m.at("L"), WithinRel(lambda * m.at("W"), 1e-9));
  if (check_queue && m.has("Wq")) {
    // Every customer started service exactly once, so starts = completions.
    CHECK_THAT(m.at("Lq"),
               WithinRel(lambda * m.at("Wq"), 1e-9) || WithinAbs(lambda * m.at("Wq"), 1e-12));
  }
}

bool identical(const model::Metrics& a, const model::Metrics& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a.entries()[i].first != b.entries()[i].first) return false;
    if (std::bit_cast<std::uint64_t>(a.entries()[i].second) !=
        std::bit_cast<std::uint64_t>(b.entries()[i].second)) {
      return false;
    }
  }
  return true;
}

bool identical(const sim::ReplicationOutput& a, const sim::ReplicationOutput& b) {
  if (a.stations.size() != b.stations.size() || !identical(a.network, b.network)) return false;
  for (std::size_t s = 0; s < a.stations.size(); ++s) {
    if (!identical(a.stations[s].metrics, b.stations[s].metrics)) return false;
    if (a.stations[s].L_by_segment != b.stations[s].L_by_segment) return false;
  }
  return a.events == b.events && a.end_time == b.end_time &&
         a.warmup_customers == b.warmup_customers;
}

}  // namespace

TEST_CASE("Little's law holds exactly on runs that start and end empty", "[sim][properties]") {
  using D = model::Discipline;
  const std::vector<std::pair<D, bool>> disciplines = {{D::Fifo, true},
                                                       {D::Lifo, true},
                                                       {D::Random, true},
                                                       {D::Priority, true},
                                                       {D::ShortestJobFirst, true},
                                                       {D::PriorityPreemptive, false},
                                                       {D::ProcessorSharing, false},
                                                       {D::RoundRobin, false}};
  for (const auto& [discipline, queue_law] : disciplines) {
    for (std::uint32_t c : {1u, 3u}) {
      auto sc = test::scenario("little");
      sc.classes = {{"gold", 1}, {"bronze", 2}};
      auto st = test::station("s", c, md::Exponential{1.0});
      st.service = {md::Exponential{1.2}, model::fit_hyperexponential(0.8, 3.0)};
      st.discipline = discipline;
      st.quantum = 0.3;
      sc.stations.push_back(st);
      // A feedback loop through a second station that routes back with probability 0.3.
      auto back = test::station("back", 2, md::Erlang{3, 0.5});
      back.routing = {test::route_to({{0, 0.3}}), test::route_to({{0, 0.3}})};
      sc.stations.push_back(back);
      sc.stations[0].routing = {test::route_to({{1, 0.5}}), test::route_to({{1, 0.4}})};
      sc.arrivals.push_back(finite_poisson(0, 0.25 * c, 0));
      sc.arrivals.push_back(finite_poisson(0, 0.3 * c, 1));
      sc.run.seed = 11;
      const auto out = sim::run_replication(sc, {0, 1});
      REQUIRE(out.size() == 1);
      const auto& o = out[0];
      INFO("discipline " << static_cast<int>(discipline) << ", c = " << c);
      REQUIRE(o.status == sim::RunStatus::Drained);
      for (std::size_t s = 0; s < o.stations.size(); ++s) {
        check_little(o.stations[s].metrics, queue_law || s == 1, "station " + std::to_string(s));
        for (std::size_t k = 0; k < o.stations[s].classes.size(); ++k) {
          check_little(o.stations[s].classes[k], queue_law || s == 1, "class " + std::to_string(k));
        }
        CHECK(o.stations[s].number_at_end == 0.0);
      }
      check_little(o.network, false, "network");
      for (const auto& m : o.network_classes) check_little(m, false, "network class");
    }
  }
}

TEST_CASE("Little's law holds with abandonment too", "[sim][properties]") {
  for (auto discipline :
       {model::Discipline::Fifo, model::Discipline::Lifo, model::Discipline::Priority}) {
    auto sc = test::scenario("little with reneging");
    sc.classes = {{"gold", 1}, {"bronze", 2}};
    auto st = test::station("agents", 2, md::Exponential{1.0});
    st.discipline = discipline;
    st.patience = md::Exponential{0.5};
    sc.stations.push_back(st);
    sc.arrivals.push_back(finite_poisson(0, 1.2, 0));
    sc.arrivals.push_back(finite_poisson(0, 1.5, 1));
    const auto o = sim::run_replication(sc, {0, 1}).front();
    REQUIRE(o.status == sim::RunStatus::Drained);
    REQUIRE(o.stations[0].metrics.at("reneged") > 100.0);
    check_little(o.stations[0].metrics, true, "station");
    for (const auto& m : o.stations[0].classes) check_little(m, true, "class");
  }
}

TEST_CASE("same scenario and seed give bit-identical output", "[sim][properties]") {
  auto sc = test::mmc(0.9, 1.0, 2, 20'000);
  sc.run.warmup.kind = model::WarmupSpec::Kind::Auto;
  sc.stations[0].patience = md::Exponential{0.2};
  const auto a = sim::run_replication(sc, {3, 1});
  const auto b = sim::run_replication(sc, {3, 1});
  CHECK(identical(a[0], b[0]));
  const auto c = sim::run_replication(sc, {4, 1});
  CHECK_FALSE(identical(a[0], c[0]));
  sc.run.seed = 2;
  const auto d = sim::run_replication(sc, {3, 1});
  CHECK_FALSE(identical(a[0], d[0]));
}

TEST_CASE("adding an unrelated station and arrival stream shifts no other stream",
          "[sim][properties]") {
  auto base = test::scenario("streams");
  base.stations.push_back(test::station("a", 1, md::Exponential{1.0}));
  base.arrivals.push_back(test::arrivals(0, md::Exponential{0.7}));
  base.stations[0].routing = {test::route_to({{0, 0.2}})};  // draws routing numbers too
  base.run.horizon = 5000.0;
  auto bigger = base;
  bigger.stations.push_back(test::station("b", 2, md::Lognormal{1.0, 2.0}));
  bigger.arrivals.push_back(test::arrivals(1, md::Exponential{1.5}));
  const auto x = sim::run_replication(base, {0, 1});
  const auto y = sim::run_replication(bigger, {0, 1});
  CHECK(identical(x[0].stations[0].metrics, y[0].stations[0].metrics));
}

TEST_CASE("fixed warm-ups cut where they say", "[sim][properties]") {
  auto sc = test::mmc(0.8, 1.0, 1, 50'000);
  sc.run.warmup = {model::WarmupSpec::Kind::Customers, 5000.0};
  const auto by_count = sim::run_replication(sc, {0, 1});
  CHECK(by_count[0].warmup_customers == 5000);
  CHECK(by_count[0].stations[0].metrics.at("departures") == 45'000.0);
  CHECK(by_count[0].start_time == by_count[0].warmup_time);

  sc.run.warmup = {model::WarmupSpec::Kind::Time, 1000.0};
  const auto by_time = sim::run_replication(sc, {0, 1});
  CHECK(by_time[0].warmup_time == 1000.0);
  CHECK(by_time[0].start_time == 1000.0);

  sc.run.customers.reset();
  sc.run.horizon = 3000.0;
  const auto horizon = sim::run_replication(sc, {0, 1});
  CHECK(horizon[0].status == sim::RunStatus::ReachedHorizon);
  CHECK(horizon[0].end_time == 3000.0);
  CHECK(horizon[0].start_time == 1000.0);
}

TEST_CASE("without customers or horizon the default number of customers applies",
          "[sim][properties]") {
  auto sc = test::mmc(0.5, 1.0, 1, 1);
  sc.run.customers.reset();
  const auto out = sim::run_replication(sc, {0, 1});
  CHECK(out[0].status == sim::RunStatus::ReachedCustomers);
  CHECK(out[0].stations[0].metrics.at("departures") == static_cast<double>(sim::default_customers));
}

TEST_CASE("MSER-5 removes an initial transient", "[sim][properties]") {
  // M/M/1 at ρ = 0.5 started with 400 customers: the backlog drains in about 400/(μ − λ) = 800
  // time units (~400 departures of the backlog plus ~400 new ones). MSER must cut there, and
  // what remains must look like steady state (W = 2).
  auto sc = test::mmc(0.5, 1.0, 1, 40'000);
  sc.stations[0].backlog = {400};
  sc.run.warmup.kind = model::WarmupSpec::Kind::Auto;
  double w_sum = 0.0;
  for (std::uint32_t r = 0; r < 10; ++r) {
    const auto out = sim::run_replication(sc, {r, 1});
    CHECK(out[0].warmup_customers >= 500);
    CHECK(out[0].warmup_customers <= 4000);
    w_sum += out[0].network.at("W");
  }
  CHECK_THAT(w_sum / 10.0, WithinAbs(2.0, 0.1));

  // Without a transient the cut stays small.
  auto clean = test::mmc(0.5, 1.0, 1, 40'000);
  clean.run.warmup.kind = model::WarmupSpec::Kind::Auto;
  const auto out = sim::run_replication(clean, {0, 1});
  CHECK(out[0].warmup_customers <= 40'000 / 8);
}

TEST_CASE("MSER accumulator: known truncation point and bounded memory", "[sim][properties]") {
  sim::MserAccumulator m;
  sim::RandomStream rng(4);
  for (int i = 0; i < 1000; ++i) m.add(10.0 + sim::variate::standard_normal(rng));
  for (int i = 0; i < 20'000; ++i) m.add(sim::variate::standard_normal(rng));
  CHECK(m.truncation() >= 1000);
  CHECK(m.truncation() <= 1000 + m.batch_size());

  sim::MserAccumulator big(5, 256);
  for (int i = 0; i < 1'000'000; ++i) big.add(sim::variate::standard_normal(rng));
  CHECK(big.batches() < 256);
  CHECK(big.observations() == 1'000'000);
  CHECK(big.truncation() <= 500'000);

  sim::MserAccumulator tiny;
  for (int i = 0; i < 20; ++i) tiny.add(1.0);
  CHECK(tiny.truncation() == 0);  // fewer than 10 batches: no judgement
}

TEST_CASE("batch means partition the observation window", "[sim][properties]") {
  auto sc = test::mmc(0.8, 1.0, 1, 100'000);
  sc.run.warmup = {model::WarmupSpec::Kind::Customers, 1000.0};
  const auto single = sim::run_replication(sc, {0, 1});
  const auto batches = sim::run_replication(sc, {0, 10});
  REQUIRE(batches.size() == 10);
  double area = 0.0;
  double departures = 0.0;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    const auto& b = batches[i];
    CHECK(b.batch == i);
    CHECK(b.warmup_customers == 1000);
    if (i > 0) CHECK(b.start_time == batches[i - 1].end_time);
    CHECK(b.network.at("departures") == 9900.0);
    area += b.stations[0].metrics.at("L") * (b.end_time - b.start_time);
    departures += b.stations[0].metrics.at("departures");
  }
  CHECK(batches.front().start_time == single[0].start_time);
  CHECK(batches.back().end_time == single[0].end_time);
  const auto& s = single[0];
  CHECK_THAT(area, WithinRel(s.stations[0].metrics.at("L") * (s.end_time - s.start_time), 1e-9));
  CHECK(departures == s.stations[0].metrics.at("departures"));
}

TEST_CASE("batch means with an automatic warm-up or a horizon run in two passes",
          "[sim][properties]") {
  auto sc = test::mmc(0.8, 1.0, 1, 60'000);
  sc.run.warmup.kind = model::WarmupSpec::Kind::Auto;
  const auto single = sim::run_replication(sc, {2, 1});
  const auto batches = sim::run_replication(sc, {2, 20});
  REQUIRE(batches.size() == 20);
  CHECK(batches.front().start_time == single[0].start_time);
  CHECK(batches.front().warmup_customers == single[0].warmup_customers);
  CHECK(batches.back().end_time == single[0].end_time);
  const double per_batch = (60'000.0 - static_cast<double>(single[0].warmup_customers)) / 20.0;
  for (std::size_t i = 0; i < batches.size(); ++i) {
    CHECK(std::abs(batches[i].network.at("departures") - per_batch) <= 1.0);
    if (i > 0) CHECK(batches[i].start_time == batches[i - 1].end_time);
  }

  sc.run.customers.reset();
  sc.run.horizon = 20'000.0;
  sc.run.warmup = {model::WarmupSpec::Kind::Time, 500.0};
  const auto by_time = sim::run_replication(sc, {0, 8});
  REQUIRE(by_time.size() == 8);
  CHECK(by_time.front().start_time == 500.0);
  CHECK(by_time.back().end_time == 20'000.0);

  auto tiny = test::mmc(0.8, 1.0, 1, 5);
  CHECK_THROWS_AS(sim::run_replication(tiny, {0, 10}), InvalidParameter);
}

TEST_CASE("L by segment covers the whole run in eight parts", "[sim][properties]") {
  auto sc = test::mmc(0.8, 1.0, 1, 80'000);
  const auto out = sim::run_replication(sc, {0, 1});
  const auto& st = out[0].stations[0];
  REQUIRE(st.L_by_segment.size() == 8);
  REQUIRE(st.segment_ends.size() == 8);
  CHECK(st.segment_ends.back() == out[0].end_time);
  double area = 0.0;
  double previous = 0.0;
  for (std::size_t i = 0; i < 8; ++i) {
    area += st.L_by_segment[i] * (st.segment_ends[i] - previous);
    previous = st.segment_ends[i];
  }
  CHECK_THAT(area / out[0].end_time, WithinRel(st.metrics.at("L"), 1e-9));

  // With a horizon the segments are equal in time.
  sc.run.customers.reset();
  sc.run.horizon = 8000.0;
  const auto timed = sim::run_replication(sc, {0, 1});
  const auto& ends = timed[0].stations[0].segment_ends;
  REQUIRE(ends.size() == 8);
  for (std::size_t i = 0; i < 8; ++i) CHECK(ends[i] == 1000.0 * static_cast<double>(i + 1));
}

TEST_CASE("cancellation returns a partial result promptly", "[sim][properties]") {
  auto sc = test::mmc(0.8, 1.0, 1, 100'000'000);
  std::stop_source source;
  sim::RunControl control;
  control.stop = source.get_token();
  control.check_every = 4096;
  std::vector<double> fractions;
  control.on_progress = [&](const sim::Progress& p) {
    fractions.push_back(p.fraction);
    if (fractions.size() == 5) source.request_stop();
  };
  const auto out = sim::run_replication(sc, {0, 1}, control);
  REQUIRE(out.size() == 1);
  CHECK(out[0].status == sim::RunStatus::Cancelled);
  CHECK(out[0].events <= 6 * 4096);
  CHECK(out[0].stations[0].metrics.has("W"));
  CHECK(std::is_sorted(fractions.begin(), fractions.end()));
  CHECK(fractions.back() < 0.001);

  std::stop_source before;
  before.request_stop();
  sim::RunControl stopped;
  stopped.stop = before.get_token();
  const auto none = sim::run_replication(sc, {0, 1}, stopped);
  CHECK(none[0].status == sim::RunStatus::Cancelled);
  CHECK(none[0].events == 0);
}

TEST_CASE("a periodic server schedule averages its server counts", "[sim][properties]") {
  // 1 server on [0, 5), 3 on [5, 10), period 10: on average 2 servers; utilization is busy time
  // over available server time.
  auto sc = test::scenario("schedule");
  auto st = test::station("desk", 3, md::Exponential{1.0});
  st.server_schedule = model::PiecewiseConstant{{0.0, 5.0}, {1.0, 3.0}, 10.0};
  sc.stations.push_back(st);
  sc.arrivals.push_back(test::arrivals(0, md::Exponential{0.8}));
  sc.run.horizon = 10'000.0;
  const auto out = sim::run_replication(sc, {0, 1});
  const auto& m = out[0].stations[0].metrics;
  CHECK_THAT(m.at("busy_servers") / m.at("utilization"), WithinRel(2.0, 1e-9));
  CHECK_THAT(m.at("busy_servers"), WithinRel(m.at("throughput") * 1.0, 0.05));
}

TEST_CASE("an automatic warm-up cuts exactly where a fixed count at the same point would",
          "[sim][properties]") {
  // The MSER cut is a snapshot of every accumulator; cutting with a fixed count at the reported
  // number of departures must give bit-identical metrics. Horizon runs thin their candidate
  // snapshots as the run grows, which exercises the thinning; the two-class case has per-class
  // tallies in every snapshot.
  auto two_class = test::scenario("two classes");
  two_class.classes = {{"gold", 1}, {"bronze", 2}};
  auto st = test::station("front", 1, md::Exponential{3.0});
  st.discipline = model::Discipline::Priority;
  st.routing = {test::route_to({{1, 1.0}}), test::route_to({{1, 1.0}})};
  two_class.stations.push_back(st);
  two_class.stations.push_back(test::station("back", 1, md::Exponential{2.0}));
  two_class.arrivals.push_back(test::arrivals(0, md::Exponential{0.4}, 0));
  two_class.arrivals.push_back(test::arrivals(0, md::Exponential{0.8}, 1));
  auto mm1 = test::mmc(0.9, 1.0, 1, 1);
  mm1.stations[0].backlog = {200};

  for (auto base : {two_class, mm1}) {
    for (bool by_horizon : {false, true}) {
      auto sc = base;
      sc.run.customers.reset();
      sc.run.horizon.reset();
      if (by_horizon) {
        sc.run.horizon = 40'000.0;
      } else {
        sc.run.customers = 30'000;
      }
      sc.run.warmup = {model::WarmupSpec::Kind::Auto, 0.0};
      for (std::uint32_t r = 0; r < 4; ++r) {
        INFO(base.name << (by_horizon ? ", horizon" : ", customers") << ", replication " << r);
        const auto automatic = sim::run_replication(sc, {r, 1}).front();
        auto fixed = sc;
        fixed.run.warmup = {model::WarmupSpec::Kind::Customers,
                            static_cast<double>(automatic.warmup_customers)};
        if (automatic.warmup_customers == 0) fixed.run.warmup.kind = model::WarmupSpec::Kind::None;
        const auto exact = sim::run_replication(fixed, {r, 1}).front();
        CHECK(automatic.start_time == exact.start_time);
        for (std::size_t s = 0; s < automatic.stations.size(); ++s) {
          CHECK(identical(automatic.stations[s].metrics, exact.stations[s].metrics));
          for (std::size_t k = 0; k < automatic.stations[s].classes.size(); ++k) {
            CHECK(identical(automatic.stations[s].classes[k], exact.stations[s].classes[k]));
          }
        }
        CHECK(identical(automatic.network, exact.network));
      }
    }
  }
}
