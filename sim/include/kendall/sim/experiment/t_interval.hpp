#pragma once
/// \file
/// Confidence intervals for a mean from independent, identically distributed observations
/// (replication means or batch means): the Student t interval.

#include <cstdint>
#include <optional>
#include <span>

#include "kendall/sim/experiment_result.hpp"

namespace kendall::sim {

/// Sample mean and unbiased sample variance.
struct SampleSummary {
  std::uint32_t n = 0;
  double mean = 0.0;
  double variance = 0.0;  ///< s² with divisor n − 1 (0 when n < 2)
};

/// Two-pass mean and variance, summed in the order given, so the same observations in the
/// same order always give bit-identical results (the caller fixes the order). Throws
/// InvalidParameter if a value is not finite.
[[nodiscard]] SampleSummary summarize_sample(std::span<const double> values);

/// x̄ ± t_{ν, (1+confidence)/2} · s/√n with ν = n − 1 (Law, "Simulation Modeling and
/// Analysis", 5th ed., eq. 4.12; exact for normal observations, asymptotically valid
/// otherwise). Returns nullopt when n < 2: one observation gives no interval. Identical
/// observations give the degenerate interval [x̄, x̄]. Throws InvalidParameter for a confidence
/// outside (0, 1) or non-finite values.
[[nodiscard]] std::optional<Estimate> t_interval(std::span<const double> values, double confidence);

/// The same interval from a summary.
[[nodiscard]] std::optional<Estimate> t_interval(const SampleSummary& summary, double confidence);

}  // namespace kendall::sim
