#pragma once
/// \file
/// The result of a whole experiment (many replications): every metric as a point estimate
/// with its confidence interval. Both engines (DES and executor testbed) return this type, so
/// the CLI, GUI, reports and validation compare analytic vs simulated with one code path.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kendall/model/scenario.hpp"
#include "kendall/sim/replication_output.hpp"

namespace kendall::sim {

/// A point estimate with its confidence interval.
struct Estimate {
  double mean = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  /// Independent observations behind the interval (replications or batches).
  std::uint32_t n = 0;

  [[nodiscard]] double half_width() const { return 0.5 * (ci_high - ci_low); }
  /// Half-width relative to |mean| (infinite when the mean is 0 and the width is not).
  [[nodiscard]] double relative_half_width() const;
  [[nodiscard]] bool contains(double value) const { return ci_low <= value && value <= ci_high; }
};

/// Insertion-ordered name → Estimate map, same names as model::Metrics.
class EstimateSet {
 public:
  using Entry = std::pair<std::string, Estimate>;
  void set(std::string_view name, const Estimate& e);
  [[nodiscard]] std::optional<Estimate> get(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return get(name).has_value(); }
  [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return entries_; }
  [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

struct ClassEstimates {
  std::string name;
  EstimateSet metrics;
};

struct StationResult {
  std::string name;
  EstimateSet metrics;
  std::vector<ClassEstimates> classes;  ///< per class, scenario order; empty if single class
  /// True when the number in station grows without bound (detected from the data).
  bool unstable = false;
  /// Growth rate of the number in station (customers per time unit) — reported when unstable.
  std::optional<Estimate> growth_rate;
};

/// Why the experiment stopped adding replications.
enum class StopReason {
  Completed,         ///< the planned number of replications ran
  PrecisionReached,  ///< sequential stopping: every tracked metric reached the target
  TimeBudget,        ///< sequential stopping: the wall-clock budget ran out first
  MaxReplications,   ///< sequential stopping: the replication cap was hit first
  Cancelled,         ///< cancelled; the result covers the replications completed
};

struct ExperimentResult {
  std::string scenario;
  std::string engine = "des";
  std::uint32_t replications = 0;  ///< replications completed and used
  std::uint64_t seed = 0;
  double confidence = 0.95;
  model::CiMethod ci_method = model::CiMethod::Replications;
  std::vector<StationResult> stations;
  EstimateSet network;
  std::vector<ClassEstimates> network_classes;
  /// Warm-up actually cut, averaged over replications (in model time and in departures).
  model::WarmupSpec warmup_requested;
  double warmup_time_mean = 0.0;
  double warmup_customers_mean = 0.0;
  StopReason stop_reason = StopReason::Completed;
  std::optional<double> precision_target;
  /// Largest relative half-width over the metrics sequential stopping tracks.
  std::optional<double> precision_reached;
  std::uint64_t events = 0;
  double wall_seconds = 0.0;
  /// Human-readable remarks (instability, too few observations, ...).
  std::vector<std::string> notes;
};

}  // namespace kendall::sim
