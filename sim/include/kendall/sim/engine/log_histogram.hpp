#pragma once
/// \file
/// Quantiles in bounded memory: a log-bucketed histogram indexed straight from the bits of
/// the double (the HDR-histogram idea, G. Tene, HdrHistogram, with base-2 buckets).
///
/// Each binade [2^e, 2^(e+1)) is split into 2^7 = 128 equal sub-buckets, so a bucket is at
/// most 2^-7 of its lower edge wide. A quantile is reported inside the bucket that holds the
/// order statistic, so it is within a relative error of 2^-7 (0.78%) of the exact empirical
/// quantile of the values added (typically much less: the position inside the bucket is
/// interpolated). Zero is counted exactly in its own atom, so P(Wq = 0) and quantiles that
/// fall on it are exact. The smallest positive and the largest value ever added are kept too,
/// and a quantile is interpolated only over the part of its bucket between them: values that
/// are all equal (deterministic service) give that value exactly, not a bucket edge.
///
/// Memory: 128 counters per binade between the smallest and largest positive values seen
/// (512 bytes per binade; a sojourn time spanning 10^-6 to 10^3 uses ~15 KB), independent of
/// the number of values. Counters are 32 bits; a bucket that passes 2^32 − 1 carries into a
/// second array of high words, allocated only then.

#include <bit>
#include <cstdint>
#include <limits>
#include <vector>

namespace kendall::sim {

class LogHistogram {
 public:
  /// Sub-buckets per binade, as a power of two.
  static constexpr int sub_bucket_bits = 7;
  /// Bound on the relative error of quantile() against the exact empirical quantile.
  static constexpr double relative_error = 1.0 / (1 << sub_bucket_bits);

  /// Adds one value. Precondition: x is finite and ≥ 0 (the engine checks this).
  [[gnu::always_inline]] void add(double x) {
    ++total_;
    if (x == 0.0) {
      ++zeros_;
      return;
    }
    if (x < min_positive_) min_positive_ = x;
    if (x > max_) max_ = x;
    const std::uint64_t key = std::bit_cast<std::uint64_t>(x) >> shift;
    std::uint64_t index = key - first_key_;  // wraps around below the range
    if (index >= counts_.size()) {
      grow(key);
      index = key - first_key_;
    }
    if (++counts_[index] == 0) [[unlikely]]
      carry(index);
  }

  [[nodiscard]] std::uint64_t count() const noexcept { return total_; }
  [[nodiscard]] std::uint64_t zeros() const noexcept { return zeros_; }
  [[nodiscard]] bool empty() const noexcept { return total_ == 0; }

  /// The p-quantile, p in [0, 1]: an estimate of the ⌈p·n⌉-th smallest value (the smallest
  /// when p = 0). Precondition: !empty().
  [[nodiscard]] double quantile(double p) const;

  /// Fraction of the values that are ≤ x (exact at x = 0; otherwise interpolated inside the
  /// bucket of x). 0 when empty.
  [[nodiscard]] double fraction_at_most(double x) const;

  /// Removes the values of `earlier`, a copy of this histogram taken before more values were
  /// added (a warm-up or batch snapshot). Precondition: `earlier` is such a snapshot.
  void subtract(const LogHistogram& earlier);
  /// Adds all values of `other`.
  void merge(const LogHistogram& other);

  /// Counters held (for memory accounting).
  [[nodiscard]] std::size_t buckets() const noexcept { return counts_.size(); }

 private:
  static constexpr int shift = 52 - sub_bucket_bits;
  void grow(std::uint64_t key);
  void cover(std::uint64_t first, std::uint64_t last);  // make [first, last] addressable
  void carry(std::size_t index);
  [[nodiscard]] std::uint64_t at(std::size_t index) const noexcept {
    const std::uint64_t low = counts_[index];
    return carries_.empty() ? low : low | (static_cast<std::uint64_t>(carries_[index]) << 32);
  }
  void set(std::size_t index, std::uint64_t value);

  std::vector<std::uint32_t> counts_;
  std::vector<std::uint32_t> carries_;  // high words; empty until a counter overflows
  std::uint64_t first_key_ = 0;         // bucket key of counts_[0]
  std::uint64_t zeros_ = 0;
  std::uint64_t total_ = 0;
  // Over every value ever added (subtract() keeps them): a window's values lie inside.
  double min_positive_ = std::numeric_limits<double>::infinity();
  double max_ = 0.0;
};

}  // namespace kendall::sim
