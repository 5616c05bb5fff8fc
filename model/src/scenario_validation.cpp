// Long on purpose: one Validator class holding every rule of a scenario, in file order, so
// that each message is written once; split by section it would need a shared Place/context API.

#include "kendall/model/scenario_validation.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <set>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/run_settings.hpp"
#include "kendall/model/units.hpp"

#include "scenario_io/keywords.hpp"
#include "scenario_io/suggest.hpp"

namespace kendall::model {

namespace {

/// Tolerance for a routing table summing to more than 1 (rounding in hand-written tables).
constexpr double routing_sum_tolerance = 1e-9;

/// A place in the scenario: the human path and the file keys, built up together.
struct Place {
  std::string path;
  std::vector<std::string> keys;

  [[nodiscard]] Place field(std::string_view name) const {
    Place p = *this;
    p.path += p.path.empty() ? std::string(name) : fmt::format(" .{}", name);
    p.keys.emplace_back(name);
    return p;
  }
  [[nodiscard]] Place item(std::size_t index) const {
    Place p = *this;
    p.path += fmt::format("[{}]", index);
    p.keys.push_back(std::to_string(index));
    return p;
  }
  /// A name shown to people but not a file key (a station's name after its index).
  [[nodiscard]] Place label(std::string_view name) const {
    Place p = *this;
    p.path += fmt::format(" '{}'", name);
    return p;
  }
  /// A named entry (a class, a routing target): `'gold'`, also a key in the file.
  [[nodiscard]] Place named(std::string_view name) const {
    Place p = *this;
    p.path += fmt::format(" '{}'", name);
    p.keys.emplace_back(name);
    return p;
  }
};

bool finite_positive(double x) { return std::isfinite(x) && x > 0.0; }
bool is_probability(double x) { return std::isfinite(x) && x >= 0.0 && x <= 1.0; }

bool contains(const std::vector<std::string>& list, const std::string& word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

class Validator {
 public:
  explicit Validator(const Scenario& s) : s_(s) {}

  std::vector<Diagnostic> run() {
    check_header();
    check_classes();
    check_station_names();
    for (std::size_t i = 0; i < s_.stations.size(); ++i) check_station(i);
    for (std::size_t j = 0; j < s_.arrivals.size(); ++j) check_arrival(j);
    if (structure_ok_) {
      if (s_.is_closed()) {
        check_closed();
      } else {
        check_open();
      }
    }
    check_run();
    std::stable_partition(out_.begin(), out_.end(),
                          [](const Diagnostic& d) { return d.is_error(); });
    return std::move(out_);
  }

 private:
  void error(const Place& at, std::string message) {
    out_.push_back({Diagnostic::Severity::Error, at.path, at.keys, std::move(message)});
  }
  void warning(const Place& at, std::string message) {
    out_.push_back({Diagnostic::Severity::Warning, at.path, at.keys, std::move(message)});
  }

  [[nodiscard]] Place station_place(std::size_t i) const {
    return Place{}.field("stations").item(i).label(s_.stations[i].name);
  }
  /// Per-class fields name the class only when there is more than one.
  [[nodiscard]] Place per_class(const Place& p, std::size_t c) const {
    return s_.has_classes() && c < s_.classes.size() ? p.named(s_.classes[c].name) : p;
  }
  /// True when the only class is the implicit "default" of a file without a classes section;
  /// no per-class mapping exists then, so a station may share its name.
  [[nodiscard]] bool implicit_class_only() const {
    return s_.classes.size() == 1 && s_.classes.front().name == "default";
  }
  [[nodiscard]] std::string station_name(std::size_t i) const {
    return i < s_.stations.size() ? s_.stations[i].name : fmt::format("#{}", i);
  }
  [[nodiscard]] std::string class_phrase(std::size_t c) const {
    return s_.has_classes() ? fmt::format("customers of class '{}'", s_.classes[c].name)
                            : std::string("customers");
  }

  void check_header() {
    if (s_.name.empty()) {
      error(Place{}.field("name"),
            "the scenario has no name — expected a short title, e.g. name: Checkout API");
    }
    const auto unit = canonical_time_unit(s_.time_unit);
    if (!unit || *unit != s_.time_unit) {
      error(Place{}.field("time_unit"),
            fmt::format("unknown time unit '{}' — expected one of: {}", s_.time_unit,
                        detail::join_names({time_unit_names.begin(), time_unit_names.end()})));
    } else if (s_.seconds_per_unit != time_unit_seconds(s_.time_unit)) {
      error(Place{}.field("time_unit"),
            fmt::format("seconds_per_unit is {:g} but one '{}' is {:g} s — expected them to agree",
                        s_.seconds_per_unit, s_.time_unit, time_unit_seconds(s_.time_unit)));
    }
  }

  void check_classes() {
    if (s_.classes.empty()) {
      error(Place{}.field("classes"),
            "there are no customer classes — expected at least one (a scenario without a classes "
            "section has the single class 'default')");
      structure_ok_ = false;
      return;
    }
    std::map<std::string, std::size_t> seen;
    for (std::size_t c = 0; c < s_.classes.size(); ++c) {
      const auto& cls = s_.classes[c];
      const Place at = Place{}.field("classes").item(c);
      if (cls.name.empty()) {
        error(at.field("name"), "a customer class has an empty name — expected a name");
      } else if (auto [it, fresh] = seen.emplace(cls.name, c); !fresh) {
        error(at.field("name"),
              fmt::format("class name '{}' is already used by classes[{}] — expected "
                          "unique class names",
                          cls.name, it->second));
      } else if (contains(detail::distribution_keys(), cls.name) ||
                 contains(detail::routing_keywords(), cls.name)) {
        error(at.field("name"),
              fmt::format("class name '{}' is reserved (it is a distribution or routing keyword) "
                          "— expected another name",
                          cls.name));
      }
      if (cls.priority < 1) {
        error(
            at.field("priority"),
            fmt::format("priority {} is below 1 — expected a whole number >= 1 (1 = served first)",
                        cls.priority));
      }
    }
  }

  void check_station_names() {
    if (s_.stations.empty()) {
      error(Place{}.field("stations"), "there are no stations — expected at least one station");
      structure_ok_ = false;
      return;
    }
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < s_.stations.size(); ++i) {
      const std::string& name = s_.stations[i].name;
      const Place at = Place{}.field("stations").item(i).field("name");
      if (name.empty()) {
        error(at, "a station has an empty name — expected a name");
      } else if (auto [it, fresh] = seen.emplace(name, i); !fresh) {
        error(at, fmt::format("station name '{}' is already used by stations[{}] — expected unique "
                              "station names",
                              name, it->second));
      } else if (contains(detail::routing_keywords(), name)) {
        error(at, fmt::format("station name '{}' is reserved for routing — expected another name",
                              name));
      } else if (!implicit_class_only() && s_.find_class(name)) {
        error(at, fmt::format("station '{}' has the same name as a customer class — expected "
                              "distinct names (per-class settings are keyed by class name)",
                              name));
      }
    }
  }

  /// Shared rules of rate profiles and server schedules.
  /// \param base the profile or schedule; its entries are listed under `list_key`.
  bool check_piecewise(const Place& base, std::string_view list_key, const PiecewiseConstant& f,
                       std::string_view value_word) {
    const Place at = base.field(list_key);
    if (f.starts.empty() || f.starts.size() != f.values.size()) {
      error(at, fmt::format("needs one 'from' time per {} and at least one entry — got {} times "
                            "and {} values",
                            value_word, f.starts.size(), f.values.size()));
      return false;
    }
    bool ok = true;
    if (f.starts.front() != 0.0) {
      error(at.item(0).field("from"),
            fmt::format("the first entry starts at {:g} — expected the first 'from' to be 0",
                        f.starts.front()));
      ok = false;
    }
    for (std::size_t k = 0; k < f.starts.size(); ++k) {
      if (!std::isfinite(f.starts[k])) {
        error(at.item(k).field("from"), "'from' is not a finite time — expected a duration");
        ok = false;
      } else if (k > 0 && !(f.starts[k] > f.starts[k - 1])) {
        error(at.item(k).field("from"),
              fmt::format("'from' {:g} does not come after the previous entry's {:g} — expected "
                          "strictly increasing times",
                          f.starts[k], f.starts[k - 1]));
        ok = false;
      }
      if (!std::isfinite(f.values[k]) || f.values[k] < 0.0) {
        error(at.item(k).field(value_word),
              fmt::format("{} {:g} is negative or not finite — expected a number >= 0", value_word,
                          f.values[k]));
        ok = false;
      }
    }
    if (f.period) {
      if (!finite_positive(*f.period) || *f.period <= f.starts.back()) {
        error(base.field("period"),
              fmt::format("period {:g} does not come after the last 'from' ({:g}) — expected a "
                          "period longer than every 'from' time",
                          *f.period, f.starts.back()));
        ok = false;
      }
    }
    return ok;
  }

  void check_distribution(const Place& at, const DistributionSpec& d) {
    try {
      validate(d);
    } catch (const InvalidParameter& e) {
      error(at, e.what());
    }
  }

  void check_station(std::size_t i) {
    const StationSpec& st = s_.stations[i];
    const Place at = station_place(i);
    const std::size_t n_classes = s_.classes.size();

    if (st.servers && *st.servers == 0) {
      error(at.field("servers"), "servers is 0 — expected a whole number >= 1 or inf");
    }
    if (st.server_schedule) {
      const Place sched = at.field("schedule");
      if (check_piecewise(sched, "servers", *st.server_schedule, "servers")) {
        double most = 0.0;
        bool whole = true;
        for (std::size_t k = 0; k < st.server_schedule->values.size(); ++k) {
          const double v = st.server_schedule->values[k];
          if (v != std::floor(v)) {
            error(sched.field("servers").item(k).field("servers"),
                  fmt::format("{:g} servers is not a whole number — expected an integer >= 0", v));
            whole = false;
          }
          most = std::max(most, v);
        }
        if (!whole) {
          // the maximum is meaningless until every entry is a whole number
        } else if (most < 1.0) {
          error(sched,
                "the schedule never has a server on duty — expected at least one entry with "
                "servers >= 1");
        } else if (!st.servers || static_cast<double>(*st.servers) != most) {
          error(at.field("servers"),
                fmt::format("servers is {} but the schedule's maximum is {:g} — expected servers "
                            "to hold the schedule's maximum",
                            st.servers ? std::to_string(*st.servers) : std::string("inf"), most));
        }
      }
    }
    if (st.capacity) {
      if (*st.capacity == 0) {
        error(at.field("capacity"), "capacity is 0 — expected a whole number >= 1 or inf");
      } else if (st.servers && *st.capacity < *st.servers) {
        error(at.field("capacity"),
              fmt::format("capacity {} is less than servers {} — expected capacity >= servers "
                          "(capacity counts customers waiting and in service)",
                          *st.capacity, *st.servers));
      }
    }
    if (!st.backlog.empty() && st.backlog.size() != n_classes) {
      error(at.field("backlog"), fmt::format("backlog has {} entries for {} classes — expected one "
                                             "per class (or none)",
                                             st.backlog.size(), n_classes));
    } else if (st.capacity && st.total_backlog() > *st.capacity) {
      error(at.field("backlog"),
            fmt::format("backlog of {} customers exceeds capacity {} — expected "
                        "at most capacity customers at time 0",
                        st.total_backlog(), *st.capacity));
    }

    if (st.discipline == Discipline::RoundRobin) {
      if (!finite_positive(st.quantum)) {
        error(at.field("quantum"), fmt::format("discipline rr needs a quantum > 0 (got {:g}) — "
                                               "expected e.g. quantum: 5ms",
                                               st.quantum));
      }
    } else if (st.quantum != 0.0) {
      error(at.field("quantum"),
            fmt::format("quantum is only used by discipline rr, but the discipline is {} — "
                        "expected no quantum (or discipline: rr)",
                        discipline_name(st.discipline)));
    }
    if ((st.discipline == Discipline::Priority ||
         st.discipline == Discipline::PriorityPreemptive) &&
        n_classes < 2) {
      warning(at.field("discipline"),
              fmt::format("discipline {} has no effect with a single customer class — it serves "
                          "in arrival order",
                          discipline_name(st.discipline)));
    }

    if (st.service.size() != n_classes) {
      error(at.field("service"), fmt::format("{} service distributions for {} classes — expected "
                                             "one per class",
                                             st.service.size(), n_classes));
      structure_ok_ = false;
    } else {
      for (std::size_t c = 0; c < n_classes; ++c) {
        check_distribution(per_class(at.field("service"), c), st.service[c]);
      }
    }
    if (st.routing.size() != n_classes) {
      error(at.field("next"),
            fmt::format("{} routing tables for {} classes — expected one per class",
                        st.routing.size(), n_classes));
      structure_ok_ = false;
    } else {
      for (std::size_t c = 0; c < n_classes; ++c)
        check_routing(per_class(at.field("next"), c), st.routing[c]);
    }

    if (st.balking) {
      if (!is_probability(st.balking->probability)) {
        error(at.field("balking").field("probability"),
              fmt::format("balking probability {:g} is outside [0, 1] — expected e.g. 1.0 or 50%",
                          st.balking->probability));
      }
      if (st.infinite_servers()) {
        warning(at.field("balking"),
                "balking has no effect at a station with infinite servers "
                "(nobody ever waits)");
      }
    }
    if (st.patience) {
      check_distribution(at.field("patience"), *st.patience);
      if (st.infinite_servers()) {
        warning(at.field("patience"),
                "patience has no effect at a station with infinite servers "
                "(nobody ever waits)");
      }
    }
    if (st.retry) {
      const Place r = at.field("retry");
      if (!is_probability(st.retry->failure_probability)) {
        error(r.field("failure_probability"),
              fmt::format("failure_probability {:g} is outside [0, 1] — expected e.g. 0.1 or 10%",
                          st.retry->failure_probability));
      }
      if (st.retry->max_attempts < 1) {
        error(r.field("max_attempts"),
              "max_attempts is 0 — expected a whole number >= 1 (1 = no retry)");
      }
      check_distribution(r.field("backoff"), st.retry->backoff);
    }
  }

  void check_routing(const Place& at, const RoutingSpec& routing) {
    std::set<std::optional<std::size_t>> seen;
    double total = 0.0;
    for (const RouteTarget& target : routing.targets) {
      const std::string target_name =
          target.station ? station_name(*target.station) : std::string(exit_keyword);
      const Place t = at.named(target_name);
      if (target.station && *target.station >= s_.stations.size()) {
        error(at, fmt::format("routes to station index {}, but there are {} stations — expected "
                              "an index below {}",
                              *target.station, s_.stations.size(), s_.stations.size()));
        structure_ok_ = false;
        continue;
      }
      if (!seen.insert(target.station).second) {
        error(t, fmt::format("'{}' is listed twice — expected each target once", target_name));
      }
      if (routing.policy == RoutingPolicy::Probabilistic) {
        if (!is_probability(target.probability)) {
          error(t, fmt::format("probability {:g} for '{}' is outside [0, 1] — expected a number "
                               "between 0 and 1 (or a percentage)",
                               target.probability, target_name));
        } else {
          total += target.probability;
        }
      } else if (!target.station) {
        error(t, fmt::format("exit cannot be a {} candidate — expected station names",
                             routing_policy_name(routing.policy)));
      }
    }
    if (routing.policy == RoutingPolicy::Probabilistic) {
      if (total > 1.0 + routing_sum_tolerance) {
        error(at, fmt::format("routing probabilities sum to {:g} — expected a total <= 1 (the "
                              "remainder leaves the system)",
                              total));
      }
    } else if (routing.targets.empty()) {
      error(at,
            fmt::format("{} needs at least one candidate station — expected e.g. {{{}: [a, b]}}",
                        routing_policy_name(routing.policy), routing_policy_name(routing.policy)));
      structure_ok_ = false;
    }
  }

  void check_arrival(std::size_t j) {
    const ArrivalSpec& a = s_.arrivals[j];
    const Place at = Place{}.field("arrivals").item(j);
    if (a.station >= s_.stations.size()) {
      error(at.field("to"),
            fmt::format("arrivals go to station index {}, but there are {} stations", a.station,
                        s_.stations.size()));
      structure_ok_ = false;
    }
    if (a.customer_class >= s_.classes.size()) {
      error(at.field("class"), fmt::format("arrival class index {}, but there are {} classes",
                                           a.customer_class, s_.classes.size()));
      structure_ok_ = false;
    }
    if (a.rate_profile) {
      const Place p = at.field("profile");
      if (check_piecewise(p, "rates", *a.rate_profile, "rate")) {
        const double average = a.rate_profile->long_run_average();
        if (!finite_positive(average)) {
          error(p, "the profile's long-run average rate is 0 — expected some rate > 0");
        } else {
          const auto* e = std::get_if<dist::Exponential>(&a.interarrival);
          if (e == nullptr || std::abs(e->rate - average) > 1e-12 * average) {
            error(at.field("interarrival"),
                  fmt::format("with a rate profile, interarrival must be exponential at the "
                              "profile's long-run average rate {:g} — got {}",
                              average, describe(a.interarrival)));
          }
        }
      }
    } else {
      check_distribution(at.field("interarrival"), a.interarrival);
      try {
        validate(a.interarrival);
        if (!(mean(a.interarrival) > 0.0)) {
          error(at.field("interarrival"),
                "the mean interarrival time is 0 — expected a mean > 0 "
                "(arrivals would come infinitely fast)");
        }
      } catch (const InvalidParameter&) {
        // already reported by check_distribution
      }
    }
  }

  /// Stations customers of class c can move to from station i.
  [[nodiscard]] std::vector<std::size_t> successors(std::size_t i, std::size_t c) const {
    std::vector<std::size_t> next;
    const RoutingSpec& r = s_.stations[i].routing[c];
    for (const auto& t : r.targets) {
      if (!t.station) continue;
      if (r.policy != RoutingPolicy::Probabilistic || t.probability > 0.0)
        next.push_back(*t.station);
    }
    return next;
  }

  [[nodiscard]] std::vector<bool> reachable_from(const std::vector<std::size_t>& sources,
                                                 std::size_t c) const {
    std::vector<bool> reached(s_.stations.size(), false);
    std::deque<std::size_t> queue;
    for (std::size_t s : sources) {
      if (!reached[s]) {
        reached[s] = true;
        queue.push_back(s);
      }
    }
    while (!queue.empty()) {
      const std::size_t i = queue.front();
      queue.pop_front();
      for (std::size_t k : successors(i, c)) {
        if (!reached[k]) {
          reached[k] = true;
          queue.push_back(k);
        }
      }
    }
    return reached;
  }

  void check_closed() {
    const Place population = Place{}.field("population");
    if (*s_.population == 0) error(population, "population is 0 — expected a whole number >= 1");
    if (!s_.arrivals.empty()) {
      error(Place{}.field("arrivals"),
            "a closed network (population) has no arrivals — expected either population or "
            "arrivals, not both");
    }
    if (s_.classes.size() != 1) {
      error(Place{}.field("classes"),
            "a closed network (population) has a single customer class — expected no classes "
            "section with population");
    }
    if (s_.population_start >= s_.stations.size()) {
      error(Place{}.field("start"), fmt::format("population starts at station index {}, but there "
                                                "are {} stations",
                                                s_.population_start, s_.stations.size()));
      return;
    }
    for (std::size_t i = 0; i < s_.stations.size(); ++i) {
      const StationSpec& st = s_.stations[i];
      if (st.total_backlog() > 0) {
        error(station_place(i).field("backlog"),
              "a closed network has no backlog (its population starts at 'start') — expected no "
              "backlog with population");
      }
      if (s_.classes.size() != 1) continue;
      const RoutingSpec& r = st.routing[0];
      if (r.policy != RoutingPolicy::Probabilistic) continue;
      const bool explicit_exit =
          std::any_of(r.targets.begin(), r.targets.end(),
                      [](const RouteTarget& t) { return !t.station && t.probability > 0.0; });
      if (r.targets.empty()) {
        error(station_place(i).field("next"),
              fmt::format(
                  "in a closed network customers never leave, but every customer leaving '{}' "
                  "exits (no next, or next: exit) — expected a route to another station, e.g. "
                  "next: {}",
                  st.name, s_.stations[s_.population_start].name));
      } else if (explicit_exit || r.exit_probability() > routing_sum_tolerance) {
        error(station_place(i).field("next"),
              fmt::format("in a closed network customers never leave, but customers leaving '{}' "
                          "can exit — expected routing probabilities to stations summing to 1",
                          st.name));
      }
    }
    if (s_.classes.size() != 1) return;
    const std::vector<bool> reached = reachable_from({s_.population_start}, 0);
    for (std::size_t i = 0; i < s_.stations.size(); ++i) {
      if (!reached[i]) {
        warning(station_place(i),
                fmt::format("station '{}' is never visited: no route from the "
                            "start station '{}' leads to it",
                            s_.stations[i].name, s_.stations[s_.population_start].name));
      }
    }
  }

  void check_open() {
    bool any_backlog = false;
    for (const auto& st : s_.stations) any_backlog = any_backlog || st.total_backlog() > 0;
    if (s_.arrivals.empty() && !any_backlog) {
      error(Place{}.field("arrivals"),
            "an open network needs arrivals or a backlog — expected an arrivals section (or "
            "population: N for a closed network, or backlog: N at a station)");
      return;
    }
    std::vector<bool> visited(s_.stations.size(), false);
    for (std::size_t c = 0; c < s_.classes.size(); ++c) {
      std::vector<std::size_t> sources;
      for (const auto& a : s_.arrivals) {
        if (a.customer_class == c) sources.push_back(a.station);
      }
      for (std::size_t i = 0; i < s_.stations.size(); ++i) {
        const auto& b = s_.stations[i].backlog;
        if (c < b.size() && b[c] > 0) sources.push_back(i);
      }
      if (sources.empty()) {
        if (s_.has_classes()) {
          warning(Place{}.field("classes").item(c),
                  fmt::format("class '{}' has no arrivals and no backlog, so it never appears",
                              s_.classes[c].name));
        }
        continue;
      }
      const std::vector<bool> reached = reachable_from(sources, c);
      // Stations from which exit can be reached: backwards from those that route to exit.
      std::vector<bool> can_leave(s_.stations.size(), false);
      for (std::size_t i = 0; i < s_.stations.size(); ++i) {
        const RoutingSpec& r = s_.stations[i].routing[c];
        can_leave[i] = r.policy == RoutingPolicy::Probabilistic && r.exit_probability() > 0.0;
      }
      for (bool changed = true; changed;) {
        changed = false;
        for (std::size_t i = 0; i < s_.stations.size(); ++i) {
          if (can_leave[i]) continue;
          for (std::size_t k : successors(i, c)) {
            if (can_leave[k]) {
              can_leave[i] = true;
              changed = true;
              break;
            }
          }
        }
      }
      std::vector<std::string> trapped;
      std::optional<std::size_t> first_trapped;
      for (std::size_t i = 0; i < s_.stations.size(); ++i) {
        visited[i] = visited[i] || reached[i];
        if (reached[i] && !can_leave[i]) {
          trapped.push_back(s_.stations[i].name);
          if (!first_trapped) first_trapped = i;
        }
      }
      if (first_trapped) {
        error(per_class(station_place(*first_trapped).field("next"), c),
              fmt::format("{} that reach {} can never leave the system (no route from there leads "
                          "to exit) — expected some probability of going to exit",
                          class_phrase(c), detail::join_quoted(trapped)));
      }
    }
    for (std::size_t i = 0; i < s_.stations.size(); ++i) {
      if (!visited[i]) {
        warning(station_place(i), fmt::format("station '{}' receives no customers: no arrivals, "
                                              "routes or backlog lead to it",
                                              s_.stations[i].name));
      }
    }
  }

  void check_run() {
    const RunSpec& r = s_.run;
    const Place at = Place{}.field("run");
    if (r.customers && *r.customers == 0) {
      error(at.field("customers"), "customers is 0 — expected a whole number >= 1");
    }
    if (r.horizon && !finite_positive(*r.horizon)) {
      error(at.field("horizon"), fmt::format("horizon {:g} — expected a duration > 0", *r.horizon));
    }
    switch (check_replications(r.replications, r.ci_method)) {
      case ReplicationsCheck::Ok:
        break;
      case ReplicationsCheck::Zero:
        error(at.field("replications"), "replications is 0 — expected a whole number >= 1");
        break;
      case ReplicationsCheck::OneWithoutBatching:
        error(at.field("replications"),
              "one replication cannot give a confidence interval across replications — expected "
              "replications >= 2, or ci: batch_means for one long run");
        break;
    }
    if (!(std::isfinite(r.confidence) && r.confidence > 0.0 && r.confidence < 1.0)) {
      error(at.field("confidence"), fmt::format("confidence {:g} is outside (0, 1) — expected e.g. "
                                                "0.95 or 95%",
                                                r.confidence));
    }
    if (r.precision && !(std::isfinite(*r.precision) && *r.precision > 0.0 && *r.precision < 1.0)) {
      error(at.field("precision"), fmt::format("precision {:g} is outside (0, 1) — expected a "
                                               "relative half-width such as 1% or 0.01",
                                               *r.precision));
    }
    if (r.time_budget_seconds && !finite_positive(*r.time_budget_seconds)) {
      error(at.field("time_budget"), fmt::format("time_budget {:g} s — expected a wall-clock "
                                                 "duration > 0, e.g. 60s",
                                                 *r.time_budget_seconds));
    }
    if (r.time_budget_seconds && !r.precision) {
      warning(at.field("time_budget"),
              "time_budget only limits sequential stopping, which needs "
              "precision — it has no effect without it");
    }
    for (std::size_t q = 0; q < r.quantiles.size(); ++q) {
      const double p = r.quantiles[q];
      if (!(std::isfinite(p) && p > 0.0 && p < 1.0)) {
        error(at.field("quantiles").item(q),
              fmt::format("quantile level {:g} is outside (0, 1) — expected e.g. 0.95 or 95%", p));
      }
    }
    const WarmupSpec& w = r.warmup;
    const Place wp = at.field("warmup");
    if (w.kind == WarmupSpec::Kind::Customers || w.kind == WarmupSpec::Kind::Time) {
      if (!std::isfinite(w.amount) || w.amount < 0.0) {
        error(wp, fmt::format("warm-up amount {:g} — expected a number >= 0", w.amount));
      } else if (w.kind == WarmupSpec::Kind::Customers && w.amount != std::floor(w.amount)) {
        error(wp, fmt::format("a warm-up of {:g} customers is not a whole number", w.amount));
      } else if (w.kind == WarmupSpec::Kind::Customers && r.customers &&
                 w.amount >= static_cast<double>(*r.customers)) {
        error(wp, fmt::format("the warm-up discards {:g} customers but the run stops after {} — "
                              "expected a warm-up shorter than the run",
                              w.amount, *r.customers));
      } else if (w.kind == WarmupSpec::Kind::Time && r.horizon && w.amount >= *r.horizon) {
        error(wp, fmt::format("the warm-up discards everything before {:g} but the run stops at "
                              "{:g} — expected a warm-up shorter than the horizon",
                              w.amount, *r.horizon));
      }
    }
  }

  const Scenario& s_;
  std::vector<Diagnostic> out_;
  /// False once indices or per-class vectors are broken: the network-wide checks would
  /// index out of range or repeat the same problem.
  bool structure_ok_ = true;
};

}  // namespace

std::string Diagnostic::to_string() const {
  const std::string_view kind = is_error() ? "error" : "warning";
  if (path.empty()) return fmt::format("{}: {}", kind, message);
  return fmt::format("{}: {}: {}", kind, path, message);
}

std::vector<Diagnostic> validate_scenario(const Scenario& scenario) {
  return Validator(scenario).run();
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.is_error(); });
}

void require_valid_scenario(const Scenario& scenario) {
  const auto diagnostics = validate_scenario(scenario);
  std::string text;
  for (const auto& d : diagnostics) {
    if (!d.is_error()) continue;
    if (!text.empty()) text += '\n';
    text += d.path.empty() ? d.message : fmt::format("{}: {}", d.path, d.message);
  }
  if (!text.empty()) throw InvalidParameter(text);
}

}  // namespace kendall::model
