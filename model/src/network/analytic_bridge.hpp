#pragma once
/// \file
/// The single-queue models of the analytic library that the scenario solver uses beyond
/// M/M/c, M/M/c/K and M/M/∞, behind one narrow interface (not part of the public API).

#include <cstdint>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/scenario.hpp"

namespace kendall::model::detail::bridge {

/// M/G/1 by Pollaczek–Khinchine from the service mean and SCV (exact).
[[nodiscard]] AnalyticResult mg1(double lambda, double mean_service, double service_scv, const QueryOptions& options);

/// M/G/1 with priority classes (non-preemptive Cobham, or preemptive resume), per class in
/// the scenario's class order; classes with rate 0 are reported with throughput 0.
[[nodiscard]] AnalyticResult mg1_priority(const Scenario& scenario, const std::vector<double>& class_rates,
                                          bool preemptive, const QueryOptions& options);

/// Erlang-A, M/M/c+M with patience rate theta (exact).
[[nodiscard]] AnalyticResult erlang_a(double lambda, double mu, std::uint32_t c, double theta,
                                      const QueryOptions& options);

/// Kingman (c = 1) or Allen–Cunneen (c > 1) from the arrival and service SCVs (approximation).
[[nodiscard]] AnalyticResult allen_cunneen(double lambda, double mu, std::uint32_t c, double arrival_scv,
                                           double service_scv);

}  // namespace kendall::model::detail::bridge
