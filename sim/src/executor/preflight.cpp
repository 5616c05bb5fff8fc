// What the testbed can run, and whether it can run it in real time: checked before anything
// starts, so an unsupported feature is refused with its name rather than ignored.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/executor/executor_run.hpp"
#include "kendall/sim/replication.hpp"

#include "run_length.hpp"

namespace kendall::sim::executor {

namespace detail {

// Below this mean service time in wall time, wake-up and timer overheads of tens of
// microseconds would be a large part of every service.
constexpr double min_service_wall_us = 1000.0;
// Customers per wall second beyond which one arrival thread and the pools cannot keep time on
// a small machine (each costs a wake-up, a spin of up to spin_window and a few lock rounds).
constexpr double max_arrivals_per_wall_second = 5000.0;
// Fewer departures than this after the warm-up would leave the 20 batches nearly empty.
constexpr double min_departures = 400.0;
constexpr std::uint32_t max_workers = 2048;

double total_arrival_rate(const model::Scenario& sc) {
  double rate = 0.0;
  for (const auto& a : sc.arrivals) rate += a.rate();
  return rate;
}

std::pair<double, std::string> shortest_service(const model::Scenario& sc) {
  double best = std::numeric_limits<double>::infinity();
  std::string where;
  for (const auto& st : sc.stations) {
    for (const auto& d : st.service) {
      const double m = model::mean(d);
      if (m > 0.0 && m < best) {
        best = m;
        where = st.name;
      }
    }
  }
  return {best, where};
}

std::string seconds_text(double s) {
  if (s >= 1.0) return fmt::format("{:.3g} s", s);
  if (s >= 1e-3) return fmt::format("{:.3g} ms", s * 1e3);
  return fmt::format("{:.3g} µs", s * 1e6);
}

}  // namespace detail

std::string Preflight::message() const {
  std::string out;
  if (!unsupported.empty()) {
    out = fmt::format("the executor testbed cannot run this scenario: {}",
                      fmt::join(unsupported, "; "));
  }
  if (not_real_time) {
    if (!out.empty()) out += ". ";
    out += *not_real_time;
  }
  return out;
}

Preflight preflight(const model::Scenario& sc, const ExecutorOptions& options) {
  using namespace detail;
  Preflight p;
  auto refuse = [&](std::string what) { p.unsupported.push_back(std::move(what)); };
  if (sc.is_closed()) refuse("a closed network (population) — it has no arrival generator");
  if (sc.arrivals.empty() && !sc.is_closed()) refuse("no arrival streams");
  std::uint64_t workers = 0;
  for (const auto& st : sc.stations) {
    const std::string where = fmt::format("station '{}'", st.name);
    if (!st.servers) {
      refuse(where + ": infinitely many servers (a pool needs a number of workers)");
    } else {
      workers += *st.servers;
    }
    if (st.server_schedule) refuse(where + ": a server schedule");
    if (st.balking) refuse(where + ": balking");
    if (st.patience) refuse(where + ": patience (reneging)");
    if (st.total_backlog() > 0) refuse(where + ": a backlog at time 0");
    if (st.discipline != model::Discipline::Fifo &&
        st.discipline != model::Discipline::Priority) {
      refuse(fmt::format("{}: discipline '{}' (the testbed runs fifo and priority)", where,
                         model::discipline_name(st.discipline)));
    }
  }
  if (workers > max_workers)
    refuse(fmt::format("{} workers in all (at most {} threads)", workers, max_workers));
  if (!p.unsupported.empty()) return p;

  const auto [service_mean, service_station] = shortest_service(sc);
  const double rate = total_arrival_rate(sc);
  if (!(rate > 0.0) || !std::isfinite(service_mean)) {
    refuse("no arrivals or no service times with a positive mean");
    return p;
  }
  RealTimePlan plan;
  const double auto_scale =
      std::chrono::duration<double>(options.auto_service_wall).count() / service_mean;
  plan.seconds_per_unit = options.time_scale
                              ? std::chrono::duration<double>(*options.time_scale).count()
                              : auto_scale;
  const RunLength length = run_length(sc, rate);
  plan.implied_wall_seconds = length.horizon * plan.seconds_per_unit;
  const double budget = std::chrono::duration<double>(options.max_wall).count();
  plan.horizon = length.horizon;
  if (plan.implied_wall_seconds > budget) {
    plan.horizon = budget / plan.seconds_per_unit;
    plan.shortened = true;
  }
  plan.planned_wall_seconds = plan.horizon * plan.seconds_per_unit;
  plan.events_per_wall_second = 3.0 * rate / plan.seconds_per_unit;
  plan.shortest_service_wall_us = service_mean * plan.seconds_per_unit * 1e6;
  const double cut = warmup_cut(sc, rate, plan.horizon);
  plan.warmup = warmup_description(sc, cut);

  const std::string scale_hint = fmt::format(
      "--time-scale {} (the shortest mean service, at '{}', then lasts {})",
      seconds_text(auto_scale), service_station, seconds_text(auto_scale * service_mean));
  if (plan.shortest_service_wall_us < min_service_wall_us) {
    p.not_real_time = fmt::format(
        "cannot run in real time at this time scale: the shortest mean service time (at '{}') "
        "would last {} of wall time, where wake-ups and timer overshoot of tens of µs are a "
        "large part of it; use {}",
        service_station, seconds_text(plan.shortest_service_wall_us * 1e-6), scale_hint);
  } else if (rate / plan.seconds_per_unit > max_arrivals_per_wall_second) {
    p.not_real_time = fmt::format(
        "cannot run in real time at this time scale: {:.0f} customers per second of wall time "
        "is more than this machine can time (about {:.0f}); use {}",
        rate / plan.seconds_per_unit, max_arrivals_per_wall_second, scale_hint);
  } else if (plan.shortened && rate * (plan.horizon - cut) < min_departures) {
    // The warm-up is at most half the run: twice the time for min_departures is enough.
    const double needed = std::min(min_departures / rate + cut, 2.0 * min_departures / rate) *
                          plan.seconds_per_unit;
    p.not_real_time = fmt::format(
        "the run would see only about {:.0f} customers after its warm-up in {} of wall time "
        "(--max-wall {} per executor); at least {:.0f} are needed for 20 batches — give each "
        "executor about {} of --max-wall, or use a shorter --time-scale",
        rate * (plan.horizon - cut), seconds_text(plan.planned_wall_seconds),
        seconds_text(budget), min_departures, seconds_text(1.2 * needed));  // 20% margin
  }
  p.plan = plan;
  return p;
}

}  // namespace kendall::sim::executor
