#pragma once
/// \file
/// Internals of the scenario solver (not part of the public API).

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"

namespace kendall::model::detail {

/// What a station's single-queue model needs to know about its arrivals.
struct StationInput {
  /// λ_ir per scenario class (0 for classes that never come).
  std::vector<double> class_rates;
  /// True when the arrivals are exactly a Poisson process (then exact formulas apply).
  bool poisson = true;
  /// SCV of the interarrival times when not Poisson (QNA estimate or the stream's own).
  double arrival_scv = 1.0;
  /// Where arrival_scv came from, for notes ("QNA linkage", "renewal arrivals").
  std::string scv_source;
  /// True when arrival_scv is a QNA estimate (the station is fed by other stations), false
  /// when it is the SCV of the external renewal stream(s) themselves.
  bool scv_from_qna = false;
};

struct StationAnswer {
  std::optional<AnalyticResult> result;
  /// Why there is no result.
  std::string reason;
  /// Fraction of arriving customers that are admitted (1 − p_block).
  double admitted = 1.0;
  /// Fraction of arriving customers that complete service and move on (admitted, not
  /// abandoned).
  double served = 1.0;
};

/// The station as the single queue it is, fed by `input`. Stations with a schedule, balking or
/// retries are handled by the caller (no answer); everything else is decided here.
[[nodiscard]] StationAnswer solve_station_model(const Scenario& scenario, std::size_t station,
                                                const StationInput& input,
                                                const QueryOptions& options);

/// Why the station's admitted/served fractions cannot be computed for any arrival rate
/// (capacity or patience without a model), or nullopt when they can (or there is no loss).
/// `visiting[k]` says whether class k can reach the station (only those classes' service
/// matters).
[[nodiscard]] std::optional<std::string> loss_unknown_reason(const Scenario& scenario,
                                                             std::size_t station,
                                                             const std::vector<bool>& visiting);

/// Whether the station is a product-form (quasi-reversible) station for the classes that
/// visit it: nothing that loses, delays or reorders customers by size, probabilistic routing,
/// and exponential service with one rate for all classes unless it is PS or a delay station.
/// `visiting[k]` says whether class k comes.
[[nodiscard]] std::optional<std::string> not_product_form_reason(const Scenario& scenario,
                                                                 std::size_t station,
                                                                 const std::vector<bool>& visiting);

/// A constant server count when the station has a schedule whose values never change.
[[nodiscard]] std::optional<std::uint32_t> constant_schedule(const StationSpec& station);

[[nodiscard]] ScenarioSolution solve_open(const Scenario& scenario, const QueryOptions& options);
[[nodiscard]] ScenarioSolution solve_closed(const Scenario& scenario, const QueryOptions& options);
[[nodiscard]] ScenarioSolution solve_backlog(const Scenario& scenario);

/// "'a', 'b'" for a list of station indices.
[[nodiscard]] std::string quoted_names(const Scenario& scenario,
                                       const std::vector<std::size_t>& stations);

}  // namespace kendall::model::detail
