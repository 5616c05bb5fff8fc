#pragma once
// Keeping a hand-written scenario file's comments and layout through a form edit: the
// changed scalars are replaced in place in the text, and the result is accepted only if it
// reads back as exactly the edited scenario. Anything else (a new key, a renamed station,
// a new distribution family) falls back to the library's writer, which cannot keep comments.

#include <optional>
#include <string>

#include "kendall/model/scenario.hpp"

namespace kendall::gui {

/// The text with the scalars that differ between `before` and `after` replaced, when that
/// is possible and reads back as `after` (Scenario::source_file ignored); nullopt otherwise.
[[nodiscard]] std::optional<std::string> patchScenarioText(const std::string& text,
                                                           const model::Scenario& before,
                                                           const model::Scenario& after);

/// Which form field a line of the scenario text belongs to.
struct FieldLocation {
  std::string section;  ///< top-level key: "stations", "arrivals", "run", ... (empty: none)
  int index = -1;       ///< item of a list section (stations[2]), -1 for a map section
  std::string key;      ///< key inside the item ("servers", "service"), empty if none
};

/// Locates a 1-based line in the text's structure (best effort; empty section when the text
/// is not YAML or the line is outside every section).
[[nodiscard]] FieldLocation locateLine(const std::string& text, int line);

/// True when the text has a YAML comment (a '#' starting a comment, outside quotes).
[[nodiscard]] bool hasComments(const std::string& text);

}  // namespace kendall::gui
