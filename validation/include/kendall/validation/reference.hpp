#pragma once
/// \file
/// The reference side of a case: what theory (or the suite file) says each checked metric is.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/validation/suite.hpp"

namespace kendall::validation {

/// Metrics the runner derives per replication (and the reference derives from theory):
/// service_time = W − Wq (mean time in service), little_L_ratio = L / (throughput · W) and
/// little_Lq_ratio = Lq / (throughput · Wq), which Little's law makes exactly 1.
namespace derived {
inline constexpr std::string_view service_time = "service_time";
inline constexpr std::string_view little_L_ratio = "little_L_ratio";
inline constexpr std::string_view little_Lq_ratio = "little_Lq_ratio";
}  // namespace derived

/// One reference value.
struct ReferenceValue {
  std::optional<double> value;
  /// "exact", an approximation label, or "value in the suite".
  std::string method;
  /// The model that produced it ("M/M/c", "closed network (MVA)", ...).
  std::string model;
  /// False when theory says the station (or network) has no steady state.
  bool stable = true;
  std::optional<double> growth_rate;
  /// Why there is no value (empty when there is one).
  std::string reason;

  [[nodiscard]] bool exact() const {
    return method == model::method::exact || method == "value in the suite";
  }
};

/// The reference of one case, computed once. Construction never throws for "theory has no
/// answer" (lookup reports the reason); it throws only for an invalid case (e.g. an unknown
/// model name), as InvalidParameter.
class Reference {
 public:
  explicit Reference(const CaseSpec& spec);

  [[nodiscard]] ReferenceValue lookup(const Check& check) const;
  /// Same lookup by station / class / metric name.
  [[nodiscard]] ReferenceValue lookup(const std::string& station, const std::string& customer_class,
                                      const std::string& metric) const;

  /// "solve_scenario", "model::mmc(lambda = 0.8, mu = 1, servers = 3)", "values in the suite".
  [[nodiscard]] const std::string& description() const noexcept { return description_; }

 private:
  struct NamedResult {
    std::string name;
    std::optional<model::AnalyticResult> result;
    std::string reason;
  };

  [[nodiscard]] ReferenceValue from_result(const model::AnalyticResult& result,
                                           const std::string& customer_class,
                                           const std::string& metric) const;

  ReferenceSpec::Kind kind_;
  std::string description_;
  /// Stations by name (Solver, mva/schweitzer_mva calls).
  std::vector<NamedResult> stations_;
  /// One model call's result: answers for every station name.
  std::optional<model::AnalyticResult> single_;
  /// The network as a whole.
  std::optional<model::Metrics> network_;
  std::string network_method_ = model::method::exact;
  bool network_stable_ = true;
  std::optional<double> network_growth_;
  std::string network_reason_;
  /// Values written in the checks (Values).
  std::vector<Check> values_;
};

/// The quantile levels named by checks such as Wq_p95 or W_p99.9 (for QueryOptions and the
/// scenario's run.quantiles).
[[nodiscard]] std::vector<double> requested_quantiles(const std::vector<Check>& checks);

}  // namespace kendall::validation
