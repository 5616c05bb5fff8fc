// Reading one station: capacity and servers, schedule, backlog, discipline, service and
// routing (both possibly per class), balking, patience and retries. Long on purpose: each key is
// checked next to where it is read, so that every message is written once.

#include <algorithm>
#include <limits>

#include <fmt/format.h>

#include "keywords.hpp"
#include "read_distribution.hpp"
#include "read_sections.hpp"
#include "suggest.hpp"

namespace kendall::model::detail {

namespace {

const std::vector<std::string> station_keys = {"name",    "servers",    "schedule", "capacity",
                                               "backlog", "discipline", "quantum",  "service",
                                               "next",    "balking",    "patience", "retry"};

const std::vector<std::pair<std::string, std::string>> station_hints = {
    {"routing", "did you mean 'next'?"},
    {"route", "did you mean 'next'?"},
    {"routes", "did you mean 'next'?"},
    {"c", "did you mean 'servers'?"},
    {"workers", "did you mean 'servers'?"},
    {"agents", "did you mean 'servers'?"},
    {"K", "did you mean 'capacity'?"},
    {"queue_size", "did you mean 'capacity'?"},
    {"max_queue", "did you mean 'capacity'? (capacity counts waiting and in-service customers)"},
    {"service_time", "did you mean 'service'?"},
    {"abandonment", "did you mean 'patience'?"},
    {"reneging", "did you mean 'patience'?"},
    {"retries", "did you mean 'retry'?"},
    {"initial", "did you mean 'backlog'?"},
    {"arrivals",
     "arrivals are a top-level section, "
     "not part of a station"},
};

const std::vector<std::pair<std::string, std::string>> discipline_aliases = {
    {"fcfs", "fifo"},
    {"lcfs", "lifo"},
    {"siro", "random"},
    {"processor-sharing", "ps"},
    {"processor_sharing", "ps"},
    {"round-robin", "rr"},
    {"round_robin", "rr"},
    {"spt", "sjf"},
    {"sjn", "sjf"},
    {"preemptive", "priority-preemptive"},
    {"priority_preemptive", "priority-preemptive"},
    {"preemptive-priority", "priority-preemptive"},
    {"non-preemptive", "priority"},
};

std::optional<Discipline> read_discipline(ReadContext& ctx, const Entry& e) {
  const auto text = read_text(ctx, e, "a discipline name");
  if (!text) return std::nullopt;
  std::vector<std::string> names;
  for (const auto& d : discipline_names()) {
    if (d.name == *text) return d.value;
    names.emplace_back(d.name);
  }
  for (const auto& [alias, meant] : discipline_aliases) {
    if (alias == *text) {
      ctx.error(e.mark,
                fmt::format("unknown discipline '{}' — did you mean '{}'? (disciplines: {})", *text,
                            meant, join_names(names)));
      return std::nullopt;
    }
  }
  ctx.error(e.mark, fmt::format("unknown discipline '{}'{}", *text,
                                suggestion(*text, names, "disciplines")));
  return std::nullopt;
}

bool has_class_key(const ReadContext& ctx, const YAML::Node& node) {
  if (ctx.declared_classes.empty() || !node.IsMap()) return false;
  for (const auto& pair : node) {
    const YAML::Node key = pair.first;
    if (key.IsScalar() && std::find(ctx.class_names.begin(), ctx.class_names.end(), key.Scalar()) !=
                              ctx.class_names.end()) {
      return true;
    }
  }
  return false;
}

/// Class index of a per-class mapping key, reporting keys that are not classes.
std::optional<std::size_t> class_of_key(ReadContext& ctx, const Entry& e, std::string_view field) {
  for (std::size_t c = 0; c < ctx.class_names.size(); ++c) {
    if (ctx.class_names[c] == e.key) return c;
  }
  ctx.error(e.key_mark, fmt::format("'{}' is not a class, but {} is written per class{}", e.key,
                                    field, suggestion(e.key, ctx.class_names, "classes")));
  return std::nullopt;
}

/// Registers the per-class paths of a field written once for all classes, so that
/// diagnostics about one class point at the shared value.
void remember_for_every_class(ReadContext& ctx, const Entry& e) {
  if (!ctx.keyed_by_class()) return;
  for (const auto& name : ctx.class_names) {
    KeyPath p = e.path;
    p.push_back(name);
    ctx.remember(p, e.mark);
  }
}

// "a station name, exit, a table {station: probability, ...}, or {shortest_queue | ...:
// [stations]}"
const std::string routing_expected = [] {
  std::string keys;
  for (const auto& p : routing_policy_names()) {
    if (p.value == RoutingPolicy::Probabilistic) continue;
    if (!keys.empty()) keys += " | ";
    keys += p.name;
  }
  return fmt::format(
      "a station name, {}, a table {{station: probability, ...}}, or {{{}: [stations]}}",
      exit_keyword, keys);
}();

std::optional<RoutingSpec> read_one_routing(ReadContext& ctx, const Entry& e) {
  RoutingSpec routing;
  if (e.value.IsScalar()) {
    if (e.value.Scalar() == exit_keyword) return routing;
    const auto station = read_station_ref(ctx, e);
    if (!station) return std::nullopt;
    routing.targets.push_back({*station, 1.0});
    return routing;
  }
  if (!e.value.IsMap()) {
    ctx.error(e.mark,
              fmt::format("{} is {} — expected {}", e.key, node_kind(e.value), routing_expected));
    return std::nullopt;
  }
  for (const auto& [word_view, policy] : routing_policy_names()) {
    if (policy == RoutingPolicy::Probabilistic) continue;  // the table form, no key
    const std::string word(word_view);
    if (!e.value[word].IsDefined()) continue;
    MapReader map(ctx, e, fmt::format("'{}' ({} routing)", e.key, word), {word});
    const auto candidates = map.get(word);
    if (!map.is_map() || !candidates) return std::nullopt;
    const auto items = read_list(ctx, *candidates, "candidate station names, e.g. [a, b]");
    if (!items) return std::nullopt;
    if (items->empty()) {
      ctx.error(candidates->mark,
                fmt::format("{} has no candidates — expected at least one station", word));
      return std::nullopt;
    }
    routing.policy = policy;
    bool ok = true;
    for (const auto& item : *items) {
      if (item.value.IsScalar() && item.value.Scalar() == exit_keyword) {
        ctx.error(item.mark,
                  fmt::format("exit cannot be a {} candidate — expected station names", word));
        ok = false;
        continue;
      }
      const auto station = read_station_ref(ctx, item);
      if (!station) {
        ok = false;
        continue;
      }
      const bool repeated =
          std::any_of(routing.targets.begin(), routing.targets.end(),
                      [&](const RouteTarget& t) { return t.station == *station; });
      if (repeated) {
        ctx.error(item.mark, fmt::format("'{}' is listed twice — expected each candidate once",
                                         item.value.Scalar()));
        ok = false;
        continue;
      }
      routing.targets.push_back({*station, 0.0});
    }
    if (!ok) return std::nullopt;
    return routing;
  }
  const auto entries = read_named_map(ctx, e, routing_expected);
  if (!entries) return std::nullopt;
  bool ok = true;
  for (const auto& target : *entries) {
    std::optional<std::size_t> station;
    if (target.key != exit_keyword) {
      const auto it = std::find(ctx.station_names.begin(), ctx.station_names.end(), target.key);
      if (it == ctx.station_names.end()) {
        ok = false;
        if (!ctx.stations_known) continue;
        std::vector<std::string> valid = ctx.station_names;
        valid.emplace_back(exit_keyword);
        ctx.error(target.key_mark, fmt::format("unknown station '{}' in {}{}", target.key, e.key,
                                               suggestion(target.key, valid, "targets")));
        ok = false;
        continue;
      }
      station = static_cast<std::size_t>(it - ctx.station_names.begin());
    }
    const auto p = read_probability(ctx, target);
    if (!p) {
      ok = false;
      continue;
    }
    routing.targets.push_back({station, *p});
  }
  if (!ok) return std::nullopt;
  return routing;
}

/// Reads `service` or `next`, either one value for every class or a per-class mapping.
template <class T, class ReadOne>
bool read_per_class(ReadContext& ctx, const Entry& e, std::string_view field, bool per_class,
                    std::vector<std::optional<T>>& out, ReadOne read_one) {
  const std::size_t n = ctx.class_names.size();
  out.assign(n, std::nullopt);
  if (!per_class) {
    remember_for_every_class(ctx, e);
    auto value = read_one(e);
    if (!value) return false;
    out.assign(n, *value);
    return true;
  }
  const auto entries = read_named_map(ctx, e, "a mapping from class names");
  if (!entries) return false;
  bool ok = true;
  for (const auto& item : *entries) {
    const auto c = class_of_key(ctx, item, field);
    if (!c) {
      ok = false;
      continue;
    }
    auto value = read_one(item);
    if (!value) {
      ok = false;
      continue;
    }
    out[*c] = std::move(*value);
  }
  return ok;
}

std::optional<PiecewiseConstant> read_schedule(ReadContext& ctx, const Entry& e) {
  MapReader map(ctx, e, "schedule", {"period", "servers"});
  if (!map.is_map()) return std::nullopt;
  PiecewiseConstant schedule;
  bool ok = true;
  if (const auto p = map.get("period")) {
    const auto period = read_duration(ctx, *p, Sign::Positive);
    ok = ok && period.has_value();
    schedule.period = period;
  }
  const auto list =
      map.require("servers", "a list such as [{from: 0h, servers: 2}, {from: 8h, servers: 10}]");
  if (!list) return std::nullopt;
  const auto items =
      read_list(ctx, *list, "shifts, e.g. [{from: 0h, servers: 2}, {from: 8h, servers: 10}]");
  if (!items) return std::nullopt;
  if (items->empty()) {
    ctx.error(list->mark, "the schedule has no entries — expected at least {from: 0, servers: N}");
    return std::nullopt;
  }
  for (const auto& item : *items) {
    MapReader shift(ctx, item, fmt::format("schedule {}", item.key), {"from", "servers"});
    if (!shift.is_map()) {
      ok = false;
      continue;
    }
    const auto from_entry =
        shift.require("from", "the time this many servers start, e.g. from: 8h");
    const auto count_entry =
        shift.require("servers", "the number of servers from then on, e.g. servers: 10");
    const auto from = read_duration(ctx, from_entry, Sign::NonNegative);
    const auto count = read_count(ctx, count_entry, 0);
    if (!from || !count) {
      ok = false;
      continue;
    }
    schedule.starts.push_back(*from);
    schedule.values.push_back(static_cast<double>(*count));
  }
  if (!ok) return std::nullopt;
  const double most = *std::max_element(schedule.values.begin(), schedule.values.end());
  if (most < 1.0) {
    ctx.error(
        list->mark,
        "the schedule never has a server on duty — expected at least one entry with servers >= 1");
    return std::nullopt;
  }
  if (most > std::numeric_limits<std::uint32_t>::max()) {
    ctx.error(list->mark,
              "the schedule has more servers than supported — expected at most 4294967295");
    return std::nullopt;
  }
  return schedule;
}

std::optional<std::vector<std::uint64_t>> read_backlog(ReadContext& ctx, const Entry& e) {
  std::vector<std::uint64_t> backlog(ctx.class_names.size(), 0);
  if (e.value.IsScalar()) {
    if (!ctx.declared_classes.empty()) {
      ctx.error(e.mark,
                fmt::format("backlog is a single number but classes are declared — expected "
                            "a count per class, e.g. backlog: {{{}: 2}}",
                            ctx.class_names.front()));
      return std::nullopt;
    }
    const auto n = read_count(ctx, e, 0);
    if (!n) return std::nullopt;
    backlog[0] = *n;
  } else {
    const auto entries =
        read_named_map(ctx, e, "a whole number, or with classes a count per class, e.g. {gold: 2}");
    if (!entries) return std::nullopt;
    bool ok = true;
    for (const auto& item : *entries) {
      const auto c = class_of_key(ctx, item, "backlog");
      const auto n = read_count(ctx, item, 0);
      if (!c || !n) {
        ok = false;
        continue;
      }
      backlog[*c] = *n;
    }
    if (!ok) return std::nullopt;
  }
  if (std::all_of(backlog.begin(), backlog.end(), [](std::uint64_t n) { return n == 0; }))
    backlog.clear();
  return backlog;
}

std::optional<BalkingSpec> read_balking(ReadContext& ctx, const Entry& e) {
  MapReader map(ctx, e, "balking", {"threshold", "probability"});
  if (!map.is_map()) return std::nullopt;
  BalkingSpec balking;
  const auto t = map.require(
      "threshold", "the number of waiting customers from which arrivals balk, e.g. threshold: 10");
  const auto threshold = read_count(ctx, t, 0);
  if (!threshold) return std::nullopt;
  balking.threshold = *threshold;
  if (const auto p = map.get("probability")) {
    const auto probability = read_probability(ctx, *p);
    if (!probability) return std::nullopt;
    balking.probability = *probability;
  }
  return balking;
}

std::optional<RetrySpec> read_retry(ReadContext& ctx, const Entry& e) {
  MapReader map(ctx, e, "retry", {"failure_probability", "max_attempts", "backoff"},
                {{"attempts", "did you mean 'max_attempts'?"},
                 {"delay", "did you mean 'backoff'?"},
                 {"probability", "did you mean 'failure_probability'?"}});
  if (!map.is_map()) return std::nullopt;
  RetrySpec retry;
  bool ok = true;
  const auto f =
      map.require("failure_probability", "the probability that a service attempt fails, e.g. 0.1");
  const auto failure = read_probability(ctx, f);
  const auto a = map.require("max_attempts",
                             "the most attempts per customer, e.g. max_attempts: 3 (1 = no retry)");
  const auto attempts = read_count(ctx, a, 1);
  if (attempts && *attempts > std::numeric_limits<std::uint32_t>::max()) {
    ctx.error(a->mark, "max_attempts is too large — expected at most 4294967295");
    ok = false;
  }
  if (const auto b = map.get("backoff")) {
    const auto backoff = read_distribution(ctx, *b, DistributionRole::Backoff);
    ok = ok && backoff.has_value();
    if (backoff) retry.backoff = *backoff;
  }
  if (!failure || !attempts || !ok) return std::nullopt;
  retry.failure_probability = *failure;
  retry.max_attempts = static_cast<std::uint32_t>(*attempts);
  return retry;
}

}  // namespace

std::optional<StationSpec> read_station(ReadContext& ctx, const Entry& item, std::size_t index,
                                        PerClassCoverage& coverage) {
  const std::string fallback_name =
      index < ctx.station_names.size() && !ctx.station_names[index].empty()
          ? ctx.station_names[index]
          : fmt::format("#{}", index);
  MapReader map(ctx, item, fmt::format("station '{}'", fallback_name), station_keys, station_hints);
  if (!map.is_map()) return std::nullopt;
  const std::size_t errors_before = ctx.error_count();
  const std::size_t n_classes = ctx.class_names.size();
  StationSpec st;
  coverage.service_given.assign(n_classes, false);
  coverage.routing_given.assign(n_classes, true);  // no next = exit for every class
  coverage.service_mark = map.mark();
  coverage.next_mark = map.mark();

  if (const auto e = map.require("name", "a name, e.g. name: api")) {
    if (const auto name = read_text(ctx, *e, "a station name")) {
      st.name = *name;
      const auto first = std::find(ctx.station_names.begin(), ctx.station_names.end(), st.name);
      if (st.name.empty()) {
        ctx.error(e->mark, "the station name is empty — expected a name");
      } else if (first != ctx.station_names.end() &&
                 static_cast<std::size_t>(first - ctx.station_names.begin()) != index) {
        ctx.error(e->mark,
                  fmt::format("station name '{}' is already used by stations[{}] — expected "
                              "unique station names",
                              st.name, first - ctx.station_names.begin()));
      } else if (std::find(routing_keywords().begin(), routing_keywords().end(), st.name) !=
                 routing_keywords().end()) {
        ctx.error(e->mark,
                  fmt::format("station name '{}' is reserved for routing — expected another name",
                              st.name));
      } else if (std::find(ctx.declared_classes.begin(), ctx.declared_classes.end(), st.name) !=
                 ctx.declared_classes.end()) {
        ctx.error(e->mark,
                  fmt::format("station '{}' has the same name as a customer class — expected "
                              "distinct names (per-class settings are keyed by class name)",
                              st.name));
      }
    }
  }

  const auto servers_entry = map.get("servers");
  const auto schedule_entry = map.get("schedule");
  if (servers_entry && schedule_entry) {
    ctx.error(schedule_entry->mark,
              "both servers and schedule are given — expected one of them (a "
              "schedule sets the number of servers over time)");
  } else if (schedule_entry) {
    if (auto schedule = read_schedule(ctx, *schedule_entry)) {
      st.servers = static_cast<std::uint32_t>(
          *std::max_element(schedule->values.begin(), schedule->values.end()));
      st.server_schedule = std::move(schedule);
    }
  } else if (servers_entry) {
    if (const auto servers = read_count_or_inf(ctx, *servers_entry, 1)) {
      if (servers->count && *servers->count > std::numeric_limits<std::uint32_t>::max()) {
        ctx.error(servers_entry->mark,
                  "servers is too large — expected at most 4294967295 (or inf)");
      } else {
        st.servers = servers->count
                         ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*servers->count))
                         : std::nullopt;
      }
    }
  }

  if (const auto e = map.get("capacity")) {
    if (const auto capacity = read_count_or_inf(ctx, *e, 1)) {
      st.capacity = capacity->count;
      if (st.capacity && st.servers && *st.capacity < *st.servers) {
        ctx.error(e->mark, fmt::format("capacity {} is less than servers {} — expected capacity >= "
                                       "servers (capacity counts customers waiting and in service)",
                                       *st.capacity, *st.servers));
      }
    }
  }
  if (const auto e = map.get("backlog")) {
    if (auto backlog = read_backlog(ctx, *e)) st.backlog = std::move(*backlog);
  }

  if (const auto e = map.get("discipline")) {
    if (const auto d = read_discipline(ctx, *e)) st.discipline = *d;
  }
  const auto quantum_entry = map.get("quantum");
  if (st.discipline == Discipline::RoundRobin) {
    if (!quantum_entry) {
      ctx.error(map.get("discipline")->mark,
                "discipline rr needs a quantum — expected e.g. quantum: 5ms");
    } else if (const auto q = read_duration(ctx, *quantum_entry, Sign::Positive)) {
      st.quantum = *q;
    }
  } else if (quantum_entry) {
    ctx.error(quantum_entry->mark,
              "quantum is only used by discipline rr — expected no quantum (or "
              "discipline: rr)");
  }

  if (const auto e = map.require(
          "service",
          "a service time distribution, e.g. service: {dist: exponential, mean: 45ms}")) {
    coverage.service_mark = e->mark;
    const bool per_class = has_class_key(ctx, e->value) && !e->value["dist"].IsDefined();
    std::vector<std::optional<DistributionSpec>> service;
    read_per_class(ctx, *e, "service", per_class, service, [&ctx](const Entry& one) {
      return read_distribution(ctx, one, DistributionRole::Service);
    });
    for (std::size_t c = 0; c < n_classes; ++c) coverage.service_given[c] = service[c].has_value();
    // Classes that never reach the station may be omitted; their entry is never used, so it
    // repeats the first one given (the completeness check reports classes that do reach it).
    const auto first =
        std::find_if(service.begin(), service.end(), [](const auto& d) { return d.has_value(); });
    if (first != service.end()) {
      for (const auto& d : service) st.service.push_back(d ? *d : **first);
    }
  }

  st.routing.assign(n_classes, RoutingSpec{});
  if (const auto e = map.get("next")) {
    coverage.next_mark = e->mark;
    bool policy_key = false;
    for (const auto& word : routing_keywords())
      policy_key =
          policy_key || (word != exit_keyword && e->value.IsMap() && e->value[word].IsDefined());
    const bool per_class = has_class_key(ctx, e->value) && !policy_key;
    std::vector<std::optional<RoutingSpec>> routing;
    read_per_class(ctx, *e, "next", per_class, routing,
                   [&ctx](const Entry& one) { return read_one_routing(ctx, one); });
    for (std::size_t c = 0; c < n_classes; ++c) {
      coverage.routing_given[c] = routing[c].has_value();
      if (routing[c]) st.routing[c] = *routing[c];
    }
  }

  if (const auto e = map.get("balking")) st.balking = read_balking(ctx, *e);
  if (const auto e = map.get("patience"))
    st.patience = read_distribution(ctx, *e, DistributionRole::Patience);
  if (const auto e = map.get("retry")) st.retry = read_retry(ctx, *e);

  if (ctx.error_count() != errors_before) return std::nullopt;
  return st;
}

}  // namespace kendall::model::detail
