#include "router.hpp"

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::sim::detail {

Router::Router(const model::RoutingSpec& spec, RandomStream rng) : policy_(spec.policy), rng_(rng) {
  double cumulative = 0.0;
  for (const auto& target : spec.targets) {
    if (!target.station) continue;  // explicit exit: its probability is the remainder
    if (policy_ == model::RoutingPolicy::Probabilistic) {
      if (target.probability <= 0.0) continue;
      cumulative += target.probability;
      cumulative_.push_back(cumulative);
    }
    targets_.push_back(static_cast<std::uint32_t>(*target.station));
  }
  if (policy_ == model::RoutingPolicy::Probabilistic) {
    if (cumulative > 1.0 + 1e-9) {
      throw InvalidParameter(
          fmt::format("routing probabilities sum to {} (more than 1)", cumulative));
    }
    // One target that takes everyone: route without a draw.
    if (targets_.size() == 1 && cumulative >= 1.0 - 1e-12) {
      fixed_ = true;
      fixed_target_ = targets_.front();
    }
  } else if (targets_.empty()) {
    throw InvalidParameter(
        "shortest-queue, round-robin and random routing need at least one station");
  }
}

bool Router::can_exit() const noexcept {
  if (policy_ != model::RoutingPolicy::Probabilistic) return false;
  if (fixed_) return false;
  return cumulative_.empty() || cumulative_.back() < 1.0 - 1e-12;
}

}  // namespace kendall::sim::detail
