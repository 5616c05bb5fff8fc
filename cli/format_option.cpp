#include "format_option.hpp"

#include <CLI/CLI.hpp>

namespace kendall::cli {

void add_format_option(CLI::App& command, std::string& target) {
  command.add_option("--format,-f", target, "Output: table | json | csv | markdown")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}, CLI::ignore_case))
      ->default_val("table");
}

report::Format to_format(const std::string& text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return report::format_names().at(lower);
}

}  // namespace kendall::cli
