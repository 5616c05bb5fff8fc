#pragma once
/// \file
/// Traffic equations of networks with probabilistic (Markov) routing.
///
/// Open network: λ = γ + λP, i.e. (I − Pᵀ) λ = γ, where γ_i is the external arrival rate into
/// station i and P_ij the probability that a customer leaving i goes to j (the rest of row i,
/// 1 − Σ_j P_ij, leaves the network). Solved with Eigen (LU with partial pivoting) on the
/// stations customers can reach. The solution exists and is unique and non-negative exactly
/// when every reachable station eventually leads to an exit (Pᵀ restricted to them has
/// spectral radius < 1); a closed loop with no exit is reported as an error that names the
/// trapped stations. Source: Jackson (1963); Gross, Shortle, Thompson & Harris,
/// *Fundamentals of Queueing Theory*, 4th ed. (2008), §4.1, eq. (4.3).
///
/// Closed network: visit ratios V = V P with V_ref = 1 (one cycle = one visit to the
/// reference station). Lazowska et al., *Quantitative System Performance* (1984), §3.4
/// ("forced flow law"); Menascé, Almeida & Dowdy, *Performance by Design* (2004), §3.2.3.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace kendall::model {

/// Throws InvalidParameter unless `routing` is a square substochastic matrix with one row per
/// name: entries finite and in [0, 1], each row summing to at most 1 (+1e-9 for rounding).
/// The message names the offending station(s).
void validate_routing_matrix(const Eigen::MatrixXd& routing,
                             std::span<const std::string> station_names);

/// Total arrival rate λ_i into every station of an open network (external + routed).
/// Stations that no customer can reach get exactly 0.
/// \param routing   P, validated with validate_routing_matrix
/// \param external  γ, finite and ≥ 0, one per station
/// \throws InvalidParameter on a malformed input, or when customers can reach stations from
///         which no route leads to an exit ("stations 'a', 'b' form a closed loop ...").
[[nodiscard]] Eigen::VectorXd solve_traffic_equations(const Eigen::MatrixXd& routing,
                                                      const Eigen::VectorXd& external,
                                                      std::span<const std::string> station_names);

/// Visit ratios of a closed network: V = V P, V_reference = 1. Stations that customers starting
/// at the reference can never reach get 0.
/// \throws InvalidParameter when a reachable station's routing row does not sum to 1 (customers
///         would leave a closed network), or when customers can reach stations from which they
///         never return to the reference station (they would accumulate there).
[[nodiscard]] Eigen::VectorXd solve_visit_ratios(const Eigen::MatrixXd& routing,
                                                 std::size_t reference,
                                                 std::span<const std::string> station_names);

/// reach[i][j] == true when a customer leaving station i can eventually arrive at station j
/// (paths of length ≥ 1 through positive routing probabilities).
[[nodiscard]] std::vector<std::vector<bool>> routing_reachability(const Eigen::MatrixXd& routing);

}  // namespace kendall::model
