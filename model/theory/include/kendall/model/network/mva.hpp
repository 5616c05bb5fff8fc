#pragma once
/// \file
/// Mean value analysis of closed single-class networks: exact MVA (Reiser & Lavenberg 1980)
/// with load-dependent (multi-server) stations, and Schweitzer's approximate MVA.
///
/// Exact MVA, for n = 1..N (Lazowska et al., *QSP* 1984, §6.3, Algorithm 6.1; Jain 1991,
/// Box 34.2):
///   single server:  R_i(n) = D_i (1 + Q_i(n−1))
///   delay:          R_i(n) = D_i
///   c servers:      R_i(n) = D_i/c · [1 + Q_i(n−1) + Σ_{j=0}^{c−2} (c−1−j) p_i(j | n−1)]
///                   (Bolch, Greiner, de Meer & Trivedi, *Queueing Networks and Markov
///                   Chains*, 2nd ed. 2006, §8.2.1)
///   X(n) = n / Σ_i R_i(n),   Q_i(n) = X(n) R_i(n).
/// The marginal probabilities of a c-server station follow
///   p_i(j | n) = D_i X(n) / j · p_i(j−1 | n−1),  1 ≤ j ≤ c−2,
/// and, instead of the textbook p_i(0 | n) = 1 − (…) — a subtraction that loses all accuracy
/// once the station is busy and then blows up through the recursion (errors grow like
/// c^c / c!) — Kendall uses the exact ratio
///   p_i(0 | n) = p_i(0 | n−1) · X(n) · G_{−i}(n) / G_{−i}(n−1),
/// where G_{−i} is the normalising constant of the network without station i (Reiser 1981,
/// "Mean value analysis and convolution method for queue-dependent servers"). G_{−i} is
/// computed once by convolution in log space, so every quantity in the recursion is a sum or
/// product of positive numbers: no cancellation, no overflow. A station with c ≥ N servers is
/// a delay station for this population (min(j, c) = j for j ≤ N) and is treated as one.
/// Cost: O(N · (M + Σ c_i)) for the recursion plus O(K · N · (M + Σ c_i)) exp/log1p
/// operations for the K multi-server stations' complements (c_i < N).
///
/// A FIFO single-server station with service SCV ≠ 1 is not product form; mva() then uses
/// the residual-service correction R_i(n) = D_i [1 + Q_i(n−1) + U_i(n−1)(scv − 1)/2]
/// — the arrival theorem applied as a heuristic: an arriving customer finds Q_i(n−1)
/// customers, one of them in service with probability U_i(n−1), and that one's mean
/// residual service is S(1 + scv)/2 (renewal theory) — and labels the result
/// "approximation (MVA, non-exponential FIFO service)". Multi-server FIFO stations with
/// scv ≠ 1 are then treated as exponential (noted).
///
/// Schweitzer's approximation (Schweitzer 1979; QSP §6.4.2.2) replaces Q_i(n−1) by
/// (n−1)/n · Q_i(n). Kendall solves the resulting fixed point exactly as a monotone
/// one-dimensional equation in X,
///   f(X) = X·Z + Σ_i X d_i / (1 − (n−1)/n · X d_i) − n = 0,
/// by Newton's method from the right (f is increasing and convex), so it always converges. A
/// c-server station is approximated as in Seidmann, Schweitzer & Shalev-Oren (1987): a
/// single server with demand D/c followed by a delay of D(c−1)/c.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/network/closed_network.hpp"

namespace kendall::model {

/// Performance of a closed network for every population n = 1..N (index n − 1), for plots.
struct MvaCurves {
  /// X(n): cycles per time unit (= throughput of the reference station / its visits).
  std::vector<double> throughput;
  /// R(n): mean time from leaving the reference station to returning to it
  /// = cycle_time(n) − residence time at the reference station. DESIGN.md's network `W`.
  std::vector<double> response_time;
  /// C(n) = n / X(n): mean time of one whole cycle, reference station included.
  std::vector<double> cycle_time;
  /// Per station [i][n − 1]: mean number present Q_i(n).
  std::vector<std::vector<double>> queue_length;
  /// Per station [i][n − 1]: residence time per cycle R_i(n) = V_i × (time per visit).
  std::vector<std::vector<double>> residence_time;
  /// Per station [i][n − 1]: utilization per server X(n) D_i / c_i; for delay stations the
  /// mean number busy X(n) D_i.
  std::vector<std::vector<double>> utilization;

  [[nodiscard]] std::size_t size() const noexcept { return throughput.size(); }
};

struct MvaSolution {
  /// method::exact, method::schweitzer, or "approximation (MVA, non-exponential FIFO service)".
  std::string method;
  MvaCurves curves;
  std::vector<std::string> notes;

  /// Values at the full population N.
  [[nodiscard]] double throughput() const { return curves.throughput.back(); }
  [[nodiscard]] double response_time() const { return curves.response_time.back(); }
  [[nodiscard]] double cycle_time() const { return curves.cycle_time.back(); }
};

/// Label of the non-product-form MVA variant.
inline constexpr const char* mva_general_fifo_method =
    "approximation (MVA, non-exponential FIFO service)";

/// Exact MVA (or the labelled correction for non-exponential FIFO stations), n = 1..N.
/// \throws InvalidParameter when validate(network) does.
[[nodiscard]] MvaSolution mva(const ClosedNetwork& network);

/// Schweitzer approximate MVA, solved for every n = 1..N. Labelled method::schweitzer.
[[nodiscard]] MvaSolution schweitzer_mva(const ClosedNetwork& network);

/// Per-station results at population N in the DESIGN.md vocabulary: utilization (finite
/// servers), busy_servers, L = Q_i, W = residence per visit, throughput = X·V_i, and for FIFO
/// and delay stations Lq and Wq (= W − S_i). Stations never visited report zeros and no W.
/// model "closed network (MVA)", params servers, mu, visits, population.
[[nodiscard]] std::vector<AnalyticResult> closed_station_results(const ClosedNetwork& network,
                                                                 const MvaSolution& solution);

/// Network metrics at population N: throughput X, W = R(N) (see MvaCurves::response_time),
/// L = customers away from the reference station (= X·W, Little), and `cycle_time`.
[[nodiscard]] Metrics closed_network_metrics(const ClosedNetwork& network,
                                             const MvaSolution& solution);

/// Metric name for the cycle time of a closed network (not in the single-queue vocabulary).
inline constexpr std::string_view cycle_time_metric = "cycle_time";

}  // namespace kendall::model
