#pragma once
/// \file
/// What a scenario promises and what it costs: the `slo:` and `cost:` sections of a scenario
/// file, and the uncertainty of an arrival rate (`rate: 120/s ± 15%`, `rate: {low:, high:}`).
/// Plain data read by the scenario reader and used by the capacity planner (kendall::planner);
/// the simulator and the analytic solver ignore them. Every time is in the scenario's time
/// unit, every rate per scenario time unit, every probability a fraction in [0, 1].

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kendall::model {

/// Where an SLO applies.
enum class SloScope {
  Station,      ///< one station (SloSpec::station)
  AllStations,  ///< every station (`station: all`), each on its own
  Network,      ///< end to end (no `station:`)
};

/// One service-level objective: a bound on one metric of the DESIGN.md vocabulary.
/// `{station: api, metric: Wq_p95, below: 200ms}` is {Station, api, "Wq_p95", upper, 200};
/// `{station: agents, service_level: {wait_at_most: 20s, share: 80%}}` is
/// {Station, agents, "service_level", lower bound 0.8, wait_at_most 20}.
struct SloSpec {
  SloScope scope = SloScope::Station;
  /// Index into Scenario::stations (Station scope only).
  std::optional<std::size_t> station;
  /// Metric name from the vocabulary: "utilization", "Wq", "Wq_p95", "p_block",
  /// "p_abandon", "Wq_served", "service_level", ... (see planner docs for the full list).
  std::string metric;
  /// True for `below:` (value must be < bound), false for `above:` (value must be > bound).
  bool upper_bound = true;
  /// The bound, in the metric's own unit (scenario time unit, per time unit, or fraction).
  double bound = 0.0;
  /// For metric "service_level": the wait target t of P(Wq <= t) >= bound.
  std::optional<double> wait_at_most;
  /// The SLO in words, derived from the fields above (slo_text): "api Wq_p95 < 200ms".
  std::string text;

  bool operator==(const SloSpec&) const = default;
};

/// Metrics an SLO may bound at a station (quantiles are written Wq_p95, W_p99.9, ...; the
/// list holds the usual ones): the "did you mean" candidates.
[[nodiscard]] const std::vector<std::string>& station_slo_metrics();
/// Metrics an SLO may bound end to end (no `station:`).
[[nodiscard]] const std::vector<std::string>& network_slo_metrics();
/// Whether `metric` can be bounded in this scope: a listed name, or a quantile of W, Wq or
/// Wq_served (W only end to end) at a level strictly between 0 and 100.
[[nodiscard]] bool is_slo_metric(std::string_view metric, SloScope scope);
/// Level of a quantile metric ("Wq_p95" → 0.95, "W_p99.9" → 0.999, "Wq_served_p80" → 0.8);
/// empty for other names.
[[nodiscard]] std::optional<double> quantile_level(std::string_view metric);

/// The SLO in words, in the scenario's time unit: "api Wq_p95 < 200ms",
/// "every station utilization < 0.8", "end to end W_p99 < 1s", "agents P(Wq <= 20s) >= 80%".
/// `station_name` is the station's name (ignored for other scopes).
[[nodiscard]] std::string slo_text(const SloSpec& slo, std::string_view station_name,
                                   std::string_view time_unit);

/// The optional `cost:` section: what capacity and bad service cost, per hour of wall time.
struct CostSpec {
  /// Per station (index into Scenario::stations): cost of one server for one hour. Empty
  /// optional = not given (the station's servers are free for the comparison).
  std::vector<std::optional<double>> per_server_hour;
  /// Cost of one customer waiting (not in service) for one hour.
  double per_waiting_hour = 0.0;
  /// Cost of one customer lost (blocked) or abandoning.
  double per_lost_customer = 0.0;
  /// Currency label for output ("" = none given).
  std::string currency;

  bool operator==(const CostSpec&) const = default;
};

/// An arrival rate known only as a range: `rate: 120/s ± 15%` → {102, 120, 138} per second
/// (converted to the scenario time unit); `rate: {low: 100/s, high: 140/s}` → nominal is the
/// midpoint. The arrival's own rate is the nominal one.
struct RateRange {
  std::size_t arrival = 0;  ///< index into Scenario::arrivals
  double low = 0.0;
  double nominal = 0.0;
  double high = 0.0;

  bool operator==(const RateRange&) const = default;
};

}  // namespace kendall::model
