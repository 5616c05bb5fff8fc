#pragma once
// The order in which waiting customers are served, for the non-preemptive disciplines: each
// "line" is a small strategy with push/pop/empty (compare Ciw's disciplines.py, where a
// discipline is one function, and simmer's comparator policies). A line may hand back a
// customer who has abandoned meanwhile; the station drops such customers (lazy deletion keeps
// reneging O(1)).

#include <cstdint>
#include <vector>

#include "kendall/sim/engine/random_stream.hpp"

#include "customer.hpp"
#include "ring_deque.hpp"

namespace kendall::sim::detail {

// First come, first served.
class FifoLine {
 public:
  void push(std::uint32_t slot, const Customer&) { line_.push_back(slot); }
  std::uint32_t pop() noexcept { return line_.pop_front(); }
  [[nodiscard]] bool empty() const noexcept { return line_.empty(); }

 private:
  RingDeque<std::uint32_t> line_;
};

// Last come, first served (non-preemptive): the newest waiting customer is served next.
class LifoLine {
 public:
  void push(std::uint32_t slot, const Customer&) { line_.push_back(slot); }
  std::uint32_t pop() noexcept {
    const std::uint32_t slot = line_.back();
    line_.pop_back();
    return slot;
  }
  [[nodiscard]] bool empty() const noexcept { return line_.empty(); }

 private:
  std::vector<std::uint32_t> line_;
};

// Service in random order: every waiting customer is equally likely to be next (one draw from
// the station's discipline stream per pick).
class RandomLine {
 public:
  explicit RandomLine(RandomStream rng) : rng_(rng) {}
  void push(std::uint32_t slot, const Customer&) { line_.push_back(slot); }
  std::uint32_t pop() noexcept {
    const std::size_t i = rng_.uniform_index(line_.size());
    const std::uint32_t slot = line_[i];
    line_[i] = line_.back();
    line_.pop_back();
    return slot;
  }
  [[nodiscard]] bool empty() const noexcept { return line_.empty(); }

 private:
  std::vector<std::uint32_t> line_;
  RandomStream rng_;
};

// Non-preemptive priority: one FIFO line per priority level; the most urgent non-empty level
// is served first (level 0 = smallest priority number).
class PriorityLine {
 public:
  explicit PriorityLine(std::vector<std::uint32_t> level_of_class)
      : level_of_class_(std::move(level_of_class)) {
    std::uint32_t levels = 0;
    for (std::uint32_t l : level_of_class_) levels = std::max(levels, l + 1);
    lines_.resize(levels);
  }
  void push(std::uint32_t slot, const Customer& c) {
    const std::uint32_t level = level_of_class_[c.customer_class];
    lines_[level].push_back(slot);
    if (level < first_) first_ = level;
    ++size_;
  }
  std::uint32_t pop() noexcept {
    while (lines_[first_].empty()) ++first_;
    --size_;
    return lines_[first_].pop_front();
  }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

 private:
  std::vector<std::uint32_t> level_of_class_;
  std::vector<RingDeque<std::uint32_t>> lines_;
  std::uint32_t first_ = 0;  // no level before this one holds anyone
  std::size_t size_ = 0;
};

// Shortest job first (non-preemptive): the waiting customer with the smallest service
// requirement (drawn on admission) is served next; ties in arrival order.
class SjfLine {
 public:
  void push(std::uint32_t slot, const Customer& c) {
    heap_.push_back({c.work, counter_++, slot});
    std::size_t i = heap_.size() - 1;
    const Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  std::uint32_t pop() noexcept {
    const std::uint32_t slot = heap_.front().slot;
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n > 0) {
      std::size_t i = 0;
      for (;;) {
        std::size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
        if (!before(heap_[child], last)) break;
        heap_[i] = heap_[child];
        i = child;
      }
      heap_[i] = last;
    }
    return slot;
  }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }

 private:
  struct Entry {
    double work;
    std::uint64_t order;
    std::uint32_t slot;
  };
  static bool before(const Entry& a, const Entry& b) noexcept {
    return a.work < b.work || (a.work == b.work && a.order < b.order);
  }
  std::vector<Entry> heap_;
  std::uint64_t counter_ = 0;
};

}  // namespace kendall::sim::detail
