// Closed scenarios (a population circulating): MVA, exact when product form.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/network/traffic_equations.hpp"

#include "scenario_detail.hpp"

namespace kendall::model::detail {

namespace {

ScenarioSolution no_answer(const Scenario& sc, const std::string& reason) {
  ScenarioSolution sol;
  sol.name = sc.name;
  sol.kind = ScenarioKind::Closed;
  for (const auto& st : sc.stations) sol.stations.push_back({st.name, std::nullopt, reason});
  sol.network_reason = reason;
  return sol;
}

/// Work of exact MVA with complement constants for the multi-server stations.
double mva_work(const ClosedNetwork& net) {
  double k = 0.0;
  double width = static_cast<double>(net.stations.size());
  for (const auto& s : net.stations) {
    if (s.kind != ClosedStationKind::Delay && s.servers > 1 && s.servers < net.population) {
      k += 1.0;
      width += static_cast<double>(s.servers);
    }
  }
  return (k + 1.0) * static_cast<double>(net.population) * width;
}

/// Above this many elementary steps exact MVA gives way to Schweitzer's approximation
/// (about a second of work).
constexpr double exact_mva_budget = 3e8;

}  // namespace

ScenarioSolution solve_closed(const Scenario& sc, const QueryOptions& options) {
  (void)options;  // closed-network stations have no waiting-time distributions here
  const std::uint64_t population = *sc.population;
  if (sc.classes.size() > 1) {
    return no_answer(
        sc,
        "a closed network with several customer classes needs multi-class MVA, which Kendall does "
        "not implement");
  }
  // Features MVA cannot represent at all.
  for (const auto& st : sc.stations) {
    if (st.server_schedule && !constant_schedule(st)) {
      return no_answer(
          sc,
          fmt::format("station '{}' has a server schedule: a closed network with a time-varying "
                      "number of servers has no steady state",
                      st.name));
    }
    if (st.balking && st.balking->probability > 0.0) {
      return no_answer(
          sc, fmt::format("station '{}' has balking, which MVA cannot represent", st.name));
    }
    if (st.retry && st.retry->failure_probability > 0.0) {
      return no_answer(
          sc,
          fmt::format("station '{}' retries failed services (failed customers leave or come back "
                      "after a backoff), which MVA cannot represent",
                      st.name));
    }
    if (st.patience) {
      return no_answer(
          sc,
          fmt::format("customers abandon at station '{}' (patience), which MVA cannot represent",
                      st.name));
    }
    if (st.capacity && *st.capacity < population) {
      return no_answer(
          sc, fmt::format("station '{}' holds at most {} of the {} customers (blocking): not a "
                          "product-form network, and MVA cannot represent blocking",
                          st.name, *st.capacity, population));
    }
    if (st.routing.front().policy == RoutingPolicy::JoinShortestQueue) {
      return no_answer(
          sc, fmt::format(
                  "station '{}' routes to the shortest queue: the routing depends on the state, "
                  "which MVA cannot represent",
                  st.name));
    }
    if (st.discipline == Discipline::ShortestJobFirst && !st.infinite_servers()) {
      return no_answer(
          sc, fmt::format("station '{}' serves the shortest job first, which MVA cannot represent",
                          st.name));
    }
  }

  ScenarioSolution sol;
  sol.name = sc.name;
  sol.kind = ScenarioKind::Closed;
  const auto m = static_cast<Eigen::Index>(sc.stations.size());
  Eigen::MatrixXd p = Eigen::MatrixXd::Zero(m, m);
  std::vector<std::string> names;
  bool round_robin = false;
  for (Eigen::Index i = 0; i < m; ++i) {
    const auto& st = sc.stations[static_cast<std::size_t>(i)];
    names.push_back(st.name);
    const auto& r = st.routing.front();
    if (r.policy == RoutingPolicy::Probabilistic) {
      for (const auto& t : r.targets) {
        if (t.station) p(i, static_cast<Eigen::Index>(*t.station)) += t.probability;
      }
    } else {
      round_robin = round_robin || r.policy == RoutingPolicy::RoundRobin;
      for (const auto& t : r.targets) {
        if (t.station)
          p(i, static_cast<Eigen::Index>(*t.station)) +=
              1.0 / static_cast<double>(r.targets.size());
      }
    }
  }
  const Eigen::VectorXd visits = solve_visit_ratios(p, sc.population_start, names);

  ClosedNetwork net;
  net.reference = sc.population_start;
  net.population = population;
  std::vector<std::string> station_notes(sc.stations.size());
  for (std::size_t i = 0; i < sc.stations.size(); ++i) {
    const auto& st = sc.stations[i];
    ClosedStation cs;
    cs.name = st.name;
    cs.visits = visits(static_cast<Eigen::Index>(i));
    cs.service_time = mean(st.service.front());
    const std::optional<std::uint32_t> servers =
        st.server_schedule ? constant_schedule(st) : st.servers;
    if (!servers) {
      cs.kind = ClosedStationKind::Delay;
    } else if (st.discipline == Discipline::ProcessorSharing) {
      cs.kind = ClosedStationKind::ProcessorSharing;
      cs.servers = *servers;
    } else {
      cs.kind = ClosedStationKind::Fcfs;
      cs.servers = *servers;
      cs.service_scv = scv(st.service.front());
      const bool exponential = is_exponential(st.service.front());
      if (exponential) cs.service_scv = 1.0;
      if (st.discipline == Discipline::RoundRobin) {
        if (exponential) {
          station_notes[i] =
              "round robin with exponential service: the number present evolves as under FIFO";
        } else {
          cs.kind = ClosedStationKind::ProcessorSharing;
          station_notes[i] =
              "round robin with non-exponential service is approximated by processor sharing "
              "(its small-quantum limit)";
        }
      } else if ((st.discipline == Discipline::Lifo || st.discipline == Discipline::Random) &&
                 !exponential) {
        station_notes[i] = fmt::format("{} order with non-exponential service is treated as FIFO",
                                       st.discipline == Discipline::Lifo ? "LIFO" : "random");
      }
    }
    net.stations.push_back(cs);
  }
  for (const auto& st : sc.stations) {
    if (st.capacity) {
      sol.notes.push_back(fmt::format("the capacity of '{}' ({}) is never reached by {} customers",
                                      st.name, *st.capacity, population));
    }
  }

  const bool use_schweitzer = mva_work(net) > exact_mva_budget;
  MvaSolution mva_solution = use_schweitzer ? schweitzer_mva(net) : mva(net);
  if (use_schweitzer) {
    sol.notes.push_back(fmt::format(
        "population {} with these multi-server stations would take more than {:.0e} steps "
        "of exact MVA; Schweitzer's approximation is used instead",
        population, exact_mva_budget));
  }
  std::string label = mva_solution.method;
  bool approximated = label != method::exact;
  for (const auto& note : station_notes) {
    if (note.find("approximated") != std::string::npos ||
        note.find("treated as FIFO") != std::string::npos) {
      approximated = true;
    }
  }
  if (round_robin) {
    approximated = true;
    sol.notes.push_back(
        "round-robin routing is treated as random routing with the same long-run shares (not "
        "product form)");
  }
  if (approximated && label == method::exact)
    label = "approximation (MVA on a non-product-form network)";

  auto results = closed_station_results(net, mva_solution);
  for (std::size_t i = 0; i < results.size(); ++i) {
    results[i].method = label;
    for (const auto& n : mva_solution.notes) {
      if (n.find('\'' + sc.stations[i].name + '\'') != std::string::npos)
        results[i].notes.push_back(n);
    }
    if (!station_notes[i].empty()) results[i].notes.push_back(station_notes[i]);
    sol.stations.push_back({sc.stations[i].name, std::move(results[i]), {}});
    sol.visit_ratios.push_back(net.stations[i].visits);
  }

  NetworkSolution ns;
  ns.method = label;
  ns.metrics = closed_network_metrics(net, mva_solution);
  const auto bounds = asymptotic_bounds(net);
  if (bounds.bottleneck) ns.bottleneck = sc.stations[*bounds.bottleneck].name;
  ns.notes.push_back(
      fmt::format("W is the mean time from leaving '{}' to returning to it; cycle_time includes "
                  "the time at '{}'",
                  sc.stations[sc.population_start].name, sc.stations[sc.population_start].name));
  if (bounds.n_star) {
    ns.notes.push_back(fmt::format(
        "asymptotic bounds: X(N) <= min(N/{:.6g}, {:.6g}); saturation population N* = {:.4g}",
        bounds.total_demand + bounds.think_time, 1.0 / bounds.max_demand, *bounds.n_star));
  }
  for (const auto& n : mva_solution.notes) {
    bool station_specific = false;
    for (const auto& st : sc.stations)
      station_specific = station_specific || n.find('\'' + st.name + '\'') != std::string::npos;
    if (!station_specific) ns.notes.push_back(n);
  }
  sol.network = std::move(ns);
  sol.curves = std::move(mva_solution.curves);
  sol.bounds = bounds;
  return sol;
}

}  // namespace kendall::model::detail
