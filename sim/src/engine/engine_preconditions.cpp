// The engine's preconditions (engine_setup.hpp): what it needs of a scenario to run at all.

#include <cmath>
#include <string>

#include <fmt/format.h>

#include "kendall/error.hpp"

#include "arrival_source.hpp"
#include "engine_setup.hpp"
#include "station.hpp"

namespace kendall::sim::detail {

namespace {

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

}  // namespace

std::uint32_t initial_servers(const model::Scenario& scenario, const model::StationSpec& st) {
  if (st.server_schedule) return integer_servers(scenario, st, st.server_schedule->values.front());
  if (!st.servers) return infinite_servers;
  return *st.servers;
}

bool check_engine_preconditions(const model::Scenario& sc) {
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

}  // namespace kendall::sim::detail
