#pragma once
/// \file
/// Words with a fixed meaning in scenario files, shared by the loader (to tell a per-class
/// mapping from a distribution or a routing table) and by validation (names that would be
/// ambiguous are refused).

#include <string>
#include <vector>

namespace kendall::model::detail {

/// Keys of a distribution mapping (every family's parameters).
inline const std::vector<std::string>& distribution_keys() {
  static const std::vector<std::string> keys = {
      "dist", "rate",  "mean",  "value", "k",      "phase_rate", "shape", "scale", "scv",
      "sd",   "mu",    "sigma", "phases", "min",   "max",        "values", "file", "column",
      "unit", "mode",  "source"};
  return keys;
}

/// Words a `next:` mapping gives a meaning to.
inline const std::vector<std::string>& routing_keywords() {
  static const std::vector<std::string> keys = {"exit", "shortest_queue", "round_robin", "random"};
  return keys;
}

/// Distribution family names, in documentation order.
inline const std::vector<std::string>& distribution_families() {
  static const std::vector<std::string> names = {
      "exponential", "deterministic", "erlang",  "gamma",    "lognormal",
      "hyperexponential", "uniform",  "weibull", "empirical"};
  return names;
}

}  // namespace kendall::model::detail
