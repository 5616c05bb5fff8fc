#pragma once
// Routing after service: one small strategy per model::RoutingPolicy (spelled in model's
// routing_policy_names()). The policy is fixed at construction; next() switches on it, which
// costs less than a virtual call on the per-customer path.

#include <cstdint>
#include <optional>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/engine/random_stream.hpp"

namespace kendall::sim::detail {

class Router {
 public:
  // `stations` is the number of stations (targets are checked against it by the engine).
  Router(const model::RoutingSpec& spec, RandomStream rng);

  // Sets `station` to the next station and returns true, or returns false to leave the
  // system. `present(s)` gives the number of customers at station s (join-shortest-queue).
  // (bool + out-parameter: a returned std::optional was materialised in memory and stalled on
  // store forwarding.)
  template <class PresentFn>
  [[gnu::always_inline]] bool next(PresentFn&& present, std::uint32_t& station) {
    switch (policy_) {
      case model::RoutingPolicy::Probabilistic: {
        if (fixed_) {
          station = fixed_target_;
          return true;
        }
        if (targets_.empty()) return false;
        const double u = rng_.uniform01();
        for (std::size_t i = 0; i < targets_.size(); ++i) {
          if (u < cumulative_[i]) {
            station = targets_[i];
            return true;
          }
        }
        return false;  // the remaining probability leaves
      }
      case model::RoutingPolicy::JoinShortestQueue: {
        std::uint32_t best = targets_.front();
        auto best_n = present(best);
        for (std::size_t i = 1; i < targets_.size(); ++i) {
          const auto n = present(targets_[i]);
          if (n < best_n) {  // strict: ties go to the first listed
            best = targets_[i];
            best_n = n;
          }
        }
        station = best;
        return true;
      }
      case model::RoutingPolicy::RoundRobin:
        station = targets_[turn_];
        if (++turn_ == targets_.size()) turn_ = 0;
        return true;
      case model::RoutingPolicy::Random:
        station = targets_[rng_.uniform_index(targets_.size())];
        return true;
    }
    return false;
  }

  // Candidate stations (probabilistic: those with positive probability).
  [[nodiscard]] const std::vector<std::uint32_t>& targets() const noexcept { return targets_; }
  [[nodiscard]] model::RoutingPolicy policy() const noexcept { return policy_; }
  // True when customers may leave the system from here.
  [[nodiscard]] bool can_exit() const noexcept;

 private:
  model::RoutingPolicy policy_;
  std::vector<std::uint32_t> targets_;
  std::vector<double> cumulative_;
  bool fixed_ = false;  // probabilistic with one certain target: no draw
  std::uint32_t fixed_target_ = 0;
  std::size_t turn_ = 0;
  RandomStream rng_;
};

}  // namespace kendall::sim::detail
