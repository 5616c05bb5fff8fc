#pragma once
/// \file
/// Time units, durations, rates and fractions as written in scenario files and on the command
/// line (`45ms`, `2s`, `1.5min`, `120/s`, `7200/h`, `95%`). See docs/scenario-format.md, "Units".
///
/// Every time in a Scenario is in the scenario's own time unit (Scenario::time_unit). A
/// quantity written with a unit is converted to that unit; a bare number is taken to be in it
/// already. Conversions are exact up to one rounding: each unit is an integer number of
/// nanoseconds, so converting between two units multiplies or divides by an integer once.
///
/// All parse functions throw kendall::InvalidParameter with a message that says what is wrong
/// and what was expected (callers such as the scenario loader add the file position).

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kendall::model {

/// The time units, shortest first: nanoseconds, microseconds, milliseconds, seconds, minutes,
/// hours, days. (`µs` is accepted as a spelling of `us`.)
inline constexpr std::array<std::string_view, 7> time_unit_names = {"ns",  "us", "ms", "s",
                                                                    "min", "h",  "d"};

/// The canonical name of a time unit (`"µs"` → `"us"`), or empty if `unit` is not one.
[[nodiscard]] std::optional<std::string_view> canonical_time_unit(std::string_view unit);

/// Length of one `unit` in seconds (`"ms"` → 0.001, `"h"` → 3600).
/// Throws InvalidParameter for an unknown unit, suggesting the closest valid one.
[[nodiscard]] double time_unit_seconds(std::string_view unit);

/// `value` given in unit `from`, expressed in unit `to` (one multiplication or division by an
/// integer; exact when from == to). Throws InvalidParameter for unknown units.
[[nodiscard]] double convert_duration(double value, std::string_view from, std::string_view to);

/// A rate `value` per unit `from`, expressed per unit `to` (120 per s → 0.12 per ms).
[[nodiscard]] double convert_rate(double value, std::string_view from, std::string_view to);

/// Parses a duration: a non-negative number with an optional unit suffix, e.g. `45ms`,
/// `2 s`, `1.5min`, `1e-3h`. Returns it in `unit`; a bare number is already in `unit`.
/// Throws InvalidParameter for a missing number, an unknown unit, a negative or non-finite
/// value, or trailing text.
[[nodiscard]] double parse_duration(std::string_view text, std::string_view unit = "s");

/// Parses a rate: a non-negative number with an optional `/unit` suffix, e.g. `120/s`,
/// `7200/h`, `0.5/ms`. Returns customers per `unit`; a bare number is already per `unit`.
/// Zero is accepted (a quiet hour in an arrival profile); callers that need a positive rate
/// check it. Throws InvalidParameter like parse_duration.
[[nodiscard]] double parse_rate(std::string_view text, std::string_view unit = "s");

/// Parses a fraction written as a number or a percentage: `0.01`, `1%`, `95%`.
/// Returns a finite number (a percentage divided by 100); range checks are the caller's.
/// Throws InvalidParameter for anything else.
[[nodiscard]] double parse_fraction(std::string_view text);

/// True when `text` is a number followed by a time unit (`30s`), false for a bare number.
/// Does not validate the rest; used where a bare number means something else (a warm-up
/// written as a bare number is a count of customers, with a unit it is a time).
[[nodiscard]] bool has_time_unit_suffix(std::string_view text);

/// Formats a duration in `unit` so that parse_duration(result, unit) returns exactly `value`
/// (shortest round-trip digits), e.g. format_duration(45, "ms") == "45ms".
[[nodiscard]] std::string format_duration(double value, std::string_view unit);

/// Formats a rate per `unit` so that parse_rate(result, unit) returns exactly `value`,
/// e.g. format_rate(0.12, "ms") == "0.12/ms".
[[nodiscard]] std::string format_rate(double value, std::string_view unit);

}  // namespace kendall::model
