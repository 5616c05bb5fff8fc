#pragma once
// Round-robin with a time quantum q: a customer in service runs for min(q, remaining work);
// if work remains it goes back to the tail of the line (a ServicePause) and the server takes
// the head (possibly the same customer again, at once). The context switch costs nothing. A
// quantum ending at t puts the customer in line before customers arriving at t (event tie
// rule: ServiceEnd before Arrival). Wq is all the time spent in line (between slices too);
// Wq_first the wait before the first slice.

#include "ring_deque.hpp"
#include "station.hpp"

namespace kendall::sim::detail {

class RoundRobinStation final : public Station {
 public:
  RoundRobinStation(Engine& engine, std::uint32_t index, const model::StationSpec& spec,
                    std::uint32_t initial_servers, double quantum)
      : Station(engine, index, spec, initial_servers), quantum_(quantum) {}

  void on_arrival(std::uint32_t slot) override {
    Customer& c = engine_.customer(slot);
    ++present_;
    if (busy_ < servers_) {
      start_slice(slot, c);
      return;
    }
    c.state = CustomerState::Waiting;
    line_.push_back(slot);
    schedule_patience(slot, c);
  }

  bool on_service_end(std::uint32_t slot, std::uint32_t& done) override {
    Customer& c = engine_.customer(slot);
    --busy_;
    if (c.key >= c.work) {  // the slice covered the remaining work
      c.work = 0.0;
      --present_;
      engine_.notice_complete(index_, c);
      fill();
      done = slot;
      return true;
    }
    c.work -= c.key;
    c.state = CustomerState::Waiting;
    line_.push_back(slot);
    engine_.notice_pause(index_, c);
    fill();
    return false;
  }

  void on_capacity_change(std::uint32_t servers) override {
    servers_ = servers;
    fill();
  }

 private:
  void start_slice(std::uint32_t slot, Customer& c) {
    ++busy_;
    const bool first = !c.served_before;
    cancel_patience(c);
    c.state = CustomerState::InService;
    c.key = std::min(quantum_, c.work);
    engine_.notice_start(index_, c, first);
    engine_.schedule(engine_.now() + c.key, EventKind::ServiceEnd, index_, slot);
  }

  void fill() {
    while (busy_ < servers_ && present_ > busy_) {
      const std::uint32_t slot = line_.pop_front();
      Customer& c = engine_.customer(slot);
      if (c.state == CustomerState::Abandoned) {
        engine_.release(slot);
        continue;
      }
      start_slice(slot, c);
    }
  }

  double quantum_;
  RingDeque<std::uint32_t> line_;
};

}  // namespace kendall::sim::detail
