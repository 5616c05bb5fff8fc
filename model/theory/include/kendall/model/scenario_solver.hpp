#pragma once
/// \file
/// `kendall solve scenario.yaml`: everything queueing theory can say about a scenario — per
/// station an exact result, a labelled approximation, or the precise reason why there is no
/// analytic answer; and the same for the network as a whole. See docs/networks.md
/// ("Scenario solver") for the decision rules; in short, most exact first:
///
///  1. Open network, every station product form (exponential FIFO-like with one rate for all
///     classes, processor sharing or infinite servers with any service), Poisson arrivals at
///     constant rates, probabilistic routing, no capacity/balking/patience/retries/schedules:
///     Jackson/BCMP, exact for every station and end to end (open_network.hpp).
///  2. Otherwise, per station:
///     - its marginal is exact BCMP when every station upstream of it (and itself) is product
///       form and fed by Poisson streams: that sub-network evolves on its own;
///     - it is exactly the single queue it is (M/M/c, M/M/c/K, M/M/c+M, M/G/1, M/G/1 with
///       priority classes, M/G/∞, PS ...) when it is on no routing cycle and everything
///       upstream is product form with Poisson input — its arrivals are then Poisson (flows
///       leaving a network of quasi-reversible stations are independent Poisson streams;
///       Kelly, *Reversibility and Stochastic Networks*, 1979, ch. 3; Melamed, Adv. Appl.
///       Prob. 11, 1979);
///     - otherwise a labelled approximation with the traffic-equation rate and an arrival SCV
///       from Whitt's QNA linkage equations (qna.hpp): Kingman with the Kraemer–Langenbach-Belz
///       factor (one server) / Allen–Cunneen (c servers); losses upstream (capacity,
///       abandonment, failed attempts) reduce the flows downstream (a fixed point);
///     - no answer, with the reason, for time-varying arrivals, server schedules, balking,
///       retries, join-shortest-queue routing, and for stations downstream of those.
///  3. Closed network: exact MVA when product form, the labelled MVA correction otherwise
///     (mva.hpp), with the X(n)/R(n) curves and asymptotic bounds.
///  4. No arrivals, only a backlog: the exact makespan by list scheduling when service times
///     are deterministic or replayed in order at FIFO stations whose customers then leave.
/// A station given as exactly one single-queue model returns exactly the numbers of that
/// model's function.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/network/asymptotic_bounds.hpp"
#include "kendall/model/network/mva.hpp"
#include "kendall/model/scenario.hpp"

namespace kendall::model {

/// Method labels of the scenario solver's approximations (besides method::kingman,
/// method::allen_cunneen and method::schweitzer).
namespace method {
/// QNA's one-server formula (Whitt 1983, §5): Kingman's G/G/1 formula with the arrival SCV
/// from QNA's linkage equations, times the Kraemer–Langenbach-Belz factor when that SCV is
/// below 1.
inline constexpr const char* qna_kingman =
    "approximation (QNA: Kingman with the KLB factor, arrival SCV by QNA)";
/// Allen–Cunneen's G/G/c formula with the arrival SCV from QNA's linkage equations.
inline constexpr const char* qna_allen_cunneen =
    "approximation (Allen-Cunneen, arrival SCV by QNA)";
/// An exact single-queue formula applied to arrivals that are not Poisson.
inline constexpr const char* poisson_assumed = "approximation (Poisson arrivals assumed)";
}  // namespace method

struct StationSolution {
  std::string name;
  /// The station's analytic result (exact or labelled approximation), when one exists.
  std::optional<AnalyticResult> result;
  /// Why there is no result (empty when there is one).
  std::string reason;
};

/// End-to-end figures of the whole scenario.
struct NetworkSolution {
  /// "exact" or an approximation label (the least exact of the stations' methods).
  std::string method = method::exact;
  bool stable = true;
  /// Rate at which the number of customers in the system grows, when unstable and known.
  std::optional<double> growth_rate;
  /// Open: L (every customer present), throughput (customers leaving after service per time
  /// unit; blocked, abandoning and failed customers are lost, not counted), W (mean time in the
  /// system of those served customers; docs/networks.md says how losses are accounted).
  /// Closed: throughput (cycles per time unit), W (time from leaving the reference station to
  /// returning), L (customers away from the reference station), cycle_time.
  /// Backlog: makespan.
  Metrics metrics;
  /// Per-class end-to-end metrics (open networks with several classes).
  std::vector<ClassMetrics> classes;
  /// Finite-server station with the highest utilization.
  std::optional<std::string> bottleneck;
  /// Factor by which all arrival rates can grow before the bottleneck saturates (open networks
  /// without losses): 1 / max utilization.
  std::optional<double> max_arrival_scaling;
  /// Stations that saturate (utilization ≥ 1 with unlimited waiting room).
  std::vector<std::string> saturated;
  std::vector<std::string> notes;
};

enum class ScenarioKind {
  Open,     ///< external arrivals
  Closed,   ///< a fixed population circulates
  Backlog,  ///< no arrivals: customers present at time 0 drain
};

struct ScenarioSolution {
  std::string name;
  ScenarioKind kind = ScenarioKind::Open;
  /// One per scenario station, in file order.
  std::vector<StationSolution> stations;
  std::optional<NetworkSolution> network;
  /// Why there is no network result (empty when there is one).
  std::string network_reason;
  /// Mean visits per customer entering the network (open) or per cycle (closed), per station.
  std::vector<double> visit_ratios;
  /// Closed networks: X(n), R(n) and per-station curves for n = 1..N.
  std::optional<MvaCurves> curves;
  /// Closed networks: asymptotic bounds.
  std::optional<AsymptoticBounds> bounds;
  /// Remarks about the scenario as a whole (what was ignored, which rule applied).
  std::vector<std::string> notes;
};

/// Solves a scenario analytically as far as theory allows.
/// \throws InvalidParameter when the scenario itself is invalid (validate_scenario errors,
///         or a routing loop with no exit) — never for "no analytic answer", which is reported
///         in the solution.
[[nodiscard]] ScenarioSolution solve_scenario(const Scenario& scenario,
                                              const QueryOptions& options = {});

}  // namespace kendall::model
