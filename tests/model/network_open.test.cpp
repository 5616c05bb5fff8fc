// Open Jackson / BCMP networks: published worked examples, a truncated CTMC of the whole
// network as independent reference, multi-class processor sharing, and unstable networks.

#include <cmath>
#include <functional>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/ctmc.hpp"
#include "kendall/model/network/open_network.hpp"
#include "kendall/model/network/traffic_equations.hpp"

using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using kendall::model::OpenNetwork;
using kendall::model::OpenStationType;

namespace {

// A central-server model: external arrivals at station 0, which sends customers to each
// device i ≥ 1 with probability V_i / V_0 and out with 1 / V_0; devices return to station 0.
OpenNetwork central_server(double lambda, const std::vector<double>& visits,
                           const std::vector<double>& service) {
  const auto m = static_cast<Eigen::Index>(visits.size());
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(m, m);
  for (Eigen::Index i = 1; i < m; ++i) {
    p(0, i) = visits[static_cast<std::size_t>(i)] / visits[0];
    p(i, 0) = 1.0;
  }
  Eigen::VectorXd gamma = Eigen::VectorXd::Zero(m);
  gamma(0) = lambda;
  std::vector<std::string> names;
  std::vector<std::optional<std::uint32_t>> servers;
  std::vector<double> mu;
  for (Eigen::Index i = 0; i < m; ++i) {
    names.push_back(i == 0 ? "cpu" : "disk" + std::to_string(i));
    servers.emplace_back(1);
    mu.push_back(1.0 / service[static_cast<std::size_t>(i)]);
  }
  return kendall::model::jackson_network(names, servers, mu, gamma, p);
}

double metric(const kendall::model::OpenNetworkResult& r, std::size_t station, const char* name) {
  REQUIRE(r.stations[station].has_value());
  return r.stations[station]->metrics.at(name);
}

/// Steady state of a truncated CTMC on a grid of per-station counts 0..cap (mixed radix).
struct Grid {
  std::vector<std::size_t> dims;
  [[nodiscard]] std::size_t size() const {
    std::size_t n = 1;
    for (auto d : dims) n *= d;
    return n;
  }
  [[nodiscard]] std::vector<std::size_t> decode(std::size_t s) const {
    std::vector<std::size_t> x(dims.size());
    for (std::size_t i = 0; i < dims.size(); ++i) {
      x[i] = s % dims[i];
      s /= dims[i];
    }
    return x;
  }
  [[nodiscard]] std::size_t encode(const std::vector<std::size_t>& x) const {
    std::size_t s = 0;
    for (std::size_t i = dims.size(); i-- > 0;) s = s * dims[i] + x[i];
    return s;
  }
};

}  // namespace

TEST_CASE("Jain Example 34.1: open central-server model", "[model][network][open]") {
  // Jain, The Art of Computer Systems Performance Analysis (1991), Example 34.1: λ = 3 jobs/s,
  // V = 16, 7, 8 and S = 0.01, 0.02, 0.03 s; published U = 0.48, 0.42, 0.72 and response
  // times per visit R = 0.0192, 0.0345, 0.107 s.
  const auto r =
      kendall::model::solve_open_network(central_server(3.0, {16, 7, 8}, {0.01, 0.02, 0.03}));
  REQUIRE(r.stable);
  CHECK_THAT(r.visit_ratios(0), WithinRel(16.0, 1e-12));
  CHECK_THAT(r.visit_ratios(1), WithinRel(7.0, 1e-12));
  CHECK_THAT(r.visit_ratios(2), WithinRel(8.0, 1e-12));
  CHECK_THAT(metric(r, 0, "utilization"), WithinAbs(0.48, 1e-12));
  CHECK_THAT(metric(r, 1, "utilization"), WithinAbs(0.42, 1e-12));
  CHECK_THAT(metric(r, 2, "utilization"), WithinAbs(0.72, 1e-12));
  CHECK_THAT(metric(r, 0, "W"), WithinAbs(0.0192, 5e-5));
  CHECK_THAT(metric(r, 1, "W"), WithinAbs(0.0345, 5e-5));
  CHECK_THAT(metric(r, 2, "W"), WithinAbs(0.107, 5e-4));
  // End to end: R = Σ V_i R_i (Jain: 0.31 + 0.24 + 0.86 = 1.40 s), L = λ R.
  const double w = 16 * 0.01 / 0.52 + 7 * 0.02 / 0.58 + 8 * 0.03 / 0.28;
  CHECK_THAT(r.network.at("W"), WithinRel(w, 1e-12));
  CHECK_THAT(r.network.at("L"), WithinRel(3.0 * w, 1e-12));
  CHECK_THAT(r.network.at("throughput"), WithinRel(3.0, 1e-15));
  REQUIRE(r.bottleneck.has_value());
  CHECK(*r.bottleneck == 2);
  CHECK_THAT(*r.max_arrival_scaling, WithinRel(1.0 / 0.72, 1e-12));
}

TEST_CASE("QSP §6.2 open example: CPU utilization, throughput and queue",
          "[model][network][open]") {
  // Lazowska et al., Quantitative System Performance (1984), p. 113: λ = 0.3 jobs/s,
  // V = 121, 70, 50, S = 0.005, 0.03, 0.027 s → U_CPU = 0.182, X_CPU = 36.3/s, Q_CPU = 0.222.
  const auto r =
      kendall::model::solve_open_network(central_server(0.3, {121, 70, 50}, {0.005, 0.03, 0.027}));
  CHECK_THAT(metric(r, 0, "utilization"), WithinAbs(0.182, 1e-3));
  CHECK_THAT(metric(r, 0, "throughput"), WithinAbs(36.3, 1e-9));
  CHECK_THAT(metric(r, 0, "L"), WithinAbs(0.222, 1e-3));
}

TEST_CASE("Bolch et al. Example 7.4: open network with a routing matrix",
          "[model][network][open]") {
  // Bolch, Greiner, de Meer & Trivedi, Queueing Networks and Markov Chains (1998), Example 7.4
  // (p. 287): four single-server stations, arrivals λ = 4 at station 4.
  Eigen::MatrixXd p(4, 4);
  p << 0, 0.5, 0.5, 0, 1, 0, 0, 0, 0.6, 0, 0, 0, 1, 0, 0, 0;
  Eigen::VectorXd gamma(4);
  gamma << 0, 0, 0, 4;
  const auto net = kendall::model::jackson_network(
      {"s1", "s2", "s3", "s4"}, {1, 1, 1, 1}, {1 / 0.04, 1 / 0.03, 1 / 0.06, 1 / 0.05}, gamma, p);
  const auto r = kendall::model::solve_open_network(net);
  const double x[] = {20, 10, 10, 4};
  const double u[] = {0.8, 0.3, 0.6, 0.2};
  const double w[] = {0.2, 0.043, 0.15, 0.0625};
  const double q[] = {4, 0.429, 1.5, 0.25};
  for (std::size_t i = 0; i < 4; ++i) {
    CHECK_THAT(r.arrival_rates(static_cast<Eigen::Index>(i)), WithinRel(x[i], 1e-12));
    CHECK_THAT(metric(r, i, "utilization"), WithinAbs(u[i], 1e-12));
    CHECK_THAT(metric(r, i, "W"), WithinAbs(w[i], 5e-4));
    CHECK_THAT(metric(r, i, "L"), WithinAbs(q[i], 5e-4));
    // Little per station.
    CHECK_THAT(metric(r, i, "L"), WithinRel(metric(r, i, "throughput") * metric(r, i, "W"), 1e-12));
    CHECK_THAT(metric(r, i, "Lq"),
               WithinRel(metric(r, i, "throughput") * metric(r, i, "Wq"), 1e-12));
  }
  CHECK_THAT(r.network.at("L"), WithinRel(4 + 0.3 / 0.7 + 1.5 + 0.25, 1e-12));
}

TEST_CASE(
    "Jackson network with feedback and a multi-server station matches the CTMC of the whole "
    "network",
    "[model][network][open][ctmc]") {
  // Station A (2 servers, μ = 1.5) and station B (1 server, μ = 2): arrivals 1.2 into A;
  // A → B with 0.5, A → A with 0.2 (immediate feedback), B → A with 0.3. Truncated at 70
  // customers per station, where the product-form tail is below 1e-13.
  Eigen::MatrixXd p(2, 2);
  p << 0.2, 0.5, 0.3, 0.0;
  Eigen::VectorXd gamma(2);
  gamma << 1.2, 0.0;
  const auto net = kendall::model::jackson_network({"A", "B"}, {2, 1}, {1.5, 2.0}, gamma, p);
  const auto r = kendall::model::solve_open_network(net);
  REQUIRE(r.stable);

  const std::size_t cap = 70;  // ρ_A = 0.615: 0.615^70 ≈ 2e-15
  Grid grid{{cap + 1, cap + 1}};
  kendall::model::Ctmc chain(grid.size());
  const double mu[] = {1.5, 2.0};
  const unsigned servers[] = {2, 1};
  for (std::size_t s = 0; s < grid.size(); ++s) {
    const auto x = grid.decode(s);
    if (x[0] < cap) {
      auto y = x;
      ++y[0];
      chain.add(s, grid.encode(y), 1.2);
    }
    for (std::size_t i = 0; i < 2; ++i) {
      if (x[i] == 0) continue;
      const double rate = mu[i] * static_cast<double>(std::min<std::size_t>(x[i], servers[i]));
      double routed = 0.0;
      for (std::size_t j = 0; j < 2; ++j) {
        const double pij = p(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        routed += pij;
        if (pij == 0.0 || i == j) continue;
        auto y = x;
        --y[i];
        if (y[j] >= cap) continue;  // truncation: the move is lost (probability ~1e-13)
        ++y[j];
        chain.add(s, grid.encode(y), rate * pij);
      }
      auto y = x;
      --y[i];
      chain.add(s, grid.encode(y), rate * (1.0 - routed));
    }
  }
  const Eigen::VectorXd pi = chain.steady_state();
  double l[2] = {0, 0};
  double busy_a = 0;
  for (std::size_t s = 0; s < grid.size(); ++s) {
    const auto x = grid.decode(s);
    l[0] += pi(static_cast<Eigen::Index>(s)) * static_cast<double>(x[0]);
    l[1] += pi(static_cast<Eigen::Index>(s)) * static_cast<double>(x[1]);
    busy_a +=
        pi(static_cast<Eigen::Index>(s)) * static_cast<double>(std::min<std::size_t>(x[0], 2));
  }
  CHECK_THAT(metric(r, 0, "L"), WithinRel(l[0], 1e-9));
  CHECK_THAT(metric(r, 1, "L"), WithinRel(l[1], 1e-9));
  CHECK_THAT(metric(r, 0, "busy_servers"), WithinRel(busy_a, 1e-9));
  // The departure rate of the network equals the arrival rate.
  CHECK_THAT(r.network.at("throughput"), WithinRel(1.2, 1e-15));
}

TEST_CASE("multi-class processor sharing: per-class figures against a CTMC",
          "[model][network][open][bcmp]") {
  // One PS station with two classes of different exponential service (class-dependent service
  // is allowed at PS, BCMP type 2), c = 1 and c = 2, followed by a FIFO station with common
  // service. Class 2 also feeds back to the PS station with probability 0.25.
  for (std::uint32_t c : {1u, 2u}) {
    INFO("servers at the PS station: " << c);
    OpenNetwork net;
    kendall::model::OpenStation ps;
    ps.name = "ps";
    ps.type = OpenStationType::ProcessorSharing;
    ps.servers = c;
    ps.mean_service = {0.5, 0.2};
    kendall::model::OpenStation fifo;
    fifo.name = "fifo";
    fifo.type = OpenStationType::Fcfs;
    fifo.mean_service = {0.25, 0.25};
    net.stations = {ps, fifo};
    kendall::model::OpenClass a{"a", Eigen::Vector2d(0.5, 0.0), Eigen::Matrix2d::Zero()};
    a.routing(0, 1) = 1.0;
    kendall::model::OpenClass b{"b", Eigen::Vector2d(1.5, 0.0), Eigen::Matrix2d::Zero()};
    b.routing(0, 0) = 0.25;
    b.routing(0, 1) = 0.75;
    net.classes = {a, b};
    const auto r = kendall::model::solve_open_network(net);
    REQUIRE(r.stable);
    // Class b visits the PS station 1/0.75 = 4/3 times.
    CHECK_THAT(r.class_visit_ratios(0, 1), WithinRel(4.0 / 3.0, 1e-12));
    CHECK_THAT(r.class_arrival_rates(0, 1), WithinRel(2.0, 1e-12));

    // CTMC of the PS station alone with classes (n_a, n_b): its marginal is what product form
    // predicts, so it is the independent reference for the per-class split.
    const std::size_t cap = 70;
    Grid grid{{cap + 1, cap + 1}};
    kendall::model::Ctmc chain(grid.size());
    const double lambda[] = {0.5, 2.0};  // total class arrival rates into the PS station
    const double mu[] = {2.0, 5.0};
    for (std::size_t s = 0; s < grid.size(); ++s) {
      const auto x = grid.decode(s);
      const double n = static_cast<double>(x[0] + x[1]);
      for (std::size_t k = 0; k < 2; ++k) {
        if (x[0] + x[1] < cap) {
          auto y = x;
          ++y[k];
          chain.add(s, grid.encode(y), lambda[k]);
        }
        if (x[k] > 0) {
          auto y = x;
          --y[k];
          chain.add(s, grid.encode(y),
                    mu[k] * static_cast<double>(x[k]) * std::min(n, static_cast<double>(c)) / n);
        }
      }
    }
    const Eigen::VectorXd pi = chain.steady_state();
    double l[2] = {0, 0};
    for (std::size_t s = 0; s < grid.size(); ++s) {
      const auto x = grid.decode(s);
      for (std::size_t k = 0; k < 2; ++k)
        l[k] += pi(static_cast<Eigen::Index>(s)) * static_cast<double>(x[k]);
    }
    const auto& st = *r.stations[0];
    REQUIRE(st.classes.size() == 2);
    CHECK_THAT(st.classes[0].metrics.at("L"), WithinRel(l[0], 1e-9));
    CHECK_THAT(st.classes[1].metrics.at("L"), WithinRel(l[1], 1e-9));
    CHECK_THAT(st.metrics.at("L"), WithinRel(l[0] + l[1], 1e-9));
    CHECK_FALSE(st.metrics.has("Wq"));  // no waiting line at a PS station
    for (const auto& cm : st.classes) {
      CHECK_THAT(cm.metrics.at("L"),
                 WithinRel(cm.metrics.at("throughput") * cm.metrics.at("W"), 1e-12));
    }
    // FIFO station: same W for both classes.
    const auto& f = *r.stations[1];
    CHECK(f.classes[0].metrics.at("W") == f.metrics.at("W"));
    CHECK(f.classes[1].metrics.at("W") == f.metrics.at("W"));
    // End to end per class: W_r = Σ_i V_ir W_ir, and the classes add up to the total.
    REQUIRE(r.network_classes.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
      const double wr =
          r.class_visit_ratios(0, static_cast<Eigen::Index>(k)) * st.classes[k].metrics.at("W") +
          r.class_visit_ratios(1, static_cast<Eigen::Index>(k)) * f.classes[k].metrics.at("W");
      CHECK_THAT(r.network_classes[k].metrics.at("W"), WithinRel(wr, 1e-12));
    }
    CHECK_THAT(r.network_classes[0].metrics.at("L") + r.network_classes[1].metrics.at("L"),
               WithinRel(r.network.at("L"), 1e-12));
  }
}

TEST_CASE("FIFO stations need one exponential service for all classes",
          "[model][network][open][bcmp]") {
  OpenNetwork net;
  kendall::model::OpenStation s;
  s.name = "api";
  s.mean_service = {0.1, 0.2};
  net.stations = {s};
  net.classes = {{"gold", Eigen::VectorXd::Constant(1, 1.0), Eigen::MatrixXd::Zero(1, 1)},
                 {"bronze", Eigen::VectorXd::Constant(1, 1.0), Eigen::MatrixXd::Zero(1, 1)}};
  CHECK_THROWS_WITH(kendall::model::solve_open_network(net),
                    Catch::Contains("'api' is FIFO with different mean"));
}

TEST_CASE("an unstable Jackson network: saturated stations, growth, and exact rates elsewhere",
          "[model][network][open][unstable]") {
  // Tandem A → B → C with a feedback B → A of 0.2: γ = 1, μ_A = 5, μ_B = 1 (saturates),
  // μ_C = 2. Nominal λ_A = 1.25, λ_B = 1.25 ≥ 1. Goodman–Massey: B sends out μ_B = 1, of which
  // 0.2 returns, so λ_A = 1.2, λ_B = 1.2 (growth 0.2), and C receives 0.8.
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
  p(0, 1) = 1.0;
  p(1, 0) = 0.2;
  p(1, 2) = 0.8;
  Eigen::VectorXd gamma(3);
  gamma << 1.0, 0.0, 0.0;
  const auto r = kendall::model::solve_open_network(
      kendall::model::jackson_network({"A", "B", "C"}, {1, 1, 1}, {5.0, 1.0, 2.0}, gamma, p));
  CHECK_FALSE(r.stable);
  REQUIRE(r.saturated == std::vector<std::size_t>{1});
  CHECK_FALSE(r.stations[1]->stable);
  CHECK_THAT(*r.stations[1]->growth_rate, WithinRel(0.2, 1e-12));
  CHECK_FALSE(r.stations[1]->metrics.has("L"));
  CHECK_THAT(r.arrival_rates(0), WithinRel(1.2, 1e-12));
  CHECK_THAT(r.arrival_rates(2), WithinRel(0.8, 1e-12));
  REQUIRE(r.stations[0]->stable);
  CHECK_THAT(metric(r, 0, "L"), WithinRel(0.24 / 0.76, 1e-12));  // M/M/1 at ρ = 1.2/5
  CHECK_THAT(metric(r, 2, "L"), WithinRel(0.4 / 0.6, 1e-12));    // M/M/1 at ρ = 0.8/2
  CHECK_THAT(*r.growth_rate, WithinRel(0.2, 1e-12));
  CHECK_THAT(r.network.at("throughput"), WithinRel(0.8, 1e-12));
  CHECK_FALSE(r.network.has("W"));
  // Headroom from the offered loads: the bottleneck B is loaded 1.25, so arrivals must shrink
  // to 0.8 of today's.
  CHECK(*r.bottleneck == 1);
  CHECK_THAT(*r.max_arrival_scaling, WithinRel(0.8, 1e-12));
}

TEST_CASE("traffic equations refuse closed loops and bad routing, naming the stations",
          "[model][network][open][traffic]") {
  const std::vector<std::string> names = {"api", "cache", "db"};
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(3, 3);
  p(0, 1) = 0.5;
  p(1, 2) = 1.0;
  p(2, 1) = 1.0;  // cache ⇄ db with no way out
  Eigen::VectorXd gamma(3);
  gamma << 2.0, 0.0, 0.0;
  CHECK_THROWS_WITH(kendall::model::solve_traffic_equations(p, gamma, names),
                    Catch::Contains("'cache', 'db'") && Catch::Contains("closed loop"));
  // The same loop is harmless when nobody can reach it.
  p(0, 1) = 0.0;
  const auto lambda = kendall::model::solve_traffic_equations(p, gamma, names);
  CHECK(lambda(0) == 2.0);
  CHECK(lambda(1) == 0.0);
  CHECK(lambda(2) == 0.0);
  p(0, 1) = 0.7;
  p(0, 2) = 0.4;
  CHECK_THROWS_WITH(kendall::model::solve_traffic_equations(p, gamma, names),
                    Catch::Contains("out of station 'api' sum to 1.1"));
  p(0, 2) = -0.1;
  CHECK_THROWS_AS(kendall::model::solve_traffic_equations(p, gamma, names),
                  kendall::InvalidParameter);
  gamma(1) = std::nan("");
  p(0, 2) = 0.0;
  CHECK_THROWS_AS(kendall::model::solve_traffic_equations(p, gamma, names),
                  kendall::InvalidParameter);
}

TEST_CASE("closed-network visit ratios from a routing matrix", "[model][network][traffic]") {
  // Jain's timesharing system: terminals → CPU; CPU → disk A 10/16, disk B 5/16, terminals
  // 1/16; disks → CPU. Visits per interaction: 1, 16, 10, 5.
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(4, 4);
  p(0, 1) = 1.0;
  p(1, 0) = 1.0 / 16;
  p(1, 2) = 10.0 / 16;
  p(1, 3) = 5.0 / 16;
  p(2, 1) = 1.0;
  p(3, 1) = 1.0;
  const std::vector<std::string> names = {"terminals", "cpu", "diskA", "diskB"};
  const auto v = kendall::model::solve_visit_ratios(p, 0, names);
  CHECK_THAT(v(1), WithinRel(16.0, 1e-12));
  CHECK_THAT(v(2), WithinRel(10.0, 1e-12));
  CHECK_THAT(v(3), WithinRel(5.0, 1e-12));
  p(3, 1) = 0.0;
  p(3, 3) = 1.0;  // customers that reach disk B stay there for ever
  CHECK_THROWS_WITH(kendall::model::solve_visit_ratios(p, 0, names),
                    Catch::Contains("'diskB'") && Catch::Contains("never return"));
  p(3, 3) = 0.5;
  CHECK_THROWS_WITH(kendall::model::solve_visit_ratios(p, 0, names),
                    Catch::Contains("do not sum to 1"));
}
