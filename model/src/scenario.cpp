#include "kendall/model/scenario.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <numeric>

namespace kendall::model {

namespace {

constexpr std::array<DisciplineName, 8> discipline_table = {{
    {"fifo", Discipline::Fifo},
    {"lifo", Discipline::Lifo},
    {"random", Discipline::Random},
    {"priority", Discipline::Priority},
    {"priority-preemptive", Discipline::PriorityPreemptive},
    {"ps", Discipline::ProcessorSharing},
    {"rr", Discipline::RoundRobin},
    {"sjf", Discipline::ShortestJobFirst},
}};

constexpr std::array<RoutingPolicyName, 4> routing_policy_table = {{
    {"probabilistic", RoutingPolicy::Probabilistic},
    {"shortest_queue", RoutingPolicy::JoinShortestQueue},
    {"round_robin", RoutingPolicy::RoundRobin},
    {"random", RoutingPolicy::Random},
}};

}  // namespace

std::span<const DisciplineName> discipline_names() noexcept { return discipline_table; }

std::span<const RoutingPolicyName> routing_policy_names() noexcept { return routing_policy_table; }

std::string_view routing_policy_name(RoutingPolicy policy) {
  for (const auto& entry : routing_policy_table) {
    if (entry.value == policy) return entry.name;
  }
  return "unknown";
}

std::string_view discipline_name(Discipline d) {
  for (const auto& entry : discipline_table) {
    if (entry.value == d) return entry.name;
  }
  return "unknown";
}

double PiecewiseConstant::value_at(double t) const {
  if (period && *period > 0.0) t = std::fmod(t, *period);
  // The last start <= t.
  auto it = std::upper_bound(starts.begin(), starts.end(), t);
  const auto index =
      static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, std::distance(starts.begin(), it) - 1));
  return values.at(index);
}

double PiecewiseConstant::long_run_average() const {
  if (!period) return values.back();
  double area = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double end = i + 1 < starts.size() ? starts[i + 1] : *period;
    area += values[i] * (end - starts[i]);
  }
  return area / *period;
}

double ArrivalSpec::rate() const {
  if (rate_profile) return rate_profile->long_run_average();
  return 1.0 / mean(interarrival);
}

double RoutingSpec::exit_probability() const {
  if (policy != RoutingPolicy::Probabilistic) return 0.0;
  double routed = 0.0;
  for (const auto& t : targets) {
    if (t.station) routed += t.probability;
  }
  return std::max(0.0, 1.0 - routed);
}

std::uint64_t StationSpec::total_backlog() const {
  return std::accumulate(backlog.begin(), backlog.end(), std::uint64_t{0});
}

std::optional<std::size_t> Scenario::find_station(const std::string& station_name) const {
  for (std::size_t i = 0; i < stations.size(); ++i) {
    if (stations[i].name == station_name) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> Scenario::find_class(const std::string& class_name) const {
  for (std::size_t i = 0; i < classes.size(); ++i) {
    if (classes[i].name == class_name) return i;
  }
  return std::nullopt;
}

}  // namespace kendall::model
