#pragma once
/// \file
/// Open product-form networks: Jackson networks (Jackson 1963) and their multi-class BCMP
/// generalisation (Baskett, Chandy, Muntz & Palacios, "Open, closed, and mixed networks of
/// queues with different classes of customers", JACM 22(2), 1975; Kelly, *Reversibility and
/// Stochastic Networks*, 1979, §3.1–3.4).
///
/// Assumptions: Poisson external arrivals per class and station; after service at station i
/// a class-r customer goes to station j with probability P^(r)_ij and leaves with the rest;
/// unlimited waiting room; stations of the four BCMP types below. Then the stationary
/// distribution is the product of the stations' marginals, each station behaves like the
/// corresponding single queue fed by Poisson arrivals at its total rate λ_i, and:
///   traffic equations   λ^(r) = γ^(r) + λ^(r) P^(r)          (per class, see
///   traffic_equations.hpp) visit ratios        V_i = λ_i / γ,  V_ir = λ_ir / γ_r station metrics
///   M/M/c (FCFS), insensitive M/G/c-PS, M/G/∞, M/G/1 LCFS-PR end to end          L = Σ L_i,  W = L
///   / γ (Little),  throughput = γ
///                       per class W_r = Σ_i V_ir W_ir.
/// A station's per-visit waiting and sojourn time distributions are those of the isolated
/// FIFO M/M/c (arrivals see time averages in open Jackson networks), so FCFS stations carry
/// exact Wq/W quantiles; the end-to-end sojourn distribution is not computed.
///
/// Stability: station i is stable when ρ_i = λ_i E[S_i] / c_i < 1. An unstable single-class
/// network is solved as in Goodman & Massey, "The non-ergodic Jackson network", J. Appl.
/// Prob. 21 (1984): the saturated set S is found by iterating
///   λ_i = γ_i + Σ_{j∉S} λ_j P_ji + Σ_{j∈S} c_j μ_j P_ji
/// until S stops growing; saturated stations grow at rate λ_i − c_i μ_i (stable=false), and
/// the other stations converge to the product-form marginals with these long-run rates, so
/// they keep exact results. With several classes, stations downstream of a saturated station
/// are reported without a result (how a saturated station splits its output among classes
/// depends on its discipline).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// The four BCMP station types.
enum class OpenStationType {
  /// FIFO, exponential service with the same mean for every class (BCMP type 1). Any number
  /// of servers; no servers (empty) means infinitely many.
  Fcfs,
  /// Processor sharing: n customers share c servers, each served at rate min(1, c/n). Any
  /// service distribution, per class (BCMP type 2; c > 1 is Kelly's symmetric queue).
  ProcessorSharing,
  /// Infinitely many servers (delay), any service distribution per class (BCMP type 3).
  InfiniteServer,
  /// Last come first served, preemptive resume, one server, any service distribution per
  /// class (BCMP type 4).
  LcfsPreemptiveResume,
};

struct OpenStation {
  std::string name;
  OpenStationType type = OpenStationType::Fcfs;
  /// Number of servers c ≥ 1; empty = infinitely many. InfiniteServer ignores it;
  /// LcfsPreemptiveResume requires exactly 1.
  std::optional<std::uint32_t> servers = 1;
  /// Mean service time per visit, one per class (> 0 for every class that visits).
  std::vector<double> mean_service;
};

/// One customer class: its external arrivals and its routing.
struct OpenClass {
  std::string name;
  /// γ_ir ≥ 0, one per station.
  Eigen::VectorXd external;
  /// P^(r), substochastic, stations × stations.
  Eigen::MatrixXd routing;
};

struct OpenNetwork {
  std::vector<OpenStation> stations;
  std::vector<OpenClass> classes;
};

struct OpenNetworkResult {
  /// False when some station is saturated (ρ ≥ 1).
  bool stable = true;
  /// One per station; empty where no exact answer exists (see station_reasons).
  std::vector<std::optional<AnalyticResult>> stations;
  /// Why stations[i] is empty (empty string when it is not).
  std::vector<std::string> station_reasons;
  /// λ_i: long-run arrival rate into each station (all classes).
  Eigen::VectorXd arrival_rates;
  /// λ_ir, stations × classes.
  Eigen::MatrixXd class_arrival_rates;
  /// V_i = λ_i / γ: mean visits per customer entering the network.
  Eigen::VectorXd visit_ratios;
  /// V_ir = λ_ir / γ_r (0 for classes without arrivals), stations × classes.
  Eigen::MatrixXd class_visit_ratios;
  /// End to end: L, W, throughput when stable; throughput (departures from the network) only
  /// when not.
  Metrics network;
  /// End-to-end L, W, throughput per class (classes with arrivals), when stable.
  std::vector<ClassMetrics> network_classes;
  /// Finite-server station with the highest utilization at the given arrival rates.
  std::optional<std::size_t> bottleneck;
  /// Factor by which every external arrival rate can be multiplied before the bottleneck
  /// saturates: 1 / max_i ρ_i (< 1 when the network is already unstable). Empty when no
  /// station has finitely many servers.
  std::optional<double> max_arrival_scaling;
  /// Saturated stations (ρ ≥ 1).
  std::vector<std::size_t> saturated;
  /// Rate at which the number of customers in the network grows (Σ over saturated stations).
  std::optional<double> growth_rate;
  std::vector<std::string> notes;
};

/// Solves an open BCMP network. Options are passed to the per-station M/M/c formulas (Wq/W
/// quantiles and service level of FCFS stations).
/// \throws InvalidParameter for malformed input (see validate), a closed routing loop, or an
///         FCFS station whose classes have different mean service times (not product form).
[[nodiscard]] OpenNetworkResult solve_open_network(const OpenNetwork& network,
                                                   const QueryOptions& options = {});

/// The marginal of one BCMP station fed by Poisson arrivals at rates `class_rates` (one per
/// class, in the order of `class_names`): exactly what solve_open_network reports for a stable
/// station. Per-class metrics are filled when there is more than one class.
[[nodiscard]] AnalyticResult bcmp_station(const OpenStation& station,
                                          const Eigen::RowVectorXd& class_rates,
                                          const std::vector<std::string>& class_names,
                                          const QueryOptions& options = {});

/// Throws InvalidParameter naming the problem: no station or class, sizes that do not match,
/// negative or NaN rates, servers < 1, an LCFS-PR station with c ≠ 1, no external arrivals.
void validate(const OpenNetwork& network);

/// A single-class Jackson network of FCFS M/M/c stations: servers[i] (empty = infinite),
/// service rate mu[i] per server, external Poisson rates gamma and routing P.
[[nodiscard]] OpenNetwork jackson_network(std::vector<std::string> names,
                                          std::vector<std::optional<std::uint32_t>> servers,
                                          const std::vector<double>& mu, Eigen::VectorXd gamma,
                                          Eigen::MatrixXd routing);

}  // namespace kendall::model
