#pragma once
/// \file
/// Readers for the sections of a scenario file: classes, stations (with routing), arrivals
/// and run settings. Each records its problems in the ReadContext and returns what it could
/// read; the loader assembles the Scenario.

#include <optional>
#include <vector>

#include "kendall/model/scenario.hpp"

#include "read_context.hpp"

namespace kendall::model::detail {

/// The classes section: names and priorities (also fills ctx.declared_classes/class_names).
[[nodiscard]] std::optional<std::vector<CustomerClassSpec>> read_classes(ReadContext& ctx,
                                                                         const Entry& e);

/// What a station's per-class fields covered, for the per-class completeness check that
/// needs the whole network (a class may omit a station it never reaches).
struct PerClassCoverage {
  std::vector<bool> service_given;  ///< per class
  std::vector<bool> routing_given;  ///< per class
  YAML::Mark service_mark;
  YAML::Mark next_mark;
};

/// One item of the stations list. `index` is its position in the list.
[[nodiscard]] std::optional<StationSpec> read_station(ReadContext& ctx, const Entry& item,
                                                      std::size_t index,
                                                      PerClassCoverage& coverage);

/// One item of the arrivals list.
[[nodiscard]] std::optional<ArrivalSpec> read_arrival(ReadContext& ctx, const Entry& item);

/// The run section.
[[nodiscard]] std::optional<RunSpec> read_run(ReadContext& ctx, const Entry& e);

}  // namespace kendall::model::detail
