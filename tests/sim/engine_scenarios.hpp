#pragma once
// Small helpers to build scenarios in C++ for the engine tests.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"

namespace kendall::test {

namespace md = kendall::model::dist;

inline model::DistributionSpec replay(std::vector<double> values) {
  return md::Empirical{std::move(values), md::EmpiricalMode::Replay, "inline"};
}

inline model::DistributionSpec fixed(double value) { return md::Deterministic{value}; }
inline model::DistributionSpec expo_mean(double mean) { return md::Exponential{1.0 / mean}; }

inline model::StationSpec station(std::string name, std::optional<std::uint32_t> servers,
                                  model::DistributionSpec service) {
  model::StationSpec s;
  s.name = std::move(name);
  s.servers = servers;
  s.service = {std::move(service)};
  return s;
}

inline model::ArrivalSpec arrivals(std::size_t to, model::DistributionSpec interarrival,
                                   std::size_t cls = 0) {
  model::ArrivalSpec a;
  a.station = to;
  a.customer_class = cls;
  a.interarrival = std::move(interarrival);
  return a;
}

inline model::RoutingSpec route_to(std::vector<std::pair<std::size_t, double>> targets) {
  model::RoutingSpec r;
  for (auto [s, p] : targets) r.targets.push_back({s, p});
  return r;
}

inline model::Scenario scenario(std::string name) {
  model::Scenario sc;
  sc.name = std::move(name);
  sc.run.warmup.kind = model::WarmupSpec::Kind::None;
  sc.run.replications = 1;
  sc.run.seed = 1;
  return sc;
}

// M/M/c with arrival rate lambda and service rate mu.
inline model::Scenario mmc(double lambda, double mu, std::uint32_t c, std::uint64_t customers) {
  auto sc = scenario("M/M/c");
  sc.stations.push_back(station("queue", c, md::Exponential{mu}));
  sc.arrivals.push_back(arrivals(0, md::Exponential{lambda}));
  sc.run.customers = customers;
  return sc;
}

}  // namespace kendall::test
