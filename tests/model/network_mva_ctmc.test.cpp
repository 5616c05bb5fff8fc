// Exact MVA against the CTMC of the whole closed network (every composition of N customers
// over the stations), solved by the generic CTMC solver: the independent method, to 1e-9.

#include <map>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/model/ctmc.hpp"
#include "kendall/model/network/mva.hpp"
#include "kendall/model/network/traffic_equations.hpp"

using Catch::Matchers::WithinRel;
using kendall::model::ClosedNetwork;
using kendall::model::ClosedStationKind;

namespace {

struct Spec {
  std::vector<std::string> names;
  std::vector<ClosedStationKind> kinds;
  std::vector<std::uint32_t> servers;
  std::vector<double> mu;  // service rate per server
  Eigen::MatrixXd routing;
  std::size_t reference = 0;
};

struct CtmcAnswer {
  double throughput = 0;             // completions per time unit at the reference station
  std::vector<double> queue_length;  // E[n_i]
  std::vector<double> busy;          // E[min(n_i, c_i)]
};

void compositions(std::size_t stations, std::uint64_t n, std::vector<std::uint64_t>& current,
                  std::vector<std::vector<std::uint64_t>>& out) {
  if (current.size() + 1 == stations) {
    current.push_back(n);
    out.push_back(current);
    current.pop_back();
    return;
  }
  for (std::uint64_t k = 0; k <= n; ++k) {
    current.push_back(k);
    compositions(stations, n - k, current, out);
    current.pop_back();
  }
}

CtmcAnswer solve_by_ctmc(const Spec& spec, std::uint64_t population) {
  const std::size_t m = spec.names.size();
  std::vector<std::vector<std::uint64_t>> states;
  std::vector<std::uint64_t> cur;
  compositions(m, population, cur, states);
  std::map<std::vector<std::uint64_t>, std::size_t> index;
  for (std::size_t s = 0; s < states.size(); ++s) index[states[s]] = s;
  auto busy = [&](std::size_t i, std::uint64_t n) {
    if (spec.kinds[i] == ClosedStationKind::Delay) return static_cast<double>(n);
    return static_cast<double>(std::min<std::uint64_t>(n, spec.servers[i]));
  };
  kendall::model::Ctmc chain(states.size());
  for (std::size_t s = 0; s < states.size(); ++s) {
    for (std::size_t i = 0; i < m; ++i) {
      if (states[s][i] == 0) continue;
      const double rate = spec.mu[i] * busy(i, states[s][i]);
      for (std::size_t j = 0; j < m; ++j) {
        const double p = spec.routing(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        if (p == 0.0 || i == j) continue;
        auto next = states[s];
        --next[i];
        ++next[j];
        chain.add(s, index.at(next), rate * p);
      }
    }
  }
  const Eigen::VectorXd pi = chain.steady_state();
  CtmcAnswer a;
  a.queue_length.assign(m, 0.0);
  a.busy.assign(m, 0.0);
  for (std::size_t s = 0; s < states.size(); ++s) {
    const double w = pi(static_cast<Eigen::Index>(s));
    for (std::size_t i = 0; i < m; ++i) {
      a.queue_length[i] += w * static_cast<double>(states[s][i]);
      a.busy[i] += w * busy(i, states[s][i]);
    }
  }
  a.throughput = a.busy[spec.reference] * spec.mu[spec.reference];
  return a;
}

ClosedNetwork to_mva(const Spec& spec, std::uint64_t population) {
  const auto v = kendall::model::solve_visit_ratios(spec.routing, spec.reference, spec.names);
  ClosedNetwork net;
  for (std::size_t i = 0; i < spec.names.size(); ++i) {
    kendall::model::ClosedStation s;
    s.name = spec.names[i];
    s.kind = spec.kinds[i];
    s.servers = spec.servers[i];
    s.visits = v(static_cast<Eigen::Index>(i));
    s.service_time = 1.0 / spec.mu[i];
    net.stations.push_back(s);
  }
  net.reference = spec.reference;
  net.population = population;
  return net;
}

void compare(const Spec& spec, std::uint64_t max_population) {
  const auto sol = kendall::model::mva(to_mva(spec, max_population));
  REQUIRE(sol.method == "exact");
  for (std::uint64_t n = 1; n <= max_population; ++n) {
    INFO("population " << n);
    const auto ref = solve_by_ctmc(spec, n);
    const auto k = static_cast<std::size_t>(n - 1);
    CHECK_THAT(sol.curves.throughput[k], WithinRel(ref.throughput, 1e-9));
    for (std::size_t i = 0; i < spec.names.size(); ++i) {
      INFO("station " << spec.names[i]);
      CHECK_THAT(sol.curves.queue_length[i][k], WithinRel(ref.queue_length[i], 1e-9));
    }
  }
}

}  // namespace

TEST_CASE("exact MVA equals the network CTMC: single-server stations and a think station",
          "[model][network][mva][ctmc]") {
  // Jain's timesharing system with routing probabilities instead of visit counts.
  Spec spec;
  spec.names = {"terminals", "cpu", "diskA", "diskB"};
  spec.kinds = {ClosedStationKind::Delay, ClosedStationKind::Fcfs, ClosedStationKind::Fcfs,
                ClosedStationKind::Fcfs};
  spec.servers = {1, 1, 1, 1};
  spec.mu = {1.0 / 4.0, 1.0 / 0.125, 1.0 / 0.3, 1.0 / 0.2};
  spec.routing = Eigen::MatrixXd::Zero(4, 4);
  spec.routing(0, 1) = 1.0;
  spec.routing(1, 0) = 1.0 / 16;
  spec.routing(1, 2) = 10.0 / 16;
  spec.routing(1, 3) = 5.0 / 16;
  spec.routing(2, 1) = 1.0;
  spec.routing(3, 1) = 1.0;
  compare(spec, 8);
}

TEST_CASE("exact MVA equals the network CTMC: multi-server stations, feedback, PS and delays",
          "[model][network][mva][ctmc][multiserver]") {
  // Five stations: users (delay), web (3 servers, PS), app (2 servers, FIFO, immediate
  // feedback 0.1), db (1 server), cache (delay). Routing with branching and loops.
  Spec spec;
  spec.names = {"users", "web", "app", "db", "cache"};
  spec.kinds = {ClosedStationKind::Delay, ClosedStationKind::ProcessorSharing,
                ClosedStationKind::Fcfs, ClosedStationKind::Fcfs, ClosedStationKind::Delay};
  spec.servers = {1, 3, 2, 1, 1};
  spec.mu = {0.5, 4.0, 3.0, 5.0, 10.0};
  spec.routing = Eigen::MatrixXd::Zero(5, 5);
  spec.routing(0, 1) = 1.0;
  spec.routing(1, 2) = 0.7;
  spec.routing(1, 0) = 0.3;
  spec.routing(2, 2) = 0.1;
  spec.routing(2, 3) = 0.5;
  spec.routing(2, 4) = 0.4;
  spec.routing(3, 1) = 1.0;
  spec.routing(4, 1) = 0.5;
  spec.routing(4, 3) = 0.5;
  compare(spec, 9);
  // The reference need not be a delay station.
  spec.reference = 2;
  compare(spec, 6);
}

TEST_CASE("exact MVA equals the network CTMC when a multi-server station saturates",
          "[model][network][mva][ctmc][multiserver][numerics]") {
  // Two queueing stations without think time; the 4-server station is the bottleneck.
  Spec spec;
  spec.names = {"front", "pool"};
  spec.kinds = {ClosedStationKind::Fcfs, ClosedStationKind::Fcfs};
  spec.servers = {1, 4};
  spec.mu = {10.0, 1.0};
  spec.routing = Eigen::MatrixXd::Zero(2, 2);
  spec.routing(0, 1) = 1.0;
  spec.routing(1, 0) = 1.0;
  compare(spec, 30);
}
