#pragma once
/// \file
/// The machinery under the scenario loader: a context that collects every problem found (with
/// its file position) and remembers where each part of the scenario was written, a checked view
/// of a YAML mapping (unknown and duplicate keys, missing required keys), and readers for the
/// scalar kinds of the format (names, counts, durations, rates, fractions).
///
/// Readers never throw for a problem in the file: they record it and return an empty optional,
/// so the caller carries on and independent problems are all reported.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace kendall::model::detail {

/// A problem with its position (1-based; 0 = unknown).
struct Issue {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
};

/// A key path into the file, e.g. {"stations", "2", "next"}.
using KeyPath = std::vector<std::string>;

class ReadContext {
 public:
  ReadContext(std::string source_name, std::filesystem::path base_directory);

  [[nodiscard]] const std::string& source() const { return source_; }
  [[nodiscard]] const std::filesystem::path& base_directory() const { return base_directory_; }

  void error(const YAML::Mark& mark, std::string message);
  void error_in(std::string file, int line, int column, std::string message);
  [[nodiscard]] std::size_t error_count() const { return issues_.size(); }
  [[nodiscard]] const std::vector<Issue>& issues() const { return issues_; }

  /// Remembers where the part of the scenario named by `keys` was written.
  void remember(const KeyPath& keys, const YAML::Mark& mark);
  /// Where `keys` (or the longest prefix of it that was remembered) was written.
  [[nodiscard]] YAML::Mark position(const KeyPath& keys) const;

  /// The scenario's time unit: bare numbers are in it, everything is converted to it.
  std::string time_unit = "s";
  /// Class names declared in the file (empty when there is no classes section).
  std::vector<std::string> declared_classes;
  /// Names of every class of the scenario (the implicit "default" without a classes section).
  std::vector<std::string> class_names{"default"};
  /// Station names in file order (known before the stations are read in full).
  std::vector<std::string> station_names;
  /// False when the stations section is missing or not a list: references to stations are
  /// then not reported as unknown (the missing section is).
  bool stations_known = true;

  /// True when per-class fields are keyed by class in diagnostics (more than one class).
  [[nodiscard]] bool keyed_by_class() const { return class_names.size() > 1; }

 private:
  std::string source_;
  std::filesystem::path base_directory_;
  std::vector<Issue> issues_;
  std::map<KeyPath, YAML::Mark> positions_;
};

/// One `key: value` of a mapping, or one item of a list.
struct Entry {
  std::string key;  ///< the key ("" for list items)
  YAML::Node value;
  YAML::Mark mark;      ///< of the value, or of the key when the value is empty
  YAML::Mark key_mark;  ///< of the key (of the item for list items)
  KeyPath path;         ///< where this entry is in the file
};

/// The text of `node[key]` when `node` is a mapping and that value is a scalar. (Safe on any
/// node: yaml-cpp throws when the type of a missing entry is queried.)
[[nodiscard]] std::optional<std::string> scalar_at(const YAML::Node& node, const std::string& key);

/// "a mapping", "a list", "a value", "nothing".
[[nodiscard]] std::string_view node_kind(const YAML::Node& node);

/// A mapping whose keys are checked against the allowed ones. Reports: the node not being a
/// mapping, unknown keys (with a "did you mean"), duplicate keys, non-scalar keys.
class MapReader {
 public:
  /// \param what how to name the mapping in messages, e.g. "station 'api'".
  /// \param hints extra suggestions for common wrong keys: {"routing", "next"}.
  MapReader(ReadContext& ctx, const Entry& entry, std::string what,
            std::vector<std::string> allowed,
            std::vector<std::pair<std::string, std::string>> hints = {});

  [[nodiscard]] bool is_map() const { return is_map_; }
  [[nodiscard]] bool has(std::string_view key) const;
  [[nodiscard]] std::optional<Entry> get(std::string_view key) const;
  /// Like get(); reports "`what` has no `key`" — `expected` when it is missing.
  [[nodiscard]] std::optional<Entry> require(std::string_view key, std::string_view expected) const;
  /// Keys present, in file order (unknown ones excluded).
  [[nodiscard]] const std::vector<Entry>& entries() const { return entries_; }
  [[nodiscard]] const YAML::Mark& mark() const { return mark_; }
  [[nodiscard]] const std::string& what() const { return what_; }

 private:
  ReadContext& ctx_;
  std::string what_;
  YAML::Mark mark_;
  bool is_map_ = false;
  std::vector<Entry> entries_;
  /// Keys suggested for unknown keys: a missing required key that was suggested is not
  /// reported again (the misspelling is).
  std::vector<std::string> suggested_;
};

/// Items of a list entry; reports when it is not a list. Each item's path is the entry's path
/// plus its index.
[[nodiscard]] std::optional<std::vector<Entry>> read_list(ReadContext& ctx, const Entry& entry,
                                                          std::string_view expected);

/// Entries of a mapping whose keys are names chosen by the user (classes, stations): every
/// key is kept, duplicates reported. Reports when it is not a mapping.
[[nodiscard]] std::optional<std::vector<Entry>> read_named_map(ReadContext& ctx, const Entry& entry,
                                                               std::string_view expected);

/// A scalar's text; reports lists, mappings and empty values.
[[nodiscard]] std::optional<std::string> read_text(ReadContext& ctx, const Entry& e,
                                                   std::string_view expected);

enum class Sign { NonNegative, Positive };

/// A duration converted to ctx.time_unit.
[[nodiscard]] std::optional<double> read_duration(ReadContext& ctx, const Entry& e, Sign sign);
/// A rate converted to per ctx.time_unit.
[[nodiscard]] std::optional<double> read_rate(ReadContext& ctx, const Entry& e, Sign sign);
/// A finite number with no unit.
[[nodiscard]] std::optional<double> read_number(ReadContext& ctx, const Entry& e,
                                                std::string_view expected);
/// A number that must be > 0 (shape, scv, ...).
[[nodiscard]] std::optional<double> read_positive_number(ReadContext& ctx, const Entry& e);
/// A probability in [0, 1], as a number or a percentage.
[[nodiscard]] std::optional<double> read_probability(ReadContext& ctx, const Entry& e);
/// A level strictly inside (0, 1), as a number or a percentage (confidence, quantiles).
[[nodiscard]] std::optional<double> read_open_fraction(ReadContext& ctx, const Entry& e,
                                                       std::string_view expected);
/// A whole number >= minimum.
[[nodiscard]] std::optional<std::uint64_t> read_count(ReadContext& ctx, const Entry& e,
                                                      std::uint64_t minimum);

/// A whole number >= minimum, or `inf`.
struct CountOrInfinite {
  std::optional<std::uint64_t> count;  ///< empty = inf
};
[[nodiscard]] std::optional<CountOrInfinite> read_count_or_inf(ReadContext& ctx, const Entry& e,
                                                               std::uint64_t minimum);

/// Index of a station named by the entry's text (reports unknown names with a suggestion).
[[nodiscard]] std::optional<std::size_t> read_station_ref(ReadContext& ctx, const Entry& e);
/// Index of a class named by the entry's text (reports unknown names with a suggestion).
[[nodiscard]] std::optional<std::size_t> read_class_ref(ReadContext& ctx, const Entry& e);

/// The readers above for an entry that may be absent (absent = empty result, no report:
/// MapReader::require has already reported a missing required key).
[[nodiscard]] std::optional<double> read_duration(ReadContext& ctx, const std::optional<Entry>& e,
                                                  Sign sign);
[[nodiscard]] std::optional<double> read_rate(ReadContext& ctx, const std::optional<Entry>& e,
                                              Sign sign);
[[nodiscard]] std::optional<double> read_probability(ReadContext& ctx,
                                                     const std::optional<Entry>& e);
[[nodiscard]] std::optional<std::uint64_t> read_count(ReadContext& ctx,
                                                      const std::optional<Entry>& e,
                                                      std::uint64_t minimum);

/// Child entry of a mapping entry (for registering a known sub-path).
[[nodiscard]] Entry child(const Entry& parent, std::string key, const YAML::Node& value,
                          const YAML::Mark& mark);

}  // namespace kendall::model::detail
