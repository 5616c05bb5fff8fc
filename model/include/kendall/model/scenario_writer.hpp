#pragma once
/// \file
/// Writing a Scenario as a scenario file (YAML), e.g. after editing it in the GUI or applying
/// CLI overrides. The output follows docs/scenario-format.md.

#include <filesystem>
#include <string>

#include "kendall/model/scenario.hpp"

namespace kendall::model {

/// The scenario as YAML text. Durations and rates are written in the scenario's time unit with
/// the unit spelled out (`mean: 45ms`, `rate: 0.12/ms`) and with shortest round-trip digits,
/// so that for every valid scenario parse_scenario(save_scenario_yaml(s)) == s, except
/// Scenario::source_file. Values of empirical distributions read from a trace file are written
/// inline (with `source:` naming the trace). Per-class service and routing are written once
/// when every class has the same. A scenario that cannot be represented at all (a station or
/// class index out of range, per-class lists of the wrong size, an unknown time unit) throws
/// InvalidParameter; other rule violations are written as they are (see validate_scenario()).
[[nodiscard]] std::string save_scenario_yaml(const Scenario& scenario);

/// Writes save_scenario_yaml(scenario) to `path`. Throws kendall::Error if it cannot be written.
void save_scenario_file(const Scenario& scenario, const std::filesystem::path& path);

}  // namespace kendall::model
