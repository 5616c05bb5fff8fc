#pragma once
// Priority with preemptive resume: an arriving customer of a more urgent class (smaller
// priority number) who finds every server busy takes the server of the least urgent customer
// in service, if that one is strictly less urgent. Among equally urgent candidates the one that
// started (or resumed) most recently is preempted. The preempted customer keeps its remaining
// work and goes back to the head of its class's line (it resumes before others of its class).
// Within a class, service is FIFO. Preempted customers do not renege (patience applies only
// before the first service start).

#include "ring_deque.hpp"
#include "station.hpp"

namespace kendall::sim::detail {

class PreemptiveStation final : public Station {
 public:
  PreemptiveStation(Engine& engine, std::uint32_t index, const model::StationSpec& spec,
                    std::uint32_t initial_servers, std::vector<std::uint32_t> level_of_class)
      : Station(engine, index, spec, initial_servers), level_of_class_(std::move(level_of_class)) {
    std::uint32_t levels = 0;
    for (std::uint32_t l : level_of_class_) levels = std::max(levels, l + 1);
    waiting_.resize(levels);
    serving_.resize(levels);
  }

  void on_arrival(std::uint32_t slot) override {
    Customer& c = engine_.customer(slot);
    ++present_;
    const std::uint32_t level = level_of_class_[c.customer_class];
    if (busy_ < servers_) {
      start_service(slot, c);
      return;
    }
    for (std::uint32_t l = static_cast<std::uint32_t>(serving_.size()); l-- > level + 1;) {
      if (!serving_[l].empty()) {
        preempt(l);
        start_service(slot, c);
        return;
      }
    }
    c.state = CustomerState::Waiting;
    waiting_[level].push_back(slot);
    schedule_patience(slot, c);
  }

  bool on_service_end(std::uint32_t slot, std::uint32_t& done) override {
    Customer& c = engine_.customer(slot);
    remove_from_service(slot, c);
    --present_;
    engine_.notice_complete(index_, c);
    fill();
    done = slot;
    return true;
  }

  void on_capacity_change(std::uint32_t servers) override {
    servers_ = servers;
    fill();
  }

 private:
  void start_service(std::uint32_t slot, Customer& c) {
    ++busy_;
    const bool first = !c.served_before;
    cancel_patience(c);
    c.state = CustomerState::InService;
    c.started = engine_.now();
    c.key = engine_.now() + c.work;  // when service ends unless preempted
    auto& list = serving_[level_of_class_[c.customer_class]];
    c.position = static_cast<std::uint32_t>(list.size());
    list.push_back(slot);
    engine_.notice_start(index_, c, first);
    c.pending = engine_.schedule(c.key, EventKind::ServiceEnd, index_, slot);
  }

  void remove_from_service(std::uint32_t slot, Customer& c) {
    auto& list = serving_[level_of_class_[c.customer_class]];
    const std::uint32_t moved = list.back();
    list[c.position] = moved;
    engine_.customer(moved).position = c.position;
    list.pop_back();
    (void)slot;
    --busy_;
  }

  void preempt(std::uint32_t level) {
    auto& list = serving_[level];
    // The most recently started customer of the level (ties: the newer customer).
    std::uint32_t victim = list.front();
    for (std::uint32_t slot : list) {
      const Customer& a = engine_.customer(slot);
      const Customer& b = engine_.customer(victim);
      if (a.started > b.started || (a.started == b.started && a.id > b.id)) victim = slot;
    }
    Customer& v = engine_.customer(victim);
    engine_.cancel(v.pending);
    v.work = v.key - engine_.now();
    remove_from_service(victim, v);
    v.state = CustomerState::Waiting;
    waiting_[level].push_front(victim);
    engine_.notice_pause(index_, v);
  }

  void fill() {
    while (busy_ < servers_ && present_ > busy_) {
      std::uint32_t level = 0;
      while (waiting_[level].empty()) ++level;
      const std::uint32_t slot = waiting_[level].pop_front();
      Customer& c = engine_.customer(slot);
      if (c.state == CustomerState::Abandoned) {
        engine_.release(slot);
        continue;
      }
      start_service(slot, c);
    }
  }

  std::vector<std::uint32_t> level_of_class_;
  std::vector<RingDeque<std::uint32_t>> waiting_;
  std::vector<std::vector<std::uint32_t>> serving_;
};

}  // namespace kendall::sim::detail
