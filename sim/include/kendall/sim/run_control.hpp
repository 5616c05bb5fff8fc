#pragma once
/// \file
/// Cancellation and progress, injected by the caller (CLI, GUI, tests) and polled by the
/// engine at a coarse interval (STYLE.md guideline 10).

#include <cstdint>
#include <functional>
#include <stop_token>

namespace kendall::sim {

/// A snapshot of how far an experiment has got.
struct Progress {
  std::uint32_t replications_done = 0;
  /// Replications planned so far (grows under sequential stopping).
  std::uint32_t replications_planned = 0;
  /// Best estimate of the completed fraction of the whole experiment, in [0, 1].
  double fraction = 0.0;
};

struct RunControl {
  /// Requests cancellation. The engine stops at its next poll and returns what it completed.
  std::stop_token stop;
  /// Called with progress updates. Calls are serialised (never concurrent) but may come from
  /// worker threads, so the callback must not touch GUI objects directly.
  std::function<void(const Progress&)> on_progress;
  /// The engine polls `stop` (and may report progress) every this many events.
  std::uint64_t check_every = 65536;
};

}  // namespace kendall::sim
