#include "kendall/model/network/asymptotic_bounds.hpp"

#include <algorithm>

namespace kendall::model {

double AsymptoticBounds::throughput_upper(std::uint64_t n) const {
  const double nd = static_cast<double>(n);
  const double by_population = nd / (total_demand + think_time);
  if (max_demand > 0.0) return std::min(by_population, 1.0 / max_demand);
  return by_population;
}

double AsymptoticBounds::throughput_lower(std::uint64_t n) const {
  const double nd = static_cast<double>(n);
  return nd / (nd * total_demand + think_time);
}

double AsymptoticBounds::response_lower(std::uint64_t n) const {
  return std::max(total_demand, static_cast<double>(n) * max_demand - think_time);
}

double AsymptoticBounds::response_upper(std::uint64_t n) const {
  return static_cast<double>(n) * total_demand;
}

AsymptoticBounds asymptotic_bounds(const ClosedNetwork& network) {
  validate(network);
  const std::vector<double> d = service_demands(network);
  AsymptoticBounds b;
  for (std::size_t i = 0; i < d.size(); ++i) {
    const auto& s = network.stations[i];
    if (s.kind == ClosedStationKind::Delay) {
      b.think_time += d[i];
      continue;
    }
    b.total_demand += d[i];
    const double per_server = d[i] / static_cast<double>(s.servers);
    if (per_server > b.max_demand) {
      b.max_demand = per_server;
      b.bottleneck = i;
    }
  }
  if (b.max_demand > 0.0) b.n_star = (b.total_demand + b.think_time) / b.max_demand;
  return b;
}

}  // namespace kendall::model
