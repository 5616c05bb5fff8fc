// Exact and approximate MVA of closed single-class networks against published worked examples,
// identities (Little, bounds, N = 1) and the numerics of large populations.

#include <chrono>
#include <cmath>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/network/asymptotic_bounds.hpp"
#include "kendall/model/network/mva.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using kendall::model::ClosedNetwork;
using kendall::model::ClosedStation;
using kendall::model::ClosedStationKind;

namespace {

ClosedStation queue(const char* name, double visits, double service, std::uint32_t servers = 1) {
  ClosedStation s;
  s.name = name;
  s.kind = ClosedStationKind::Fcfs;
  s.servers = servers;
  s.visits = visits;
  s.service_time = service;
  return s;
}

ClosedStation delay(const char* name, double visits, double service) {
  ClosedStation s;
  s.name = name;
  s.kind = ClosedStationKind::Delay;
  s.visits = visits;
  s.service_time = service;
  return s;
}

// Jain, The Art of Computer Systems Performance Analysis (Wiley 1991), Example 34.2 and
// Table 34.1: timesharing system, CPU S = 0.125 s, V = 16; disk A S = 0.3 s, V = 10; disk B
// S = 0.2 s, V = 5; think time Z = 4 s (terminals visited once per interaction).
ClosedNetwork jain_timesharing(std::uint64_t n) {
  ClosedNetwork net;
  net.stations = {delay("terminals", 1, 4.0), queue("cpu", 16, 0.125), queue("diskA", 10, 0.3),
                  queue("diskB", 5, 0.2)};
  net.reference = 0;
  net.population = n;
  return net;
}

// Lazowska, Zahorjan, Graham & Sevcik, Quantitative System Performance (1984), the
// interactive example of §6.3–6.4 (p. 117): demands CPU 0.605 s, disk1 2.1 s, disk2 1.35 s,
// think time Z = 15 s, N = 3 terminals.
ClosedNetwork qsp_interactive(std::uint64_t n) {
  ClosedNetwork net;
  net.stations = {delay("terminals", 1, 15.0), queue("cpu", 1, 0.605), queue("disk1", 1, 2.1),
                  queue("disk2", 1, 1.35)};
  net.reference = 0;
  net.population = n;
  return net;
}

// Bolch, Greiner, de Meer & Trivedi, Queueing Networks and Markov Chains (Wiley 1998),
// Example 8.4 (p. 333): station 1 has two servers (S = 0.5), stations 2 and 3 are single
// servers (S = 0.6, 0.8) visited with probability 0.5 each, station 4 is a delay (S = 1);
// N = 3.
ClosedNetwork bolch_8_4() {
  ClosedNetwork net;
  net.stations = {queue("s1", 1, 0.5, 2), queue("s2", 0.5, 0.6), queue("s3", 0.5, 0.8),
                  delay("s4", 1, 1.0)};
  net.reference = 3;
  net.population = 3;
  return net;
}

}  // namespace

TEST_CASE("exact MVA reproduces Jain's Table 34.1", "[model][network][mva]") {
  const auto net = jain_timesharing(20);
  const auto sol = kendall::model::mva(net);
  REQUIRE(sol.method == "exact");
  REQUIRE(sol.curves.size() == 20);
  // Table 34.1 prints per-visit response times (R_i / V_i), the system response time
  // (excluding think time), the throughput and the queue lengths, to three decimals.
  struct Row {
    int n;
    double r_cpu, r_a, r_b, r_sys, x, q_cpu, q_a, q_b;
  };
  const std::vector<Row> table = {
      {1, 0.125, 0.300, 0.200, 6.000, 0.100, 0.200, 0.300, 0.100},
      {2, 0.150, 0.390, 0.220, 7.400, 0.175, 0.421, 0.684, 0.193},
      {3, 0.178, 0.505, 0.239, 9.088, 0.229, 0.651, 1.158, 0.273},
      {4, 0.206, 0.647, 0.255, 11.051, 0.266, 0.878, 1.721, 0.338},
      {5, 0.235, 0.816, 0.268, 13.256, 0.290, 1.088, 2.365, 0.388},
      {17, 0.370, 3.962, 0.300, 47.045, 0.333, 1.974, 13.195, 0.499},
      {18, 0.372, 4.259, 0.300, 50.032, 0.333, 1.981, 14.187, 0.499},
      {19, 0.373, 4.556, 0.300, 53.022, 0.333, 1.987, 15.181, 0.500},
      {20, 0.373, 4.854, 0.300, 56.016, 0.333, 1.991, 16.177, 0.500},
  };
  for (const auto& row : table) {
    INFO("N = " << row.n);
    const auto k = static_cast<std::size_t>(row.n - 1);
    const auto& c = sol.curves;
    CHECK_THAT(c.residence_time[1][k] / 16.0, WithinAbs(row.r_cpu, 6e-4));
    CHECK_THAT(c.residence_time[2][k] / 10.0, WithinAbs(row.r_a, 6e-4));
    CHECK_THAT(c.residence_time[3][k] / 5.0, WithinAbs(row.r_b, 6e-4));
    CHECK_THAT(c.response_time[k], WithinAbs(row.r_sys, 6e-4));
    CHECK_THAT(c.throughput[k], WithinAbs(row.x, 6e-4));
    CHECK_THAT(c.queue_length[1][k], WithinAbs(row.q_cpu, 6e-4));
    CHECK_THAT(c.queue_length[2][k], WithinAbs(row.q_a, 6e-4));
    CHECK_THAT(c.queue_length[3][k], WithinAbs(row.q_b, 6e-4));
  }
}

TEST_CASE("exact MVA of the QSP interactive example, and Schweitzer's published approximation",
          "[model][network][mva][schweitzer]") {
  const auto net = qsp_interactive(3);
  const auto exact = kendall::model::mva(net);
  // Hand recursion (QSP Algorithm 6.1): N=1: R = 4.055, X = 1/19.055; N=2: R_i = D_i(1+Q_i(1)), ...
  const double x1 = 1.0 / 19.055;
  CHECK_THAT(exact.curves.throughput[0], WithinRel(x1, 1e-12));
  const double q1[] = {x1 * 0.605, x1 * 2.1, x1 * 1.35};
  const double r2[] = {0.605 * (1 + q1[0]), 2.1 * (1 + q1[1]), 1.35 * (1 + q1[2])};
  const double x2 = 2.0 / (15.0 + r2[0] + r2[1] + r2[2]);
  CHECK_THAT(exact.curves.throughput[1], WithinRel(x2, 1e-12));
  const double r3[] = {0.605 * (1 + x2 * r2[0]), 2.1 * (1 + x2 * r2[1]), 1.35 * (1 + x2 * r2[2])};
  const double x3 = 3.0 / (15.0 + r3[0] + r3[1] + r3[2]);
  CHECK_THAT(exact.throughput(), WithinRel(x3, 1e-12));
  CHECK_THAT(exact.response_time(), WithinRel(r3[0] + r3[1] + r3[2], 1e-12));
  // (For scale: X ≈ 0.152/s and R ≈ 4.80 s; Schweitzer's published values below are within 1–2%.)
  CHECK_THAT(exact.throughput(), WithinAbs(0.1515, 5e-4));
  CHECK_THAT(exact.response_time(), WithinAbs(4.80, 5e-3));

  // QSP p. 117 (Schweitzer's approximation at N = 3): Q = 0.0973, 0.4021, 0.2359,
  // X = 0.1510, R = 4.87.
  const auto approx = kendall::model::schweitzer_mva(net);
  CHECK(approx.method == "approximation (Schweitzer MVA)");
  CHECK_THAT(approx.curves.queue_length[1][2], WithinAbs(0.0973, 5e-4));
  CHECK_THAT(approx.curves.queue_length[2][2], WithinAbs(0.4021, 5e-4));
  CHECK_THAT(approx.curves.queue_length[3][2], WithinAbs(0.2359, 5e-4));
  CHECK_THAT(approx.throughput(), WithinAbs(0.1510, 5e-4));
  CHECK_THAT(approx.response_time(), WithinAbs(4.87, 5e-3));
  // ... a few percent from exact.
  CHECK_THAT(approx.throughput(), WithinRel(exact.throughput(), 0.02));
  CHECK_THAT(approx.response_time(), WithinRel(exact.response_time(), 0.03));
}

TEST_CASE("multi-server MVA reproduces Bolch et al. Example 8.4",
          "[model][network][mva][multiserver]") {
  const auto sol = kendall::model::mva(bolch_8_4());
  REQUIRE(sol.method == "exact");
  // Published: Q = 0.624, 0.473, 0.686, 1.217; X = 1.218, 0.609, 0.609, 1.218 (station
  // throughputs = X · V_i).
  const double q[] = {0.624, 0.473, 0.686, 1.217};
  for (std::size_t i = 0; i < 4; ++i)
    CHECK_THAT(sol.curves.queue_length[i][2], WithinAbs(q[i], 6e-4));
  CHECK_THAT(sol.throughput(), WithinAbs(1.218, 6e-4));
  const auto stations = kendall::model::closed_station_results(bolch_8_4(), sol);
  CHECK_THAT(stations[1].metrics.at("throughput"), WithinAbs(0.609, 6e-4));
  // Bolch Example 8.7 (the same network by load-dependent MVA) prints the response times
  // per visit: 0.512, 0.776, 1.127, 1 (the book truncates: 0.4731 / 0.6091 = 0.7768).
  const double r[] = {0.512, 0.776, 1.127, 1.0};
  for (std::size_t i = 0; i < 4; ++i)
    CHECK_THAT(stations[i].metrics.at("W"), WithinAbs(r[i], 1e-3));
}

TEST_CASE("Menasce et al. database server: queue lengths 68/115, 48/115, 114/115",
          "[model][network][mva]") {
  // Menascé, Almeida & Dowdy, Performance by Design (2004), §12.2 (the database server of
  // §10.4 revisited): CPU, fast disk and slow disk with demands in ratio 4 : 3 : 6
  // (D_CPU = 10 s, D_fast = 7.5 s, D_slow = 15 s), N = 2, no think time. The Markov model
  // gives Q = 0.5913, 0.4174, 0.9913 (= 68/115, 48/115, 114/115).
  ClosedNetwork net;
  net.stations = {queue("cpu", 1, 10.0), queue("fast", 0.5, 15.0), queue("slow", 0.5, 30.0)};
  net.population = 2;
  const auto sol = kendall::model::mva(net);
  CHECK_THAT(sol.curves.queue_length[0][1], WithinRel(68.0 / 115.0, 1e-13));
  CHECK_THAT(sol.curves.queue_length[1][1], WithinRel(48.0 / 115.0, 1e-13));
  CHECK_THAT(sol.curves.queue_length[2][1], WithinRel(114.0 / 115.0, 1e-13));
  // CPU utilization = P(CPU busy) = 52/115 → X = 52/1150 per second.
  CHECK_THAT(sol.throughput(), WithinRel(52.0 / 1150.0, 1e-13));
}

TEST_CASE("MVA identities: N = 1, Little per station and for the network, bounds",
          "[model][network][mva][bounds]") {
  const auto net = jain_timesharing(60);
  const auto sol = kendall::model::mva(net);
  const auto bounds = kendall::model::asymptotic_bounds(net);
  // D = 2 + 3 + 1 = 6, Z = 4, D_max = 3 (disk A), N* = 10/3.
  CHECK_THAT(bounds.total_demand, WithinRel(6.0, 1e-15));
  CHECK_THAT(bounds.think_time, WithinRel(4.0, 1e-15));
  CHECK_THAT(bounds.max_demand, WithinRel(3.0, 1e-15));
  REQUIRE(bounds.bottleneck.has_value());
  CHECK(*bounds.bottleneck == 2);
  CHECK_THAT(*bounds.n_star, WithinRel(10.0 / 3.0, 1e-15));

  // N = 1: no queueing, the cycle is D + Z.
  CHECK_THAT(sol.curves.cycle_time[0], WithinRel(10.0, 1e-15));
  CHECK_THAT(sol.curves.response_time[0], WithinRel(6.0, 1e-15));

  for (std::size_t k = 0; k < sol.curves.size(); ++k) {
    const auto n = static_cast<std::uint64_t>(k + 1);
    const double x = sol.curves.throughput[k];
    double total_q = 0.0;
    for (std::size_t i = 0; i < net.stations.size(); ++i) {
      // Little per station: Q_i = X R_i.
      CHECK_THAT(sol.curves.queue_length[i][k],
                 WithinRel(x * sol.curves.residence_time[i][k], 1e-12));
      total_q += sol.curves.queue_length[i][k];
    }
    CHECK_THAT(total_q, WithinRel(static_cast<double>(n), 1e-12));
    // Network: N = X (R + Z), and the response excludes only the think station.
    CHECK_THAT(x * (sol.curves.response_time[k] + 4.0), WithinRel(static_cast<double>(n), 1e-12));
    CHECK(x <= bounds.throughput_upper(n) * (1 + 1e-12));
    CHECK(x >= bounds.throughput_lower(n) * (1 - 1e-12));
    CHECK(sol.curves.response_time[k] >= bounds.response_lower(n) * (1 - 1e-12));
    CHECK(sol.curves.response_time[k] <= bounds.response_upper(n) * (1 + 1e-12));
    // Throughput never decreases with the population (product-form networks).
    if (k > 0) CHECK(x >= sol.curves.throughput[k - 1]);
  }
  // Far beyond N*, the bottleneck (disk A) saturates.
  CHECK_THAT(sol.throughput(), WithinRel(1.0 / 3.0, 1e-9));

  const auto metrics = kendall::model::closed_network_metrics(net, sol);
  CHECK_THAT(metrics.at("L"), WithinRel(metrics.at("throughput") * metrics.at("W"), 1e-12));
  CHECK_THAT(metrics.at("cycle_time"), WithinRel(60.0 / metrics.at("throughput"), 1e-12));
}

TEST_CASE("Schweitzer MVA stays within a few percent of exact MVA on the textbook networks",
          "[model][network][schweitzer]") {
  for (std::uint64_t n : {1u, 2u, 5u, 10u, 20u, 50u}) {
    INFO("N = " << n);
    const auto exact = kendall::model::mva(jain_timesharing(n));
    const auto approx = kendall::model::schweitzer_mva(jain_timesharing(n));
    CHECK_THAT(approx.throughput(), WithinRel(exact.throughput(), 0.05));
    CHECK_THAT(approx.response_time(), WithinRel(exact.response_time(), 0.05));
    const auto bounds = kendall::model::asymptotic_bounds(jain_timesharing(n));
    CHECK(approx.throughput() <= bounds.throughput_upper(n) * (1 + 1e-12));
  }
  // N = 1 is exact for Schweitzer too.
  const auto one = kendall::model::schweitzer_mva(jain_timesharing(1));
  CHECK_THAT(one.throughput(), WithinRel(0.1, 1e-14));
}

TEST_CASE("load-dependent MVA stays exact where the textbook recursion breaks down",
          "[model][network][mva][multiserver][numerics]") {
  // A 64-server station as the bottleneck of a large population: the textbook
  // p(0|n) = 1 − (...) loses every digit here. Reference: a delay station in front of a
  // 64-server station is a machine-repair model M/M/c//N, whose exact distribution is a
  // truncated birth–death chain summed here in log space.
  const std::uint32_t c = 64;
  const double think = 2.0;  // N* = (2 + 1)·64 = 192: the pool saturates well before N = 400
  const double service = 1.0;
  const std::uint64_t n = 400;
  ClosedNetwork net;
  net.stations = {delay("users", 1, think), queue("pool", 1, service, c)};
  net.population = n;
  const auto sol = kendall::model::mva(net);

  for (std::uint64_t pop : {1u, 10u, 63u, 64u, 65u, 100u, 192u, 300u, 400u}) {
    // π(k) ∝ pop!/(pop−k)! · (service/think)^k / ∏_{j ≤ k} min(j, c)  (k customers at the pool)
    std::vector<double> log_w(pop + 1);
    double hi = -1e300;
    for (std::uint64_t k = 0; k <= pop; ++k) {
      double lw = std::lgamma(static_cast<double>(pop) + 1) -
                  std::lgamma(static_cast<double>(pop - k) + 1) +
                  static_cast<double>(k) * std::log(service / think);
      for (std::uint64_t j = 1; j <= k; ++j)
        lw -= std::log(static_cast<double>(std::min<std::uint64_t>(j, c)));
      log_w[k] = lw;
      hi = std::max(hi, lw);
    }
    double z = 0.0;
    double mean_k = 0.0;
    double busy = 0.0;
    for (std::uint64_t k = 0; k <= pop; ++k) {
      const double w = std::exp(log_w[k] - hi);
      z += w;
      mean_k += static_cast<double>(k) * w;
      busy += static_cast<double>(std::min<std::uint64_t>(k, c)) * w;
    }
    mean_k /= z;
    busy /= z;
    INFO("population " << pop);
    const auto k = static_cast<std::size_t>(pop - 1);
    CHECK_THAT(sol.curves.throughput[k], WithinRel(busy / service, 1e-10));
    CHECK_THAT(sol.curves.queue_length[1][k], WithinRel(mean_k, 1e-10));
  }
}

TEST_CASE("MVA handles N = 10,000 with multi-server stations quickly and without NaN",
          "[model][network][mva][numerics]") {
  ClosedNetwork net;
  net.stations = {delay("users", 1, 30.0), queue("web", 1, 0.02, 16), queue("app", 1.5, 0.01, 4),
                  queue("db", 2.0, 0.004, 1)};
  net.population = 10000;
  const auto start = std::chrono::steady_clock::now();
  const auto sol = kendall::model::mva(net);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 5.0);
  const auto bounds = kendall::model::asymptotic_bounds(net);
  for (std::size_t k = 0; k < sol.curves.size(); k += 97) {
    const auto pop = static_cast<std::uint64_t>(k + 1);
    const double x = sol.curves.throughput[k];
    REQUIRE(std::isfinite(x));
    CHECK(x <= bounds.throughput_upper(pop) * (1 + 1e-12));
    CHECK(x >= bounds.throughput_lower(pop) * (1 - 1e-12));
    for (std::size_t i = 0; i < net.stations.size(); ++i) {
      // (station 0 is the delay station: its "utilization" curve is the number busy)
      if (i > 0) CHECK(sol.curves.utilization[i][k] <= 1.0 + 1e-12);
      CHECK(sol.curves.queue_length[i][k] >= 0.0);
    }
  }
  // The bottleneck (web: 16 servers at 20 ms → 800/s; app: 4 at 15 ms → 266.7/s; db: 8 ms →
  // 125/s) is the database.
  CHECK_THAT(sol.throughput(), WithinRel(125.0, 1e-9));
  // Schweitzer approaches the saturation throughput more slowly (measured: 6e-5 below).
  const auto approx = kendall::model::schweitzer_mva(net);
  CHECK_THAT(approx.throughput(), WithinRel(sol.throughput(), 1e-4));
}

TEST_CASE("closed networks reject bad parameters with a clear error", "[model][network][mva]") {
  auto net = jain_timesharing(5);
  net.population = 0;
  CHECK_THROWS_AS(kendall::model::mva(net), kendall::InvalidParameter);
  net = jain_timesharing(5);
  net.stations[1].service_time = -1.0;
  CHECK_THROWS_WITH(kendall::model::mva(net), Catch::Contains("cpu"));
  net = jain_timesharing(5);
  net.stations[0].visits = 0.0;
  CHECK_THROWS_WITH(kendall::model::mva(net), Catch::Contains("reference station 'terminals'"));
  net = jain_timesharing(5);
  net.stations[2].servers = 0;
  CHECK_THROWS_AS(kendall::model::schweitzer_mva(net), kendall::InvalidParameter);
  net = jain_timesharing(5);
  net.stations[2].visits = std::nan("");
  CHECK_THROWS_AS(kendall::model::asymptotic_bounds(net), kendall::InvalidParameter);
}
