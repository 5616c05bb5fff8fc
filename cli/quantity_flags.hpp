#pragma once
/// \file
/// Rates and durations given on the command line, parsed with the scenario file's unit rules
/// (model/units.hpp); an error names the flag it came from.

#include <string>

namespace kendall::cli {

/// `flag`'s value as a rate ("120/s", "7200/h", or a bare number in `unit`).
[[nodiscard]] double parse_rate_flag(const std::string& flag, const std::string& text,
                                     const std::string& unit);

/// `flag`'s value as a duration ("45ms", "2s", or a bare number in `unit`).
[[nodiscard]] double parse_duration_flag(const std::string& flag, const std::string& text,
                                         const std::string& unit);

}  // namespace kendall::cli
