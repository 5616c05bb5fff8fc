#pragma once
// One customer as the executors see it: a record the testbed owns for the whole run (stable
// address in a std::deque), handed to a station's queue by pointer. Executors only read
// `station` and `level` and pass the record back through the testbed's hooks.

#include <chrono>
#include <cstdint>

namespace kendall::sim::executor::detail {

using Clock = std::chrono::steady_clock;

struct Job {
  std::uint64_t id = 0;  // customer number in order of creation (as the DES numbers them)
  std::uint32_t station = 0;
  std::uint32_t customer_class = 0;
  std::uint32_t level = 0;     // queue level at the current station: 0 is served first
  std::uint32_t attempts = 0;  // completed service attempts at the current station
  // Model times (the scenario's unit), measured.
  double entered = 0.0;  // entered the system
  double arrived = 0.0;  // arrived at the current station
  double queued = 0.0;   // waited before service at the current station
  double service = 0.0;  // sampled service time at the current station
  bool found_free = false;  // a worker was idle when it was admitted (it did not have to wait)
  // Wall times.
  Clock::time_point enqueued{};  // handed to the executor's queue
  Clock::time_point deadline{};  // when its service should end
  // Probes warm and calibrate the pool; they never reach the statistics.
  bool probe = false;
  bool calibration = false;  // a probe whose overheads are kept (idle-pool calibration)
  Clock::duration probe_hold{};
};

}  // namespace kendall::sim::executor::detail
