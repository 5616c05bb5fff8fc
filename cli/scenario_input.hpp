#pragma once
/// \file
/// Loading the scenario a command works on, with the loader's warnings sent to stderr.

#include <filesystem>
#include <iosfwd>
#include <string>

#include "kendall/model/scenario.hpp"

namespace kendall::cli {

/// True when `target` names a scenario file rather than Kendall notation: it ends in .yaml /
/// .yml or is an existing file.
[[nodiscard]] bool looks_like_scenario_file(const std::string& target);

/// Loads the file (throws the loader's ScenarioError) and prints its warnings to `err`.
[[nodiscard]] model::Scenario load_scenario_reporting_warnings(const std::filesystem::path& path,
                                                               std::ostream& err);

}  // namespace kendall::cli
