// Long on purpose: the real-time testbed's customer flow (arrive, hand to the executor, serve,
// route, leave), its calibration probes and its snapshots share the Testbed state.

#include "testbed.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <thread>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/metrics.hpp"
#include "kendall/sim/engine/random_stream.hpp"

#include "hold.hpp"

namespace kendall::sim::executor::detail {

namespace {

using sim::detail::StationTraits;

constexpr double micros(Clock::duration d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

RandomStream stream(const model::Scenario& sc, StreamPurpose purpose, std::uint32_t index,
                    std::uint32_t customer_class = 0) {
  // Replication 0: a batch-means DES run uses the same streams.
  return RandomStream::for_purpose(sc.run.seed, 0, stream_id(purpose, index, customer_class));
}

std::vector<StationTraits> station_traits(const model::Scenario& sc) {
  std::vector<StationTraits> out;
  for (const auto& st : sc.stations) {
    StationTraits t;
    t.finite_capacity = st.capacity.has_value();
    t.retry = st.retry.has_value();
    out.push_back(t);
  }
  return out;
}

std::vector<double> servers_at_start(const model::Scenario& sc) {
  std::vector<double> out;
  for (const auto& st : sc.stations) out.push_back(static_cast<double>(st.servers.value_or(1)));
  return out;
}

const model::DistributionSpec& service_spec(const model::StationSpec& st, std::size_t k) {
  return st.service.size() == 1 ? st.service.front() : st.service.at(k);
}

model::RoutingSpec routing_spec(const model::StationSpec& st, std::size_t k) {
  if (st.routing.empty()) return {};
  return st.routing.size() == 1 ? st.routing.front() : st.routing.at(k);
}

}  // namespace

OverheadSummary summarize(std::vector<double> values) {
  OverheadSummary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  auto at = [&](double q) {
    const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size()))) - 1;
    return values[std::min(i, values.size() - 1)];
  };
  s.p50_us = at(0.50);
  s.p99_us = at(0.99);
  s.max_us = values.back();
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean_us = sum / static_cast<double>(values.size());
  s.samples = values.size();
  return s;
}

SnapshotPlan plan_snapshots(double cut, double horizon, std::uint32_t batches) {
  std::vector<double> wanted{cut, horizon};
  for (std::uint32_t b = 1; b <= batches; ++b)
    wanted.push_back(cut + (horizon - cut) * b / batches);
  for (int i = 1; i <= 8; ++i) wanted.push_back(horizon * i / 8.0);
  if (cut <= 0.0) wanted.push_back(0.0);
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  SnapshotPlan plan;
  plan.times = wanted;
  auto index_of = [&](double t) {
    return static_cast<std::size_t>(std::lower_bound(plan.times.begin(), plan.times.end(), t) -
                                    plan.times.begin());
  };
  plan.cut = index_of(cut);
  for (std::uint32_t b = 1; b <= batches; ++b)
    plan.batch_ends.push_back(index_of(cut + (horizon - cut) * b / batches));
  for (int i = 1; i <= 8; ++i) plan.segment_ends.push_back(index_of(horizon * i / 8.0));
  return plan;
}

Testbed::Testbed(const model::Scenario& scenario, const RealTimePlan& plan, double warmup_cut,
                 std::size_t record_submissions)
    : scenario_(scenario),
      plan_(plan),
      snapshots_plan_(plan_snapshots(warmup_cut, plan.horizon, 20)),
      classes_(static_cast<std::uint32_t>(scenario.classes.size())),
      stats_(station_traits(scenario), scenario.classes.size(), servers_at_start(scenario)),
      traits_(station_traits(scenario)),
      record_submissions_(record_submissions) {
  const auto n = static_cast<std::uint32_t>(scenario.stations.size());
  for (std::uint32_t s = 0; s < n; ++s) {
    const auto& st = scenario.stations[s];
    servers_.push_back(st.servers.value_or(1));
    capacity_.push_back(st.capacity);
    // Priority levels: the classes' distinct priorities, smallest (served first) = level 0.
    std::vector<int> priorities;
    if (st.discipline == model::Discipline::Priority) {
      for (const auto& c : scenario.classes) priorities.push_back(c.priority);
      std::sort(priorities.begin(), priorities.end());
      priorities.erase(std::unique(priorities.begin(), priorities.end()), priorities.end());
    }
    levels_.push_back(std::max<std::uint32_t>(1, static_cast<std::uint32_t>(priorities.size())));
    for (std::uint32_t k = 0; k < classes_; ++k) {
      std::uint32_t level = 0;
      if (!priorities.empty()) {
        level = static_cast<std::uint32_t>(
            std::lower_bound(priorities.begin(), priorities.end(), scenario.classes[k].priority) -
            priorities.begin());
      }
      class_level_.push_back(level);
      service_.emplace_back(Distribution(service_spec(st, k)),
                            stream(scenario, StreamPurpose::Service, s, k));
      routers_.emplace_back(routing_spec(st, k), stream(scenario, StreamPurpose::Routing, s, k));
    }
    if (st.retry) {
      retries_.emplace_back(Retry{st.retry->failure_probability, st.retry->max_attempts,
                                  Distribution(st.retry->backoff),
                                  stream(scenario, StreamPurpose::Failure, s),
                                  stream(scenario, StreamPurpose::Backoff, s)});
    } else {
      retries_.emplace_back();
    }
  }
  for (std::uint32_t i = 0; i < scenario.arrivals.size(); ++i)
    sources_.emplace_back(scenario.arrivals[i], stream(scenario, StreamPurpose::Arrival, i));
  snapshots_.resize(snapshots_plan_.times.size());
  present_.assign(n, 0.0);
  busy_.assign(n, 0);
  dispatch_us_.resize(n);
  overshoot_us_.resize(n);
  idle_dispatch_us_.resize(n);
  idle_overshoot_us_.resize(n);
}

Testbed::~Testbed() = default;

std::vector<StationShape> Testbed::shapes() const {
  std::vector<StationShape> out;
  for (std::size_t s = 0; s < servers_.size(); ++s)
    out.push_back({servers_[s], capacity_[s].value_or(0), levels_[s]});
  return out;
}

double Testbed::model_now() {
  const double t =
      std::chrono::duration<double>(Clock::now() - t0_).count() / plan_.seconds_per_unit;
  last_t_ = std::max(last_t_, t);
  return last_t_;
}

Clock::time_point Testbed::wall_at(double model_time) const {
  return t0_ + std::chrono::duration_cast<Clock::duration>(
                   std::chrono::duration<double>(model_time * plan_.seconds_per_unit));
}

void Testbed::schedule(Timed timed) {
  bool earliest = false;
  {
    std::lock_guard lock(timeline_mutex_);
    timed.sequence = timeline_sequence_++;
    earliest = timeline_.empty() || timed.due < timeline_.top().due;
    timeline_.push(timed);
  }
  if (earliest) timeline_cv_.notify_one();
}

// ---------------------------------------------------------------------------------------------
// Customer flow (the DES's rules, engine.cpp arrive / after_service / leave_system)

bool Testbed::arrive(std::uint32_t s, Job& job, double t) {
  const std::uint32_t k = job.customer_class;
  job.station = s;
  job.arrived = t;
  job.queued = 0.0;
  stats_.arrival(s, k);
  if (capacity_[s] && present_[s] >= static_cast<double>(*capacity_[s])) {
    stats_.blocked(s, k);
    leave(job, false, t);
    return false;
  }
  // (Samples are finite and >= 0 for every family the scenario format allows.)
  job.service = service_[s * classes_ + k].next();
  stats_.join(s, k, t);
  job.found_free = present_[s] < static_cast<double>(servers_[s]);
  present_[s] += 1.0;
  job.level = class_level_[s * classes_ + k];
  return true;
}

void Testbed::leave(Job& job, bool served, double t) {
  if (served) {
    stats_.system_exit_served(job.customer_class, t, t - job.entered);
  } else {
    stats_.system_exit_lost(job.customer_class, t);
  }
  (void)stats_.departure();
  --in_system_;
}

void Testbed::hand_to_executor(Job& job) {
  job.enqueued = Clock::now();
  executor_->submit(job);
}

Clock::time_point Testbed::begin_service(Job& job, Clock::time_point free_since) {
  const Clock::time_point start = Clock::now();
  const double dispatch = micros(start - std::max(job.enqueued, free_since));
  if (job.probe) {
    std::lock_guard lock(mutex_);
    if (job.calibration) idle_dispatch_us_[job.station].push_back(dispatch);
    job.deadline = start + job.probe_hold;
    return job.deadline;
  }
  std::lock_guard lock(mutex_);
  const std::uint32_t s = job.station;
  const double t = model_now();
  dispatch_us_[s].push_back(dispatch);
  ++busy_[s];
  job.queued = t - job.arrived;
  // p_wait counts customers who found every worker busy; the dispatch latency of one who did
  // not is executor overhead, in Wq but not a "wait" in the queueing sense.
  stats_.start(s, job.customer_class, t, job.found_free ? 0.0 : job.queued, true);
  job.deadline = start + std::chrono::duration_cast<Clock::duration>(
                             std::chrono::duration<double>(job.service * plan_.seconds_per_unit));
  return job.deadline;
}

void Testbed::end_service(Job& job) {
  const Clock::time_point end = Clock::now();
  const double overshoot = micros(end - job.deadline);
  if (job.probe) {
    {
      std::lock_guard lock(mutex_);
      if (job.calibration) idle_overshoot_us_[job.station].push_back(overshoot);
      ++probes_done_;
    }
    probes_cv_.notify_all();
    return;
  }
  if (stopping_.load()) return;  // the run is over: nothing more is recorded or sent on
  bool hand = false;
  {
    std::lock_guard lock(mutex_);
    const std::uint32_t s = job.station;
    const std::uint32_t k = job.customer_class;
    const double t = model_now();
    overshoot_us_[s].push_back(overshoot);
    stats_.complete(s, k, t, t - job.arrived, job.queued);
    present_[s] -= 1.0;
    --busy_[s];
    ++job.attempts;
    if (auto& retry = retries_[s]) {
      const bool failed = retry->failure_probability >= 1.0 ||
                          (retry->failure_probability > 0.0 &&
                           retry->failure_rng.uniform01() < retry->failure_probability);
      if (failed) {
        if (job.attempts < retry->max_attempts) {
          stats_.retried(s, k);
          const double backoff = retry->backoff.sample(retry->backoff_rng);
          schedule(Timed{end + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double>(backoff * plan_.seconds_per_unit)),
                         0, TimedKind::Retry, s, 0.0, &job});
          return;
        }
        stats_.failed(s, k);
        leave(job, false, t);
        return;
      }
    }
    std::uint32_t next = 0;
    if (routers_[s * classes_ + k].next([this](std::uint32_t x) { return present_[x]; }, next)) {
      job.attempts = 0;
      hand = arrive(next, job, t);
    } else {
      leave(job, true, t);
    }
  }
  if (hand) hand_to_executor(job);
}

// ---------------------------------------------------------------------------------------------
// Warming and calibration

void Testbed::run_probes(std::uint32_t per_station, bool concurrent, bool keep,
                         Clock::duration hold, const RunControl& control) {
  // A stop request wakes the wait below at once.
  std::stop_callback on_stop(control.stop, [this] {
    { std::lock_guard lock(mutex_); }
    probes_cv_.notify_all();
  });
  for (std::uint32_t s = 0; s < servers_.size(); ++s) {
    // Concurrent: `per_station` probes per worker at once; else `per_station` one at a time.
    const std::uint32_t rounds = concurrent ? 1 : per_station;
    const std::uint32_t batch = concurrent ? per_station * servers_[s] : 1;
    for (std::uint32_t r = 0; r < rounds; ++r) {
      if (control.stop.stop_requested()) return;
      std::vector<Job*> sent;
      std::uint64_t target = 0;
      {
        std::lock_guard lock(mutex_);
        for (std::uint32_t i = 0; i < batch; ++i) {
          Job& p = probes_.emplace_back();
          p.station = s;
          p.probe = true;
          p.calibration = keep;
          p.probe_hold = hold;
          sent.push_back(&p);
        }
        target = probes_done_ + batch;
      }
      for (Job* p : sent) hand_to_executor(*p);
      std::unique_lock lock(mutex_);
      const auto limit = Clock::now() + std::chrono::seconds(5) + hold * batch;
      while (probes_done_ < target) {
        if (control.stop.stop_requested()) return;
        if (probes_cv_.wait_until(lock, std::min(limit, Clock::now() + stop_slice)) ==
                std::cv_status::timeout &&
            Clock::now() >= limit) {
          throw Error(fmt::format(
              "executor testbed: station '{}' did not serve its warm-up probes within 5 s "
              "(the pool did not start its {} workers?)",
              scenario_.stations[s].name, servers_[s]));
        }
      }
      if (!concurrent) {
        // Let the worker go back to waiting, so the next probe meets an idle pool.
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::microseconds(500));
      }
    }
  }
}

void Testbed::warm_pool(const RunControl& control) {
  // Each station gets 2c probes at once, twice: every worker takes at least one.
  for (int round = 0; round < 2 && !control.stop.stop_requested(); ++round)
    run_probes(2, true, false, std::chrono::microseconds(300), control);
}

std::vector<StationOverhead> Testbed::calibrate(std::uint32_t probes, const RunControl& control) {
  run_probes(probes, false, true, std::chrono::milliseconds(1), control);
  std::lock_guard lock(mutex_);
  std::vector<StationOverhead> out;
  for (std::size_t s = 0; s < servers_.size(); ++s)
    out.push_back({summarize(idle_dispatch_us_[s]), summarize(idle_overshoot_us_[s])});
  return out;
}

// ---------------------------------------------------------------------------------------------
// The measured run

void Testbed::on_arrival(const Timed& timed) {
  Job* job = nullptr;
  bool admitted = false;
  {
    std::lock_guard lock(mutex_);
    auto& source = sources_[timed.index];
    const double t = model_now();
    arrival_lag_us_.push_back(micros(Clock::now() - timed.due));
    job = &jobs_.emplace_back();
    job->id = next_id_++;
    job->customer_class = source.customer_class;
    job->entered = t;
    ++in_system_;
    stats_.system_entry(job->customer_class, t);
    admitted = arrive(source.station, *job, t);
    if (submissions_.size() < record_submissions_) {
      submissions_.push_back({job->id, timed.model_time, source.station, job->customer_class,
                              admitted ? job->service : std::numeric_limits<double>::quiet_NaN()});
    }
    double next = 0.0;
    if (source.next_after(timed.model_time, next) && next < plan_.horizon)
      schedule(Timed{wall_at(next), 0, TimedKind::Arrival, timed.index, next, nullptr});
  }
  if (admitted) hand_to_executor(*job);
}

void Testbed::on_retry(const Timed& timed) {
  bool admitted = false;
  {
    std::lock_guard lock(mutex_);
    admitted = arrive(timed.job->station, *timed.job, model_now());
  }
  if (admitted) hand_to_executor(*timed.job);
}

void Testbed::on_snapshot(const Timed& timed) {
  std::lock_guard lock(mutex_);
  snapshots_[timed.index] = stats_.snapshot(model_now());
}

bool Testbed::run(const RunControl& control) {
  precise_timers_for_this_thread();
  std::stop_callback on_stop(control.stop, [this] {
    {
      std::lock_guard lock(timeline_mutex_);
      stop_requested_ = true;
    }
    timeline_cv_.notify_all();
  });
  {
    std::lock_guard lock(mutex_);
    t0_ = Clock::now() + std::chrono::milliseconds(2);
  }
  for (std::uint32_t i = 0; i < sources_.size(); ++i) {
    double first = 0.0;
    std::lock_guard lock(mutex_);
    if (sources_[i].next_after(0.0, first) && first < plan_.horizon)
      schedule(Timed{wall_at(first), 0, TimedKind::Arrival, i, first, nullptr});
  }
  const std::size_t last = snapshots_plan_.times.size() - 1;
  for (std::size_t j = 0; j <= last; ++j) {
    schedule(Timed{wall_at(snapshots_plan_.times[j]), 0, TimedKind::Snapshot,
                   static_cast<std::uint32_t>(j), snapshots_plan_.times[j], nullptr});
  }
  Clock::time_point next_progress = Clock::now();
  for (;;) {
    Timed timed{};
    {
      std::unique_lock lock(timeline_mutex_);
      for (;;) {
        if (stop_requested_) return false;
        const Clock::time_point wake = timeline_.top().due - spin_window;
        if (Clock::now() >= wake) break;
        timeline_cv_.wait_until(lock, wake);
      }
      timed = timeline_.top();
      timeline_.pop();
    }
    while (Clock::now() < timed.due) {
    }
    switch (timed.kind) {
      case TimedKind::Arrival:
        on_arrival(timed);
        break;
      case TimedKind::Retry:
        on_retry(timed);
        break;
      case TimedKind::Snapshot:
        on_snapshot(timed);
        if (timed.index == last) return true;
        break;
    }
    if (control.on_progress && Clock::now() >= next_progress) {
      next_progress = Clock::now() + std::chrono::milliseconds(100);
      control.on_progress(Progress{0, 1, std::clamp(timed.model_time / plan_.horizon, 0.0, 1.0)});
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Results

std::vector<ReplicationOutput> Testbed::outputs(bool whole_window) const {
  std::lock_guard lock(mutex_);
  const std::vector<double> levels = model::with_default_quantiles(scenario_.run.quantiles);
  const sim::detail::OutputOptions options{levels};
  const SnapshotPlan& plan = snapshots_plan_;
  const auto& cut = snapshots_[plan.cut];
  std::vector<ReplicationOutput> outputs;
  if (!cut) return outputs;
  // Segments of the whole run (for the instability check), as far as they were reached.
  std::vector<double> segment_ends;
  std::vector<std::vector<double>> segment_areas;
  for (std::size_t i : plan.segment_ends) {
    if (!snapshots_[i]) break;
    segment_ends.push_back(plan.times[i]);
    std::vector<double> areas;
    for (const auto& tally : snapshots_[i]->stations) areas.push_back(tally.area_n);
    segment_areas.push_back(std::move(areas));
  }
  std::size_t from = plan.cut;
  std::vector<std::size_t> ends = plan.batch_ends;
  if (whole_window) {
    // One window from the cut to the last batch end the run reached.
    std::size_t last = plan.cut;
    for (std::size_t e : plan.batch_ends) {
      if (!snapshots_[e]) break;
      last = e;
    }
    if (last == plan.cut) return outputs;
    ends = {last};
  }
  for (std::size_t b = 0; b < ends.size(); ++b) {
    const std::size_t to = ends[b];
    if (!snapshots_[to]) break;
    sim::detail::StatsState d = *snapshots_[to];
    d.subtract(*snapshots_[from]);
    const double duration = plan.times[to] - plan.times[from];
    ReplicationOutput out;
    out.replication = 0;
    out.batch = static_cast<std::uint32_t>(b);
    out.status = RunStatus::ReachedHorizon;
    out.warmup_time = plan.times[plan.cut];
    out.warmup_customers = cut->departures;
    out.start_time = plan.times[from];
    out.end_time = plan.times[to];
    out.events = next_id_;
    out.stations.resize(servers_.size());
    for (std::size_t s = 0; s < servers_.size(); ++s) {
      StationObservation& obs = out.stations[s];
      sim::detail::fill_station_metrics(obs.metrics, d.stations[s], duration, d.stations[s].area_c,
                                        traits_[s], options);
      if (classes_ > 1) {
        obs.classes.resize(classes_);
        for (std::size_t k = 0; k < classes_; ++k) {
          sim::detail::fill_station_metrics(obs.classes[k], d.classes[s * classes_ + k], duration,
                                            d.stations[s].area_c, traits_[s], options);
        }
      }
      double t0 = 0.0;
      double a0 = 0.0;
      for (std::size_t i = 0; i < segment_ends.size(); ++i) {
        const double dt = segment_ends[i] - t0;
        if (dt > 0.0) {
          obs.L_by_segment.push_back((segment_areas[i][s] - a0) / dt);
          obs.segment_ends.push_back(segment_ends[i]);
        }
        t0 = segment_ends[i];
        a0 = segment_areas[i][s];
      }
      obs.number_at_end = present_[s];
    }
    sim::detail::fill_network_metrics(out.network, d.network, duration, options);
    if (classes_ > 1) {
      out.network_classes.resize(classes_);
      for (std::size_t k = 0; k < classes_; ++k)
        sim::detail::fill_network_metrics(out.network_classes[k], d.network_classes[k], duration,
                                          options);
    }
    outputs.push_back(std::move(out));
    from = to;
  }
  return outputs;
}

std::vector<StationOverhead> Testbed::run_overhead() const {
  std::lock_guard lock(mutex_);
  std::vector<StationOverhead> out;
  for (std::size_t s = 0; s < servers_.size(); ++s)
    out.push_back({summarize(dispatch_us_[s]), summarize(overshoot_us_[s])});
  return out;
}

OverheadSummary Testbed::arrival_lag() const {
  std::lock_guard lock(mutex_);
  return summarize(arrival_lag_us_);
}

std::uint64_t Testbed::in_flight() const {
  std::lock_guard lock(mutex_);
  return in_system_;
}

std::uint64_t Testbed::customers_created() const {
  std::lock_guard lock(mutex_);
  return next_id_;
}

std::vector<Submission> Testbed::submissions() const {
  std::lock_guard lock(mutex_);
  return submissions_;
}

}  // namespace kendall::sim::executor::detail
