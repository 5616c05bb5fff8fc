#pragma once
/// \file
/// Words with a fixed meaning in scenario files, shared by the loader (to tell a per-class
/// mapping from a distribution or a routing table) and by validation (names that would be
/// ambiguous are refused).

#include <string>
#include <vector>

#include "kendall/model/scenario.hpp"

namespace kendall::model::detail {

/// Keys of a distribution mapping (every family's parameters).
inline const std::vector<std::string>& distribution_keys() {
  static const std::vector<std::string> keys = {
      "dist",  "rate",   "mean", "value",  "k",     "phase_rate", "shape",
      "scale", "scv",    "sd",   "mu",     "sigma", "phases",     "min",
      "max",   "values", "file", "column", "unit",  "mode",       "source"};
  return keys;
}

/// Words a `next:` mapping gives a meaning to: exit and the keys of the routing policies
/// (routing_policy_names(), probabilistic excepted: it is the table form, without a key).
inline const std::vector<std::string>& routing_keywords() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> words{std::string(exit_keyword)};
    for (const auto& p : routing_policy_names()) {
      if (p.value != RoutingPolicy::Probabilistic) words.emplace_back(p.name);
    }
    return words;
  }();
  return keys;
}

/// Distribution family names, in documentation order.
inline const std::vector<std::string>& distribution_families() {
  static const std::vector<std::string> names = {"exponential", "deterministic", "erlang",
                                                 "gamma",       "lognormal",     "hyperexponential",
                                                 "uniform",     "weibull",       "empirical"};
  return names;
}

}  // namespace kendall::model::detail
