#include "kendall/model/units.hpp"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"

#include "scenario_io/suggest.hpp"

namespace kendall::model {

namespace {

/// Length of each unit in nanoseconds; every value is an integer exactly representable as a
/// double, and each ratio between two of them is an integer, so a conversion is one exact
/// integer multiplication or division followed by one rounding.
struct UnitEntry {
  std::string_view name;
  double nanoseconds;
};
constexpr std::array<UnitEntry, 7> unit_table = {{{"ns", 1.0},
                                                  {"us", 1e3},
                                                  {"ms", 1e6},
                                                  {"s", 1e9},
                                                  {"min", 6e10},
                                                  {"h", 3.6e12},
                                                  {"d", 8.64e13}}};

/// Common spellings that are not units, mapped to what was probably meant.
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> unit_aliases = {{
    {"sec", "s"},          {"secs", "s"},          {"second", "s"},
    {"seconds", "s"},      {"m", "min"},           {"mins", "min"},
    {"minute", "min"},     {"minutes", "min"},     {"hr", "h"},
    {"hrs", "h"},          {"hour", "h"},          {"hours", "h"},
    {"day", "d"},          {"days", "d"},          {"msec", "ms"},
    {"millisecond", "ms"}, {"milliseconds", "ms"}, {"usec", "us"},
    {"microsecond", "us"}, {"nsec", "ns"},         {"nanosecond", "ns"},
    {"µsec", "us"},
}};

std::vector<std::string> unit_name_list() {
  return {time_unit_names.begin(), time_unit_names.end()};
}

std::string unknown_unit_message(std::string_view unit, std::string_view text) {
  std::string hint;
  for (const auto& [alias, meant] : unit_aliases) {
    if (alias == unit) {
      hint = fmt::format(" — did you mean '{}'? (units: {})", meant,
                         detail::join_names(unit_name_list()));
    }
  }
  if (hint.empty()) hint = detail::suggestion(unit, unit_name_list(), "units");
  if (unit == text) return fmt::format("unknown time unit '{}'{}", unit, hint);
  return fmt::format("unknown time unit '{}' in '{}'{}", unit, text, hint);
}

double unit_nanoseconds(std::string_view unit, std::string_view text) {
  const auto canonical = canonical_time_unit(unit);
  if (!canonical) throw InvalidParameter(unknown_unit_message(unit, text));
  for (const auto& entry : unit_table) {
    if (entry.name == *canonical) return entry.nanoseconds;
  }
  throw InvalidParameter(unknown_unit_message(unit, text));  // unreachable: table is complete
}

/// `value` × from / to, with a single rounding (the ratio is an exact integer).
double rescale(double value, double from_ns, double to_ns) {
  if (from_ns == to_ns) return value;
  if (from_ns > to_ns) return value * (from_ns / to_ns);
  return value / (to_ns / from_ns);
}

std::string_view trim(std::string_view s) {
  const auto not_space = [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; };
  while (!s.empty() && !not_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && !not_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// A number at the start of `text` and what follows it.
struct Split {
  std::string_view number;  ///< empty when the text does not start with a number
  std::string_view rest;    ///< trimmed
};

Split split_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t digits_start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  bool any_digit = i > digits_start;
  if (i < text.size() && text[i] == '.') {
    ++i;
    const std::size_t fraction_start = i;
    while (i < text.size() && is_digit(text[i])) ++i;
    any_digit = any_digit || i > fraction_start;
  }
  if (!any_digit) return {{}, trim(text)};
  // An exponent only when digits follow, so that "2e" stays "2" + unit "e".
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && is_digit(text[j])) {
      while (j < text.size() && is_digit(text[j])) ++j;
      i = j;
    }
  }
  return {text.substr(0, i), trim(text.substr(i))};
}

double to_double(std::string_view number, std::string_view text) {
  if (!number.empty() && number.front() == '+') number.remove_prefix(1);
  double value = 0.0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec == std::errc::result_out_of_range || (ec == std::errc{} && !std::isfinite(value))) {
    throw InvalidParameter(fmt::format("'{}' is out of range — expected a finite number", text));
  }
  if (ec != std::errc{} || end != number.data() + number.size()) {
    throw InvalidParameter(fmt::format("'{}' is not a number", text));
  }
  return value;
}

}  // namespace

std::optional<std::string_view> canonical_time_unit(std::string_view unit) {
  for (const auto& name : time_unit_names) {
    if (name == unit) return name;
  }
  // Micro sign (U+00B5) and Greek small letter mu (U+03BC).
  if (unit == "\u00b5s" || unit == "\u03bcs") return time_unit_names[1];
  return std::nullopt;
}

double time_unit_seconds(std::string_view unit) { return unit_nanoseconds(unit, unit) / 1e9; }

double convert_duration(double value, std::string_view from, std::string_view to) {
  return rescale(value, unit_nanoseconds(from, from), unit_nanoseconds(to, to));
}

double convert_rate(double value, std::string_view from, std::string_view to) {
  // Per `from` → per `to`: the inverse scaling of a duration.
  return rescale(value, unit_nanoseconds(to, to), unit_nanoseconds(from, from));
}

double parse_duration(std::string_view raw, std::string_view unit) {
  const double target_ns = unit_nanoseconds(unit, unit);
  const std::string_view text = trim(raw);
  if (text.empty()) {
    throw InvalidParameter(
        "empty duration — expected a number with a unit, e.g. 45ms, 2s or 1.5min");
  }
  const Split split = split_number(text);
  if (split.number.empty()) {
    throw InvalidParameter(
        fmt::format("'{}' has no number — expected a duration such as 45ms, 2s or 1.5min", text));
  }
  const double value = to_double(split.number, text);
  const double from_ns = split.rest.empty() ? target_ns : unit_nanoseconds(split.rest, text);
  if (value < 0.0) {
    throw InvalidParameter(fmt::format("negative duration '{}' — expected a duration >= 0", text));
  }
  return rescale(value, from_ns, target_ns);
}

double parse_rate(std::string_view raw, std::string_view unit) {
  const double target_ns = unit_nanoseconds(unit, unit);
  const std::string_view text = trim(raw);
  if (text.empty()) {
    throw InvalidParameter("empty rate — expected a number per time unit, e.g. 120/s or 7200/h");
  }
  const Split split = split_number(text);
  if (split.number.empty()) {
    throw InvalidParameter(
        fmt::format("'{}' has no number — expected a rate such as 120/s or 7200/h", text));
  }
  const double value = to_double(split.number, text);
  double per_ns = target_ns;
  if (!split.rest.empty()) {
    if (split.rest.front() != '/') {
      const std::string hint = canonical_time_unit(split.rest)
                                   ? fmt::format(" ('{}' is a duration; a rate is written {}/{})",
                                                 text, split.number, split.rest)
                                   : std::string{};
      throw InvalidParameter(fmt::format(
          "'{}' is not a rate — expected a number per time unit, e.g. 120/s or 7200/h{}", text,
          hint));
    }
    const std::string_view per = trim(split.rest.substr(1));
    if (per.empty()) {
      throw InvalidParameter(
          fmt::format("'{}' has no time unit after '/' — expected e.g. 120/s or 7200/h", text));
    }
    per_ns = unit_nanoseconds(per, text);
  }
  if (value < 0.0) {
    throw InvalidParameter(fmt::format("negative rate '{}' — expected a rate >= 0", text));
  }
  // value per `per_ns` → per `target_ns`.
  return rescale(value, target_ns, per_ns);
}

double parse_fraction(std::string_view raw) {
  const std::string_view text = trim(raw);
  const Split split = split_number(text);
  if (split.number.empty() || !(split.rest.empty() || split.rest == "%")) {
    throw InvalidParameter(
        fmt::format("'{}' is not a number or a percentage — expected e.g. 0.95 or 95%", text));
  }
  const double value = to_double(split.number, text);
  return split.rest == "%" ? value / 100.0 : value;
}

bool has_time_unit_suffix(std::string_view raw) {
  const Split split = split_number(trim(raw));
  return !split.number.empty() && !split.rest.empty() && split.rest.front() != '/' &&
         split.rest.front() != '%';
}

std::string format_duration(double value, std::string_view unit) {
  return fmt::format("{}{}", value, unit);
}

std::string format_rate(double value, std::string_view unit) {
  return fmt::format("{}/{}", value, unit);
}

}  // namespace kendall::model
