// The classic thread pool: per station `servers` std::jthread workers on one mutex and
// condition variable, customers in one deque per priority level.

#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>

#include "executor.hpp"
#include "hold.hpp"

namespace kendall::sim::executor::detail {

namespace {

class StationPool {
 public:
  StationPool(ServiceHooks& hooks, const StationShape& shape)
      : hooks_(hooks), shape_(shape), levels_(shape.levels) {}

  void start() {
    for (std::uint32_t i = 0; i < shape_.servers; ++i)
      workers_.emplace_back([this](std::stop_token stop) { work(stop); });
    std::unique_lock lock(mutex_);
    ready_cv_.wait(lock, [this] { return waiting_ == shape_.servers; });
  }

  void submit(Job& job) {
    {
      std::lock_guard lock(mutex_);
      levels_[job.level].push_back(&job);
    }
    cv_.notify_one();
  }

  void stop() {
    for (auto& w : workers_) w.request_stop();  // wakes waits on cv_ (condition_variable_any)
    workers_.clear();                           // joins
  }

 private:
  Job* take_locked() {
    for (auto& line : levels_) {
      if (!line.empty()) {
        Job* job = line.front();
        line.pop_front();
        return job;
      }
    }
    return nullptr;
  }

  void work(std::stop_token stop) {
    precise_timers_for_this_thread();
    Clock::time_point free_since = Clock::now();
    bool counted = false;
    for (;;) {
      Job* job = nullptr;
      {
        std::unique_lock lock(mutex_);
        if (!counted) {
          counted = true;
          ++waiting_;
          ready_cv_.notify_all();
        }
        cv_.wait(lock, stop, [this] {
          for (const auto& line : levels_)
            if (!line.empty()) return true;
          return false;
        });
        if (stop.stop_requested()) return;
        job = take_locked();
      }
      if (job == nullptr) continue;
      const Clock::time_point deadline = hooks_.begin_service(*job, free_since);
      if (!hold_until(deadline, hooks_.stopping())) return;
      hooks_.end_service(*job);
      free_since = Clock::now();
    }
  }

  ServiceHooks& hooks_;
  StationShape shape_;
  std::mutex mutex_;
  std::condition_variable_any cv_;
  std::condition_variable ready_cv_;
  std::uint32_t waiting_ = 0;
  std::vector<std::deque<Job*>> levels_;
  std::vector<std::jthread> workers_;  // last: joined first on destruction
};

class ThreadsExecutor final : public Executor {
 public:
  ThreadsExecutor(ServiceHooks& hooks, const std::vector<StationShape>& stations) {
    for (const auto& shape : stations) pools_.push_back(std::make_unique<StationPool>(hooks, shape));
  }
  ~ThreadsExecutor() override { stop(); }
  void start() override {
    for (auto& p : pools_) p->start();
  }
  void submit(Job& job) override { pools_[job.station]->submit(job); }
  void stop() override {
    for (auto& p : pools_) p->stop();
  }

 private:
  std::vector<std::unique_ptr<StationPool>> pools_;
};

}  // namespace

std::unique_ptr<Executor> make_threads_executor(ServiceHooks& hooks,
                                                const std::vector<StationShape>& stations) {
  return std::make_unique<ThreadsExecutor>(hooks, stations);
}

}  // namespace kendall::sim::executor::detail
