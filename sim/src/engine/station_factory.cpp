// The discipline table: one row per discipline, with its scenario name and how to build the
// station. Adding a discipline = one station (or line) class + one row here.

#include <algorithm>
#include <array>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/sim/engine/policy_names.hpp"

#include "preemptive_station.hpp"
#include "ps_station.hpp"
#include "queue_station.hpp"
#include "rr_station.hpp"

namespace kendall::sim {

namespace {

using detail::Engine;
using Factory = std::unique_ptr<detail::Station> (*)(Engine&, std::uint32_t,
                                                     const model::StationSpec&, std::uint32_t);

// Priority level of each class: distinct priority numbers in increasing order (1 = level 0).
std::vector<std::uint32_t> priority_levels(const model::Scenario& scenario) {
  std::vector<int> distinct;
  for (const auto& c : scenario.classes) distinct.push_back(c.priority);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::vector<std::uint32_t> levels;
  for (const auto& c : scenario.classes) {
    levels.push_back(static_cast<std::uint32_t>(
        std::lower_bound(distinct.begin(), distinct.end(), c.priority) - distinct.begin()));
  }
  return levels;
}

template <class Line>
std::unique_ptr<detail::Station> queue_station(Engine& e, std::uint32_t i,
                                               const model::StationSpec& s, std::uint32_t c,
                                               Line line) {
  return std::make_unique<detail::QueueStation<Line>>(e, i, s, c, std::move(line));
}

struct Row {
  DisciplineEntry entry;
  Factory make;
};

const std::array<Row, 8> rows = {{
    {{"fifo", model::Discipline::Fifo, "first come, first served"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::FifoLine{});
     }},
    {{"lifo", model::Discipline::Lifo, "last come, first served (non-preemptive)"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::LifoLine{});
     }},
    {{"random", model::Discipline::Random, "service in random order"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::RandomLine{e.stream(StreamPurpose::Discipline, i)});
     }},
    {{"priority", model::Discipline::Priority,
      "by class priority, non-preemptive, FIFO within a class"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::PriorityLine{priority_levels(e.scenario())});
     }},
    {{"priority-preemptive", model::Discipline::PriorityPreemptive,
      "by class priority, preemptive-resume"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s,
        std::uint32_t c) -> std::unique_ptr<detail::Station> {
       return std::make_unique<detail::PreemptiveStation>(e, i, s, c,
                                                          priority_levels(e.scenario()));
     }},
    {{"ps", model::Discipline::ProcessorSharing,
      "processor sharing: rate min(1, c/n) for each customer"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s,
        std::uint32_t c) -> std::unique_ptr<detail::Station> {
       return std::make_unique<detail::PsStation>(e, i, s, c);
     }},
    {{"rr", model::Discipline::RoundRobin, "round-robin with a time quantum"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s,
        std::uint32_t c) -> std::unique_ptr<detail::Station> {
       return std::make_unique<detail::RoundRobinStation>(e, i, s, c, s.quantum);
     }},
    {{"sjf", model::Discipline::ShortestJobFirst, "shortest job first (non-preemptive)"},
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::SjfLine{});
     }},
}};

const std::array<DisciplineEntry, 8> discipline_entries = [] {
  std::array<DisciplineEntry, 8> out{};
  for (std::size_t i = 0; i < rows.size(); ++i) out[i] = rows[i].entry;
  return out;
}();

const std::array<RoutingEntry, 4> routing_entries = {{
    {"probabilistic", model::RoutingPolicy::Probabilistic,
     "to each target with its probability; the rest leaves (Jackson routing)"},
    {"shortest_queue", model::RoutingPolicy::JoinShortestQueue,
     "the candidate with the fewest customers present (ties: first listed)"},
    {"round_robin", model::RoutingPolicy::RoundRobin, "the candidates in turn"},
    {"random", model::RoutingPolicy::Random, "a candidate chosen uniformly at random"},
}};

template <class Entries>
std::string valid_names(const Entries& entries) {
  std::string out;
  for (const auto& e : entries) {
    if (!out.empty()) out += ", ";
    out += e.name;
  }
  return out;
}

}  // namespace

std::span<const DisciplineEntry> discipline_table() noexcept { return discipline_entries; }
std::span<const RoutingEntry> routing_table() noexcept { return routing_entries; }

model::Discipline discipline_from_name(std::string_view name) {
  for (const auto& e : discipline_entries) {
    if (e.name == name) return e.discipline;
  }
  throw InvalidParameter(fmt::format("unknown discipline '{}'; valid disciplines: {}", name,
                                     valid_names(discipline_entries)));
}

std::string_view discipline_name(model::Discipline discipline) noexcept {
  for (const auto& e : discipline_entries) {
    if (e.discipline == discipline) return e.name;
  }
  return "unknown";
}

model::RoutingPolicy routing_from_name(std::string_view name) {
  for (const auto& e : routing_entries) {
    if (e.name == name) return e.policy;
  }
  throw InvalidParameter(fmt::format("unknown routing policy '{}'; valid policies: {}", name,
                                     valid_names(routing_entries)));
}

std::string_view routing_name(model::RoutingPolicy policy) noexcept {
  for (const auto& e : routing_entries) {
    if (e.policy == policy) return e.name;
  }
  return "unknown";
}

namespace detail {

std::unique_ptr<Station> make_station(Engine& engine, std::uint32_t index,
                                      const model::StationSpec& spec,
                                      std::uint32_t initial_servers) {
  for (const auto& row : rows) {
    if (row.entry.discipline == spec.discipline)
      return row.make(engine, index, spec, initial_servers);
  }
  throw InvalidParameter(
      fmt::format("station '{}': discipline #{} is not implemented; valid disciplines: {}",
                  spec.name, static_cast<int>(spec.discipline), valid_names(discipline_entries)));
}

}  // namespace detail

}  // namespace kendall::sim
