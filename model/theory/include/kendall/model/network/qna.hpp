#pragma once
/// \file
/// Arrival variability in non-product-form open networks by the linkage equations of Whitt's
/// Queueing Network Analyzer (W. Whitt, "The Queueing Network Analyzer", Bell System
/// Technical Journal 62(9), 1983, §4; the hybrid superposition of §4.3).
///
/// Each flow is summarised by its rate and squared coefficient of variation (SCV). With
/// p_ij = λ_i q_ij / λ_j the share of station j's arrivals that come from station i (q_ij the
/// routing probability) and p_kj that of external stream k:
///   departures   c_d,i² = ρ_i² x_i + (1 − ρ_i²) c_a,i²,   x_i = 1 + m_i^{−1/2}(max(c_s,i², 0.2) −
///   1) splitting    c_ij²  = q_ij c_d,i² + 1 − q_ij   (random, Bernoulli splitting)
///                c_ij²  = q_ij c_d,i²              (round robin to 1/q_ij targets: every
///                                                    k-th departure, so the interval is a sum
///                                                    of k departure intervals)
///   superposition c_a,j² = w_j Σ_s p_sj c_sj² + 1 − w_j,
///                w_j = 1 / (1 + 4 (1 − ρ_j)² (v_j − 1)),  v_j = 1 / Σ_s p_sj²
/// which is the linear system c_a,j² = a_j + Σ_i c_a,i² b_ij (Whitt 1983, §4),
/// solved here with Eigen. ρ_i is the per-server utilization, m_i the number of servers; an
/// infinite-server station passes its arrival variability through (ρ treated as 0).
/// This is an approximation; it is exact for the rates, for Poisson flows through M/M/c
/// stations in feed-forward networks, and for round robin applied to a renewal stream.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <Eigen/Dense>

namespace kendall::model {

/// How a station's departures are divided among the next stations.
enum class QnaSplitting {
  Bernoulli,  ///< each customer chooses independently (probabilistic or uniform random routing)
  Cyclic,     ///< round robin: the targets take turns
};

struct QnaStation {
  double arrival_rate = 0.0;             ///< λ_j, total (external + routed)
  double utilization = 0.0;              ///< ρ_j per server, in [0, 1)
  std::optional<std::uint32_t> servers;  ///< m_j; empty = infinitely many
  double service_scv = 1.0;              ///< c_s,j²
  QnaSplitting splitting = QnaSplitting::Bernoulli;
};

struct QnaExternalStream {
  std::size_t station = 0;
  double rate = 0.0;
  double scv = 1.0;  ///< SCV of the stream's interarrival times (1 = Poisson)
};

/// c_a,j² for every station (1 for stations with no arrivals).
/// \param routing  q_ij, aggregated over classes: Σ_r λ_ir P^(r)_ij / λ_i
/// \throws InvalidParameter on sizes that do not match or utilizations outside [0, 1).
[[nodiscard]] Eigen::VectorXd qna_arrival_scv(const std::vector<QnaStation>& stations,
                                              const Eigen::MatrixXd& routing,
                                              const std::vector<QnaExternalStream>& external);

/// QNA's correction of Kingman's one-server wait for smooth arrivals (Whitt 1983, §5), the
/// Kraemer–Langenbach-Belz factor
///   g = exp(−2(1 − ρ)(1 − ca²)² / (3ρ(ca² + cs²)))  when ca² < 1,
/// which multiplies Kingman's Wq (e.g. for the Erlang-k intervals that round-robin splitting
/// produces). Empty when it does not apply: ca² ≥ 1, ρ ≤ 0 or ca² + cs² ≤ 0.
[[nodiscard]] std::optional<double> qna_klb_factor(double utilization, double arrival_scv,
                                                   double service_scv);

}  // namespace kendall::model
