#pragma once
/// \file
/// Reading a trace of observed times (an empirical distribution's `file:`): one number per
/// line, or a CSV file with a header row and a named column.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kendall::model::detail {

/// Reads the values of `file`. Without `column`, every non-empty line that is not a `#`
/// comment holds one number; with `column`, the first such line is a comma-separated header
/// and the values are taken from the named column. Each value may carry a time unit (`45ms`);
/// bare values are in `value_unit`. Values are returned in `target_unit`.
/// Throws kendall::ScenarioError located in the trace (`display_name:line:column`) for an
/// unreadable file, a missing column, a value that is not a non-negative number, or a file
/// with no values.
[[nodiscard]] std::vector<double> read_trace(const std::filesystem::path& file,
                                             const std::string& display_name,
                                             const std::optional<std::string>& column,
                                             std::string_view value_unit,
                                             std::string_view target_unit);

}  // namespace kendall::model::detail
