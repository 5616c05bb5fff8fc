// Building one replication's engine: the stations, routers, arrival sources, schedules and
// retry policies of the scenario, each with its own random streams.

#include "engine_setup.hpp"

#include <optional>
#include <string>
#include <utility>

#include "kendall/error.hpp"

#include "engine.hpp"
#include "station.hpp"

namespace kendall::sim::detail {

std::vector<StationTraits> station_traits(const model::Scenario& sc) {
  std::vector<StationTraits> out;
  for (const auto& st : sc.stations) {
    StationTraits t;
    t.infinite_servers = !st.servers.has_value();
    t.shared = st.discipline == model::Discipline::ProcessorSharing;
    t.finite_capacity = st.capacity.has_value();
    t.balking = st.balking.has_value();
    t.patience = st.patience.has_value();
    t.retry = st.retry.has_value();
    t.resumable = st.discipline == model::Discipline::PriorityPreemptive ||
                  st.discipline == model::Discipline::RoundRobin;
    out.push_back(t);
  }
  return out;
}

std::vector<double> servers_at_start(const model::Scenario& sc) {
  std::vector<double> out;
  for (const auto& st : sc.stations) {
    const std::uint32_t c = initial_servers(sc, st);
    out.push_back(c == infinite_servers ? 0.0 : static_cast<double>(c));
  }
  return out;
}

model::StationSpec normalised(const model::StationSpec& st, std::size_t classes) {
  model::StationSpec out = st;
  if (out.service.size() == 1 && classes > 1) out.service.assign(classes, st.service.front());
  if (out.routing.empty()) out.routing.assign(classes, model::RoutingSpec{});
  if (out.routing.size() == 1 && classes > 1) out.routing.assign(classes, st.routing.front());
  return out;
}

Engine::Engine(const model::Scenario& scenario, std::uint32_t replication)
    : scenario_(scenario),
      validated_(check_engine_preconditions(scenario)),
      replication_(replication),
      seed_(scenario.run.seed),
      classes_(static_cast<std::uint32_t>(scenario.classes.size())),
      closed_(scenario.is_closed()),
      start_station_(static_cast<std::uint32_t>(scenario.population_start)),
      stats_(station_traits(scenario), scenario.classes.size(), servers_at_start(scenario)) {
  build();
}

Engine::~Engine() = default;

void Engine::build() {
  const auto n = static_cast<std::uint32_t>(scenario_.stations.size());
  for (std::uint32_t s = 0; s < n; ++s) {
    const model::StationSpec spec = normalised(scenario_.stations[s], classes_);
    stations_.push_back(make_station(*this, s, spec, initial_servers(scenario_, spec)));
    for (std::uint32_t k = 0; k < classes_; ++k) {
      routers_.emplace_back(spec.routing[k], stream(StreamPurpose::Routing, s, k));
    }
    if (spec.server_schedule) {
      schedules_.emplace_back(std::in_place, *spec.server_schedule);
    } else {
      schedules_.emplace_back();
    }
    if (spec.retry) {
      retries_.emplace_back(RetryPolicy{spec.retry->failure_probability, spec.retry->max_attempts,
                                        Distribution(spec.retry->backoff),
                                        stream(StreamPurpose::Failure, s),
                                        stream(StreamPurpose::Backoff, s)});
    } else {
      retries_.emplace_back();
    }
  }
  for (std::uint32_t i = 0; i < scenario_.arrivals.size(); ++i) {
    sources_.emplace_back(scenario_.arrivals[i], stream(StreamPurpose::Arrival, i));
  }
}

void Engine::fail(const std::string& message, std::uint32_t station,
                  std::optional<std::uint32_t> slot) const {
  std::optional<std::uint64_t> id;
  if (slot) id = pool_[*slot].id;
  const std::string name = station < stations_.size() ? stations_[station]->name() : std::string();
  throw SimulationError(message, now_, name, id);
}

void Engine::emit_raw(const Notice& notice) const {
  for (Observer* o : observers_) o->notify(notice);
}

void Engine::emit(NoticeKind kind, std::uint32_t station, const Customer& c) const {
  emit_raw(Notice{now_, kind, station, c.customer_class, c.id});
}

}  // namespace kendall::sim::detail
