#pragma once
/// \file
/// The --format flag shared by the commands.

#include <string>

#include "kendall/report/format.hpp"

namespace CLI {
class App;
}

namespace kendall::cli {

/// Adds `--format,-f table|json|csv|markdown` (default table), stored as text in `target`.
void add_format_option(CLI::App& command, std::string& target);

/// The format named by text that add_format_option accepted.
[[nodiscard]] report::Format to_format(const std::string& text);

}  // namespace kendall::cli
