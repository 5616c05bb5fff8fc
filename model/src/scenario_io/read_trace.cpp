#include "read_trace.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

#include "suggest.hpp"

namespace kendall::model::detail {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view unquote(std::string_view s) {
  s = trim(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

/// Fields of one CSV line with the 1-based column where each starts. Quoted fields may not
/// contain commas (traces are numbers; headers are plain names).
std::vector<std::pair<std::string_view, int>> split_fields(std::string_view line) {
  std::vector<std::pair<std::string_view, int>> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::string_view field = line.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    fields.emplace_back(unquote(field), static_cast<int>(start) + 1);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

}  // namespace

std::vector<double> read_trace(const std::filesystem::path& file, const std::string& display_name,
                               const std::optional<std::string>& column,
                               std::string_view value_unit, std::string_view target_unit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ScenarioError(display_name, 0, 0,
                        "cannot open the trace file — expected a readable CSV file (the path is "
                        "relative to the scenario file)");
  }
  std::vector<double> values;
  std::optional<std::size_t> column_index;
  bool header_done = !column.has_value();
  std::string line_text;
  int line_number = 0;
  while (std::getline(in, line_text)) {
    ++line_number;
    std::string_view line = line_text;
    if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF")
      line.remove_prefix(3);  // UTF-8 BOM
    if (trim(line).empty() || trim(line).front() == '#') continue;
    const auto fields = split_fields(line);
    if (!header_done) {
      std::vector<std::string> names;
      for (const auto& [name, col] : fields) names.emplace_back(name);
      for (std::size_t k = 0; k < names.size(); ++k) {
        if (names[k] == *column) column_index = k;
      }
      if (!column_index) {
        throw ScenarioError(display_name, line_number, 1,
                            fmt::format("the header has no column '{}'{}", *column,
                                        suggestion(*column, names, "columns")));
      }
      header_done = true;
      continue;
    }
    std::size_t k = column_index.value_or(0);
    if (!column_index && fields.size() > 1) {
      throw ScenarioError(
          display_name, line_number, 1,
          fmt::format("the line has {} comma-separated fields — expected one number "
                      "per line, or name the column to use with column: <header name>",
                      fields.size()));
    }
    if (k >= fields.size()) {
      throw ScenarioError(
          display_name, line_number, 1,
          fmt::format("the line has {} fields but column '{}' is field {} — expected "
                      "every row to have the header's fields",
                      fields.size(), *column, k + 1));
    }
    const auto [text, col] = fields[k];
    try {
      const double in_value_unit = parse_duration(text, value_unit);
      values.push_back(convert_duration(in_value_unit, value_unit, target_unit));
    } catch (const InvalidParameter& e) {
      if (values.empty() && !column) {
        throw ScenarioError(display_name, line_number, col,
                            fmt::format("'{}' is not a number — if this line is a header, name the "
                                        "column to use, e.g. column: {}",
                                        text, text));
      }
      throw ScenarioError(display_name, line_number, col, e.what());
    }
  }
  if (values.empty()) {
    throw ScenarioError(display_name, 0, 0,
                        "the trace has no values — expected at least one number");
  }
  return values;
}

}  // namespace kendall::model::detail
