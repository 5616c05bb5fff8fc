#pragma once
// Non-preemptive stations: c servers (or infinitely many) in front of a waiting line whose
// order is the `Line` strategy (waiting_lines.hpp). A customer who finds a free server starts
// at once; otherwise it waits (and may renege). When a server frees, the line's next live
// customer starts. Server schedules: a server whose shift ends finishes its customer first —
// the station simply starts nobody new while busy ≥ servers.

#include <type_traits>

#include "station.hpp"
#include "waiting_lines.hpp"

namespace kendall::sim::detail {

template <class Line>
class QueueStation final : public Station {
 public:
  QueueStation(Engine& engine, std::uint32_t index, const model::StationSpec& spec,
               std::uint32_t initial_servers, Line line)
      : Station(engine, index, spec, initial_servers), line_(std::move(line)) {
    fifo_ = std::is_same_v<Line, FifoLine>;
  }

  [[gnu::always_inline]] void on_arrival(std::uint32_t slot) override {
    Customer& c = engine_.customer(slot);
    ++present_;
    if (busy_ < servers_) {
      start_service(slot, c);
      return;
    }
    c.state = CustomerState::Waiting;
    line_.push(slot, c);
    schedule_patience(slot, c);
  }

  [[gnu::always_inline]] bool on_service_end(std::uint32_t slot, std::uint32_t& done) override {
    complete_service(slot);
    fill();
    done = slot;
    return true;
  }

  void on_capacity_change(std::uint32_t servers) override {
    servers_ = servers;
    fill();
  }

 private:
  [[gnu::always_inline]] void start_service(std::uint32_t slot, Customer& c) {
    ++busy_;
    c.state = CustomerState::InService;
    cancel_patience(c);
    engine_.notice_start(index_, c, true);
    engine_.schedule(engine_.now() + c.work, EventKind::ServiceEnd, index_, slot);
  }

  [[gnu::always_inline]] void complete_service(std::uint32_t slot) {
    --busy_;
    --present_;
    engine_.notice_complete(index_, engine_.customer(slot));
  }

  // Starts waiting customers while servers are free.
  [[gnu::always_inline]] void fill() {
    while (busy_ < servers_ && present_ > busy_) {
      const std::uint32_t slot = line_.pop();
      Customer& c = engine_.customer(slot);
      if (c.state == CustomerState::Abandoned) {
        engine_.release(slot);
        continue;
      }
      start_service(slot, c);
    }
  }

  Line line_;
};

}  // namespace kendall::sim::detail
