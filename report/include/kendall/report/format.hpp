#pragma once
/// \file
/// Output formats. JSON is the stable machine contract (DESIGN.md); the others are for
/// people and may evolve.

#include <map>
#include <string>

namespace kendall::report {

enum class Format { Table, Json, Csv, Markdown };

/// Name → format ("table", "json", "csv", "markdown").
[[nodiscard]] const std::map<std::string, Format>& format_names();

}  // namespace kendall::report
