// The flow analysis of an open scenario (open_analysis.hpp).

#include "open_analysis.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "kendall/model/network/traffic_equations.hpp"

#include "scenario_detail.hpp"

namespace kendall::model::detail {

namespace {

bool constant_profile(const PiecewiseConstant& p) {
  return std::all_of(p.values.begin(), p.values.end(),
                     [&](double v) { return v == p.values.front(); });
}

/// Long-run routing fractions of class k out of every station.
Eigen::MatrixXd routing_matrix(const Scenario& sc, std::size_t k) {
  const auto m = static_cast<Eigen::Index>(sc.stations.size());
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(m, m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& r = sc.stations[static_cast<std::size_t>(i)].routing.at(k);
    if (r.policy == RoutingPolicy::Probabilistic) {
      for (const auto& t : r.targets) {
        if (t.station) p(i, static_cast<Eigen::Index>(*t.station)) += t.probability;
      }
    } else if (!r.targets.empty()) {
      // Random and round robin send 1/n of the customers to each candidate in the long run;
      // join-shortest-queue does not (it is flagged separately, this is only a placeholder).
      const double share = 1.0 / static_cast<double>(r.targets.size());
      for (const auto& t : r.targets) {
        if (t.station) p(i, static_cast<Eigen::Index>(*t.station)) += share;
      }
    }
  }
  return p;
}

}  // namespace

bool stationary(const ArrivalSpec& a) {
  return !a.rate_profile || constant_profile(*a.rate_profile);
}

bool poisson_stream(const ArrivalSpec& a) {
  return stationary(a) && (a.rate_profile || is_exponential(a.interarrival));
}

double stream_rate(const ArrivalSpec& a) {
  if (a.rate_profile) return a.rate_profile->long_run_average();
  // The rate itself, not 1/(1/rate), so that a single station sees the λ of the file bit for bit.
  if (const auto* e = std::get_if<dist::Exponential>(&a.interarrival)) return e->rate;
  return a.rate();
}

double stream_scv(const ArrivalSpec& a) { return poisson_stream(a) ? 1.0 : scv(a.interarrival); }

bool has_balking(const StationSpec& st) { return st.balking && st.balking->probability > 0.0; }

bool has_retries(const StationSpec& st) {
  return st.retry && st.retry->failure_probability > 0.0 && st.retry->max_attempts > 1;
}

/// Failed customers that are not retried leave instead of being routed on.
double retry_pass(const StationSpec& st) {
  if (st.retry && st.retry->failure_probability > 0.0 && st.retry->max_attempts <= 1) {
    return 1.0 - st.retry->failure_probability;
  }
  return 1.0;
}

bool has_schedule(const StationSpec& st) { return st.server_schedule && !constant_schedule(st); }

void mark_input_unknown_downstream(Analysis& a, std::size_t source, bool include_source,
                                   const std::string& reason) {
  for (std::size_t j = 0; j < a.stations; ++j) {
    if ((a.reach[source][j] || (include_source && j == source)) && !a.input_unknown[j])
      a.input_unknown[j] = reason;
  }
}

Analysis analyse(const Scenario& sc) {
  Analysis a;
  a.stations = sc.stations.size();
  a.classes = sc.classes.size();
  for (const auto& st : sc.stations) a.names.push_back(st.name);
  const auto m = static_cast<Eigen::Index>(a.stations);
  a.any_route = Eigen::MatrixXd::Zero(m, m);
  for (std::size_t k = 0; k < a.classes; ++k) {
    a.routing.push_back(routing_matrix(sc, k));
    a.any_route += a.routing.back();
    a.external.push_back(Eigen::VectorXd::Zero(m));
  }
  for (const auto& arr : sc.arrivals) {
    a.external[arr.customer_class](static_cast<Eigen::Index>(arr.station)) += stream_rate(arr);
  }
  a.reach = routing_reachability(a.any_route);
  a.visited.assign(a.stations, std::vector<bool>(a.classes, false));
  for (std::size_t k = 0; k < a.classes; ++k) {
    const auto class_reach = routing_reachability(a.routing[k]);
    for (const auto& arr : sc.arrivals) {
      if (arr.customer_class != k) continue;
      a.visited[arr.station][k] = true;
      for (std::size_t j = 0; j < a.stations; ++j) {
        if (class_reach[arr.station][j]) a.visited[j][k] = true;
      }
    }
  }
  a.on_cycle.assign(a.stations, false);
  for (std::size_t i = 0; i < a.stations; ++i) a.on_cycle[i] = a.reach[i][i];
  a.round_robin_out.assign(a.stations, false);
  a.jsq_out.assign(a.stations, false);
  a.non_bernoulli_out.assign(a.stations, false);
  a.unsolvable.assign(a.stations, std::nullopt);
  a.input_unknown.assign(a.stations, std::nullopt);
  for (std::size_t i = 0; i < a.stations; ++i) {
    bool all_rr = true;
    for (const auto& r : sc.stations[i].routing) {
      if (r.policy == RoutingPolicy::RoundRobin) a.non_bernoulli_out[i] = true;
      if (r.policy == RoutingPolicy::JoinShortestQueue) {
        a.jsq_out[i] = true;
        a.non_bernoulli_out[i] = true;
      }
      if (r.policy != RoutingPolicy::RoundRobin) all_rr = false;
    }
    a.round_robin_out[i] = all_rr && !sc.stations[i].routing.empty();
  }

  // Sources of "no steady state" / "unknown flows", strongest first.
  for (std::size_t s = 0; s < sc.arrivals.size(); ++s) {
    const auto& arr = sc.arrivals[s];
    if (stationary(arr)) continue;
    const auto& name = a.names[arr.station];
    if (!a.unsolvable[arr.station]) {
      a.unsolvable[arr.station] = fmt::format(
          "its arrivals follow a time-varying rate profile (arrivals[{}]): there is no steady "
          "state to compute",
          s);
    }
    mark_input_unknown_downstream(
        a, arr.station, false,
        fmt::format(
            "it receives customers from '{}', whose arrival rate varies over time: there is "
            "no steady state",
            name));
  }
  for (std::size_t i = 0; i < a.stations; ++i) {
    const auto& st = sc.stations[i];
    std::optional<std::string> why;
    std::string downstream;
    if (has_schedule(st)) {
      why = "its number of servers follows a schedule: there is no steady state to compute";
      downstream = fmt::format(
          "it receives customers from '{}', whose server schedule makes its output vary over time",
          st.name);
    } else if (has_balking(st)) {
      why = fmt::format(
          "customers balk (do not join when {} or more are waiting, with probability {}): balking "
          "queues have no "
          "closed form here",
          st.balking->threshold, st.balking->probability);
      downstream =
          fmt::format("it receives customers from '{}', whose balking losses are unknown", st.name);
    } else if (has_retries(st)) {
      why = fmt::format(
          "failed services are retried (failure probability {}, up to {} attempts, after a "
          "backoff): the retries "
          "form a delayed feedback stream with no closed form",
          st.retry->failure_probability, st.retry->max_attempts);
      downstream = fmt::format(
          "it receives customers from '{}', whose retries change its output in ways with no "
          "closed form",
          st.name);
    } else if (auto loss = loss_unknown_reason(sc, i, a.visited[i])) {
      downstream = fmt::format(
          "it receives customers from '{}', whose losses cannot be computed ({})", st.name, *loss);
    }
    if (why && !a.unsolvable[i]) a.unsolvable[i] = why;
    if (!downstream.empty()) mark_input_unknown_downstream(a, i, false, downstream);
    if (a.jsq_out[i]) {
      for (std::size_t k = 0; k < a.classes; ++k) {
        const auto& r = st.routing[k];
        if (r.policy != RoutingPolicy::JoinShortestQueue) continue;
        for (const auto& t : r.targets) {
          if (!t.station) continue;
          const std::string reason = fmt::format(
              "it receives customers that '{}' routes to the shortest queue: how many come here "
              "depends on the "
              "queue lengths, which no closed form gives",
              st.name);
          mark_input_unknown_downstream(a, *t.station, true, reason);
        }
      }
    }
  }
  return a;
}

}  // namespace kendall::model::detail
