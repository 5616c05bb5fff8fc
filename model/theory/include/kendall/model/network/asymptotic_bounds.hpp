#pragma once
/// \file
/// Asymptotic (and pessimistic) bounds of a closed single-class network, from the service
/// demands alone (Lazowska, Zahorjan, Graham & Sevcik, *Quantitative System Performance*,
/// 1984, §5.2, Table 5.1; Jain, *The Art of Computer Systems Performance Analysis*, 1991,
/// §33.6). Valid for any product-form network and, for the throughput upper bound, for any
/// network whose stations serve at most c_i customers at once.
///
/// Notation: D = Σ D_i over queueing stations, Z = Σ D_i over delay stations (think time),
/// D_max = max_i D_i / c_i (a station with c servers saturates at throughput c/D_i; with one
/// server this is the classic D_max), `queueing time` R(n) = time per cycle spent at queueing
/// stations = n/X(n) − Z.
///
///   X(n) ≤ min(n / (D + Z), 1 / D_max)        R(n) ≥ max(D, n·D_max − Z)
///   X(n) ≥ n / (n·D + Z)                       R(n) ≤ n·D
///   N* = (D + Z) / D_max                       (the population where the two X bounds meet)

#include <cstddef>
#include <cstdint>
#include <optional>

#include "kendall/model/network/closed_network.hpp"

namespace kendall::model {

struct AsymptoticBounds {
  double total_demand = 0.0;  ///< D, queueing stations only
  double think_time = 0.0;    ///< Z, delay stations' demand
  double max_demand = 0.0;    ///< D_max = max D_i / c_i over queueing stations
  /// Station attaining D_max (the first one on ties); empty without queueing stations.
  std::optional<std::size_t> bottleneck;
  /// N* = (D + Z) / D_max; empty without queueing stations (throughput grows without bound).
  std::optional<double> n_star;

  /// Optimistic bound on throughput (cycles per time unit) at population n.
  [[nodiscard]] double throughput_upper(std::uint64_t n) const;
  /// Pessimistic bound on throughput at population n.
  [[nodiscard]] double throughput_lower(std::uint64_t n) const;
  /// Lower bound on the queueing time per cycle, R(n) = n / X(n) − Z.
  [[nodiscard]] double response_lower(std::uint64_t n) const;
  /// Upper bound on the queueing time per cycle.
  [[nodiscard]] double response_upper(std::uint64_t n) const;
};

/// Bounds of `network` (validated). A network without queueing stations has no D_max; then
/// max_demand = 0, bottleneck and n_star are empty and throughput_upper(n) = n / Z.
[[nodiscard]] AsymptoticBounds asymptotic_bounds(const ClosedNetwork& network);

}  // namespace kendall::model
