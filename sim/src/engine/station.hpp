#pragma once
// A station: a queue in front of c servers (or infinitely many), with the hook methods of
// STYLE.md guideline 6 (compare OMNeT++ queueinglib's Queue: arrival, startService,
// endService):
//
//   try_admit(c)          capacity K (loss), then balking — shared by every discipline
//   on_arrival(slot)      an admitted customer joins: starts service or waits
//   on_service_end(s)     a ServiceEnd event: complete_service, then start the next customer
//   on_abandon(slot)      patience ran out while waiting
//   on_capacity_change(c) a server schedule changed the number of servers
//
// Each discipline is a subclass (queue_stations.hpp): the non-preemptive ones share one
// template over a small "line" strategy (FIFO, LIFO, random, priority, SJF); preemptive
// priority, processor sharing and round-robin have their own mechanics. Stations only announce
// what happens (engine notices); they hold no statistics.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/engine/distribution.hpp"

#include "engine.hpp"
#include "sample_stream.hpp"

namespace kendall::sim::detail {

inline constexpr std::uint32_t infinite_servers = std::numeric_limits<std::uint32_t>::max();

class Station {
 public:
  enum class Admission : std::uint8_t { Admitted, Blocked, Balked };

  Station(Engine& engine, std::uint32_t index, const model::StationSpec& spec,
          std::uint32_t initial_servers)
      : engine_(engine),
        index_(index),
        name_(spec.name),
        servers_(initial_servers),
        capacity_(spec.capacity),
        balking_(spec.balking),
        balking_rng_(engine.stream(StreamPurpose::Balking, index)),
        patience_rng_(engine.stream(StreamPurpose::Patience, index)) {
    if (spec.patience) patience_.emplace(*spec.patience);
    for (std::uint32_t k = 0; k < spec.service.size(); ++k) {
      service_.emplace_back(Distribution(spec.service[k]),
                            engine.stream(StreamPurpose::Service, index, k));
    }
  }
  virtual ~Station() = default;
  Station(const Station&) = delete;
  Station& operator=(const Station&) = delete;

  // Capacity first (a full station loses the customer), then balking: a customer who finds
  // `threshold` or more waiting does not join, with the given probability.
  [[gnu::always_inline]] Admission try_admit() {
    if (capacity_ && present_ >= *capacity_) return Admission::Blocked;
    if (balking_ && waiting() >= balking_->threshold) {
      if (balking_->probability >= 1.0 || balking_rng_.uniform01() < balking_->probability) {
        return Admission::Balked;
      }
    }
    return Admission::Admitted;
  }

  // The service requirement of a customer of class k, drawn when it is admitted (so SJF, PS
  // and round-robin know it; other disciplines simply use it when service starts).
  [[gnu::always_inline]] double sample_service(std::uint32_t k, std::uint32_t slot) {
    const double x = service_[k].next();
    if (!(x >= 0.0 && x <= std::numeric_limits<double>::max())) [[unlikely]] {
      engine_.fail("service time sample is not a finite non-negative number", index_, slot);
    }
    return x;
  }

  virtual void on_arrival(std::uint32_t slot) = 0;
  // Handles a ServiceEnd event. Returns true and sets `done` to the customer whose service at
  // this station is complete, if the event completed one (a round-robin quantum end does not).
  // (An out-parameter rather than std::optional: returning the optional through memory caused
  // a store-forwarding stall on the hottest path.)
  virtual bool on_service_end(std::uint32_t subject, std::uint32_t& done) = 0;
  virtual void on_abandon(std::uint32_t slot) {
    engine_.customer(slot).state = CustomerState::Abandoned;  // the line drops it later
    --present_;
  }
  virtual void on_capacity_change(std::uint32_t servers) = 0;

  // Customers waiting (not in service) — what balking looks at.
  [[nodiscard]] virtual std::uint64_t waiting() const noexcept { return present_ - busy_; }
  [[nodiscard]] std::uint32_t present() const noexcept { return present_; }
  [[nodiscard]] std::uint32_t busy() const noexcept { return busy_; }
  [[nodiscard]] std::uint32_t servers() const noexcept { return servers_; }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  // True for QueueStation<FifoLine>, which the engine calls without virtual dispatch (the
  // common case; the hooks are the same functions).
  [[nodiscard]] bool is_fifo() const noexcept { return fifo_; }
  [[nodiscard]] std::uint32_t index() const noexcept { return index_; }

 protected:
  // Schedules the abandonment of a customer who has to wait (patience drawn now).
  // The tests are inline and the rest out of line: a call on the per-customer path, even to
  // an empty function, makes the caller save and reload its live floating-point values.
  [[gnu::always_inline]] void schedule_patience(std::uint32_t slot, Customer& c) {
    if (patience_) draw_patience(slot, c);
  }
  [[gnu::always_inline]] void cancel_patience(Customer& c) {
    if (c.has_pending) cancel_pending(c);
  }

  [[gnu::noinline]] void draw_patience(std::uint32_t slot, Customer& c) {
    const double patience = patience_->sample(patience_rng_);
    if (!(patience >= 0.0)) engine_.fail("patience sample is negative or NaN", index_, slot);
    c.pending = engine_.schedule(engine_.now() + patience, EventKind::Abandonment, index_, slot);
    c.has_pending = true;
  }
  [[gnu::noinline]] void cancel_pending(Customer& c) {
    engine_.cancel(c.pending);
    c.has_pending = false;
  }

  Engine& engine_;
  bool fifo_ = false;
  std::uint32_t index_;
  std::string name_;
  std::uint32_t servers_;  // servers available now (infinite_servers when infinite)
  std::uint32_t present_ = 0;
  std::uint32_t busy_ = 0;
  std::optional<std::uint64_t> capacity_;
  std::optional<model::BalkingSpec> balking_;
  RandomStream balking_rng_;
  std::optional<Distribution> patience_;
  RandomStream patience_rng_;
  std::vector<SampleStream> service_;  // per class
};

// Builds the station for spec.discipline through the discipline table (station_factory.cpp).
std::unique_ptr<Station> make_station(Engine& engine, std::uint32_t index,
                                      const model::StationSpec& spec,
                                      std::uint32_t initial_servers);

}  // namespace kendall::sim::detail
