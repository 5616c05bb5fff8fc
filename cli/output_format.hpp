#pragma once
/// \file
/// Output formats shared by the commands.

#include <map>
#include <string>

namespace kendall::cli {

enum class Format { Table, Json, Csv, Markdown };

/// Name → format, for CLI11's CheckedTransformer (an unknown name lists the valid ones).
inline const std::map<std::string, Format>& format_names() {
  static const std::map<std::string, Format> names{
      {"table", Format::Table}, {"json", Format::Json}, {"csv", Format::Csv},
      {"markdown", Format::Markdown}};
  return names;
}

}  // namespace kendall::cli
