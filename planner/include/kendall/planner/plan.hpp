#pragma once
/// \file
/// The answer of `kendall plan`: how many servers each station needs to meet every SLO, how
/// much traffic growth that leaves, what it costs, a schedule for a daily profile, and the
/// worst case of an uncertain demand. Plain data; the CLI prints it (table, JSON contract in
/// docs/plan-json.md, Markdown, CSV) and kendall::report writes capacity reports from it.
///
/// Units: every time is in the scenario's time unit (`time_unit`, `seconds_per_unit`), every
/// rate per scenario time unit, probabilities and utilizations are fractions. Costs are per
/// hour of wall time. Fields are only ever added, never renamed or removed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/metrics.hpp"
#include "kendall/model/slo.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::planner {

/// Method label of a value measured by simulation.
inline constexpr const char* simulation_method = "simulation";

/// What kind of quantity a metric is, so that writers can print units ("ms", "/s", "%").
enum class Quantity {
  Time,         ///< scenario time units (W, Wq, Wq_p95, makespan ...)
  Rate,         ///< per scenario time unit (throughput, lambda)
  Probability,  ///< a fraction in [0, 1] (p_wait, p_block, p_abandon, service_level)
  Utilization,  ///< a fraction of capacity (utilization)
  Count,        ///< a number of customers or servers (L, Lq, busy_servers)
};

/// One metric value as the planner knows it: from theory (exact or a labelled approximation)
/// and/or from simulation (with its confidence interval). `value` is the one the verdict uses:
/// the simulated mean when there is a simulation, else the analytic value.
struct MetricValue {
  double value = 0.0;
  /// Analytic value and its method ("exact", "approximation (...)"), when theory gives one.
  std::optional<double> analytic;
  std::string analytic_method;
  /// Simulated estimate with its interval, when simulated.
  std::optional<sim::Estimate> simulated;
  /// Where `value` comes from: the analytic method, or simulation_method.
  std::string method;
  /// The metric `simulated` estimates when it is not the verdict's own: a service level
  /// P(Wq <= t) >= s is simulated as the s-quantile of Wq ("Wq_p80", a time) and judged
  /// against t. Empty when `simulated` is the verdict's metric.
  std::string simulated_metric;
};

/// One SLO judged in one configuration.
struct SloVerdict {
  /// The SLO as written, for people: "api Wq_p95 < 200ms", "agents P(Wq <= 20s) >= 80%".
  std::string slo;
  std::string metric;   ///< vocabulary name, e.g. "Wq_p95", "service_level"
  std::string station;  ///< station name; empty = end to end
  Quantity quantity = Quantity::Time;
  bool upper_bound = true;  ///< value must be below `bound` (else above)
  double bound = 0.0;
  /// For service_level: the wait target t in P(Wq <= t).
  std::optional<double> wait_at_most;
  /// The value; empty when neither theory nor simulation could give it (then pass is false
  /// and `reason` says why).
  std::optional<MetricValue> value;
  bool pass = false;
  /// True when this SLO is one of the defaults the planner assumed (no `slo:` in the file).
  bool assumed = false;
  std::string reason;
};

/// The SLO metrics of one station at one server count: c−1, c or c+1 around a recommendation.
struct ServerOption {
  std::uint32_t servers = 0;
  /// One per SLO that concerns this station, in the order of PlanResult::slos.
  std::vector<SloVerdict> verdicts;
  bool meets = false;  ///< every verdict passes
  bool stable = true;
};

/// One simulated quantile of the wait Wq, with its interval.
struct SimulatedQuantile {
  double level = 0.0;  ///< 0.95 for Wq_p95
  sim::Estimate estimate;
};

/// One point of theory's waiting-time distribution: the `level`-quantile of Wq is `value`.
struct AnalyticQuantile {
  double level = 0.0;
  double value = 0.0;
};

/// The distribution of the wait Wq at one station in one configuration, as the capacity
/// report draws it: P(Wq = 0) = 1 − p_wait, then the quantiles. Simulated where the plan
/// simulated that configuration; theory's curve where theory has the distribution (a grid of
/// levels 1% … 99%, 99.5%, 99.9%). Both come from the libraries; the planner only keeps them.
struct WaitDistribution {
  std::string configuration;  ///< "today" or "recommended"
  std::uint32_t servers = 0;  ///< this station's servers in the configuration
  std::optional<double> analytic_p_wait;
  std::string analytic_method;             ///< of theory's curve; empty without one
  std::vector<AnalyticQuantile> analytic;  ///< ascending level; empty without a distribution
  std::optional<sim::Estimate> simulated_p_wait;
  std::vector<SimulatedQuantile> simulated;  ///< ascending level; empty when not simulated
  bool stable = true;                        ///< false: the queue grows, no distribution
};

/// The plan for one station.
struct StationPlan {
  std::string name;
  /// Servers in the scenario file; empty = infinitely many (a delay station, never sized).
  std::optional<std::uint32_t> servers_today;
  /// Fewest servers meeting every SLO (with the other stations at their recommendation);
  /// empty when not sized (delay station) or no count up to the search limit meets them.
  std::optional<std::uint32_t> recommended_servers;
  /// Servers of the cheapest configuration meeting the SLOs (only with a `cost:` section).
  std::optional<std::uint32_t> cheapest_servers;
  /// How the recommendation was found: an analytic method ("exact", "approximation (...)")
  /// or simulation_method when simulation overruled or replaced theory.
  std::string method;
  /// Confirmed by simulation at the recommended count.
  bool confirmed_by_simulation = false;
  /// SLO metrics at c−1, c and c+1 (c−1 omitted when c = 1): the minimality made visible.
  std::vector<ServerOption> around_recommendation;
  /// Analytic model of the station at the recommendation ("M/M/c", "M/M/c+M", "G/G/c" ...).
  std::string model;
  /// With abandonment: what Erlang C (the same station without abandonment) would recommend,
  /// to show how much Erlang C over-staffs. Empty otherwise or when Erlang C cannot meet it.
  std::optional<std::uint32_t> erlang_c_servers;
  /// Stations whose SLO cannot be judged by theory or simulation; why, and other remarks.
  std::vector<std::string> notes;
  /// When the recommendation differs from today: the wait's distribution today and with the
  /// recommendation (in that order), for the report's waiting-time chart.
  std::vector<WaitDistribution> wait_distributions;
};

/// One row of the load table: every arrival rate multiplied by `factor`.
struct LoadPoint {
  double factor = 1.0;
  bool meets = false;
  bool stable = true;
  std::vector<SloVerdict> verdicts;  ///< one per SLO instance, as in PlanResult::slos
};

/// How far all arrival rates can grow, together, before an SLO breaks.
struct Headroom {
  /// Which servers were assumed: "recommended" or "today".
  std::string configuration = "recommended";
  /// Largest growth factor meeting every SLO (1.31 = 31% more traffic); empty when even
  /// factor 1 fails or no SLO constrains growth.
  std::optional<double> factor;
  /// Station whose SLO breaks first as traffic grows (empty for an end-to-end SLO).
  std::string bottleneck;
  /// The SLO that breaks first, as written.
  std::string breaking_slo;
  /// Time-varying load: the interval of the period where it breaks first ("20:00–22:00");
  /// empty for stationary load.
  std::string interval;
  /// "exact", "approximation (...)", or simulation_method when confirmed/overruled by it.
  std::string method;
  bool confirmed_by_simulation = false;
  /// At 0.8×, 1.0×, 1.2×, 1.5× and at the breaking factor, ascending.
  std::vector<LoadPoint> load_table;
  std::vector<std::string> notes;
};

/// Servers of every station (scenario order) with their hourly cost.
struct ConfigurationCost {
  std::string label;                   ///< "today", "smallest", "cheapest"
  std::vector<std::uint32_t> servers;  ///< per station; 0 for a delay station
  double servers_per_hour = 0.0;
  double waiting_per_hour = 0.0;
  double lost_per_hour = 0.0;
  double total_per_hour = 0.0;
  bool meets = false;  ///< meets every SLO
};

/// The cost comparison (only with a `cost:` section).
struct CostComparison {
  std::string currency;
  ConfigurationCost today;
  ConfigurationCost smallest;  ///< the recommended (fewest servers) configuration
  ConfigurationCost cheapest;  ///< lowest total cost among configurations meeting the SLOs
  std::string method;          ///< how waiting and losses were valued (analytic / simulation)
};

/// One interval of a time-varying plan, for one station.
struct IntervalPlan {
  double start = 0.0;  ///< scenario time units from the start of the period
  double end = 0.0;
  double lambda = 0.0;                    ///< arrival rate offered to the station in the interval
  std::uint32_t servers_today = 0;        ///< from the scenario's schedule (or fixed servers)
  std::uint32_t stationary_servers = 0;   ///< fewest meeting the SLOs as a stationary period
  std::uint32_t recommended_servers = 0;  ///< after whole-period simulation corrections
  /// SLOs judged by the stationary analytic model at stationary_servers.
  std::vector<SloVerdict> stationary;
  /// SLOs judged by the whole-period simulation with the recommended schedule, over the
  /// customers arriving in this interval; empty when the simulator cannot tell them apart.
  std::vector<SloVerdict> simulated;
  bool meets = false;
};

/// Staffing schedule for one station under time-varying load.
struct StationSchedule {
  std::string station;
  std::vector<IntervalPlan> intervals;
  double period = 0.0;  ///< scenario time units (e.g. 24 h)
  /// Server-hours per period today and recommended.
  double server_hours_today = 0.0;
  double server_hours_recommended = 0.0;
};

struct SchedulePlan {
  std::vector<StationSchedule> stations;
  /// Rounds of "simulate the whole period, add servers where it fails".
  std::uint32_t correction_rounds = 0;
  bool simulated = false;
  /// What the simulator could not measure (e.g. per-interval metrics), said plainly.
  std::vector<std::string> missing;
  std::vector<std::string> notes;
};

/// One demand case of an uncertain rate: every uncertain arrival at its low, nominal or
/// high rate.
struct DemandCase {
  std::string label;                   ///< "low", "nominal", "high"
  std::vector<double> arrival_rates;   ///< per scenario arrival, in file order
  std::vector<std::uint32_t> servers;  ///< fewest per station meeting the SLOs in this case
  bool feasible = true;
  /// Time-varying load: server-hours per period per station (scenario order; 0 where the
  /// station is not scheduled) of this case's schedule; `servers` then holds its peak.
  std::vector<double> server_hours;
};

struct DemandRangePlan {
  std::vector<DemandCase> cases;
  /// The case that needs the most servers (the plan's recommendation covers it).
  std::string worst_case;
  std::vector<std::string> notes;
};

/// How the simulations behind the plan were run.
struct SimulationSettings {
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  /// Same random numbers for every configuration compared (common random numbers).
  bool common_random_numbers = true;
  std::uint32_t configurations_simulated = 0;
};

struct PlanResult {
  std::string scenario;     ///< scenario name
  std::string source_file;  ///< path it was read from
  std::string time_unit = "s";
  double seconds_per_unit = 1.0;
  /// True when the file has no `slo:` section and the planner assumed defaults.
  bool defaults_assumed = false;
  /// The defaults, in words, when assumed ("utilization < 0.8 at every station", ...).
  std::vector<std::string> assumed_defaults;
  /// Every SLO instance (`station: all` expanded per station) judged today and at the plan.
  std::vector<SloVerdict> slos_today;
  std::vector<SloVerdict> slos;
  /// True when the recommended configuration meets every SLO.
  bool feasible = false;
  std::vector<StationPlan> stations;
  Headroom headroom;                       ///< with the recommended servers
  std::optional<Headroom> headroom_today;  ///< with today's servers
  std::optional<CostComparison> cost;
  std::optional<SchedulePlan> schedule;          ///< time-varying load only
  std::optional<DemandRangePlan> demand;         ///< uncertain arrival rates only
  std::optional<SimulationSettings> simulation;  ///< empty when nothing was simulated
  /// Where theory and simulation disagreed (the plan trusts the simulation), in words.
  std::vector<std::string> disagreements;
  std::vector<std::string> notes;
};

}  // namespace kendall::planner
