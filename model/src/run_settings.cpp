#include "kendall/model/run_settings.hpp"

#include <cmath>
#include <string>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

namespace kendall::model {

std::optional<WarmupSpec> parse_warmup(std::string_view text, std::string_view time_unit) {
  if (text == "auto") return WarmupSpec{WarmupSpec::Kind::Auto, 0.0};
  if (text == "none") return WarmupSpec{WarmupSpec::Kind::None, 0.0};
  if (has_time_unit_suffix(text)) {
    const double t = parse_duration(text, time_unit);
    if (!(t >= 0.0)) throw InvalidParameter("a warm-up duration must be >= 0");
    return WarmupSpec{WarmupSpec::Kind::Time, t};
  }
  // A bare number is a count of customers; a time needs its unit.
  double count = -1.0;
  try {
    count = parse_fraction(text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const bool whole = text.find('%') == std::string_view::npos && count >= 0.0 &&
                     count == std::floor(count) && count <= 9007199254740992.0;
  if (!whole) return std::nullopt;
  if (count == 0.0) return WarmupSpec{WarmupSpec::Kind::None, 0.0};
  return WarmupSpec{WarmupSpec::Kind::Customers, count};
}

ReplicationsCheck check_replications(std::uint32_t replications, CiMethod ci) {
  if (replications == 0) return ReplicationsCheck::Zero;
  if (replications == 1 && ci != CiMethod::BatchMeans) return ReplicationsCheck::OneWithoutBatching;
  return ReplicationsCheck::Ok;
}

}  // namespace kendall::model
