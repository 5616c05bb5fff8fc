#pragma once
// The single-threaded event loop of one replication (one pass of it). In parts, by job:
// engine_preconditions.cpp (what the engine needs of a scenario), engine_setup.cpp (building
// stations, routers, sources), engine.cpp (customer flow and the event loop), engine_marks.cpp
// (run limits, warm-up, batch and segment marks), engine_outputs.cpp (the outputs of a pass).
//
// Hot path design: one EventQueue of 24-byte entries; customers in a
// pool with a free list; stations are called through one virtual hook per event, and call back
// into inline engine functions; statistics are a concrete observer updated inline in O(1);
// other observers are only called when there are any. No allocation per event or customer in
// the steady state.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/engine/distribution.hpp"
#include "kendall/sim/engine/event_queue.hpp"
#include "kendall/sim/engine/mser.hpp"
#include "kendall/sim/engine/observer.hpp"
#include "kendall/sim/replication_output.hpp"
#include "kendall/sim/run_control.hpp"

#include "arrival_source.hpp"
#include "customer.hpp"
#include "router.hpp"
#include "statistics.hpp"

namespace kendall::sim::detail {

class Station;

// What one pass must do: the run limits, the warm-up, and (batch means) where batches end.
struct RunPlan {
  std::optional<std::uint64_t> customers;  // stop after this many departures from the system
  std::optional<double> horizon;           // stop at this time
  model::WarmupSpec::Kind warmup = model::WarmupSpec::Kind::None;
  double warmup_amount = 0.0;
  // Departure counts at which batches 0 … b−2 end (batch means with known boundaries).
  std::vector<std::uint64_t> batch_ends;
  // Segments for L_by_segment: by departures (total expected) or by time (horizon).
  std::optional<std::uint64_t> segment_departures;
  std::optional<double> segment_horizon;
  std::vector<double> quantiles;
};

// What a pass produced, besides its outputs.
struct PassSummary {
  RunStatus status = RunStatus::ReachedCustomers;
  std::uint64_t cut_departures = 0;  // departures before the warm-up cut
  double cut_time = 0.0;
  std::uint64_t end_departures = 0;
};

// What a Checkpoint event marks (its subject).
enum class Checkpoint : std::uint32_t {
  Horizon,  // the run's horizon: stop
  Warmup,   // a fixed warm-up time: take the cut
  Segment,  // the end of an L_by_segment segment of a horizon run
};

// Retry behaviour of one station (failed service with backoff).
struct RetryPolicy {
  double failure_probability = 0.0;
  std::uint32_t max_attempts = 1;
  Distribution backoff;
  RandomStream failure_rng;
  RandomStream backoff_rng;
};

class Engine {
 public:
  Engine(const model::Scenario& scenario, std::uint32_t replication);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  void add_observer(Observer* observer) { observers_.push_back(observer); }

  // Runs the pass; returns one output per batch (one when plan.batch_ends is empty).
  std::vector<ReplicationOutput> run(const RunPlan& plan, const RunControl& control,
                                     PassSummary& summary);

  // ---- services for stations (inline: they are on the per-event path) ----
  [[nodiscard]] double now() const noexcept { return now_; }
  Customer& customer(std::uint32_t slot) noexcept { return pool_[slot]; }
  [[gnu::always_inline]] EventHandle schedule(double time, EventKind kind, std::uint32_t target,
                                              std::uint32_t subject) {
    return queue_.schedule(time, kind, target, subject);
  }
  void cancel(EventHandle handle) { queue_.cancel(handle); }
  // A line dropped an abandoned customer: its record can be reused now.
  void release(std::uint32_t slot) { pool_.release(slot); }

  [[gnu::always_inline]] void notice_start(std::uint32_t s, Customer& c, bool first) {
    stats_.start(s, c.customer_class, now_, now_ - c.arrived, first);
    c.queued += now_ - c.wait_began;
    c.served_before = true;
    if (observed_) emit(first ? NoticeKind::ServiceStart : NoticeKind::ServiceResume, s, c);
  }
  [[gnu::always_inline]] void notice_pause(std::uint32_t s, Customer& c) {
    stats_.pause(s, c.customer_class, now_);
    c.wait_began = now_;
    if (observed_) emit(NoticeKind::ServicePause, s, c);
  }
  [[gnu::always_inline]] void notice_complete(std::uint32_t s, Customer& c) {
    stats_.complete(s, c.customer_class, now_, now_ - c.arrived, c.queued);
    if (observed_) emit(NoticeKind::ServiceComplete, s, c);
  }

  [[nodiscard]] RandomStream stream(StreamPurpose purpose, std::uint32_t index,
                                    std::uint32_t customer_class = 0) const {
    return RandomStream::for_purpose(seed_, replication_,
                                     stream_id(purpose, index, customer_class));
  }
  [[noreturn]] void fail(const std::string& message, std::uint32_t station,
                         std::optional<std::uint32_t> slot) const;

  [[nodiscard]] const model::Scenario& scenario() const noexcept { return scenario_; }
  [[nodiscard]] std::uint32_t classes() const noexcept { return classes_; }

 private:
  void build();

  // Event handlers.
  void on_arrival_event(std::uint32_t source);
  void on_service_end_event(std::uint32_t station, std::uint32_t subject);
  void on_abandonment(std::uint32_t station, std::uint32_t slot);
  void on_capacity_change(std::uint32_t station);
  void on_checkpoint(Checkpoint what);

  // Customer flow.
  std::uint32_t create_customer(std::uint32_t customer_class);
  void arrive(std::uint32_t station, std::uint32_t slot);
  void after_service(std::uint32_t station, std::uint32_t slot);
  enum class Exit : std::uint8_t { Served, Blocked, Balked, Reneged, Failed };
  void leave_system(std::uint32_t slot, Exit how, bool release_record);
  [[gnu::always_inline]] void count_departure() {
    if (stats_.departure() >= next_departure_mark_) on_departure_mark();
  }

  // Marks: points where something is recorded or the run stops.
  void plan_marks(const RunPlan& plan);
  void schedule_checkpoint(double time, Checkpoint what) {
    schedule(time, EventKind::Checkpoint, 0, static_cast<std::uint32_t>(what));
  }
  void on_departure_mark();
  void refresh_next_mark();
  void take_cut();
  void record_segment_end();
  void grid_snapshot();
  void poll(const RunControl& control);

  void emit(NoticeKind kind, std::uint32_t station, const Customer& c) const;
  void emit_raw(const Notice& notice) const;

  std::vector<ReplicationOutput> build_outputs(PassSummary& summary);
  void fill_output(ReplicationOutput& out, const StatsState& from, const StatsState& to) const;

  const model::Scenario& scenario_;
  bool validated_;  // first member after the scenario: validation runs before anything is built
  std::uint32_t replication_;
  std::uint64_t seed_;
  std::uint32_t classes_;
  bool closed_;
  std::uint32_t start_station_;

  EventQueue queue_;
  CustomerPool pool_;
  std::vector<std::unique_ptr<Station>> stations_;
  std::vector<Router> routers_;  // [station * classes + class]
  std::vector<ArrivalSource> sources_;
  std::vector<std::optional<PiecewiseCursor>> schedules_;
  std::vector<std::optional<RetryPolicy>> retries_;
  Statistics stats_;
  std::vector<Observer*> observers_;
  bool observed_ = false;

  // Loop state.
  double now_ = 0.0;
  std::uint64_t events_ = 0;
  std::uint64_t next_customer_id_ = 0;
  std::uint64_t in_system_ = 0;       // customers in the system (zombie records in lines excluded)
  std::uint32_t active_sources_ = 0;  // arrival streams with a next arrival scheduled
  std::optional<RunStatus> stop_;
  Event current_{};

  // Plan state.
  const RunPlan* plan_ = nullptr;
  std::uint64_t next_departure_mark_ = ~std::uint64_t{0};
  std::optional<StatsState> cut_;
  std::optional<std::uint64_t> cut_mark_;  // departures at which to cut (fixed-count warm-up)
  std::uint64_t cut_departures_ = 0;
  bool auto_warmup_ = false;
  std::optional<MserAccumulator> mser_;
  struct GridPoint {
    std::uint64_t departures;
    std::uint64_t observed_exits;
    StatsState state;
  };
  std::vector<GridPoint> grid_;
  std::uint64_t grid_spacing_ = 0;
  std::uint64_t grid_next_ = 0;
  std::size_t grid_capacity_ = 64;
  std::uint64_t grid_limit_ = ~std::uint64_t{0};
  std::vector<StatsState> batch_states_;
  std::size_t next_batch_ = 0;
  std::vector<std::uint64_t> segment_marks_;
  std::size_t next_segment_ = 0;
  std::vector<double> segment_ends_;
  std::vector<std::vector<double>> segment_areas_;  // [segment][station]
  std::uint64_t poll_countdown_ = 0;
};

}  // namespace kendall::sim::detail
