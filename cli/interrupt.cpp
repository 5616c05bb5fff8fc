#include "interrupt.hpp"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>
#include <unistd.h>

namespace kendall::cli {

namespace {

// A signal handler may only touch lock-free atomics; a watcher thread turns the flag into
// request_stop(), which is not async-signal-safe.
std::atomic<int> signal_count{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_sigint(int) {
  if (signal_count.fetch_add(1) >= 1) _exit(130);
}

std::stop_source& source() {
  static std::stop_source s;
  return s;
}

}  // namespace

std::stop_token interrupt_token() {
  static const bool installed = [] {
    std::signal(SIGINT, on_sigint);
    std::thread([] {
      while (signal_count.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      source().request_stop();
    }).detach();
    return true;
  }();
  (void)installed;
  return source().get_token();
}

bool interrupted() { return signal_count.load() > 0; }

}  // namespace kendall::cli
