#include "hold.hpp"

#include <thread>

#if defined(__linux__)
#include <sys/prctl.h>
#endif

namespace kendall::sim::executor::detail {

bool hold_until(Clock::time_point deadline, const std::atomic<bool>& stopping) {
  const Clock::time_point spin_from = deadline - spin_window;
  for (Clock::time_point now = Clock::now(); now < spin_from; now = Clock::now()) {
    if (stopping.load(std::memory_order_relaxed)) return false;
    std::this_thread::sleep_until(std::min(spin_from, now + stop_slice));
  }
  while (Clock::now() < deadline) {
    if (stopping.load(std::memory_order_relaxed)) return false;
  }
  return true;
}

void precise_timers_for_this_thread() {
#if defined(__linux__)
  prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
#endif
}

}  // namespace kendall::sim::executor::detail
