#include "kendall/sim/engine/log_histogram.hpp"

#include <algorithm>
#include <cmath>

namespace kendall::sim {

namespace {

// Lower edge of a bucket: the double whose top bits are the key and whose low bits are 0.
double bucket_lower(std::uint64_t key, int shift) { return std::bit_cast<double>(key << shift); }

}  // namespace

void LogHistogram::grow(std::uint64_t key) {
  // Grow to whole binades around the new key so that a run of new values in the same binade
  // does not reallocate each time.
  constexpr std::uint64_t per_binade = std::uint64_t{1} << sub_bucket_bits;
  const std::uint64_t first = key & ~(per_binade - 1);
  const std::uint64_t last = first + per_binade - 1;
  if (counts_.empty()) {
    counts_.assign(per_binade, 0);
    first_key_ = first;
    return;
  }
  cover(std::min(first, first_key_), std::max(last, first_key_ + counts_.size() - 1));
}

void LogHistogram::cover(std::uint64_t first, std::uint64_t last) {
  if (counts_.empty()) {
    counts_.assign(last - first + 1, 0);
    first_key_ = first;
    return;
  }
  const std::uint64_t old_last = first_key_ + counts_.size() - 1;
  if (first >= first_key_ && last <= old_last) return;
  first = std::min(first, first_key_);
  last = std::max(last, old_last);
  const auto offset = static_cast<std::ptrdiff_t>(first_key_ - first);
  std::vector<std::uint32_t> wider(last - first + 1, 0);
  std::copy(counts_.begin(), counts_.end(), wider.begin() + offset);
  counts_ = std::move(wider);
  if (!carries_.empty()) {
    std::vector<std::uint32_t> wider_carries(last - first + 1, 0);
    std::copy(carries_.begin(), carries_.end(), wider_carries.begin() + offset);
    carries_ = std::move(wider_carries);
  }
  first_key_ = first;
}

void LogHistogram::carry(std::size_t index) {
  if (carries_.empty()) carries_.assign(counts_.size(), 0);
  ++carries_[index];
}

void LogHistogram::set(std::size_t index, std::uint64_t value) {
  counts_[index] = static_cast<std::uint32_t>(value);
  const auto high = static_cast<std::uint32_t>(value >> 32);
  if (high != 0 && carries_.empty()) carries_.assign(counts_.size(), 0);
  if (!carries_.empty()) carries_[index] = high;
}

double LogHistogram::quantile(double p) const {
  if (total_ == 0) return 0.0;
  const auto n = static_cast<double>(total_);
  // Rank of the order statistic, 1-based: ⌈p·n⌉, at least 1.
  auto rank = static_cast<std::uint64_t>(std::ceil(p * n));
  rank = std::clamp<std::uint64_t>(rank, 1, total_);
  if (rank <= zeros_) return 0.0;
  std::uint64_t before = zeros_;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    const std::uint64_t c = at(i);
    if (c != 0 && before + c >= rank) {
      const double lower = std::max(bucket_lower(first_key_ + i, shift), min_positive_);
      const double upper = std::min(bucket_lower(first_key_ + i + 1, shift), max_);
      // The j-th of c values spread evenly over the bucket sits at (j − 1/2)/c of its width.
      const double position = (static_cast<double>(rank - before) - 0.5) / static_cast<double>(c);
      return lower + position * (upper - lower);
    }
    before += c;
  }
  return bucket_lower(first_key_ + counts_.size(), shift);  // not reached: counts sum to total
}

double LogHistogram::fraction_at_most(double x) const {
  if (total_ == 0) return 0.0;
  if (x < 0.0) return 0.0;
  std::uint64_t below = zeros_;
  if (x > 0.0) {
    const std::uint64_t key = std::bit_cast<std::uint64_t>(x) >> shift;
    for (std::size_t i = 0; i < counts_.size(); ++i) {
      const std::uint64_t k = first_key_ + i;
      if (k < key) {
        below += at(i);
      } else {
        if (k == key && at(i) != 0) {
          const double lower = bucket_lower(k, shift);
          const double upper = bucket_lower(k + 1, shift);
          const double share = (x - lower) / (upper - lower);
          return (static_cast<double>(below) + share * static_cast<double>(at(i))) /
                 static_cast<double>(total_);
        }
        break;
      }
    }
  }
  return static_cast<double>(below) / static_cast<double>(total_);
}

void LogHistogram::subtract(const LogHistogram& earlier) {
  total_ -= earlier.total_;
  zeros_ -= earlier.zeros_;
  if (earlier.counts_.empty()) return;
  // A snapshot's range is inside the current range: ranges only grow.
  const std::size_t offset = earlier.first_key_ - first_key_;
  for (std::size_t i = 0; i < earlier.counts_.size(); ++i)
    set(offset + i, at(offset + i) - earlier.at(i));
}

void LogHistogram::merge(const LogHistogram& other) {
  total_ += other.total_;
  zeros_ += other.zeros_;
  min_positive_ = std::min(min_positive_, other.min_positive_);
  max_ = std::max(max_, other.max_);
  if (other.counts_.empty()) return;
  cover(other.first_key_, other.first_key_ + other.counts_.size() - 1);
  const std::size_t offset = other.first_key_ - first_key_;
  for (std::size_t i = 0; i < other.counts_.size(); ++i)
    set(offset + i, at(offset + i) + other.at(i));
}

}  // namespace kendall::sim
