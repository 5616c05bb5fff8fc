#pragma once
/// \file
/// A scenario: the plain-data description of a system of queues, as read from a scenario file
/// (DESIGN.md "Scenario file"). Every number is in the scenario's time unit. Station, class
/// and routing references are resolved to indices. Both the analytic solver and the simulator
/// read this; neither changes it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/model/distribution_spec.hpp"
#include "kendall/model/slo.hpp"

namespace kendall::model {

/// A piecewise-constant function of time: values[i] holds on [starts[i], starts[i+1]) and the
/// last value holds for ever — unless `period` is set, in which case the pattern repeats every
/// `period` time units. starts[0] == 0 and starts is strictly increasing (and < period).
struct PiecewiseConstant {
  std::vector<double> starts;
  std::vector<double> values;
  std::optional<double> period;

  /// Value in force at time t ≥ 0.
  [[nodiscard]] double value_at(double t) const;
  /// Time-average of the function over one period (or, without a period, the last value:
  /// the long-run average).
  [[nodiscard]] double long_run_average() const;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const PiecewiseConstant&) const = default;
};

/// One customer class. Classes are ordered as in the file; index 0 is the implicit
/// class "default" when the file declares none.
struct CustomerClassSpec {
  std::string name;
  int priority = 1;  ///< smaller is served first (1 = highest), for priority disciplines

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const CustomerClassSpec&) const = default;
};

/// A stream of external arrivals into one station.
struct ArrivalSpec {
  std::size_t station = 0;         ///< index into Scenario::stations
  std::size_t customer_class = 0;  ///< index into Scenario::classes
  /// Distribution of interarrival times; Poisson arrivals are dist::Exponential{rate}.
  DistributionSpec interarrival = dist::Exponential{1.0};
  /// Time-varying Poisson rate (customers per time unit). When set, arrivals are a
  /// non-homogeneous Poisson process with this rate and `interarrival` holds its long-run
  /// average as an exponential.
  std::optional<PiecewiseConstant> rate_profile;

  /// Long-run arrival rate of the stream.
  [[nodiscard]] double rate() const;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const ArrivalSpec&) const = default;
};

/// Queue discipline of a station.
enum class Discipline {
  Fifo,                ///< first come, first served
  Lifo,                ///< last come, first served, non-preemptive
  Random,              ///< service in random order (SIRO)
  Priority,            ///< by class priority, non-preemptive, FIFO within a class
  PriorityPreemptive,  ///< by class priority, preemptive-resume
  ProcessorSharing,    ///< every customer present served at rate min(1, c/n)
  RoundRobin,          ///< time slices of `quantum`; an unfinished customer rejoins the tail
  ShortestJobFirst,  ///< the waiting customer with the shortest service time next (non-preemptive)
};

/// A discipline with its scenario-file spelling ("fifo", "priority-preemptive", "ps", "rr", ...).
struct DisciplineName {
  std::string_view name;
  Discipline value;
};

/// Every discipline with its spelling, in the order the documentation lists them: the one
/// table that the scenario reader, the writer and the messages share.
[[nodiscard]] std::span<const DisciplineName> discipline_names() noexcept;

/// The scenario-file spelling of a discipline.
[[nodiscard]] std::string_view discipline_name(Discipline d);

/// One place a customer can go after service.
struct RouteTarget {
  std::optional<std::size_t> station;  ///< empty = leave the system ("exit")
  double probability = 0.0;            ///< used by RoutingPolicy::Probabilistic only

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const RouteTarget&) const = default;
};

enum class RoutingPolicy {
  Probabilistic,      ///< Jackson routing: go to target i with its probability; the rest exits
  JoinShortestQueue,  ///< the candidate with the fewest customers present (ties: first listed)
  RoundRobin,         ///< the candidates in turn
  Random,             ///< a candidate chosen uniformly at random
};

/// A routing policy with its scenario-file spelling: the key of a `next:` mapping that names
/// a policy ("shortest_queue", "round_robin", "random"); "probabilistic" is the table form,
/// which has no key of its own.
struct RoutingPolicyName {
  std::string_view name;
  RoutingPolicy value;
};

/// Every routing policy with its spelling, probabilistic first: the one table that the
/// scenario reader, the writer, the validator and the messages share.
[[nodiscard]] std::span<const RoutingPolicyName> routing_policy_names() noexcept;

/// The scenario-file spelling of a routing policy.
[[nodiscard]] std::string_view routing_policy_name(RoutingPolicy policy);

/// The routing target that means "leave the system".
inline constexpr std::string_view exit_keyword = "exit";

/// Where customers go after service at a station.
/// Probabilistic: probabilities are in [0, 1] and sum to ≤ 1; the remainder leaves.
/// Other policies: `targets` lists the candidate stations (exit not allowed).
/// An empty Probabilistic routing means every customer leaves.
struct RoutingSpec {
  RoutingPolicy policy = RoutingPolicy::Probabilistic;
  std::vector<RouteTarget> targets;

  /// Probability of leaving the system after this station (Probabilistic only).
  [[nodiscard]] double exit_probability() const;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const RoutingSpec&) const = default;
};

/// Balking: an arriving customer who finds `threshold` or more customers waiting (not in
/// service) does not join, with probability `probability`.
struct BalkingSpec {
  std::uint64_t threshold = 0;
  double probability = 1.0;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const BalkingSpec&) const = default;
};

/// Failed service with retries (what task queues do): each service attempt fails with
/// `failure_probability`; a failed customer waits a `backoff` delay (off the station, not
/// holding a server) and rejoins the same station's queue, until `max_attempts` attempts have
/// been made; after that it leaves as failed.
struct RetrySpec {
  double failure_probability = 0.0;
  std::uint32_t max_attempts = 1;
  DistributionSpec backoff = dist::Deterministic{0.0};

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const RetrySpec&) const = default;
};

/// One station: a queue in front of `servers` identical servers.
struct StationSpec {
  std::string name;
  /// Number of servers c; empty = infinitely many (a delay / think-time station).
  std::optional<std::uint32_t> servers = 1;
  /// Time-varying number of servers; when set it overrides `servers` (which then holds the
  /// schedule's maximum). A server whose shift ends finishes its current customer first.
  std::optional<PiecewiseConstant> server_schedule;
  /// Most customers allowed in the station (waiting + in service); empty = infinite.
  /// Customers arriving to a full station are lost (p_block).
  std::optional<std::uint64_t> capacity;
  /// Customers present at time 0, per class (empty = none).
  std::vector<std::uint64_t> backlog;
  Discipline discipline = Discipline::Fifo;
  /// Time slice for Discipline::RoundRobin.
  double quantum = 0.0;
  /// Service time distribution, one per customer class (same size as Scenario::classes).
  std::vector<DistributionSpec> service;
  /// Routing after service, one per customer class (same size as Scenario::classes).
  std::vector<RoutingSpec> routing;
  std::optional<BalkingSpec> balking;
  /// Patience: a customer still waiting (not in service) after this time abandons (reneges).
  std::optional<DistributionSpec> patience;
  std::optional<RetrySpec> retry;

  [[nodiscard]] bool infinite_servers() const { return !servers.has_value(); }
  [[nodiscard]] std::uint64_t total_backlog() const;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const StationSpec&) const = default;
};

/// How the start of each replication is discarded.
struct WarmupSpec {
  enum class Kind {
    Auto,       ///< MSER-5: one cut from pilot replications (batch means: from the run)
    None,       ///< keep everything
    Customers,  ///< discard the first `amount` departures
    Time,       ///< discard everything before time `amount`
  };
  Kind kind = Kind::Auto;
  double amount = 0.0;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const WarmupSpec&) const = default;
};

/// How confidence intervals are formed.
enum class CiMethod {
  Replications,  ///< independent replications, Student t across replication means
  BatchMeans,    ///< one long run cut into batches (non-overlapping batch means)
};

/// The `run:` section. Unset optionals take the engine's defaults.
struct RunSpec {
  /// Stop each replication after this many customers have left the system (served, lost,
  /// balked, reneged or failed); for a closed network, after this many completions at the
  /// population's start station.
  std::optional<std::uint64_t> customers;
  /// Stop each replication at this simulated time.
  std::optional<double> horizon;
  WarmupSpec warmup;
  std::uint32_t replications = 10;
  std::uint64_t seed = 42;
  double confidence = 0.95;
  /// Sequential stopping: add replications until every reported mean's relative CI
  /// half-width is at most this (0.01 = 1%).
  std::optional<double> precision;
  /// Wall-clock budget for sequential stopping, in seconds.
  std::optional<double> time_budget_seconds;
  CiMethod ci_method = CiMethod::Replications;
  /// Quantile levels to report for W and Wq (empty = the defaults 0.5, 0.9, 0.95, 0.99).
  std::vector<double> quantiles;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const RunSpec&) const = default;
};

/// A whole scenario file.
struct Scenario {
  std::string name;
  std::string description;
  std::string source_file;        ///< path the scenario was read from (empty if built in code)
  std::string time_unit = "s";    ///< unit of every time in this scenario
  double seconds_per_unit = 1.0;  ///< length of one time unit in seconds
  std::vector<CustomerClassSpec> classes{{"default", 1}};
  std::vector<ArrivalSpec> arrivals;
  std::vector<StationSpec> stations;
  /// Closed network: this many customers circulate for ever and there are no arrivals.
  std::optional<std::uint64_t> population;
  /// Station where the closed population starts (and where cycles are counted).
  std::size_t population_start = 0;
  RunSpec run;
  /// The `slo:` section, in file order (empty = none given; the planner then assumes defaults).
  std::vector<SloSpec> slos;
  /// The `cost:` section, when given.
  std::optional<CostSpec> cost;
  /// Arrival rates known only as a range (`rate: 120/s ± 15%`), by arrival index; the
  /// arrival's `interarrival` holds the nominal rate. Only the capacity planner reads them.
  std::vector<RateRange> rate_ranges;

  [[nodiscard]] bool is_closed() const { return population.has_value(); }
  [[nodiscard]] bool has_classes() const { return classes.size() > 1; }
  /// Index of the station with this name, if any.
  [[nodiscard]] std::optional<std::size_t> find_station(const std::string& name) const;
  /// Index of the class with this name, if any.
  [[nodiscard]] std::optional<std::size_t> find_class(const std::string& name) const;

  /// Field-by-field equality (doubles compared exactly), e.g. for round-trip tests.
  bool operator==(const Scenario&) const = default;
};

}  // namespace kendall::model
