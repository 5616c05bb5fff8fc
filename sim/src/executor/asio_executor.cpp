// asio: one event-loop thread for every station (the asyncio / Node.js shape). Each customer
// is a C++20 coroutine that waits for one of its station's `servers` permits on an async
// semaphore, then holds it for its service time as an asynchronous timer. Nothing blocks the
// loop; the loop's thread keeps the kernel's default timer slack, as a deployed event loop
// would, so the timer overshoot measured is the loop's own.

#include <deque>
#include <future>
#include <optional>
#include <thread>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>
#include <asio/redirect_error.hpp>
#include <asio/steady_timer.hpp>
#include <asio/use_awaitable.hpp>

#include "executor.hpp"

namespace kendall::sim::executor::detail {

namespace {

// At most `permits` holders; waiters are woken by priority level, FIFO within a level. A
// waiter sleeps on a timer that never expires and is woken by cancelling it (the usual asio
// idiom for a condition). Used only from the loop thread, so it needs no lock.
class AsyncSemaphore {
 public:
  AsyncSemaphore(asio::io_context& context, std::uint32_t permits, std::uint32_t levels)
      : context_(context), free_(permits, Clock::now()), waiters_(levels) {}

  // Returns when the permit that was handed over became free.
  asio::awaitable<Clock::time_point> acquire(std::uint32_t level) {
    if (!free_.empty() && nobody_waiting()) {
      const Clock::time_point since = free_.front();
      free_.pop_front();
      co_return since;
    }
    Waiter waiter{asio::steady_timer(context_, Clock::time_point::max()), {}};
    waiters_[level].push_back(&waiter);
    asio::error_code ignored;
    co_await waiter.timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    co_return waiter.granted_at;
  }

  void release(Clock::time_point now) {
    for (auto& line : waiters_) {
      if (!line.empty()) {
        Waiter* w = line.front();
        line.pop_front();
        w->granted_at = now;
        w->timer.cancel();
        return;
      }
    }
    free_.push_back(now);
  }

 private:
  struct Waiter {
    asio::steady_timer timer;
    Clock::time_point granted_at;
  };
  [[nodiscard]] bool nobody_waiting() const {
    for (const auto& line : waiters_)
      if (!line.empty()) return false;
    return true;
  }

  asio::io_context& context_;
  std::deque<Clock::time_point> free_;  // when each free permit became free
  std::vector<std::deque<Waiter*>> waiters_;
};

class AsioExecutor final : public Executor {
 public:
  AsioExecutor(ServiceHooks& hooks, const std::vector<StationShape>& stations) : hooks_(hooks) {
    for (const auto& shape : stations)
      semaphores_.push_back(std::make_unique<AsyncSemaphore>(context_, shape.servers, shape.levels));
  }
  ~AsioExecutor() override { stop(); }

  void start() override {
    guard_.emplace(asio::make_work_guard(context_));
    loop_ = std::thread([this] { context_.run(); });
    std::promise<void> running;
    asio::post(context_, [&running] { running.set_value(); });
    running.get_future().wait();
  }

  void submit(Job& job) override {
    asio::post(context_, [this, &job] { asio::co_spawn(context_, serve(job), asio::detached); });
  }

  void stop() override {
    if (!loop_.joinable()) return;
    guard_.reset();
    context_.stop();
    loop_.join();
    // Coroutines still suspended (waiting for a permit or in service) are destroyed with the
    // io_context, which frees their frames.
  }

 private:
  asio::awaitable<void> serve(Job& job) {
    AsyncSemaphore& semaphore = *semaphores_[job.station];
    const Clock::time_point free_since = co_await semaphore.acquire(job.level);
    const Clock::time_point deadline = hooks_.begin_service(job, free_since);
    asio::steady_timer timer(context_, deadline);
    asio::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    if (hooks_.stopping().load()) co_return;
    hooks_.end_service(job);
    semaphore.release(Clock::now());
  }

  ServiceHooks& hooks_;
  asio::io_context context_;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard_;
  std::vector<std::unique_ptr<AsyncSemaphore>> semaphores_;
  std::thread loop_;
};

}  // namespace

std::unique_ptr<Executor> make_asio_executor(ServiceHooks& hooks,
                                             const std::vector<StationShape>& stations) {
  return std::make_unique<AsioExecutor>(hooks, stations);
}

}  // namespace kendall::sim::executor::detail
