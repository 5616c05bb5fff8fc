#pragma once
/// \file
/// A closed single-class queueing network as the mean value analysis (MVA) sees it: a fixed
/// population of customers cycling through stations, each station described by how often a
/// customer visits it per cycle and how long one visit's service takes.
///
/// A *cycle* is one visit to the reference station (usually the think-time station of an
/// interactive system). Throughput X is measured in cycles per time unit; the demand of
/// station i is D_i = V_i · S_i (time of service needed per cycle).
///
/// Product form (BCMP; Baskett, Chandy, Muntz & Palacios 1975) holds when every queueing
/// station is FIFO with exponential service (any number of servers) or processor sharing with
/// any service distribution, and delay stations have any service distribution. A FIFO station
/// whose service SCV is not 1 breaks product form; mva() then labels its answer as an
/// approximation.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kendall::model {

enum class ClosedStationKind {
  Fcfs,              ///< FIFO queue, `servers` servers; exact when service is exponential (scv 1)
  ProcessorSharing,  ///< PS with `servers` servers (rate min(n, c)/n each); any service
                     ///< distribution
  Delay,             ///< infinitely many servers (think time); any service distribution
};

struct ClosedStation {
  std::string name;
  ClosedStationKind kind = ClosedStationKind::Fcfs;
  /// c ≥ 1 for Fcfs and ProcessorSharing; ignored for Delay.
  std::uint32_t servers = 1;
  /// V_i ≥ 0: mean visits per cycle. Only ratios matter: they are divided by the reference
  /// station's visits.
  double visits = 1.0;
  /// S_i ≥ 0: mean service time of one visit, in the network's time unit.
  double service_time = 1.0;
  /// Squared coefficient of variation of the service time (only FIFO stations care).
  double service_scv = 1.0;
};

struct ClosedNetwork {
  std::vector<ClosedStation> stations;
  /// Index of the reference station; it must have visits > 0.
  std::size_t reference = 0;
  /// N ≥ 1 customers.
  std::uint64_t population = 1;
};

/// Service demand per cycle, D_i = V_i S_i / V_reference.
[[nodiscard]] std::vector<double> service_demands(const ClosedNetwork& network);

/// True when MVA on this network is exact (see the file comment).
[[nodiscard]] bool is_product_form(const ClosedNetwork& network);

/// Throws InvalidParameter naming the problem: no stations, reference out of range or not
/// visited, population 0, negative/NaN visits, service times or SCVs, servers < 1, or every
/// demand zero (throughput would be infinite).
void validate(const ClosedNetwork& network);

}  // namespace kendall::model
