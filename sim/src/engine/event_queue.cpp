#include "kendall/sim/engine/event_queue.hpp"

#include <algorithm>
#include <bit>

namespace kendall::sim::detail {

namespace {
// Fibonacci hashing: multiply by 2^64/φ and keep the top bits.
constexpr std::uint64_t golden = 0x9E3779B97F4A7C15ull;
}  // namespace

std::size_t SequenceSet::slot_of(std::uint64_t key) const noexcept {
  const auto bits = static_cast<unsigned>(std::countr_zero(slots_.size()));
  return static_cast<std::size_t>((key * golden) >> (64 - bits));
}

void SequenceSet::insert(std::uint64_t key) {
  if (2 * (size_ + 1) > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = slot_of(key);
  while (slots_[i] != 0) {
    if (slots_[i] == key + 1) return;
    i = (i + 1) & mask;
  }
  slots_[i] = key + 1;
  ++size_;
}

bool SequenceSet::contains(std::uint64_t key) const noexcept {
  if (size_ == 0) return false;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = slot_of(key); slots_[i] != 0; i = (i + 1) & mask) {
    if (slots_[i] == key + 1) return true;
  }
  return false;
}

bool SequenceSet::erase(std::uint64_t key) noexcept {
  if (size_ == 0) return false;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = slot_of(key);
  while (slots_[i] != key + 1) {
    if (slots_[i] == 0) return false;
    i = (i + 1) & mask;
  }
  // Backward-shift deletion (Knuth, TAOCP vol. 3, algorithm 6.4R): move later members of the
  // probe run into the hole when their home slot allows it, so no tombstones accumulate.
  std::size_t hole = i;
  for (std::size_t j = (i + 1) & mask; slots_[j] != 0; j = (j + 1) & mask) {
    const std::size_t home = slot_of(slots_[j] - 1);
    // Move j to the hole unless its home lies cyclically in (hole, j].
    const bool home_in_between =
        hole <= j ? (hole < home && home <= j) : (hole < home || home <= j);
    if (!home_in_between) {
      slots_[hole] = slots_[j];
      hole = j;
    }
  }
  slots_[hole] = 0;
  --size_;
  return true;
}

void SequenceSet::clear() noexcept {
  std::fill(slots_.begin(), slots_.end(), 0);
  size_ = 0;
}

void SequenceSet::grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(std::max<std::size_t>(64, old.size() * 2), 0);
  size_ = 0;
  for (std::uint64_t k : old) {
    if (k != 0) insert(k - 1);
  }
}

}  // namespace kendall::sim::detail
