#pragma once
/// \file
/// An observer that records every notice (time, kind, station, customer) and folds it into a
/// 64-bit fingerprint — the regression hash of tests/sim/fingerprint.test.cpp (compare
/// OMNeT++'s samples/queuenet/fingerprints.ini). The hash covers the exact bits of every time,
/// so any change in event order, variate or tie rule changes it.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kendall/sim/engine/observer.hpp"

namespace kendall::sim {

class TraceRecorder final : public Observer {
 public:
  /// \param keep_limit  how many notices to keep in memory (all are hashed); empty = all.
  explicit TraceRecorder(std::optional<std::size_t> keep_limit = std::nullopt)
      : keep_limit_(keep_limit) {}

  void notify(const Notice& notice) override;

  /// Fingerprint of every notice so far: h ← mix(h ⊕ word) over the words
  /// (bits of time, kind | station << 8 | class << 40, customer), mix = SplitMix64's finalizer,
  /// starting from h = 0x4B454E44414C4C21 ("KENDALL!").
  [[nodiscard]] std::uint64_t fingerprint() const noexcept { return hash_; }
  [[nodiscard]] const std::vector<Notice>& notices() const noexcept { return notices_; }
  [[nodiscard]] std::uint64_t count() const noexcept { return count_; }
  /// The kept notices as text, one per line: "t kind station customer".
  [[nodiscard]] std::string to_string() const;

 private:
  std::optional<std::size_t> keep_limit_;
  std::vector<Notice> notices_;
  std::uint64_t hash_ = 0x4B454E44414C4C21ull;
  std::uint64_t count_ = 0;
};

}  // namespace kendall::sim
