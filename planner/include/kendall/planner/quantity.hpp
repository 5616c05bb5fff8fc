#pragma once
/// \file
/// What kind of quantity a vocabulary metric is (time, rate, probability ...), so writers can
/// attach units to every number.

#include <string_view>

#include "kendall/planner/plan.hpp"

namespace kendall::planner {

/// Quantity of a metric name: "Wq_p95" → Time, "throughput" → Rate, "p_block" → Probability,
/// "utilization" → Utilization, "L" → Count. Unknown names are Count (a bare number).
[[nodiscard]] Quantity quantity_of(std::string_view metric);

/// Short name of a quantity for JSON and CSV: "time", "rate", "probability", "utilization",
/// "count".
[[nodiscard]] std::string_view quantity_name(Quantity q);

}  // namespace kendall::planner
