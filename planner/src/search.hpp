#pragma once
/// \file
/// The fewest servers per station meeting every SLO: an analytic search (per station a
/// doubling-then-bisection on c, since every SLO metric improves with more servers; then
/// end-to-end SLOs by adding the server that helps most), and a simulation search near the
/// analytic answer where theory is not exact or cannot judge an SLO.

#include <cstdint>
#include <string>
#include <vector>

#include "evaluate.hpp"
#include "variant.hpp"

namespace kendall::planner::detail {

struct SearchResult {
  Servers servers;
  bool feasible = false;
  /// Stations some SLO of which theory could not judge (simulation must decide).
  std::vector<bool> unjudged;
  std::vector<std::string> notes;
};

/// Analytic search from `start` (only stations with sizable() are changed).
[[nodiscard]] SearchResult analytic_search(const model::Scenario& s,
                                           const std::vector<SloInstance>& slos,
                                           const Servers& start, std::uint32_t max_servers);

struct SimulatedSearch {
  Servers servers;
  Evaluation evaluation;  ///< at `servers`, simulated
  std::vector<std::string> disagreements;
  std::uint32_t simulations = 0;
};

/// Confirms `start` by simulation; where it fails adds servers (failing stations, or the
/// busiest station for an end-to-end SLO), then tries one server fewer per station and keeps
/// it when the simulation still meets every SLO.
[[nodiscard]] SimulatedSearch simulated_search(const model::Scenario& s,
                                               const std::vector<SloInstance>& slos,
                                               const Servers& start, const SimulationPlan& plan);

}  // namespace kendall::planner::detail
