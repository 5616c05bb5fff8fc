// Scenarios without arrivals: a backlog present at time 0 drains. The only analytic figure is
// the makespan, exact when the schedule is deterministic.

#include <algorithm>
#include <variant>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "kendall/model/network/makespan.hpp"

#include "scenario_detail.hpp"

namespace kendall::model::detail {

namespace {

/// The service times of the first n services, when they are known in advance.
std::optional<std::vector<double>> known_service_times(const DistributionSpec& d, std::uint64_t n) {
  if (const auto* det = std::get_if<dist::Deterministic>(&d))
    return std::vector<double>(n, det->value);
  if (const auto* emp = std::get_if<dist::Empirical>(&d);
      emp && emp->mode == dist::EmpiricalMode::Replay) {
    std::vector<double> out;
    out.reserve(n);
    for (std::uint64_t k = 0; k < n; ++k) out.push_back(emp->values[k % emp->values.size()]);
    return out;
  }
  return std::nullopt;
}

}  // namespace

ScenarioSolution solve_backlog(const Scenario& sc) {
  ScenarioSolution sol;
  sol.name = sc.name;
  sol.kind = ScenarioKind::Backlog;
  for (const auto& st : sc.stations) {
    sol.stations.push_back(
        {st.name, std::nullopt,
         "no arrivals: the station only drains the customers present at time 0, so there is no "
         "steady state (see the network's makespan)"});
  }
  double makespan = 0.0;
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < sc.stations.size(); ++i) {
    const auto& st = sc.stations[i];
    const std::uint64_t n = st.total_backlog();
    if (n == 0) continue;
    std::size_t cls = 0;
    std::size_t classes_present = 0;
    for (std::size_t k = 0; k < st.backlog.size(); ++k) {
      if (st.backlog[k] > 0) {
        cls = k;
        ++classes_present;
      }
    }
    const auto& routing = st.routing.at(cls);
    const bool leaves =
        routing.policy == RoutingPolicy::Probabilistic &&
        std::none_of(routing.targets.begin(), routing.targets.end(),
                     [](const RouteTarget& t) { return t.station && t.probability > 0.0; });
    const auto times = known_service_times(st.service.at(cls), n);
    const auto servers = st.server_schedule ? constant_schedule(st) : st.servers;
    if (classes_present > 1) {
      problems.push_back(
          fmt::format("'{}' starts with customers of several classes, whose service order is not "
                      "determined by the scenario",
                      st.name));
    } else if (!leaves) {
      problems.push_back(
          fmt::format("customers of '{}' move on to other stations after service", st.name));
    } else if (!times) {
      problems.push_back(
          fmt::format("the service times at '{}' are random ({}); an exact makespan needs "
                      "deterministic or replayed service times",
                      st.name, describe(st.service.at(cls))));
    } else if (st.server_schedule && !servers) {
      problems.push_back(fmt::format("'{}' has a server schedule", st.name));
    } else if (st.retry && st.retry->failure_probability > 0.0) {
      problems.push_back(fmt::format("services at '{}' fail at random", st.name));
    } else if (st.patience) {
      problems.push_back(fmt::format("waiting customers at '{}' abandon at random", st.name));
    } else if (st.discipline != Discipline::Fifo &&
               std::get_if<dist::Deterministic>(&st.service.at(cls)) == nullptr) {
      problems.push_back(fmt::format(
          "'{}' serves in {} order: which customer gets which replayed service time depends on the "
          "engine's order",
          st.name,
          st.discipline == Discipline::ProcessorSharing ? "processor-sharing" : "non-FIFO"));
    } else if (st.discipline == Discipline::ProcessorSharing ||
               st.discipline == Discipline::RoundRobin) {
      problems.push_back(
          fmt::format("'{}' shares its servers (processor sharing / round robin)", st.name));
    } else {
      makespan = std::max(makespan, list_schedule_makespan(*times, servers));
    }
  }
  if (!problems.empty()) {
    sol.network_reason = fmt::format("no exact makespan: {}", fmt::join(problems, "; "));
    return sol;
  }
  NetworkSolution net;
  net.metrics.set(metric::makespan, makespan);
  net.notes.push_back(
      "makespan by list scheduling: every free server takes the next customer in line (FIFO); "
      "exact for deterministic or replayed service times");
  sol.network = std::move(net);
  return sol;
}

}  // namespace kendall::model::detail
