#pragma once
// A distribution with its own random stream, drawn ahead in small blocks.
//
// Why: in the event loop the next arrival (or service end) time depends on the sample just
// drawn, so each logarithm sat on the critical path of the simulation. Drawing a block of
// samples in a tight loop lets the processor compute them in parallel. The values and their
// order are exactly those of drawing one at a time — the stream serves nothing else — so
// results, traces and fingerprints are unchanged; only the stream's internal position runs
// ahead, which nothing observes.

#include <array>
#include <cstdint>

#include "kendall/sim/engine/distribution.hpp"
#include "kendall/sim/engine/random_stream.hpp"

namespace kendall::sim::detail {

class SampleStream {
 public:
  static constexpr std::uint32_t block = 32;

  SampleStream(Distribution distribution, RandomStream rng)
      : distribution_(std::move(distribution)), rng_(rng) {}

  [[gnu::always_inline]] double next() {
    if (position_ == block) [[unlikely]]
      refill();
    return buffer_[position_++];
  }

  [[nodiscard]] const Distribution& distribution() const noexcept { return distribution_; }

 private:
  [[gnu::noinline]] void refill() {
    distribution_.sample_block(rng_, buffer_);
    position_ = 0;
  }

  Distribution distribution_;
  RandomStream rng_;
  std::array<double, block> buffer_{};
  std::uint32_t position_ = block;
};

}  // namespace kendall::sim::detail
