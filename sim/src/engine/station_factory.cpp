// How each discipline's station is built: one row per discipline. The spellings live in
// model's discipline table (model::discipline_names); adding a discipline = one station (or
// line) class + one row here + one name there.

#include <algorithm>
#include <array>
#include <string>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/scenario.hpp"

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
  model::Discipline discipline;
  Factory make;
};

const std::array<Row, 8> rows = {{
    {model::Discipline::Fifo,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::FifoLine{});
     }},
    {model::Discipline::Lifo,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::LifoLine{});
     }},
    {model::Discipline::Random,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::RandomLine{e.stream(StreamPurpose::Discipline, i)});
     }},
    {model::Discipline::Priority,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::PriorityLine{priority_levels(e.scenario())});
     }},
    {model::Discipline::PriorityPreemptive,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s,
        std::uint32_t c) -> std::unique_ptr<detail::Station> {
       return std::make_unique<detail::PreemptiveStation>(e, i, s, c,
                                                          priority_levels(e.scenario()));
     }},
    {model::Discipline::ProcessorSharing,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s,
        std::uint32_t c) -> std::unique_ptr<detail::Station> {
       return std::make_unique<detail::PsStation>(e, i, s, c);
     }},
    {model::Discipline::RoundRobin,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s,
        std::uint32_t c) -> std::unique_ptr<detail::Station> {
       return std::make_unique<detail::RoundRobinStation>(e, i, s, c, s.quantum);
     }},
    {model::Discipline::ShortestJobFirst,
     [](Engine& e, std::uint32_t i, const model::StationSpec& s, std::uint32_t c) {
       return queue_station(e, i, s, c, detail::SjfLine{});
     }},
}};

std::string valid_discipline_names() {
  std::string out;
  for (const auto& d : model::discipline_names()) {
    if (!out.empty()) out += ", ";
    out += d.name;
  }
  return out;
}

}  // namespace

namespace detail {

std::unique_ptr<Station> make_station(Engine& engine, std::uint32_t index,
                                      const model::StationSpec& spec,
                                      std::uint32_t initial_servers) {
  for (const auto& row : rows) {
    if (row.discipline == spec.discipline) return row.make(engine, index, spec, initial_servers);
  }
  throw InvalidParameter(
      fmt::format("station '{}': discipline #{} is not implemented; valid disciplines: {}",
                  spec.name, static_cast<int>(spec.discipline), valid_discipline_names()));
}

}  // namespace detail

}  // namespace kendall::sim
