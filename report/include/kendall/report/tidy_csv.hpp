#pragma once
/// \file
/// The CSV form of every capacity report: one tidy row per station × metric × point, values
/// in the scenario's units (named in the `unit` column), with the seed — ready for a
/// spreadsheet, pandas or R without reshaping.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/sim/experiment_result.hpp"

namespace kendall::report {

struct TidyRow {
  std::string scenario;
  std::string point;    ///< "today", "api.servers=9", "load=1.2x", "servers=9" ...
  std::string station;  ///< "(network)" for end-to-end figures
  std::string customer_class;
  std::string metric;
  std::optional<double> analytic;
  std::string analytic_method;
  std::optional<sim::Estimate> simulated;
  std::string time_unit;  ///< the scenario's; the unit column is derived from it
  std::uint64_t seed = 0;
};

/// The header, in order.
[[nodiscard]] const std::vector<std::string>& tidy_columns();

/// "ms" for times, "/ms" for rates, "fraction" for utilization and probabilities,
/// "count" otherwise (scenario time unit `time_unit`).
[[nodiscard]] std::string unit_label(std::string_view metric, std::string_view time_unit);

/// RFC 4180 CSV with the tidy_columns() header; numbers in shortest round-trip form.
[[nodiscard]] std::string to_csv(const std::vector<TidyRow>& rows);

}  // namespace kendall::report
