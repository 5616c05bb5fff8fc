#pragma once
// Holding a worker until a wall-clock deadline: sleep, then spin for the last stretch.
//
// Why both: a sleeping thread costs no CPU, so 64 workers per station fit on 2 cores, but the
// kernel wakes it late (timer slack, 50 µs by default, plus scheduling). Sleeping until
// `spin_window` before the deadline and spinning the rest gives microsecond precision for a
// few tens of microseconds of CPU per service. Long holds sleep in slices so that a stop
// request is seen within `stop_slice`.

#include <atomic>
#include <chrono>

#include "job.hpp"

namespace kendall::sim::executor::detail {

inline constexpr std::chrono::microseconds spin_window{60};
inline constexpr std::chrono::milliseconds stop_slice{20};

// Returns false when `stopping` was set before the deadline.
bool hold_until(Clock::time_point deadline, const std::atomic<bool>& stopping);

// Lowers the calling thread's timer slack to 1 ns (Linux), so its sleeps end on time; a no-op
// elsewhere. Used by the threads and tbb workers and the arrival generator.
void precise_timers_for_this_thread();

}  // namespace kendall::sim::executor::detail
