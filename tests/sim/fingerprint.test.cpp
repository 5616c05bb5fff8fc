// Fingerprints (STYLE.md guideline 14, kind 3; compare OMNeT++'s samples/queuenet/
// fingerprints.ini): a 64-bit hash of the full event trace of a short, fixed-seed run of every
// scenario in scenarios/ and of a few scenarios built here. Any change in event order, tie
// rules, variates or random streams changes a hash. An intended change updates the table in the
// same commit (the failure message prints the new value); a new scenario file fails until its
// hash is added.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>

#include <catch2/catch.hpp>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/sim/engine/simulator.hpp"
#include "kendall/sim/engine/trace_recorder.hpp"

#include "engine_scenarios.hpp"
#include "repo_root.hpp"

using namespace kendall;
namespace md = kendall::model::dist;

namespace {

// Short runs: at most this many departures (backlog runs drain, horizon runs may stop earlier).
constexpr std::uint64_t fingerprint_customers = 2000;

struct Fingerprint {
  std::uint64_t hash;
  std::uint64_t notices;
};

Fingerprint fingerprint(model::Scenario sc) {
  if (!sc.run.customers || *sc.run.customers > fingerprint_customers) {
    if (sc.is_closed() || !sc.arrivals.empty()) sc.run.customers = fingerprint_customers;
  }
  // The warm-up changes statistics, never events, so it is irrelevant to the trace; a fixed
  // warm-up longer than the shortened run would be refused.
  sc.run.warmup.kind = model::WarmupSpec::Kind::None;
  sim::TraceRecorder trace(0);  // hash every notice, keep none
  sim::Simulator simulator(sc, 0);
  simulator.add_observer(trace);
  (void)simulator.run();
  return {trace.fingerprint(), trace.count()};
}

std::string hex(std::uint64_t v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "0x%016llX", static_cast<unsigned long long>(v));
  return buffer;
}

std::filesystem::path scenarios_directory() {
  // This file is tests/sim/fingerprint.test.cpp; the scenarios are in <root>/scenarios.
  return kendall::test::repo_root() / "scenarios";
}

}  // namespace

TEST_CASE("every scenario file has its pinned trace fingerprint", "[sim][fingerprint]") {
  // file name → fingerprint of the first 2000 departures of replication 0 with the file's seed.
  const std::map<std::string, std::uint64_t> expected = {
      {"async-article-finite-queue.yaml", 0x0DD547C197A6643Dull},
      {"async-article-one-server.yaml", 0x6FC4D303EF6BB402ull},
      {"async-article-two-servers.yaml", 0x0DB2A5F8438BF505ull},
      {"batch-backlog.yaml", 0xA795E05F49818B4Aull},
      {"batch-chunks.yaml", 0x624F89490A256B19ull},
      {"batch-five-tasks-sequential.yaml", 0x3A37DD30B28830CEull},
      {"batch-five-tasks-unbounded.yaml", 0x5C8ACB4930CA0217ull},
      {"call-centre.yaml", 0x40DA71A232859E88ull},
      {"daily-profile.yaml", 0x441978E8D0EAFE7Bull},
      {"interactive-closed.yaml", 0x52E9C8D8BED25F72ull},
      {"kafka-consumers.yaml", 0x3DE95AF6BD184B41ull},
      {"priority-classes.yaml", 0x3A1EBC1A6DBBD19Full},
      {"task-queue.yaml", 0xE0FD3A6847B160F4ull},
      {"three-tier.yaml", 0x5559F0EBC3FC20B8ull},
      {"web-api.yaml", 0x06813573EA5C0DDAull},
  };

  const auto dir = scenarios_directory();
  REQUIRE(std::filesystem::is_directory(dir));
  std::size_t seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".yaml") continue;
    ++seen;
    const std::string name = entry.path().filename().string();
    INFO(name);
    const Fingerprint fp = fingerprint(model::load_scenario(entry.path()));
    CHECK(fp.notices > 0);
    const auto it = expected.find(name);
    if (it == expected.end()) {
      FAIL_CHECK("no pinned fingerprint for " << name << ": add {\"" << name << "\", "
                                              << hex(fp.hash) << "ull} to the table");
      continue;
    }
    if (fp.hash != it->second) {
      FAIL_CHECK(name << ": fingerprint " << hex(fp.hash) << " differs from the pinned "
                      << hex(it->second)
                      << " — the trace changed; if intended, update the table in the same commit");
    }
  }
  CHECK(seen >= expected.size());
}

TEST_CASE("built-in scenarios have pinned trace fingerprints", "[sim][fingerprint]") {
  auto mm1 = test::mmc(0.9, 1.0, 1, fingerprint_customers);
  mm1.run.seed = 42;

  auto network = test::scenario("network with every mechanism");
  network.classes = {{"gold", 1}, {"bronze", 2}};
  auto front = test::station("front", 2, md::Exponential{1.0});
  front.service = {md::Exponential{1.5}, md::Lognormal{0.8, 2.0}};
  front.discipline = model::Discipline::PriorityPreemptive;
  front.capacity = 12;
  front.balking = model::BalkingSpec{4, 0.5};
  front.patience = md::Exponential{0.2};
  front.routing = {test::route_to({{1, 0.5}, {2, 0.3}}), test::route_to({{2, 0.6}})};
  auto ps = test::station("ps", 1, md::Gamma{0.5, 1.2});
  ps.discipline = model::Discipline::ProcessorSharing;
  auto rr = test::station("rr", 2, md::Weibull{1.5, 1.0});
  rr.discipline = model::Discipline::RoundRobin;
  rr.quantum = 0.4;
  rr.retry = model::RetrySpec{0.2, 3, md::Uniform{0.5, 1.5}};
  model::RoutingSpec jsq;
  jsq.policy = model::RoutingPolicy::JoinShortestQueue;
  jsq.targets = {{1, 0.0}, {0, 0.0}};
  rr.routing = {test::route_to({}), jsq};
  rr.server_schedule = model::PiecewiseConstant{{0.0, 30.0}, {1.0, 2.0}, 60.0};
  network.stations = {front, ps, rr};
  network.arrivals.push_back(test::arrivals(0, md::Exponential{0.6}, 0));
  auto profile = test::arrivals(0, md::Exponential{1.0}, 1);
  profile.rate_profile = model::PiecewiseConstant{{0.0, 20.0}, {0.3, 1.2}, 50.0};
  network.arrivals.push_back(profile);
  network.stations[0].backlog = {1, 3};
  network.run.seed = 7;
  network.run.warmup.kind = model::WarmupSpec::Kind::Auto;
  network.run.customers = fingerprint_customers;

  const Fingerprint a = fingerprint(mm1);
  const Fingerprint b = fingerprint(network);
  INFO("M/M/1 " << hex(a.hash) << ", network " << hex(b.hash));
  CHECK(a.hash == 0x5A2437A19785E315ull);
  CHECK(b.hash == 0x78899386D44AF6D9ull);
  // The hash is a function of the trace: same run, same hash; another seed, another hash.
  CHECK(fingerprint(mm1).hash == a.hash);
  mm1.run.seed = 43;
  CHECK(fingerprint(mm1).hash != a.hash);
}
