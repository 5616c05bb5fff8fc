#pragma once
// External arrivals: a renewal process (any interarrival distribution) or a non-homogeneous
// Poisson process with a piecewise-constant rate, generated exactly by inversion of the
// integrated rate (no thinning, no time slicing): with E ~ Exp(1), the next arrival after t is
// the s at which ∫_t^s λ(u) du = E (Law, Simulation Modeling and Analysis, 5th ed.,
// section 8.6.2, inverse of the cumulative rate function).

#include <cstdint>
#include <optional>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/engine/distribution.hpp"
#include "kendall/sim/engine/random_stream.hpp"

#include "sample_stream.hpp"

namespace kendall::sim::detail {

// Walks the pieces of a piecewise-constant function forwards in time, across periods.
class PiecewiseCursor {
 public:
  explicit PiecewiseCursor(const model::PiecewiseConstant& f);

  [[nodiscard]] double value() const noexcept { return values_[piece_]; }
  // Start and end of the current piece (end = +∞ for the last piece without a period).
  [[nodiscard]] double piece_start() const noexcept;
  [[nodiscard]] double piece_end() const noexcept;
  // Moves to the next piece; false when the current piece lasts for ever.
  bool advance() noexcept;
  // Skips `cycles` whole periods (periodic functions only).
  void skip_cycles(std::uint64_t cycles) noexcept { cycle_ += cycles; }
  [[nodiscard]] bool at_cycle_start() const noexcept { return piece_ == 0; }
  [[nodiscard]] std::optional<double> period() const noexcept { return period_; }

 private:
  std::vector<double> starts_;
  std::vector<double> values_;
  std::optional<double> period_;
  std::size_t piece_ = 0;
  std::uint64_t cycle_ = 0;
};

class ArrivalSource {
 public:
  ArrivalSource(const model::ArrivalSpec& spec, RandomStream rng);

  // Time of the next arrival after the arrival at t (after 0 for the first); false when the
  // stream has ended (a rate that stays 0 for ever).
  [[gnu::always_inline]] bool next_after(double t, double& next) {
    if (!nhpp_) [[likely]] {
      next = t + interarrival_->next();
      return true;
    }
    const auto n = next_nhpp(t);
    if (n) next = *n;
    return n.has_value();
  }

  std::uint32_t station;
  std::uint32_t customer_class;

 private:
  std::optional<double> next_nhpp(double t);

  bool nhpp_ = false;
  std::optional<SampleStream> interarrival_;
  std::optional<PiecewiseCursor> rate_;
  double period_mass_ = 0.0;  // ∫ λ over one period (periodic profiles)
  RandomStream rng_;
};

}  // namespace kendall::sim::detail
