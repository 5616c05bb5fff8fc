// oneTBB: per station a task_arena with room for `servers` workers, each running one
// long-lived task that takes customers from a tbb::concurrent_bounded_queue.
//
// The bounded queue holds tickets (one per customer waiting, capacity = the station's
// capacity when it has one); the customers themselves wait in one tbb::concurrent_queue per
// priority level, so a worker holding a ticket always finds a customer and takes the most
// urgent one. oneTBB caps its worker threads at the hardware's count unless told otherwise; a
// global_control raises the cap to the total number of servers for the executor's lifetime
// (sleeping workers cost no CPU, so 64+ per station fit on 2 cores).

#include <atomic>
#include <thread>

#include <fmt/format.h>
#include <oneapi/tbb/concurrent_queue.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>
#include <oneapi/tbb/task_group.h>

#include "kendall/error.hpp"

#include "executor.hpp"
#include "hold.hpp"

namespace kendall::sim::executor::detail {

namespace {

class TbbStation {
 public:
  TbbStation(ServiceHooks& hooks, const StationShape& shape)
      : hooks_(hooks),
        shape_(shape),
        arena_(static_cast<int>(shape.servers) + 1, 1),
        levels_(shape.levels) {
    if (shape.capacity > 0) tickets_.set_capacity(static_cast<std::ptrdiff_t>(shape.capacity));
  }

  void start() {
    arena_.execute([this] {
      for (std::uint32_t i = 0; i < shape_.servers; ++i) group_.run([this] { work(); });
    });
    const auto limit = Clock::now() + std::chrono::seconds(5);
    while (started_.load() < shape_.servers) {
      if (Clock::now() > limit) {
        const std::uint32_t got = started_.load();
        stop();
        throw Error(fmt::format(
            "oneTBB started only {} of the {} workers a station needs within 5 s", got,
            shape_.servers));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  void submit(Job& job) {
    levels_[job.level].push(&job);
    while (!tickets_.try_push(0)) std::this_thread::yield();  // admission keeps it below K
  }

  void stop() {
    if (stopped_) return;
    stopped_ = true;
    // abort() only wakes the pops waiting now; a worker that was still holding a customer may
    // block later, so abort until every worker has left.
    while (finished_.load() < started_.load()) {
      tickets_.abort();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    tickets_.abort();
    arena_.execute([this] { group_.wait(); });
  }

 private:
  void work() {
    precise_timers_for_this_thread();
    ++started_;
    Clock::time_point free_since = Clock::now();
    for (;;) {
      if (hooks_.stopping().load()) break;
      int ticket = 0;
      try {
        tickets_.pop(ticket);
      } catch (const tbb::user_abort&) {
        break;
      }
      Job* job = nullptr;
      for (auto& line : levels_) {
        if (line.try_pop(job)) break;
      }
      if (job == nullptr) continue;
      const Clock::time_point deadline = hooks_.begin_service(*job, free_since);
      if (!hold_until(deadline, hooks_.stopping())) break;
      hooks_.end_service(*job);
      free_since = Clock::now();
    }
    ++finished_;
  }

  ServiceHooks& hooks_;
  StationShape shape_;
  tbb::task_arena arena_;
  tbb::task_group group_;
  tbb::concurrent_bounded_queue<int> tickets_;
  std::vector<tbb::concurrent_queue<Job*>> levels_;
  std::atomic<std::uint32_t> started_{0};
  std::atomic<std::uint32_t> finished_{0};
  bool stopped_ = false;
};

class TbbExecutor final : public Executor {
 public:
  TbbExecutor(ServiceHooks& hooks, const std::vector<StationShape>& stations)
      : limit_(tbb::global_control::max_allowed_parallelism, total_servers(stations) + 2) {
    for (const auto& shape : stations) stations_.push_back(std::make_unique<TbbStation>(hooks, shape));
  }
  ~TbbExecutor() override { stop(); }
  void start() override {
    for (auto& s : stations_) s->start();
  }
  void submit(Job& job) override { stations_[job.station]->submit(job); }
  void stop() override {
    for (auto& s : stations_) s->stop();
  }

 private:
  static std::size_t total_servers(const std::vector<StationShape>& stations) {
    std::size_t n = 0;
    for (const auto& s : stations) n += s.servers;
    return n;
  }
  tbb::global_control limit_;
  std::vector<std::unique_ptr<TbbStation>> stations_;
};

}  // namespace

std::unique_ptr<Executor> make_tbb_executor(ServiceHooks& hooks,
                                            const std::vector<StationShape>& stations) {
  return std::make_unique<TbbExecutor>(hooks, stations);
}

}  // namespace kendall::sim::executor::detail
