#pragma once
// Customers live in a pool of fixed-size records reused through a free list: no allocation
// per customer once the pool has grown to the largest number present at once, and memory that
// grows only with the customers present, never with the customers simulated.

#include <cstdint>
#include <vector>

#include "kendall/sim/engine/event_queue.hpp"

namespace kendall::sim::detail {

enum class CustomerState : std::uint8_t {
  Waiting,    // in a station's line
  InService,  // holding a server (or sharing the processor)
  Backoff,    // off-station, waiting to retry
  Abandoned,  // reneged but still referenced by a line; released when the line drops it
  Moving,     // between stations within one event (routing)
};

struct Customer {
  double entered = 0.0;     // time it entered the system (closed networks: left the start station)
  double arrived = 0.0;     // time it arrived at its current station
  double work = 0.0;        // remaining service requirement at the current station
  double key = 0.0;         // discipline data: PS finish tag, RR slice, preemptive service end
  double started = 0.0;     // when the current service period began
  double queued = 0.0;      // time not in service at the current station, up to the last start
  double wait_began = 0.0;  // when the current wait began (arrival, or the last pause)
  std::uint64_t id = 0;     // customer number, in order of creation (for traces and errors)
  EventHandle pending;      // abandonment while waiting; service end while in preemptible service
  std::uint32_t station = 0;
  std::uint32_t position = 0;  // index in a station's in-service list (preemptive priority)
  std::uint16_t customer_class = 0;
  std::uint16_t attempts = 0;  // completed service attempts at the current station
  CustomerState state = CustomerState::Moving;
  bool has_pending = false;    // `pending` refers to a scheduled abandonment
  bool served_before = false;  // service started at least once during this visit
  bool in_cycle = false;       // closed networks: has left the start station
};

class CustomerPool {
 public:
  // A record for a new customer. Its fields hold whatever the previous occupant left: the
  // engine sets every field it reads.
  [[gnu::always_inline]] std::uint32_t acquire() {
    ++live_;
    if (free_count_ != 0) return free_[--free_count_];
    slots_.emplace_back();
    free_.push_back(0);  // keeps free_ as large as slots_, so release never allocates
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }

  [[gnu::always_inline]] void release(std::uint32_t slot) noexcept {
    free_[free_count_++] = slot;
    --live_;
  }

  Customer& operator[](std::uint32_t slot) noexcept { return slots_[slot]; }
  const Customer& operator[](std::uint32_t slot) const noexcept { return slots_[slot]; }

  [[nodiscard]] std::size_t live() const noexcept { return live_; }
  [[nodiscard]] std::size_t capacity() const noexcept { return slots_.size(); }

 private:
  std::vector<Customer> slots_;
  std::vector<std::uint32_t> free_;
  std::size_t free_count_ = 0;
  std::size_t live_ = 0;
};

}  // namespace kendall::sim::detail
