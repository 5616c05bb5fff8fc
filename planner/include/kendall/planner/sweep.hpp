#pragma once
/// \file
/// The answer of `kendall sweep`: a grid of what-if points, one or two scenario parameters
/// varied, each point solved by theory and simulated with confidence intervals. Plain data;
/// the CLI prints it (JSON contract in docs/sweep-json.md) and kendall::report charts it.
/// Fields are only ever added, never renamed or removed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::planner {

/// One varied parameter: `api.servers=1..16`, `arrivals.api.rate=80/s..160/s:9`.
struct SweepAxis {
  /// As written on the command line, left of '=': "api.servers", "arrivals.api.rate".
  std::string parameter;
  /// Station the parameter belongs to (for arrivals: the station the arrivals go to).
  std::string station;
  /// What is varied: "servers", "capacity", "rate" (arrival rate), "service_mean".
  std::string field;
  /// The values, ascending, in the scenario's units (rates per scenario time unit).
  std::vector<double> values;
};

/// Theory and simulation for one station at one point.
struct SweepStationValues {
  std::string name;
  /// Analytic result when theory gives one (method says exact or which approximation).
  std::optional<model::AnalyticResult> analytic;
  /// Why there is no analytic result.
  std::string analytic_reason;
  /// Simulated estimates; empty when the point was not simulated (or was interrupted).
  std::optional<sim::StationResult> simulated;
};

struct SweepPoint {
  /// One value per axis, in axis order.
  std::vector<double> coordinates;
  std::vector<SweepStationValues> stations;
  /// End-to-end analytic metrics (empty when theory has none) and simulated estimates.
  model::Metrics network_analytic;
  std::string network_method;
  sim::EstimateSet network_simulated;
  bool stable = true;     ///< analytically stable (or, without theory, not seen growing)
  bool finished = false;  ///< the simulation of this point completed (false after Ctrl-C)
  std::vector<std::string> notes;
};

struct SweepResult {
  std::string scenario;
  std::string source_file;
  std::string time_unit = "s";
  double seconds_per_unit = 1.0;
  std::vector<SweepAxis> axes;
  /// Row-major over the axes (the last axis varies fastest).
  std::vector<SweepPoint> points;
  std::uint32_t replications = 0;
  std::uint64_t seed = 0;
  double confidence = 0.95;
  /// Same seed stream per replication at every point (the default), or independent seeds.
  bool common_random_numbers = true;
  bool simulated = true;  ///< false with --no-sim (theory only)
  /// False when interrupted: then only points with finished == true carry simulations.
  bool complete = true;
  std::vector<std::string> notes;
};

}  // namespace kendall::planner
