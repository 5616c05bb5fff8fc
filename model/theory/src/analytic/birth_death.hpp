#pragma once
// Internal: stationary distributions of finite birth–death chains and compensated sums.
// Used by M/M/c/K, M/M/c//N, M/M/c/K/N and Erlang-A; every one of them is cross-checked in
// the tests against the generic CTMC solver, which shares no code with this file.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace kendall::model::detail {

/// Neumaier's compensated summation: the error does not grow with the number of terms.
class CompensatedSum {
 public:
  void add(double x) {
    const double t = sum_ + x;
    if (std::fabs(sum_) >= std::fabs(x)) {
      c_ += (sum_ - t) + x;
    } else {
      c_ += (x - t) + sum_;
    }
    sum_ = t;
  }
  [[nodiscard]] double value() const { return sum_ + c_; }

 private:
  double sum_ = 0.0;
  double c_ = 0.0;
};

/// Stationary distribution p[0..n_max] of a birth–death chain, given
/// ratio(n) = λ_{n−1} / μ_n > 0 (finite) for n = 1..n_max.
///
/// First pass: log weights, to find the most likely state m. Second pass: weights by the
/// multiplicative recurrence outward from m (w_m = 1), so every weight is ≤ ~1 — nothing
/// overflows, only negligible states underflow — and the relative error of p[n] grows like
/// |n − m| ulps instead of with the magnitude of the log weights.
template <class Ratio>
std::vector<double> birth_death_distribution(std::size_t n_max, const Ratio& ratio) {
  std::vector<double> r(n_max + 1, 0.0);
  std::size_t mode = 0;
  double log_w = 0.0;
  double best = 0.0;
  for (std::size_t n = 1; n <= n_max; ++n) {
    r[n] = ratio(n);
    log_w += std::log(r[n]);
    if (log_w > best) {
      best = log_w;
      mode = n;
    }
  }
  std::vector<double> p(n_max + 1, 0.0);
  p[mode] = 1.0;
  for (std::size_t n = mode + 1; n <= n_max; ++n) p[n] = p[n - 1] * r[n];
  for (std::size_t n = mode; n > 0; --n) p[n - 1] = p[n] / r[n];
  CompensatedSum total;
  for (double w : p) total.add(w);
  const double z = total.value();
  for (double& w : p) w /= z;
  return p;
}

}  // namespace kendall::model::detail
