#pragma once
// The interface the three real executors implement (tbb, threads, asio), and the hooks they
// call back into the testbed. An executor owns threads and queues, nothing else: admission,
// statistics, routing and retries stay in the testbed, so the three differ only in how a
// customer waits for a worker and how a worker holds it.

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "kendall/sim/executor/executor_run.hpp"

#include "job.hpp"

namespace kendall::sim::executor::detail {

// What an executor needs to know about one station.
struct StationShape {
  std::uint32_t servers = 1;
  std::uint64_t capacity = 0;  // 0 = unbounded queue
  std::uint32_t levels = 1;    // priority levels (1 for FIFO)
};

// The testbed side, called from worker threads (or the asio loop).
class ServiceHooks {
 public:
  virtual ~ServiceHooks() = default;
  // A worker free since `free_since` takes `job`: records the start and returns when the
  // service should end.
  virtual Clock::time_point begin_service(Job& job, Clock::time_point free_since) = 0;
  // The service ended now: records it and sends the customer on (which may submit it again).
  virtual void end_service(Job& job) = 0;
  // Set when the run stops: holds end early, workers leave.
  [[nodiscard]] virtual const std::atomic<bool>& stopping() const = 0;
};

class Executor {
 public:
  virtual ~Executor() = default;
  // Starts the workers; returns once every worker waits for work (the first part of warming).
  virtual void start() = 0;
  // Hands an admitted customer to its station's queue (thread-safe, never blocks for long).
  virtual void submit(Job& job) = 0;
  // Stops and joins every worker. Customers still queued or in service are dropped (the
  // testbed owns and frees them).
  virtual void stop() = 0;
};

[[nodiscard]] std::unique_ptr<Executor> make_threads_executor(
    ServiceHooks& hooks, const std::vector<StationShape>& stations);
[[nodiscard]] std::unique_ptr<Executor> make_tbb_executor(
    ServiceHooks& hooks, const std::vector<StationShape>& stations);
[[nodiscard]] std::unique_ptr<Executor> make_asio_executor(
    ServiceHooks& hooks, const std::vector<StationShape>& stations);

}  // namespace kendall::sim::executor::detail
