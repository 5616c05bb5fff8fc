#pragma once
/// \file
/// Reading a distribution mapping (`{dist: lognormal, mean: 45ms, scv: 1.5}`) into a
/// DistributionSpec in the scenario's time unit. See docs/scenario-format.md, "Distributions".

#include <optional>

#include "kendall/model/distribution_spec.hpp"

#include "read_context.hpp"

namespace kendall::model::detail {

/// What the distribution describes; only a retry backoff may be written as a bare duration
/// (meaning a constant delay).
enum class DistributionRole { Service, Interarrival, Patience, Backoff };

[[nodiscard]] std::optional<DistributionSpec> read_distribution(ReadContext& ctx, const Entry& e,
                                                                DistributionRole role);

}  // namespace kendall::model::detail
