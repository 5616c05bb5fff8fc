#pragma once
// How the validation runner and its reports print numbers: one place, so that a figure reads
// the same in the terminal, in RESULTS.md and in the HTML report.

#include <cmath>
#include <string>

#include "kendall/report/format.hpp"

namespace kendall::validation::detail {

/// A value with 6 significant digits.
inline std::string num(double v) { return report::format_number(v, 6); }

/// A fraction as a percentage with 3 significant digits ("inf" when not finite).
inline std::string pct(double v) {
  if (!std::isfinite(v)) return "inf";
  return report::format_number(100.0 * v, 3) + "%";
}

}  // namespace kendall::validation::detail
