#include "kendall/sim/experiment_result.hpp"

#include <cmath>
#include <limits>

namespace kendall::sim {

double Estimate::relative_half_width() const {
  const double h = half_width();
  if (mean == 0.0) return h == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  return h / std::abs(mean);
}

void EstimateSet::set(std::string_view name, const Estimate& e) {
  for (auto& [key, stored] : entries_) {
    if (key == name) {
      stored = e;
      return;
    }
  }
  entries_.emplace_back(std::string(name), e);
}

std::optional<Estimate> EstimateSet::get(std::string_view name) const {
  for (const auto& [key, value] : entries_) {
    if (key == name) return value;
  }
  return std::nullopt;
}

}  // namespace kendall::sim
