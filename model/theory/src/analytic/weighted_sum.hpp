#pragma once
// Internal: Σ_k w(k) g(k) for a unimodal probability mass function w and 0 ≤ g ≤ 1, visiting
// only the k that matter: start at the most likely k in [lo, hi], walk outward with the pmf's
// ratio recurrences, and stop in each direction once the weights (which only shrink from
// there on) fall below 1e-22 of the running sum or underflow.

#include <cstdint>

#include "birth_death.hpp"

namespace kendall::model::detail {

/// \param start       the mode of w clipped to [lo, hi]
/// \param w_start     w(start), computed accurately by the caller
/// \param up(k)       w(k + 1) / w(k)
/// \param down(k)     w(k − 1) / w(k)
template <class Up, class Down, class G>
double unimodal_weighted_sum(std::uint64_t start, std::uint64_t lo, std::uint64_t hi,
                             double w_start, const Up& up, const Down& down, const G& g) {
  if (lo > hi) return 0.0;
  CompensatedSum sum;
  sum.add(w_start * g(start));
  constexpr double negligible = 1e-22;
  double w = w_start;
  for (std::uint64_t k = start; k < hi && w != 0.0;) {
    w *= up(k);
    ++k;
    if (w == 0.0) break;
    sum.add(w * g(k));
    if (w < negligible * sum.value()) break;
  }
  w = w_start;
  for (std::uint64_t k = start; k > lo && w != 0.0;) {
    w *= down(k);
    --k;
    if (w == 0.0) break;
    sum.add(w * g(k));
    if (w < negligible * sum.value()) break;
  }
  return sum.value();
}

}  // namespace kendall::model::detail
