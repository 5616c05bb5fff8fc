#pragma once
// The flow analysis of an open scenario (not part of the public API): the routing per class,
// the long-run external rates, who reaches whom, and which stations have no steady-state
// answer of their own or an input that something upstream makes unknown.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "kendall/model/scenario.hpp"

namespace kendall::model::detail {

/// A stream is stationary unless its rate profile really varies.
[[nodiscard]] bool stationary(const ArrivalSpec& a);
/// A stationary stream with exponential interarrival times.
[[nodiscard]] bool poisson_stream(const ArrivalSpec& a);
/// The long-run rate of a stream (exactly the rate written in the file when exponential).
[[nodiscard]] double stream_rate(const ArrivalSpec& a);
/// The SCV of a stream's interarrival times (1 for Poisson).
[[nodiscard]] double stream_scv(const ArrivalSpec& a);

[[nodiscard]] bool has_balking(const StationSpec& st);
[[nodiscard]] bool has_retries(const StationSpec& st);
/// Fraction of completed services routed on: failed customers that are not retried leave.
[[nodiscard]] double retry_pass(const StationSpec& st);
/// A server schedule whose values really change.
[[nodiscard]] bool has_schedule(const StationSpec& st);

struct Analysis {
  std::size_t stations = 0;
  std::size_t classes = 0;
  std::vector<std::string> names;
  std::vector<Eigen::MatrixXd> routing;   // per class
  std::vector<Eigen::VectorXd> external;  // per class, long-run rates
  Eigen::MatrixXd any_route;              // union of the classes' routing
  std::vector<std::vector<bool>> reach;   // reach[i][j]: i leads to j
  std::vector<bool> on_cycle;
  std::vector<bool> round_robin_out;  // every visiting class leaves by round robin
  std::vector<bool> jsq_out;
  std::vector<bool> non_bernoulli_out;     // some class leaves by round robin or JSQ
  std::vector<std::vector<bool>> visited;  // visited[i][k]: class k can reach station i
  /// Why the station itself has no steady-state answer (schedule, balking, retries,
  /// time-varying input), per station.
  std::vector<std::optional<std::string>> unsolvable;
  /// Why the station's input is unknown or not stationary (because of something upstream).
  std::vector<std::optional<std::string>> input_unknown;
};

/// Marks every station that `source` leads to (and `source` itself when `include_source`) as
/// having an unknown input, with `reason`, unless it already has one.
void mark_input_unknown_downstream(Analysis& a, std::size_t source, bool include_source,
                                   const std::string& reason);

/// The flow analysis of an open scenario.
[[nodiscard]] Analysis analyse(const Scenario& sc);

}  // namespace kendall::model::detail
