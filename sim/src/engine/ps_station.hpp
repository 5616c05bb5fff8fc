#pragma once
// Processor sharing, exact and event-driven: with n customers present and c servers, every
// customer is served at rate r = min(1, c/n). The station keeps a virtual time V with
// dV/dt = r; a customer admitted when V = v with requirement S finishes when V reaches v + S
// (its finish tag). The next completion is the smallest tag, at now + (tag − V)/r; it is
// rescheduled (the old event cancelled) on every arrival, completion and capacity change.
// No time slicing, no approximation. V restarts at 0 whenever the station empties, so it
// stays small and precise. (Kleinrock, Queueing Systems vol. 2, section 4.4; the tag idea is
// that of virtual-clock fair queueing.)
//
// Under PS nobody waits: Wq and p_wait are not observed. The statistics count min(n, c) busy
// servers and n − min(n, c) "waiting" customers for Lq, and balking looks at the same number.

#include <algorithm>

#include "station.hpp"

namespace kendall::sim::detail {

class PsStation final : public Station {
 public:
  PsStation(Engine& engine, std::uint32_t index, const model::StationSpec& spec,
            std::uint32_t initial_servers)
      : Station(engine, index, spec, initial_servers) {}

  void on_arrival(std::uint32_t slot) override {
    Customer& c = engine_.customer(slot);
    advance();
    ++present_;
    busy_ = std::min(present_, servers_);
    c.state = CustomerState::InService;
    c.key = virtual_time_ + c.work;
    push({c.key, order_++, slot});
    reschedule();
  }

  bool on_service_end(std::uint32_t, std::uint32_t& done) override {
    scheduled_ = false;
    advance();
    const Entry finished = pop();
    virtual_time_ = std::max(virtual_time_, finished.tag);
    --present_;
    busy_ = std::min(present_, servers_);
    if (present_ == 0) virtual_time_ = 0.0;
    engine_.notice_complete(index_, engine_.customer(finished.slot));
    reschedule();
    done = finished.slot;
    return true;
  }

  void on_capacity_change(std::uint32_t servers) override {
    advance();
    servers_ = servers;
    busy_ = std::min(present_, servers_);
    reschedule();
  }

  [[nodiscard]] std::uint64_t waiting() const noexcept override { return present_ - busy_; }

 private:
  struct Entry {
    double tag;
    std::uint64_t order;
    std::uint32_t slot;
  };
  static bool after(const Entry& a, const Entry& b) noexcept {
    return a.tag > b.tag || (a.tag == b.tag && a.order > b.order);
  }
  void push(const Entry& e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), after);
  }
  Entry pop() {
    std::pop_heap(heap_.begin(), heap_.end(), after);
    const Entry e = heap_.back();
    heap_.pop_back();
    return e;
  }

  [[nodiscard]] double rate() const noexcept {
    if (present_ == 0) return 0.0;
    return present_ <= servers_ ? 1.0 : static_cast<double>(servers_) / present_;
  }

  void advance() {
    const double now = engine_.now();
    virtual_time_ += rate() * (now - last_);
    last_ = now;
  }

  void reschedule() {
    if (scheduled_) {
      engine_.cancel(next_);
      scheduled_ = false;
    }
    const double r = rate();
    if (heap_.empty() || r <= 0.0) return;
    const double remaining = std::max(0.0, heap_.front().tag - virtual_time_);
    next_ = engine_.schedule(engine_.now() + remaining / r, EventKind::ServiceEnd, index_, 0);
    scheduled_ = true;
  }

  std::vector<Entry> heap_;
  double virtual_time_ = 0.0;
  double last_ = 0.0;
  std::uint64_t order_ = 0;
  EventHandle next_;
  bool scheduled_ = false;
};

}  // namespace kendall::sim::detail
