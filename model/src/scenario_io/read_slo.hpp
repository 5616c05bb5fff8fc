#pragma once
/// \file
/// Readers for what the capacity planner needs from a scenario file: the `slo:` and `cost:`
/// sections and uncertain arrival rates (`rate: 120/s ± 15%`, `rate: {low: 100/s, high: 140/s}`).

#include <optional>
#include <vector>

#include "kendall/model/slo.hpp"

#include "read_context.hpp"

namespace kendall::model::detail {

/// The slo section: a list of bounds, each naming a station (or `all`, or none for end to
/// end) and a metric of the vocabulary. Unknown stations and metrics, inputs such as
/// `servers`, and station-only metrics without a station are reported with a suggestion.
[[nodiscard]] std::optional<std::vector<SloSpec>> read_slos(ReadContext& ctx, const Entry& e);

/// The cost section: per_server_hour (one number or per station), per_waiting_hour,
/// per_lost_customer, currency. `station_count` sizes CostSpec::per_server_hour.
[[nodiscard]] std::optional<CostSpec> read_cost(ReadContext& ctx, const Entry& e,
                                                std::size_t station_count);

/// True when an arrival's `rate:` is written as a range or a spread, not a plain rate.
[[nodiscard]] bool is_uncertain_rate(const Entry& e);

/// An uncertain rate, converted to per ctx.time_unit.
[[nodiscard]] std::optional<RateRange> read_rate_range(ReadContext& ctx, const Entry& e);

}  // namespace kendall::model::detail
