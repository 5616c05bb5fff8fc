#include "kendall/sim/engine/mser.hpp"

#include <algorithm>

#include "kendall/error.hpp"

namespace kendall::sim {

MserAccumulator::MserAccumulator(std::size_t batch, std::size_t capacity)
    : batch_(batch), capacity_(capacity) {
  if (batch_ < 1 || capacity_ < 4 || capacity_ % 2 != 0) {
    throw InvalidParameter("MSER: batch size must be >= 1 and capacity an even number >= 4");
  }
  means_.reserve(capacity_);
}

void MserAccumulator::add(double x) {
  ++observations_;
  partial_sum_ += x;
  if (++partial_count_ < batch_) return;
  means_.push_back(partial_sum_ / static_cast<double>(batch_));
  partial_sum_ = 0.0;
  partial_count_ = 0;
  if (means_.size() == capacity_) {
    for (std::size_t i = 0; i < capacity_ / 2; ++i) {
      means_[i] = 0.5 * (means_[2 * i] + means_[2 * i + 1]);
    }
    means_.resize(capacity_ / 2);
    batch_ *= 2;
    // The partial batch keeps accumulating towards the new, doubled size.
  }
}

std::uint64_t MserAccumulator::truncation() const {
  const std::size_t n = means_.size();
  if (n < minimum_batches) return 0;
  // Shift by the overall mean so the suffix sums of squares do not cancel catastrophically.
  double shift = 0.0;
  for (double y : means_) shift += y;
  shift /= static_cast<double>(n);
  // Suffix sums from the back: s1 = Σ_{j>d} (Y_j − shift), s2 = Σ_{j>d} (Y_j − shift)².
  std::vector<double> s1(n + 1, 0.0);
  std::vector<double> s2(n + 1, 0.0);
  for (std::size_t j = n; j-- > 0;) {
    const double y = means_[j] - shift;
    s1[j] = s1[j + 1] + y;
    s2[j] = s2[j + 1] + y * y;
  }
  std::size_t best = 0;
  double best_value = 0.0;
  for (std::size_t d = 0; d <= n / 2; ++d) {
    const auto m = static_cast<double>(n - d);
    const double ss = std::max(0.0, s2[d] - s1[d] * s1[d] / m);
    const double value = ss / (m * m);
    if (d == 0 || value < best_value) {
      best = d;
      best_value = value;
    }
  }
  return static_cast<std::uint64_t>(best) * batch_;
}

}  // namespace kendall::sim
