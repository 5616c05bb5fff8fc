#include "kendall/model/network/closed_network.hpp"

#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

namespace {

bool non_negative_finite(double x) { return std::isfinite(x) && x >= 0.0; }

}  // namespace

void validate(const ClosedNetwork& network) {
  if (network.stations.empty())
    throw InvalidParameter("a closed network needs at least one station");
  if (network.population == 0) {
    throw InvalidParameter("a closed network needs a population of at least 1 customer");
  }
  if (network.reference >= network.stations.size()) {
    throw InvalidParameter(
        fmt::format("reference station index {} is out of range (there are {} stations)",
                    network.reference, network.stations.size()));
  }
  for (const auto& s : network.stations) {
    if (!non_negative_finite(s.visits)) {
      throw InvalidParameter(fmt::format(
          "station '{}': visits per cycle is {}; expected a finite number >= 0", s.name, s.visits));
    }
    if (!non_negative_finite(s.service_time)) {
      throw InvalidParameter(
          fmt::format("station '{}': mean service time is {}; expected a finite time >= 0", s.name,
                      s.service_time));
    }
    if (!non_negative_finite(s.service_scv)) {
      throw InvalidParameter(fmt::format(
          "station '{}': service SCV is {}; expected a finite number >= 0", s.name, s.service_scv));
    }
    if (s.kind != ClosedStationKind::Delay && s.servers < 1) {
      throw InvalidParameter(fmt::format("station '{}': servers must be at least 1", s.name));
    }
  }
  const auto& ref = network.stations[network.reference];
  if (!(ref.visits > 0.0)) {
    throw InvalidParameter(
        fmt::format("reference station '{}' is never visited; a cycle is counted at the reference "
                    "station, so it "
                    "needs visits > 0",
                    ref.name));
  }
  double total = 0.0;
  for (double d : service_demands(network)) total += d;
  if (!(total > 0.0)) {
    throw InvalidParameter(
        "every service demand of the closed network is zero: customers would cycle infinitely "
        "fast");
  }
}

std::vector<double> service_demands(const ClosedNetwork& network) {
  std::vector<double> d;
  d.reserve(network.stations.size());
  const double v_ref = network.reference < network.stations.size()
                           ? network.stations[network.reference].visits
                           : 1.0;
  for (const auto& s : network.stations) d.push_back(s.visits / v_ref * s.service_time);
  return d;
}

bool is_product_form(const ClosedNetwork& network) {
  for (const auto& s : network.stations) {
    if (s.kind == ClosedStationKind::Fcfs && s.visits > 0.0 && s.service_time > 0.0 &&
        std::abs(s.service_scv - 1.0) > 1e-12) {
      return false;
    }
  }
  return true;
}

}  // namespace kendall::model
