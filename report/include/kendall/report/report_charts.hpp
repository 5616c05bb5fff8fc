#pragma once
/// \file
/// The charts of a capacity report, built from scenario and result types: W and Wq against
/// load with today's point and the SLO line, utilization by station, the waiting-time
/// distribution (simulated quantiles with the analytic curve where theory has one), and
/// servers per interval for a daily profile. Each comes with the numbers behind it, so the
/// Markdown report can show them as a table.

#include <optional>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/report/page.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::report::charts {

/// An SLO bound to draw as a horizontal line: `metric` at `station` (empty = end to end).
struct SloLine {
  std::string station;
  std::string metric;
  double bound = 0.0;       ///< in the metric's scenario unit
  std::string text;         ///< "api Wq_p95 < 200ms"
  bool upper_bound = true;  ///< value must stay below the bound (else above)
  /// For metric "service_level": the wait target t of P(Wq <= t) >= bound.
  std::optional<double> wait_at_most = std::nullopt;
};

/// The scenario's `slo:` section as lines, `station: all` expanded to every station.
/// Service-level SLOs (P(Wq <= t) >= share) are included with metric "service_level".
[[nodiscard]] std::vector<SloLine> slo_lines(const model::Scenario& scenario);

/// Quantile levels a simulation must report so that every SLO in `slos` can be judged: a
/// service level P(Wq <= t) >= s is judged by the s-quantile of Wq (Wq_p80 <= t), since
/// P(Wq <= t) >= s exactly when the s-quantile is at most t. Ascending, no repeats.
[[nodiscard]] std::vector<double> slo_quantile_levels(const std::vector<SloLine>& slos);

/// W, Wq and Wq_p95 of a station from theory as all arrival rates grow from a quarter of
/// today's to `max_factor` × today's, with today's simulated values (and intervals) on top and
/// the station's time SLOs as lines. Empty when theory has no answer for the station.
[[nodiscard]] std::optional<page::Figure> load_figure(const model::Scenario& scenario,
                                                      std::size_t station,
                                                      const sim::StationResult* simulated,
                                                      const std::vector<SloLine>& slos,
                                                      double max_factor);

/// Utilization of every finite-server station: simulated bars with intervals, theory ticks,
/// utilization SLOs as lines.
[[nodiscard]] std::optional<page::Figure> utilization_figure(
    const model::Scenario& scenario, const std::vector<sim::StationResult>& simulated,
    const model::ScenarioSolution* solution, const std::vector<SloLine>& slos);

/// P(Wq <= t) at a station: the simulated quantiles with their intervals, and theory's curve
/// (and its atom at zero, 1 − p_wait) where theory has the distribution.
[[nodiscard]] std::optional<page::Figure> wait_cdf_figure(const model::Scenario& scenario,
                                                          std::size_t station,
                                                          const sim::StationResult& simulated);

/// Servers per interval of a station with a schedule over its period, next to the offered
/// load (arrival rate × mean service time: the busy servers needed on average) where the
/// arrivals come straight from a rate profile. `recommended` adds a second schedule (from a
/// plan), one value per interval start of `starts`.
struct ScheduleSeries {
  std::string label;
  std::vector<double> starts;  ///< scenario time units from the period start
  std::vector<double> servers;
  bool dashed = false;
};
[[nodiscard]] std::optional<page::Figure> schedule_figure(
    const model::Scenario& scenario, std::size_t station,
    const std::vector<ScheduleSeries>& extra = {});

/// Largest load factor worth drawing: just below saturation of the bottleneck, at most 2.
[[nodiscard]] double max_load_factor(const model::ScenarioSolution* solution);

}  // namespace kendall::report::charts
