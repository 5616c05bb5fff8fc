#pragma once
/// \file
/// The analytic library's single-queue models that the scenario solver needs beyond M/M/c,
/// M/M/c/K and M/M/∞, adapted to scenario classes (not part of the public API).

#include <cstdint>
#include <vector>

#include "kendall/model/analytic_result.hpp"
#include "kendall/model/distribution_spec.hpp"
#include "kendall/model/scenario.hpp"

namespace kendall::model::detail::bridge {

/// M/G/1 FIFO (exact): Pollaczek–Khinchine means, plus the exact waiting-time distribution
/// where the analytic library has it for this service distribution.
[[nodiscard]] AnalyticResult mg1(double lambda, const DistributionSpec& service,
                                 const QueryOptions& options);

/// M/G/1 FIFO from the service mean and SCV only (exact means, no distribution).
[[nodiscard]] AnalyticResult mg1(double lambda, double mean_service, double service_scv,
                                 const QueryOptions& options);

/// M/G/1 with priority classes (non-preemptive Cobham, or preemptive resume), per scenario
/// class in the scenario's order. Classes of the same priority level form one FIFO level
/// (their service is the mixture; within a level every class waits the same time before its
/// service first starts). Classes with rate 0 are reported with throughput 0.
[[nodiscard]] AnalyticResult mg1_priority(const Scenario& scenario, const StationSpec& station,
                                          const std::vector<double>& class_rates, bool preemptive,
                                          const QueryOptions& options);

/// Erlang-A, M/M/c+M (exact).
[[nodiscard]] AnalyticResult erlang_a(double lambda, double mu, std::uint32_t c,
                                      double patience_mean, const QueryOptions& options);

/// M/G/c by Allen–Cunneen with Poisson arrivals (approximation; M/G/1 for c = 1 is exact and
/// handled by mg1).
[[nodiscard]] AnalyticResult mgc(double lambda, double mu, std::uint32_t c, double service_scv,
                                 const QueryOptions& options);

/// Kingman (c = 1) or Allen–Cunneen (c > 1) from the arrival and service SCVs (approximation).
[[nodiscard]] AnalyticResult gg(double lambda, double mu, std::uint32_t c, double arrival_scv,
                                double service_scv, const QueryOptions& options);

}  // namespace kendall::model::detail::bridge
