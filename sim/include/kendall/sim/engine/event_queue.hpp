#pragma once
// clang-format off (the table below must keep its rows)
/// \file
/// The event calendar (STYLE.md guideline 3): events ordered by (time, priority, sequence) in
/// a d-ary heap, with cancellation by handle and lazy deletion.
///
/// ## Simultaneous events
/// Events at the same time are processed in the order of their kind (the priority, smaller
/// first), then in the order they were scheduled (the sequence). The table, with the reason
/// for each place (compare simmer's PRIORITY_* constants and "the simultaneity problem" in
/// vignettes/simmer-02-jss.Rmd):
///
/// | priority | kind           | why it comes here                                              |
/// |---------:|----------------|----------------------------------------------------------------|
/// | 0        | Checkpoint     | windows are half-open [a, b) (see 1.)                          |
/// | 1        | ServiceEnd     | a server freed at t serves a customer arriving at t (see 2.)   |
/// | 2        | CapacityChange | a shift starting at t serves the abandonments and arrivals at t |
/// | 3        | Abandonment    | patience ending at t loses to a server freed at t (see 3.)     |
/// | 4        | RetryReturn    | a customer back from a retry backoff is ahead of new arrivals  |
/// | 5        | Arrival        | external arrivals come last                                    |
///
/// 1. A warm-up cut, a segment end or the horizon at t is taken before anything else happens
///    at t, so events at exactly t belong to the next window (and are not run at all at the
///    horizon).
/// 2. Also the end of a round-robin quantum: the customer rejoins the tail of the line before
///    customers arriving at t.
/// 3. Service ends come first and cancel the abandonment; but the customer has gone before
///    customers arriving at t look at the queue.
///
/// Within one kind, the earlier-scheduled event comes first (FIFO), so the order is total and
/// deterministic: no tie is ever broken by memory addresses or by a random draw.
///
/// ## Implementation
/// d-ary min-heaps (arity 4 by default, chosen with bench/event_queue_bench.cpp) of 24-byte
/// entries — one for external arrivals, one for everything else, merged on pop; the priority
/// and the 61-bit sequence share one 64-bit word so that a comparison is two compares. Cancellation
/// records the handle in a flat hash set; a cancelled entry is dropped when it reaches the top.
/// When cancelled entries outnumber live ones the heap is compacted, so memory stays proportional
/// to the live events.

// clang-format on

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace kendall::sim {

/// Kind of an event; its numeric value is its priority among events at equal times.
enum class EventKind : std::uint8_t {
  Checkpoint = 0,
  ServiceEnd = 1,
  CapacityChange = 2,
  Abandonment = 3,
  RetryReturn = 4,
  Arrival = 5,
};

/// Identifies one scheduled event, for cancellation.
struct EventHandle {
  std::uint64_t sequence = 0;
  friend bool operator==(EventHandle, EventHandle) = default;
};

/// One entry of the calendar. `target` and `subject` are the engine's payload (typically a
/// station index and a customer slot).
struct Event {
  double time = 0.0;
  std::uint64_t order = 0;  ///< kind in the top 3 bits, sequence in the low 61
  std::uint32_t target = 0;
  std::uint32_t subject = 0;

  static constexpr int sequence_bits = 61;
  static constexpr std::uint64_t sequence_mask = (std::uint64_t{1} << sequence_bits) - 1;

  [[nodiscard]] EventKind kind() const noexcept {
    return static_cast<EventKind>(order >> sequence_bits);
  }
  [[nodiscard]] std::uint64_t sequence() const noexcept { return order & sequence_mask; }
  [[nodiscard]] EventHandle handle() const noexcept { return {sequence()}; }
};

/// Strict (time, priority, sequence) order.
[[nodiscard]] inline bool event_before(const Event& a, const Event& b) noexcept {
  return a.time < b.time || (a.time == b.time && a.order < b.order);
}

namespace detail {

/// Open-addressing set of 64-bit keys (linear probing, backward-shift deletion): the
/// cancelled sequences. No allocation per insert once the table has grown.
class SequenceSet {
 public:
  void insert(std::uint64_t key);
  /// Removes the key; returns whether it was present.
  bool erase(std::uint64_t key) noexcept;
  [[nodiscard]] bool contains(std::uint64_t key) const noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  void clear() noexcept;

 private:
  [[nodiscard]] std::size_t slot_of(std::uint64_t key) const noexcept;
  void grow();

  std::vector<std::uint64_t> slots_;  // key + 1; 0 = empty
  std::size_t size_ = 0;
};

}  // namespace detail

/// One d-ary min-heap of events (`Arity` children per node), ordered by event_before.
template <unsigned Arity>
class DaryHeap {
  static_assert(Arity >= 2);

 public:
  DaryHeap() = default;
  DaryHeap(const DaryHeap&) = delete;
  DaryHeap& operator=(const DaryHeap&) = delete;

  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] const Event& top() const noexcept { return data_[0]; }

  // The new event is passed as scalars and written field by field: building it as a struct
  // on the stack and copying it with wide loads stalled on store forwarding (measured: ~15% of
  // the engine's time on M/M/1).
  [[gnu::always_inline]] void push(double time, std::uint64_t order, std::uint32_t target,
                                   std::uint32_t subject) {
    if (size_ == capacity_) grow();
    Event* h = data_.get();
    std::size_t hole = size_++;
    while (hole > 0) {
      const std::size_t parent = (hole - 1) / Arity;
      const Event& p = h[parent];
      if (!(time < p.time || (time == p.time && order < p.order))) break;
      copy(h[hole], p);
      hole = parent;
    }
    Event& slot = h[hole];
    slot.time = time;
    slot.order = order;
    slot.target = target;
    slot.subject = subject;
  }

  // Removes the top into `out`. Precondition: !empty().
  [[gnu::always_inline]] void pop(Event& out) noexcept {
    copy(out, data_[0]);
    --size_;
    if (size_ != 0) sift_down(0, data_[size_]);
  }

  // Drops the entries whose sequence is in `cancelled` (erasing them from it) and re-heaps.
  void remove_cancelled(detail::SequenceSet& cancelled) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      if (!cancelled.erase(data_[i].sequence())) data_[kept++] = data_[i];
    }
    size_ = kept;
    // sift_down writes into its hole before it reads the entry again, so the entry is copied
    // out first (passing data_[i] by reference duplicated events and lost others).
    for (std::size_t i = size_; i-- > 0;) {
      const Event e = data_[i];
      sift_down(i, e);
    }
  }

  void clear() noexcept { size_ = 0; }

 private:
  void grow() {
    const std::size_t capacity = capacity_ == 0 ? 64 : 2 * capacity_;
    auto wider = std::make_unique<Event[]>(capacity);
    for (std::size_t i = 0; i < size_; ++i) wider[i] = data_[i];
    data_ = std::move(wider);
    capacity_ = capacity;
  }

  [[gnu::always_inline]] void sift_down(std::size_t hole, const Event& e) noexcept {
    Event* h = data_.get();
    const std::size_t n = size_;
    for (;;) {
      const std::size_t first = hole * Arity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = first + Arity < n ? first + Arity : n;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (event_before(h[c], h[best])) best = c;
      }
      if (!event_before(h[best], e)) break;
      copy(h[hole], h[best]);
      hole = best;
    }
    copy(h[hole], e);
  }

  // Entries are written field by field (push), so they are copied field by field too: a
  // 16-byte load of an entry whose two 8-byte stores are still in the store buffer cannot be
  // forwarded and waits for them to retire (measured on M/M/1: the copy of the top in pop()
  // was ~3% of the time).
  [[gnu::always_inline]] static void copy(Event& to, const Event& from) noexcept {
    to.time = from.time;
    to.order = from.order;
    to.target = from.target;
    to.subject = from.subject;
  }

  std::unique_ptr<Event[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

/// The calendar. External arrivals — about half of all events in an open network, and the
/// last kind in the tie order — are kept in a heap of their own, so the main heap stays small;
/// pop() takes the earlier of the two tops. Since every other kind comes before Arrival at
/// equal times, an arrival wins only when it is strictly earlier, and the merged order is
/// exactly the (time, priority, sequence) order of a single heap.
template <unsigned Arity = 4>
class BasicEventQueue {
 public:
  BasicEventQueue() = default;
  BasicEventQueue(const BasicEventQueue&) = delete;
  BasicEventQueue& operator=(const BasicEventQueue&) = delete;

  /// Schedules an event and returns its handle. `time` must not be NaN.
  [[gnu::always_inline]] EventHandle schedule(double time, EventKind kind, std::uint32_t target = 0,
                                              std::uint32_t subject = 0) {
    const std::uint64_t seq = next_sequence_++;
    const std::uint64_t order = (static_cast<std::uint64_t>(kind) << Event::sequence_bits) | seq;
    (kind == EventKind::Arrival ? arrivals_ : main_).push(time, order, target, subject);
    return {seq};
  }

  /// Cancels a pending event. Precondition: the event is still pending (scheduled, not yet
  /// popped, not already cancelled) — a stale handle would leave a key in the cancelled set
  /// until the next compaction.
  void cancel(EventHandle handle) {
    cancelled_.insert(handle.sequence);
    if (cancelled_.size() > 32 && 2 * cancelled_.size() > stored()) compact();
  }

  /// Removes the earliest live event into `out`; false when no live event is left.
  [[gnu::always_inline]] bool pop(Event& out) {
    for (;;) {
      if (main_.empty()) {
        if (arrivals_.empty()) return false;
        arrivals_.pop(out);
      } else if (!arrivals_.empty() && arrivals_.top().time < main_.top().time) {
        arrivals_.pop(out);
      } else {
        main_.pop(out);
      }
      if (cancelled_.size() == 0 || !cancelled_.erase(out.sequence())) return true;
    }
  }

  /// Number of live (not cancelled) events.
  [[nodiscard]] std::size_t size() const noexcept { return stored() - cancelled_.size(); }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }
  /// Entries held, cancelled ones included (for memory tests).
  [[nodiscard]] std::size_t stored() const noexcept { return main_.size() + arrivals_.size(); }
  /// Events scheduled so far (the next sequence number).
  [[nodiscard]] std::uint64_t scheduled() const noexcept { return next_sequence_; }

  void clear() noexcept {
    main_.clear();
    arrivals_.clear();
    cancelled_.clear();
  }

 private:
  void compact() {
    main_.remove_cancelled(cancelled_);
    arrivals_.remove_cancelled(cancelled_);
    // Any key left was not pending (a precondition violation); forget it.
    cancelled_.clear();
  }

  DaryHeap<Arity> main_;
  DaryHeap<Arity> arrivals_;
  detail::SequenceSet cancelled_;
  std::uint64_t next_sequence_ = 0;
};

using EventQueue = BasicEventQueue<4>;

}  // namespace kendall::sim
