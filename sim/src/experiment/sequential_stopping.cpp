#include "kendall/sim/experiment/sequential_stopping.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/sim/experiment/tracked_metrics.hpp"

namespace kendall::sim {

namespace {

void consider(PrecisionStatus& status, const EstimateSet& set, std::string_view name,
              const std::string& scope) {
  const auto estimate = set.get(name);
  if (!estimate || estimate->mean == 0.0) return;
  const double relative = estimate->relative_half_width();
  ++status.tracked;
  if (!status.worst || relative > *status.worst) {
    status.worst = relative;
    status.worst_metric = fmt::format("{} {}", scope, name);
  }
}

}  // namespace

PrecisionStatus tracked_precision(const ExperimentResult& result) {
  PrecisionStatus status;
  for (const StationResult& station : result.stations) {
    if (station.unstable) continue;
    const std::string scope = fmt::format("station '{}'", station.name);
    for (std::string_view name : tracked_station_metrics) {
      consider(status, station.metrics, name, scope);
    }
  }
  for (std::string_view name : tracked_network_metrics) {
    consider(status, result.network, name, "network");
  }
  return status;
}

std::uint32_t next_wave_total(std::uint32_t completed, double worst, double target,
                              std::uint32_t cap) {
  const double n = static_cast<double>(completed);
  double needed = n * (worst / target) * (worst / target);
  if (!std::isfinite(needed)) needed = 4.0 * n;
  const double at_least = n + std::max(2.0, std::ceil(n / 10.0));
  const double at_most = std::max(at_least, 4.0 * n);
  const double total = std::clamp(std::ceil(needed), at_least, at_most);
  return static_cast<std::uint32_t>(std::min(total, static_cast<double>(cap)));
}

}  // namespace kendall::sim
