#pragma once
/// \file
/// The SLOs a plan is judged against: the file's slo: section with `station: all` expanded
/// per station, or — when the file has none — the stated defaults.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"

namespace kendall::planner::detail {

struct SloInstance {
  model::SloSpec spec;
  std::optional<std::size_t> station;  ///< empty = end to end
  std::string text;
  bool assumed = false;  ///< a default the planner assumed
};

/// The file's SLOs, `station: all` expanded over stations with finitely many servers.
[[nodiscard]] std::vector<SloInstance> expand_slos(const model::Scenario& s);

/// Default utilization bound when the file states no SLO.
inline constexpr double default_utilization_bound = 0.8;

/// The defaults: utilization < 0.8 at every finite-server station, and Wq_p95 no worse than
/// today's value (`today_wq_p95[i]`, empty where today's value is unknown or unstable).
[[nodiscard]] std::vector<SloInstance> default_slos(
    const model::Scenario& s, const std::vector<std::optional<double>>& today_wq_p95);

/// Quantile levels the SLOs need from theory and simulation (Wq_p95 → 0.95; a service level
/// of 80% → 0.8, judged by simulation as Wq_p80 <= the wait target).
[[nodiscard]] std::vector<double> needed_quantiles(const std::vector<SloInstance>& slos);

}  // namespace kendall::planner::detail
