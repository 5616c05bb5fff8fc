#include "read_context.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

#include "suggest.hpp"

namespace kendall::model::detail {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The mark to report for a value: a missing value's own mark points at the next token.
YAML::Mark mark_of(const YAML::Node& value, const YAML::Mark& key_mark) {
  if (!value.IsDefined() || value.IsNull() || value.Mark().is_null()) return key_mark;
  return value.Mark();
}

std::string describe_key(const Entry& e) { return e.key.empty() ? std::string("value") : e.key; }

}  // namespace

ReadContext::ReadContext(std::string source_name, std::filesystem::path base_directory)
    : source_(std::move(source_name)), base_directory_(std::move(base_directory)) {}

void ReadContext::error(const YAML::Mark& mark, std::string message) {
  if (mark.is_null()) {
    issues_.push_back({source_, 0, 0, std::move(message)});
  } else {
    issues_.push_back({source_, mark.line + 1, mark.column + 1, std::move(message)});
  }
}

void ReadContext::error_in(std::string file, int line, int column, std::string message) {
  issues_.push_back({std::move(file), line, column, std::move(message)});
}

void ReadContext::remember(const KeyPath& keys, const YAML::Mark& mark) {
  if (!mark.is_null()) positions_.emplace(keys, mark);
}

YAML::Mark ReadContext::position(const KeyPath& keys) const {
  KeyPath prefix = keys;
  while (true) {
    if (auto it = positions_.find(prefix); it != positions_.end()) return it->second;
    if (prefix.empty()) return YAML::Mark::null_mark();
    prefix.pop_back();
  }
}

std::optional<std::string> scalar_at(const YAML::Node& node, const std::string& key) {
  if (!node.IsDefined() || !node.IsMap()) return std::nullopt;
  const YAML::Node value = node[key];
  if (!value.IsDefined() || !value.IsScalar()) return std::nullopt;
  return value.Scalar();
}

std::string_view node_kind(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "empty";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  return "a single value";
}

Entry child(const Entry& parent, std::string key, const YAML::Node& value, const YAML::Mark& mark) {
  Entry e{std::move(key), value, mark, mark, parent.path};
  e.path.push_back(e.key);
  return e;
}

MapReader::MapReader(ReadContext& ctx, const Entry& entry, std::string what,
                     std::vector<std::string> allowed,
                     std::vector<std::pair<std::string, std::string>> hints)
    : ctx_(ctx), what_(std::move(what)), mark_(entry.mark) {
  ctx_.remember(entry.path, mark_);
  if (!entry.value.IsMap()) {
    ctx_.error(mark_, fmt::format("{} is {} — expected a mapping of keys ({})", what_,
                                  node_kind(entry.value), join_names(allowed)));
    return;
  }
  is_map_ = true;
  std::map<std::string, YAML::Mark> seen;
  for (const auto& pair : entry.value) {
    const YAML::Node key_node = pair.first;
    const YAML::Node value = pair.second;
    const YAML::Mark key_mark = key_node.Mark();
    if (!key_node.IsScalar()) {
      ctx_.error(key_mark, fmt::format("a key in {} is {} — expected a plain name", what_,
                                       node_kind(key_node)));
      continue;
    }
    const std::string key = key_node.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string tail;
      if (key == "<<") {
        tail = " — YAML merge keys are not supported; write the keys out";
      }
      for (const auto& [wrong, meant] : hints) {
        if (tail.empty() && wrong == key) tail = fmt::format(" — {}", meant);
      }
      if (tail.empty()) {
        if (auto match = closest_match(key, allowed)) {
          tail = fmt::format(" — did you mean '{}'?", *match);
          suggested_.push_back(*match);
        } else {
          tail = fmt::format(" — expected one of: {}", join_names(allowed));
        }
      }
      ctx_.error(key_mark, fmt::format("unknown key '{}' in {}{}", key, what_, tail));
      continue;
    }
    if (auto [first, fresh] = seen.emplace(key, key_mark); !fresh) {
      ctx_.error(key_mark, fmt::format("duplicate key '{}' in {} (first given on line {}) — "
                                       "expected each key once",
                                       key, what_, first->second.line + 1));
      continue;
    }
    Entry e = child(entry, key, value, mark_of(value, key_mark));
    e.key_mark = key_mark;
    ctx_.remember(e.path, e.mark);
    entries_.push_back(std::move(e));
  }
}

bool MapReader::has(std::string_view key) const { return get(key).has_value(); }

std::optional<Entry> MapReader::get(std::string_view key) const {
  for (const auto& e : entries_) {
    if (e.key == key) return e;
  }
  return std::nullopt;
}

std::optional<Entry> MapReader::require(std::string_view key, std::string_view expected) const {
  auto e = get(key);
  const bool misspelt = std::find(suggested_.begin(), suggested_.end(), key) != suggested_.end();
  if (!e && is_map_ && !misspelt)
    ctx_.error(mark_, fmt::format("{} has no '{}' — expected {}", what_, key, expected));
  return e;
}

std::optional<std::vector<Entry>> read_list(ReadContext& ctx, const Entry& entry,
                                            std::string_view expected) {
  if (!entry.value.IsSequence()) {
    ctx.error(entry.mark, fmt::format("{} is {} — expected a list of {}", describe_key(entry),
                                      node_kind(entry.value), expected));
    return std::nullopt;
  }
  std::vector<Entry> items;
  std::size_t index = 0;
  for (const auto& item : entry.value) {
    const YAML::Mark item_mark = mark_of(item, entry.mark);
    Entry e{fmt::format("{}[{}]", entry.key, index), item, item_mark, item_mark, entry.path};
    e.path.push_back(std::to_string(index));
    ctx.remember(e.path, e.mark);
    items.push_back(std::move(e));
    ++index;
  }
  return items;
}

std::optional<std::vector<Entry>> read_named_map(ReadContext& ctx, const Entry& entry,
                                                 std::string_view expected) {
  if (!entry.value.IsMap()) {
    ctx.error(entry.mark, fmt::format("{} is {} — expected {}", describe_key(entry),
                                      node_kind(entry.value), expected));
    return std::nullopt;
  }
  std::vector<Entry> entries;
  std::map<std::string, YAML::Mark> seen;
  bool ok = true;
  for (const auto& pair : entry.value) {
    const YAML::Node key_node = pair.first;
    const YAML::Node value = pair.second;
    const YAML::Mark key_mark = key_node.Mark();
    if (!key_node.IsScalar()) {
      ctx.error(key_mark, fmt::format("a key in {} is {} — expected a name", describe_key(entry),
                                      node_kind(key_node)));
      ok = false;
      continue;
    }
    const std::string key = key_node.Scalar();
    if (auto [first, fresh] = seen.emplace(key, key_mark); !fresh) {
      ctx.error(key_mark, fmt::format("'{}' appears twice in {} (first on line {}) — expected "
                                      "each name once",
                                      key, describe_key(entry), first->second.line + 1));
      ok = false;
      continue;
    }
    Entry e = child(entry, key, value, mark_of(value, key_mark));
    e.key_mark = key_mark;
    ctx.remember(e.path, e.mark);
    entries.push_back(std::move(e));
  }
  if (!ok) return std::nullopt;
  return entries;
}

std::optional<std::string> read_text(ReadContext& ctx, const Entry& e, std::string_view expected) {
  if (!e.value.IsScalar()) {
    ctx.error(e.mark,
              fmt::format("{} is {} — expected {}", describe_key(e), node_kind(e.value), expected));
    return std::nullopt;
  }
  return e.value.Scalar();
}

namespace {

// A duration or a rate: text with a unit, parsed by `parse`, > 0 or >= 0 as `sign` says.
template <class Parse>
std::optional<double> read_quantity(ReadContext& ctx, const Entry& e, Sign sign,
                                    std::string_view what, std::string_view example,
                                    const Parse& parse) {
  const std::string expected =
      fmt::format("a {} {} 0, e.g. {}", what, sign == Sign::Positive ? ">" : ">=", example);
  const auto text = read_text(ctx, e, expected);
  if (!text) return std::nullopt;
  try {
    const double value = parse(*text);
    if (sign == Sign::Positive && value <= 0.0) {
      ctx.error(e.mark, fmt::format("{} is {} — expected {}", e.key, *text, expected));
      return std::nullopt;
    }
    return value;
  } catch (const InvalidParameter& err) {
    ctx.error(e.mark, fmt::format("{}: {}", describe_key(e), err.what()));
    return std::nullopt;
  }
}

}  // namespace

std::optional<double> read_duration(ReadContext& ctx, const Entry& e, Sign sign) {
  return read_quantity(ctx, e, sign, "duration", "45ms or 2s", [&](const std::string& text) {
    return parse_duration(text, ctx.time_unit);
  });
}

std::optional<double> read_rate(ReadContext& ctx, const Entry& e, Sign sign) {
  return read_quantity(ctx, e, sign, "rate", "120/s or 7200/h",
                       [&](const std::string& text) { return parse_rate(text, ctx.time_unit); });
}

std::optional<double> read_number(ReadContext& ctx, const Entry& e, std::string_view expected) {
  const auto text = read_text(ctx, e, expected);
  if (!text) return std::nullopt;
  const std::string_view t = trimmed(*text);
  try {
    if (!t.empty() && t.back() == '%') throw InvalidParameter("percentage");
    return parse_fraction(t);
  } catch (const InvalidParameter&) {
    ctx.error(e.mark,
              fmt::format("{}: '{}' is not a number — expected {}", describe_key(e), t, expected));
    return std::nullopt;
  }
}

std::optional<double> read_positive_number(ReadContext& ctx, const Entry& e) {
  const auto value = read_number(ctx, e, "a number > 0");
  if (!value) return std::nullopt;
  if (!(*value > 0.0)) {
    ctx.error(e.mark, fmt::format("{} is {:g} — expected a number > 0", describe_key(e), *value));
    return std::nullopt;
  }
  return value;
}

std::optional<double> read_probability(ReadContext& ctx, const Entry& e) {
  const std::string_view expected = "a probability between 0 and 1, e.g. 0.3 or 30%";
  const auto text = read_text(ctx, e, expected);
  if (!text) return std::nullopt;
  try {
    const double p = parse_fraction(*text);
    if (!(p >= 0.0 && p <= 1.0)) {
      ctx.error(e.mark,
                fmt::format("{} is {} — expected {}", describe_key(e), trimmed(*text), expected));
      return std::nullopt;
    }
    return p;
  } catch (const InvalidParameter&) {
    ctx.error(e.mark, fmt::format("{}: '{}' is not a probability — expected {}", describe_key(e),
                                  trimmed(*text), expected));
    return std::nullopt;
  }
}

std::optional<double> read_open_fraction(ReadContext& ctx, const Entry& e,
                                         std::string_view expected) {
  const auto text = read_text(ctx, e, expected);
  if (!text) return std::nullopt;
  try {
    const double p = parse_fraction(*text);
    if (!(p > 0.0 && p < 1.0)) {
      ctx.error(e.mark, fmt::format("{} is {}, outside (0, 1) — expected {}", describe_key(e),
                                    trimmed(*text), expected));
      return std::nullopt;
    }
    return p;
  } catch (const InvalidParameter&) {
    ctx.error(e.mark, fmt::format("{}: '{}' is not a number or a percentage — expected {}",
                                  describe_key(e), trimmed(*text), expected));
    return std::nullopt;
  }
}

namespace {

enum class WholeProblem { None, NotANumber, NotWhole, Negative, TooLarge };

WholeProblem parse_whole(std::string_view t, std::uint64_t& out) {
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
  if (ec == std::errc{} && end == t.data() + t.size()) return WholeProblem::None;
  if (ec == std::errc::result_out_of_range) return WholeProblem::TooLarge;
  // Not plain digits: accept a number in another spelling (1e6) when it is a whole number.
  double value = 0.0;
  try {
    value = parse_fraction(t);
  } catch (const InvalidParameter&) {
    return WholeProblem::NotANumber;
  }
  if (!t.empty() && t.back() == '%') return WholeProblem::NotANumber;
  if (value < 0.0) return WholeProblem::Negative;
  if (value != std::floor(value)) return WholeProblem::NotWhole;
  if (value > 9007199254740992.0) return WholeProblem::TooLarge;  // 2^53: exact in a double
  out = static_cast<std::uint64_t>(value);
  return WholeProblem::None;
}

std::optional<std::uint64_t> whole_from_text(ReadContext& ctx, const Entry& e, std::string_view t,
                                             std::uint64_t minimum, std::string_view expected) {
  std::uint64_t value = 0;
  switch (parse_whole(t, value)) {
    case WholeProblem::None:
      break;
    case WholeProblem::NotANumber:
      ctx.error(e.mark, fmt::format("{}: '{}' is not a whole number — expected {}", describe_key(e),
                                    t, expected));
      return std::nullopt;
    case WholeProblem::NotWhole:
      ctx.error(e.mark, fmt::format("{}: {} is not a whole number — expected {}", describe_key(e),
                                    t, expected));
      return std::nullopt;
    case WholeProblem::Negative:
      ctx.error(e.mark,
                fmt::format("{}: {} is negative — expected {}", describe_key(e), t, expected));
      return std::nullopt;
    case WholeProblem::TooLarge:
      ctx.error(e.mark,
                fmt::format("{}: {} is too large — expected {}", describe_key(e), t, expected));
      return std::nullopt;
  }
  if (value < minimum) {
    ctx.error(e.mark, fmt::format("{} is {} — expected {}", describe_key(e), value, expected));
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::optional<std::uint64_t> read_count(ReadContext& ctx, const Entry& e, std::uint64_t minimum) {
  const std::string expected = fmt::format("a whole number >= {}", minimum);
  const auto text = read_text(ctx, e, expected);
  if (!text) return std::nullopt;
  return whole_from_text(ctx, e, trimmed(*text), minimum, expected);
}

std::optional<CountOrInfinite> read_count_or_inf(ReadContext& ctx, const Entry& e,
                                                 std::uint64_t minimum) {
  const std::string expected = fmt::format("a whole number >= {} or inf", minimum);
  const auto text = read_text(ctx, e, expected);
  if (!text) return std::nullopt;
  const std::string_view t = trimmed(*text);
  if (t == "inf") return CountOrInfinite{std::nullopt};
  if (t == "infinite" || t == "infinity" || t == ".inf" || t == "unlimited") {
    ctx.error(e.mark, fmt::format("{}: '{}' — did you mean 'inf'?", describe_key(e), t));
    return std::nullopt;
  }
  const auto count = whole_from_text(ctx, e, t, minimum, expected);
  if (!count) return std::nullopt;
  return CountOrInfinite{*count};
}

std::optional<double> read_duration(ReadContext& ctx, const std::optional<Entry>& e, Sign sign) {
  std::optional<double> result;
  if (e) result = read_duration(ctx, *e, sign);
  return result;
}

std::optional<double> read_rate(ReadContext& ctx, const std::optional<Entry>& e, Sign sign) {
  std::optional<double> result;
  if (e) result = read_rate(ctx, *e, sign);
  return result;
}

std::optional<double> read_probability(ReadContext& ctx, const std::optional<Entry>& e) {
  std::optional<double> result;
  if (e) result = read_probability(ctx, *e);
  return result;
}

std::optional<std::uint64_t> read_count(ReadContext& ctx, const std::optional<Entry>& e,
                                        std::uint64_t minimum) {
  std::optional<std::uint64_t> result;
  if (e) result = read_count(ctx, *e, minimum);
  return result;
}

std::optional<std::size_t> read_station_ref(ReadContext& ctx, const Entry& e) {
  const auto text = read_text(ctx, e, "a station name");
  if (!text) return std::nullopt;
  for (std::size_t i = 0; i < ctx.station_names.size(); ++i) {
    if (ctx.station_names[i] == *text) return i;
  }
  if (!ctx.stations_known) return std::nullopt;
  ctx.error(e.mark, fmt::format("unknown station '{}'{}", *text,
                                suggestion(*text, ctx.station_names, "stations")));
  return std::nullopt;
}

std::optional<std::size_t> read_class_ref(ReadContext& ctx, const Entry& e) {
  const auto text = read_text(ctx, e, "a class name");
  if (!text) return std::nullopt;
  for (std::size_t i = 0; i < ctx.class_names.size(); ++i) {
    if (ctx.class_names[i] == *text) return i;
  }
  if (ctx.declared_classes.empty()) {
    ctx.error(e.mark, fmt::format("class '{}' is not declared — expected a classes section that "
                                  "lists it (without one, every customer is of class 'default')",
                                  *text));
  } else {
    ctx.error(e.mark, fmt::format("unknown class '{}'{}", *text,
                                  suggestion(*text, ctx.class_names, "classes")));
  }
  return std::nullopt;
}

}  // namespace kendall::model::detail
