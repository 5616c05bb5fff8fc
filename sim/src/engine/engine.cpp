// The customer flow and the event loop of one pass: admission, service hooks, retries, routing
// and exits, and the loop that pops events and dispatches them. Everything here is on the
// per-event path; construction is in engine_setup.cpp, marks in engine_marks.cpp, outputs in
// engine_outputs.cpp.

#include "engine.hpp"

#include <cmath>
#include <exception>

#include <fmt/format.h>

#include "kendall/error.hpp"

#include "queue_station.hpp"
#include "station.hpp"

// The per-customer functions are forced inline into the event loop: without it GCC keeps them
// out of line and the call overhead alone was ~10% of the instructions per customer.
#define KENDALL_HOT [[gnu::always_inline]] inline

namespace kendall::sim::detail {

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

// ---------------------------------------------------------------------------------------------
// The loop

std::vector<ReplicationOutput> Engine::run(const RunPlan& plan, const RunControl& control,
                                           PassSummary& summary) {
  plan_ = &plan;
  observed_ = !observers_.empty();

  plan_marks(plan);

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
          on_checkpoint(static_cast<Checkpoint>(current_.subject));
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

}  // namespace kendall::sim::detail
