#include "engine.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/metrics.hpp"

#include "queue_station.hpp"
#include "station.hpp"

// The per-customer functions are forced inline into the event loop: without it GCC keeps them
// out of line and the call overhead alone was ~10% of the instructions per customer.
#define KENDALL_HOT [[gnu::always_inline]] inline

namespace kendall::sim::detail {

namespace {

// Subjects of Checkpoint events.
constexpr std::uint32_t checkpoint_horizon = 0;
constexpr std::uint32_t checkpoint_warmup = 1;
constexpr std::uint32_t checkpoint_segment = 2;

constexpr std::uint64_t no_mark = std::numeric_limits<std::uint64_t>::max();

// Memory allowed for the MSER candidate snapshots of one replication.
constexpr std::size_t grid_memory_budget = std::size_t{16} << 20;

[[noreturn]] void invalid(const model::Scenario& scenario, const std::string& what) {
  throw InvalidParameter(fmt::format("scenario '{}': {}", scenario.name, what));
}

std::uint32_t integer_servers(const model::Scenario& scenario, const model::StationSpec& st,
                              double v) {
  if (!(v >= 0.0) || v != std::floor(v) || v > 1e9) {
    invalid(
        scenario,
        fmt::format(
            "station '{}': the server schedule must give whole numbers of servers >= 0 (got {})",
            st.name, v));
  }
  return static_cast<std::uint32_t>(v);
}

std::uint32_t initial_servers(const model::Scenario& scenario, const model::StationSpec& st) {
  if (st.server_schedule) return integer_servers(scenario, st, st.server_schedule->values.front());
  if (!st.servers) return infinite_servers;
  return *st.servers;
}

bool validate(const model::Scenario& sc) {
  if (sc.stations.empty()) invalid(sc, "there are no stations");
  if (sc.classes.empty()) invalid(sc, "there must be at least one customer class");
  const std::size_t n = sc.stations.size();
  const std::size_t classes = sc.classes.size();
  for (const auto& st : sc.stations) {
    const std::string where = fmt::format("station '{}'", st.name);
    if (st.servers && *st.servers < 1 && !st.server_schedule)
      invalid(sc, where + ": servers must be at least 1");
    if (st.server_schedule) {
      if (!st.servers)
        invalid(sc, where + ": a server schedule needs a finite number of servers, not inf");
      if (st.server_schedule->starts.empty() ||
          st.server_schedule->values.size() != st.server_schedule->starts.size()) {
        invalid(sc, where + ": the server schedule needs one server count per start time");
      }
      for (double v : st.server_schedule->values) (void)integer_servers(sc, st, v);
      (void)PiecewiseCursor(*st.server_schedule);  // checks starts and period
    }
    if (st.capacity && *st.capacity < 1) invalid(sc, where + ": capacity must be at least 1");
    if (st.service.size() != classes && st.service.size() != 1) {
      invalid(sc, fmt::format("{}: needs a service distribution per class ({} classes, got {})",
                              where, classes, st.service.size()));
    }
    if (st.routing.size() > 1 && st.routing.size() != classes) {
      invalid(sc, fmt::format("{}: needs one routing per class ({} classes, got {})", where,
                              classes, st.routing.size()));
    }
    for (const auto& r : st.routing) {
      for (const auto& t : r.targets) {
        if (t.station && *t.station >= n)
          invalid(sc, where + ": routes to a station index out of range");
        if (!t.station && r.policy != model::RoutingPolicy::Probabilistic) {
          invalid(
              sc,
              where +
                  ": exit is not a candidate for shortest-queue, round-robin or random routing");
        }
        if (r.policy == model::RoutingPolicy::Probabilistic &&
            !(t.probability >= 0.0 && t.probability <= 1.0)) {
          invalid(sc, where + ": routing probabilities must lie in [0, 1]");
        }
      }
    }
    if (st.discipline == model::Discipline::RoundRobin &&
        !(st.quantum > 0.0 && std::isfinite(st.quantum))) {
      invalid(sc, where + ": round-robin needs a positive quantum");
    }
    if (st.discipline == model::Discipline::ProcessorSharing && st.patience) {
      invalid(
          sc,
          where +
              ": reneging (patience) is not defined under processor sharing, where nobody waits");
    }
    if (st.backlog.size() > classes)
      invalid(sc, where + ": backlog lists more classes than the scenario has");
    if (st.balking && !(st.balking->probability >= 0.0 && st.balking->probability <= 1.0)) {
      invalid(sc, where + ": balking probability must lie in [0, 1]");
    }
    if (st.retry) {
      if (!(st.retry->failure_probability >= 0.0 && st.retry->failure_probability <= 1.0)) {
        invalid(sc, where + ": failure probability must lie in [0, 1]");
      }
      if (st.retry->max_attempts < 1) invalid(sc, where + ": max_attempts must be at least 1");
    }
  }
  for (const auto& a : sc.arrivals) {
    if (a.station >= n) invalid(sc, "an arrival stream goes to a station index out of range");
    if (a.customer_class >= classes)
      invalid(sc, "an arrival stream has a class index out of range");
    // Interarrival times of mean 0 would put infinitely many arrivals at one instant.
    if (!a.rate_profile && !(model::mean(a.interarrival) > 0.0)) {
      invalid(sc,
              fmt::format("the arrival stream into station '{}' has interarrival times of mean 0; "
                          "expected a positive mean",
                          sc.stations[a.station].name));
    }
  }
  if (sc.is_closed()) {
    if (*sc.population < 1) invalid(sc, "a closed network needs a population of at least 1");
    if (sc.population_start >= n)
      invalid(sc, "the closed population's start station is out of range");
    if (!sc.arrivals.empty()) invalid(sc, "a closed network has no external arrivals");
    for (const auto& st : sc.stations) {
      const std::string where = fmt::format("station '{}'", st.name);
      if (st.capacity || st.balking || st.patience || st.retry) {
        invalid(
            sc,
            where +
                ": capacity, balking, reneging and retries are not supported in a closed network "
                "(a lost customer would shrink the population)");
      }
      for (const auto& r : st.routing) {
        double routed = 0.0;
        for (const auto& t : r.targets) {
          if (t.station) routed += t.probability;
        }
        if (r.policy == model::RoutingPolicy::Probabilistic && routed < 1.0 - 1e-9) {
          invalid(
              sc,
              where + ": in a closed network every customer must be routed to a station (no exit)");
        }
      }
      if (st.routing.empty())
        invalid(sc, where + ": in a closed network every station needs a route onwards (no exit)");
      if (st.total_backlog() > 0) {
        invalid(
            sc,
            where + ": a closed network's customers are its population; a backlog would add more");
      }
    }
  }
  const auto& run = sc.run;
  if (run.customers && *run.customers < 1) invalid(sc, "run.customers must be at least 1");
  if (run.horizon && !(*run.horizon > 0.0 && std::isfinite(*run.horizon)))
    invalid(sc, "run.horizon must be positive");
  if (!(run.warmup.amount >= 0.0) || !std::isfinite(run.warmup.amount)) {
    invalid(sc, "the warm-up amount must be a finite number >= 0");
  }
  if (run.warmup.kind == model::WarmupSpec::Kind::Customers) {
    if (run.warmup.amount != std::floor(run.warmup.amount))
      invalid(sc, "a warm-up count must be a whole number");
    if (run.customers && run.warmup.amount >= static_cast<double>(*run.customers)) {
      invalid(sc,
              fmt::format("the warm-up ({} customers) must be shorter than the run ({} customers)",
                          run.warmup.amount, *run.customers));
    }
  }
  if (run.warmup.kind == model::WarmupSpec::Kind::Time && run.horizon &&
      run.warmup.amount >= *run.horizon) {
    invalid(sc, fmt::format("the warm-up ({} time units) must be shorter than the horizon ({})",
                            run.warmup.amount, *run.horizon));
  }
  for (double q : run.quantiles) {
    if (!(q > 0.0 && q < 1.0)) invalid(sc, fmt::format("quantile level {} is outside (0, 1)", q));
  }
  return true;
}

std::vector<StationTraits> station_traits(const model::Scenario& sc) {
  std::vector<StationTraits> out;
  for (const auto& st : sc.stations) {
    StationTraits t;
    t.infinite_servers = !st.servers.has_value();
    t.shared = st.discipline == model::Discipline::ProcessorSharing;
    t.finite_capacity = st.capacity.has_value();
    t.balking = st.balking.has_value();
    t.patience = st.patience.has_value();
    t.retry = st.retry.has_value();
    t.resumable = st.discipline == model::Discipline::PriorityPreemptive ||
                  st.discipline == model::Discipline::RoundRobin;
    out.push_back(t);
  }
  return out;
}

std::vector<double> servers_at_start(const model::Scenario& sc) {
  std::vector<double> out;
  for (const auto& st : sc.stations) {
    const std::uint32_t c = initial_servers(sc, st);
    out.push_back(c == infinite_servers ? 0.0 : static_cast<double>(c));
  }
  return out;
}

model::StationSpec normalised(const model::StationSpec& st, std::size_t classes) {
  model::StationSpec out = st;
  if (out.service.size() == 1 && classes > 1) out.service.assign(classes, st.service.front());
  if (out.routing.empty()) out.routing.assign(classes, model::RoutingSpec{});
  if (out.routing.size() == 1 && classes > 1) out.routing.assign(classes, st.routing.front());
  return out;
}

}  // namespace

Engine::Engine(const model::Scenario& scenario, std::uint32_t replication)
    : scenario_(scenario),
      validated_(validate(scenario)),
      replication_(replication),
      seed_(scenario.run.seed),
      classes_(static_cast<std::uint32_t>(scenario.classes.size())),
      closed_(scenario.is_closed()),
      start_station_(static_cast<std::uint32_t>(scenario.population_start)),
      stats_(station_traits(scenario), scenario.classes.size(), servers_at_start(scenario)) {
  build();
}

Engine::~Engine() = default;

void Engine::build() {
  const auto n = static_cast<std::uint32_t>(scenario_.stations.size());
  for (std::uint32_t s = 0; s < n; ++s) {
    const model::StationSpec spec = normalised(scenario_.stations[s], classes_);
    stations_.push_back(make_station(*this, s, spec, initial_servers(scenario_, spec)));
    for (std::uint32_t k = 0; k < classes_; ++k) {
      routers_.emplace_back(spec.routing[k], stream(StreamPurpose::Routing, s, k));
    }
    if (spec.server_schedule) {
      schedules_.emplace_back(std::in_place, *spec.server_schedule);
    } else {
      schedules_.emplace_back();
    }
    if (spec.retry) {
      retries_.emplace_back(RetryPolicy{spec.retry->failure_probability, spec.retry->max_attempts,
                                        Distribution(spec.retry->backoff),
                                        stream(StreamPurpose::Failure, s),
                                        stream(StreamPurpose::Backoff, s)});
    } else {
      retries_.emplace_back();
    }
  }
  for (std::uint32_t i = 0; i < scenario_.arrivals.size(); ++i) {
    sources_.emplace_back(scenario_.arrivals[i], stream(StreamPurpose::Arrival, i));
  }
}

void Engine::fail(const std::string& message, std::uint32_t station,
                  std::optional<std::uint32_t> slot) const {
  std::optional<std::uint64_t> id;
  if (slot) id = pool_[*slot].id;
  const std::string name = station < stations_.size() ? stations_[station]->name() : std::string();
  throw SimulationError(message, now_, name, id);
}

void Engine::emit_raw(const Notice& notice) const {
  for (Observer* o : observers_) o->notify(notice);
}

void Engine::emit(NoticeKind kind, std::uint32_t station, const Customer& c) const {
  emit_raw(Notice{now_, kind, station, c.customer_class, c.id});
}

// ---------------------------------------------------------------------------------------------
// Customer flow

KENDALL_HOT std::uint32_t Engine::create_customer(std::uint32_t customer_class) {
  const std::uint32_t slot = pool_.acquire();
  Customer& c = pool_[slot];
  c.id = next_customer_id_++;
  c.customer_class = static_cast<std::uint16_t>(customer_class);
  c.entered = now_;
  c.attempts = 0;
  c.has_pending = false;
  c.in_cycle = false;
  ++in_system_;
  return slot;
}

KENDALL_HOT void Engine::arrive(std::uint32_t s, std::uint32_t slot) {
  Customer& c = pool_[slot];
  const std::uint32_t k = c.customer_class;
  c.station = s;
  c.arrived = now_;
  c.queued = 0.0;
  c.wait_began = now_;
  c.served_before = false;
  c.state = CustomerState::Moving;
  if (closed_ && s == start_station_ && c.in_cycle) {
    // Back at the start station: one response time (MVA's R) observed.
    c.in_cycle = false;
    const double response = now_ - c.entered;
    stats_.system_exit_served(k, now_, response);
    if (mser_) mser_->add(response);
    if (observed_) emit(NoticeKind::SystemExit, s, c);
  }
  stats_.arrival(s, k);
  if (observed_) emit(NoticeKind::Arrival, s, c);
  Station& st = *stations_[s];
  switch (st.try_admit()) {
    case Station::Admission::Admitted:
      c.work = st.sample_service(k, slot);
      stats_.join(s, k, now_);
      if (observed_) emit(NoticeKind::Admitted, s, c);
      if (st.is_fifo()) {
        static_cast<QueueStation<FifoLine>&>(st).QueueStation<FifoLine>::on_arrival(slot);
      } else {
        st.on_arrival(slot);
      }
      return;
    case Station::Admission::Blocked:
      stats_.blocked(s, k);
      if (observed_) emit(NoticeKind::Blocked, s, c);
      leave_system(slot, Exit::Blocked, true);
      return;
    case Station::Admission::Balked:
      stats_.balked(s, k);
      if (observed_) emit(NoticeKind::Balked, s, c);
      leave_system(slot, Exit::Balked, true);
      return;
  }
}

KENDALL_HOT void Engine::after_service(std::uint32_t s, std::uint32_t slot) {
  Customer& c = pool_[slot];
  const std::uint32_t k = c.customer_class;
  ++c.attempts;
  if (auto& retry = retries_[s]) {
    const bool failed = retry->failure_probability >= 1.0 ||
                        (retry->failure_probability > 0.0 &&
                         retry->failure_rng.uniform01() < retry->failure_probability);
    if (failed) {
      if (c.attempts < retry->max_attempts) {
        stats_.retried(s, k);
        if (observed_) emit(NoticeKind::RetryScheduled, s, c);
        const double backoff = retry->backoff.sample(retry->backoff_rng);
        if (!(backoff >= 0.0) || !std::isfinite(backoff))
          fail("backoff sample is not a finite non-negative number", s, slot);
        c.state = CustomerState::Backoff;
        schedule(now_ + backoff, EventKind::RetryReturn, s, slot);
        return;
      }
      stats_.failed(s, k);
      if (observed_) emit(NoticeKind::Failed, s, c);
      leave_system(slot, Exit::Failed, true);
      return;
    }
  }
  if (closed_ && s == start_station_) {
    // Leaving the start station: a new cycle (and one "departure" for the run limit).
    c.in_cycle = true;
    c.entered = now_;
    stats_.system_entry(k, now_);
    count_departure();
  }
  std::uint32_t next = 0;
  if (routers_[s * classes_ + k].next([this](std::uint32_t t) { return stations_[t]->present(); },
                                      next)) {
    c.attempts = 0;
    arrive(next, slot);
  } else {
    leave_system(slot, Exit::Served, true);
  }
}

KENDALL_HOT void Engine::leave_system(std::uint32_t slot, Exit how, bool release_record) {
  Customer& c = pool_[slot];
  if (how == Exit::Served) {
    const double sojourn = now_ - c.entered;
    stats_.system_exit_served(c.customer_class, now_, sojourn);
    if (mser_) mser_->add(sojourn);
  } else {
    stats_.system_exit_lost(c.customer_class, now_);
  }
  if (observed_) emit(NoticeKind::SystemExit, c.station, c);
  if (release_record) pool_.release(slot);
  // Nobody left and nobody coming: the run has drained (its makespan is now).
  // (Sources first: in an open network the system empties often, at random, but its arrival
  // streams almost never end, so this order keeps the branch predictable.)
  --in_system_;
  if (active_sources_ == 0 && in_system_ == 0 && !closed_) stop_ = RunStatus::Drained;
  count_departure();
}

// ---------------------------------------------------------------------------------------------
// Event handlers

KENDALL_HOT void Engine::on_arrival_event(std::uint32_t source) {
  ArrivalSource& src = sources_[source];
  // The next arrival is drawn first, so an arrival stream's draws never depend on the state.
  double next = 0.0;
  if (src.next_after(now_, next)) {
    schedule(next, EventKind::Arrival, source, 0);
  } else {
    --active_sources_;
  }
  const std::uint32_t slot = create_customer(src.customer_class);
  stats_.system_entry(src.customer_class, now_);
  arrive(src.station, slot);
}

KENDALL_HOT void Engine::on_service_end_event(std::uint32_t s, std::uint32_t subject) {
  std::uint32_t done = 0;
  Station& st = *stations_[s];
  const bool completed =
      st.is_fifo()
          ? static_cast<QueueStation<FifoLine>&>(st).QueueStation<FifoLine>::on_service_end(subject,
                                                                                            done)
          : st.on_service_end(subject, done);
  if (completed) after_service(s, done);
}

void Engine::on_abandonment(std::uint32_t s, std::uint32_t slot) {
  Customer& c = pool_[slot];
  c.has_pending = false;
  stations_[s]->on_abandon(slot);
  stats_.renege(s, c.customer_class, now_, now_ - c.arrived);
  if (observed_) emit(NoticeKind::Reneged, s, c);
  // The record stays allocated: the station's line still refers to it and releases it later.
  leave_system(slot, Exit::Reneged, false);
}

void Engine::on_capacity_change(std::uint32_t s) {
  PiecewiseCursor& cursor = *schedules_[s];
  const std::uint32_t servers = static_cast<std::uint32_t>(cursor.value());
  stats_.servers_changed(s, now_, static_cast<double>(servers));
  stations_[s]->on_capacity_change(servers);
  if (observed_) emit_raw(Notice{now_, NoticeKind::CapacityChange, s, 0, servers});
  if (cursor.advance()) schedule(cursor.piece_start(), EventKind::CapacityChange, s, 0);
}

void Engine::on_checkpoint(std::uint32_t what) {
  switch (what) {
    case checkpoint_horizon:
      stop_ = RunStatus::ReachedHorizon;
      break;
    case checkpoint_warmup:
      take_cut();
      break;
    case checkpoint_segment:
      record_segment_end();
      break;
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// Marks

void Engine::take_cut() {
  cut_ = stats_.snapshot(now_);
  cut_departures_ = stats_.departures();
  cut_mark_.reset();
}

void Engine::record_segment_end() {
  segment_ends_.push_back(now_);
  std::vector<double> areas(stations_.size());
  for (std::uint32_t s = 0; s < stations_.size(); ++s) areas[s] = stats_.area_n_at(s, now_);
  segment_areas_.push_back(std::move(areas));
}

void Engine::grid_snapshot() {
  grid_.push_back({stats_.departures(), stats_.observed_exits(), stats_.snapshot(now_)});
  // Bounded memory: at most grid_capacity_ points, and fewer when snapshots are large (many
  // stations and classes, wide histograms) — never fewer than 9, i.e. a cut resolution of 1/8.
  const std::size_t bytes = grid_.back().state.bytes();
  const bool over_budget = grid_.size() > 9 && grid_.size() * bytes > grid_memory_budget;
  if (grid_.size() > grid_capacity_ || over_budget) {
    // Keep every other point (the even multiples of the spacing) and double the spacing.
    std::size_t kept = 0;
    for (std::size_t i = 0; i < grid_.size(); i += 2) {
      if (kept != i) grid_[kept] = std::move(grid_[i]);  // never self-move: it empties the state
      ++kept;
    }
    grid_.resize(kept);
    grid_spacing_ *= 2;
  }
  grid_next_ = grid_.back().departures + grid_spacing_;
}

void Engine::on_departure_mark() {
  const std::uint64_t d = stats_.departures();
  if (cut_mark_ && d >= *cut_mark_) take_cut();
  if (auto_warmup_ && d >= grid_next_ && d <= grid_limit_) grid_snapshot();
  while (next_batch_ < plan_->batch_ends.size() && d >= plan_->batch_ends[next_batch_]) {
    batch_states_.push_back(stats_.snapshot(now_));
    ++next_batch_;
  }
  while (next_segment_ < segment_marks_.size() && d >= segment_marks_[next_segment_]) {
    record_segment_end();
    ++next_segment_;
  }
  // A run that drains on its last counted departure is reported as Drained (with its makespan).
  if (plan_->customers && d >= *plan_->customers && stop_ != RunStatus::Drained)
    stop_ = RunStatus::ReachedCustomers;
  refresh_next_mark();
}

void Engine::refresh_next_mark() {
  std::uint64_t next = no_mark;
  if (cut_mark_) next = std::min(next, *cut_mark_);
  if (auto_warmup_ && grid_next_ <= grid_limit_) next = std::min(next, grid_next_);
  if (next_batch_ < plan_->batch_ends.size()) next = std::min(next, plan_->batch_ends[next_batch_]);
  if (next_segment_ < segment_marks_.size()) next = std::min(next, segment_marks_[next_segment_]);
  if (plan_->customers) next = std::min(next, *plan_->customers);
  next_departure_mark_ = next;
}

void Engine::poll(const RunControl& control) {
  poll_countdown_ = std::max<std::uint64_t>(1, control.check_every);
  if (control.stop.stop_requested()) stop_ = RunStatus::Cancelled;
  if (control.on_progress) {
    double fraction = 0.0;
    if (plan_->customers) {
      fraction = static_cast<double>(stats_.departures()) / static_cast<double>(*plan_->customers);
    } else if (plan_->horizon) {
      fraction = now_ / *plan_->horizon;
    }
    control.on_progress(Progress{0, 1, std::clamp(fraction, 0.0, 1.0)});
  }
}

// ---------------------------------------------------------------------------------------------
// The loop

std::vector<ReplicationOutput> Engine::run(const RunPlan& plan, const RunControl& control,
                                           PassSummary& summary) {
  plan_ = &plan;
  observed_ = !observers_.empty();

  if (plan.horizon) schedule(*plan.horizon, EventKind::Checkpoint, 0, checkpoint_horizon);
  switch (plan.warmup) {
    case model::WarmupSpec::Kind::None:
      take_cut();
      break;
    case model::WarmupSpec::Kind::Customers:
      if (plan.warmup_amount >= 1.0) {
        cut_mark_ = static_cast<std::uint64_t>(plan.warmup_amount);
      } else {
        take_cut();
      }
      break;
    case model::WarmupSpec::Kind::Time:
      if (plan.warmup_amount > 0.0) {
        schedule(plan.warmup_amount, EventKind::Checkpoint, 0, checkpoint_warmup);
      } else {
        take_cut();
      }
      break;
    case model::WarmupSpec::Kind::Auto:
      auto_warmup_ = true;
      mser_.emplace();
      grid_.push_back({0, 0, stats_.snapshot(0.0)});
      if (plan.customers && !plan.horizon) {
        // Known length: 64 evenly spaced candidate cuts over the first two thirds.
        grid_spacing_ = std::max<std::uint64_t>(1, (*plan.customers + 95) / 96);
        grid_limit_ = 64 * grid_spacing_;
        grid_capacity_ = 65;
      } else {
        grid_spacing_ = 16;
        grid_capacity_ = 65;
      }
      grid_next_ = grid_spacing_;
      break;
  }
  if (plan.segment_departures) {
    const std::uint64_t total = *plan.segment_departures;
    for (std::uint64_t i = 1; i < 8; ++i) {
      const std::uint64_t mark = (total * i + 4) / 8;
      if (mark > 0 && (segment_marks_.empty() || mark > segment_marks_.back()))
        segment_marks_.push_back(mark);
    }
  } else if (plan.segment_horizon) {
    for (int i = 1; i < 8; ++i) {
      schedule(*plan.segment_horizon * i / 8.0, EventKind::Checkpoint, 0, checkpoint_segment);
    }
  }
  refresh_next_mark();

  try {
    for (std::uint32_t i = 0; i < sources_.size(); ++i) {
      double first = 0.0;
      if (sources_[i].next_after(0.0, first)) {
        schedule(first, EventKind::Arrival, i, 0);
        ++active_sources_;
      }
    }
    // Time 0: the closed population, then each station's backlog, all in index order.
    if (closed_) {
      for (std::uint64_t i = 0; i < *scenario_.population && !stop_; ++i)
        arrive(start_station_, create_customer(0));
    }
    for (std::uint32_t s = 0; s < scenario_.stations.size() && !stop_; ++s) {
      const auto& backlog = scenario_.stations[s].backlog;
      for (std::uint32_t k = 0; k < backlog.size() && !stop_; ++k) {
        for (std::uint64_t i = 0; i < backlog[k] && !stop_; ++i) {
          const std::uint32_t slot = create_customer(k);
          stats_.system_entry(k, now_);
          arrive(s, slot);
        }
      }
    }
    if (!closed_ && in_system_ == 0 && active_sources_ == 0 && !stop_) stop_ = RunStatus::Drained;
    for (std::uint32_t s = 0; s < schedules_.size(); ++s) {
      if (schedules_[s] && schedules_[s]->advance()) {
        schedule(schedules_[s]->piece_start(), EventKind::CapacityChange, s, 0);
      }
    }

    poll_countdown_ = std::max<std::uint64_t>(1, control.check_every);
    if (control.stop.stop_requested()) stop_ = RunStatus::Cancelled;
    while (!stop_) {
      if (!queue_.pop(current_)) {
        if (in_system_ > 0) {
          for (std::uint32_t s = 0; s < stations_.size(); ++s) {
            if (stations_[s]->present() > 0) {
              fail(fmt::format(
                       "no event can ever happen again but {} customers remain in the system "
                       "(does a server schedule end with 0 servers?)",
                       in_system_),
                   s, std::nullopt);
            }
          }
          fail(fmt::format("no event can ever happen again but {} customers remain in the system",
                           in_system_),
               0, std::nullopt);
        }
        stop_ = RunStatus::Drained;
        break;
      }
      now_ = current_.time;
      ++events_;
      switch (current_.kind()) {
        case EventKind::ServiceEnd:
          on_service_end_event(current_.target, current_.subject);
          break;
        case EventKind::Arrival:
          on_arrival_event(current_.target);
          break;
        case EventKind::Abandonment:
          on_abandonment(current_.target, current_.subject);
          break;
        case EventKind::RetryReturn:
          arrive(current_.target, current_.subject);
          break;
        case EventKind::CapacityChange:
          on_capacity_change(current_.target);
          break;
        case EventKind::Checkpoint:
          on_checkpoint(current_.subject);
          break;
      }
      if (--poll_countdown_ == 0) poll(control);
    }
  } catch (const SimulationError&) {
    throw;
  } catch (const std::exception& e) {
    // Rethrow with the simulation context, as simmer's _step does.
    std::uint32_t station = 0;
    std::optional<std::uint32_t> slot;
    switch (current_.kind()) {
      case EventKind::Arrival:
        station = current_.target < sources_.size() ? sources_[current_.target].station : 0;
        break;
      case EventKind::ServiceEnd:
      case EventKind::Abandonment:
      case EventKind::RetryReturn:
        station = current_.target;
        if (current_.subject < pool_.capacity()) slot = current_.subject;
        break;
      default:
        station = current_.target;
        break;
    }
    fail(e.what(), station, slot);
  }
  return build_outputs(summary);
}

// ---------------------------------------------------------------------------------------------
// Outputs

void Engine::fill_output(ReplicationOutput& out, const StatsState& from,
                         const StatsState& to) const {
  StatsState d = to;
  d.subtract(from);
  const double duration = to.time - from.time;
  out.start_time = from.time;
  out.end_time = to.time;
  const std::vector<double> levels = model::with_default_quantiles(plan_->quantiles);
  const OutputOptions options{levels};  // a span: `levels` must outlive it
  out.stations.resize(stations_.size());
  for (std::size_t s = 0; s < stations_.size(); ++s) {
    StationObservation& obs = out.stations[s];
    fill_station_metrics(obs.metrics, d.stations[s], duration, d.stations[s].area_c,
                         stats_.traits(s), options);
    if (classes_ > 1) {
      obs.classes.resize(classes_);
      for (std::size_t k = 0; k < classes_; ++k) {
        fill_station_metrics(obs.classes[k], d.classes[s * classes_ + k], duration,
                             d.stations[s].area_c, stats_.traits(s), options);
      }
    }
  }
  fill_network_metrics(out.network, d.network, duration, options);
  if (classes_ > 1) {
    out.network_classes.resize(classes_);
    for (std::size_t k = 0; k < classes_; ++k) {
      fill_network_metrics(out.network_classes[k], d.network_classes[k], duration, options);
    }
  }
}

std::vector<ReplicationOutput> Engine::build_outputs(PassSummary& summary) {
  const StatsState end = stats_.snapshot(now_);
  const RunStatus status = stop_.value_or(RunStatus::Cancelled);

  if (auto_warmup_) {
    // MSER-5 on the sojourn times of departures, rounded up to the next candidate snapshot.
    const std::uint64_t truncation = mser_->truncation();
    const GridPoint* chosen = &grid_.front();
    if (truncation > 0) {
      chosen = &grid_.back();
      for (const GridPoint& g : grid_) {
        if (g.observed_exits >= truncation) {
          chosen = &g;
          break;
        }
      }
    }
    cut_ = chosen->state;
    cut_departures_ = chosen->departures;
  }
  if (!cut_) {
    // A fixed warm-up longer than the run: nothing was observed.
    cut_ = end;
    cut_departures_ = end.departures;
  }

  std::vector<const StatsState*> bounds{&*cut_};
  for (const StatsState& b : batch_states_) {
    if (b.departures > cut_->departures && b.time >= cut_->time) bounds.push_back(&b);
  }
  bounds.push_back(&end);

  // L by segment over the whole replication (warm-up included).
  std::vector<double> ends = segment_ends_;
  std::vector<std::vector<double>> areas = segment_areas_;
  if (ends.empty() || now_ > ends.back()) {
    ends.push_back(now_);
    std::vector<double> a(stations_.size());
    for (std::uint32_t s = 0; s < stations_.size(); ++s) a[s] = stats_.area_n_at(s, now_);
    areas.push_back(std::move(a));
  }

  std::vector<ReplicationOutput> outputs;
  for (std::size_t b = 0; b + 1 < bounds.size(); ++b) {
    ReplicationOutput out;
    out.replication = replication_;
    out.batch = static_cast<std::uint32_t>(b);
    out.status = status;
    out.warmup_time = cut_->time;
    out.warmup_customers = cut_departures_;
    out.events = events_;
    fill_output(out, *bounds[b], *bounds[b + 1]);
    for (std::uint32_t s = 0; s < stations_.size(); ++s) {
      StationObservation& obs = out.stations[s];
      double t0 = 0.0;
      double a0 = 0.0;
      for (std::size_t i = 0; i < ends.size(); ++i) {
        const double dt = ends[i] - t0;
        if (dt > 0.0) {
          obs.L_by_segment.push_back((areas[i][s] - a0) / dt);
          obs.segment_ends.push_back(ends[i]);
        }
        t0 = ends[i];
        a0 = areas[i][s];
      }
      obs.number_at_end = static_cast<double>(stations_[s]->present());
    }
    if (status == RunStatus::Drained) out.network.set(model::metric::makespan, now_);
    outputs.push_back(std::move(out));
  }

  summary.status = status;
  summary.cut_departures = cut_departures_;
  summary.cut_time = cut_->time;
  summary.end_departures = end.departures;
  return outputs;
}

}  // namespace kendall::sim::detail
