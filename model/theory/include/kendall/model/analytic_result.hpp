#pragma once
/// \file
/// What the analytic library answers for one queue or one station: the model, how the numbers
/// were obtained (exact or which approximation), whether the system is stable, its parameters
/// and its metrics in the DESIGN.md vocabulary. Serialised as the JSON contract of DESIGN.md.

#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kendall/model/metrics.hpp"

namespace kendall::model {

/// Method labels. Every output prints `method` verbatim, so approximations are always
/// labelled as such.
namespace method {
inline constexpr const char* exact = "exact";
inline constexpr const char* kingman = "approximation (Kingman)";
inline constexpr const char* allen_cunneen = "approximation (Allen-Cunneen)";
inline constexpr const char* schweitzer = "approximation (Schweitzer MVA)";
}  // namespace method

/// Positive infinity, used for `servers` and `capacity` parameters meaning "unbounded".
inline constexpr double unbounded = std::numeric_limits<double>::infinity();

/// Metrics of one customer class at a station.
struct ClassMetrics {
  std::string name;
  Metrics metrics;
};

struct AnalyticResult {
  /// Kendall notation of the model solved: "M/M/1", "M/M/c", "M/M/c/K", "M/M/inf",
  /// "M/M/c//N", "M/G/1", "M/D/1", "M/E_k/1", "G/G/1", "G/G/c", "M/M/c+M", "M/G/1 priority" ...
  std::string model;
  /// "exact" or "approximation (...)"; see namespace method.
  std::string method = method::exact;
  /// False when the offered load cannot be carried (ρ ≥ 1 with infinite capacity). Then
  /// `metrics` holds only what is still meaningful (utilization as offered load, throughput)
  /// and growth_rate says how fast the queue grows.
  bool stable = true;
  /// Rate at which the number in system grows when unstable (customers per time unit).
  std::optional<double> growth_rate;
  /// Model parameters in DESIGN.md vocabulary (lambda, mu, servers, capacity, population,
  /// ...). Values may be `unbounded` (printed as "inf").
  std::vector<std::pair<std::string, double>> params;
  Metrics metrics;
  /// Per-class metrics, in the scenario's class order (priority models).
  std::vector<ClassMetrics> classes;
  /// Human-readable remarks: assumptions, why unstable, which approximation and its accuracy.
  std::vector<std::string> notes;

  void add_param(std::string name, double value) { params.emplace_back(std::move(name), value); }
};

/// Options that change what is computed, not the model.
struct QueryOptions {
  /// Quantile levels for Wq and W (the defaults when empty).
  std::vector<double> quantiles;
  /// Service-level target: adds `service_level` = P(Wq <= sla) where available.
  std::optional<double> sla;
};

}  // namespace kendall::model
