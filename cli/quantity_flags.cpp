#include "quantity_flags.hpp"

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

namespace kendall::cli {

double parse_rate_flag(const std::string& flag, const std::string& text, const std::string& unit) {
  try {
    return model::parse_rate(text, unit);
  } catch (const InvalidParameter& e) {
    throw InvalidParameter(fmt::format("{}: {}", flag, e.what()));
  }
}

double parse_duration_flag(const std::string& flag, const std::string& text,
                           const std::string& unit) {
  try {
    return model::parse_duration(text, unit);
  } catch (const InvalidParameter& e) {
    throw InvalidParameter(fmt::format("{}: {}", flag, e.what()));
  }
}

}  // namespace kendall::cli
