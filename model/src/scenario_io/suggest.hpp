#pragma once
/// \file
/// "Did you mean ...?" suggestions for unknown names (keys, stations, classes, units,
/// distributions), and the lists of valid names that go with them.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kendall::model::detail {

/// Optimal-string-alignment edit distance (insertions, deletions, substitutions and
/// transpositions of neighbours each cost 1), ignoring ASCII case.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate `word` was most likely meant to be: the nearest by edit distance when it is
/// close enough for the word's length (1 edit up to 2 letters, 2 up to 5, else 3), or one the
/// word is a prefix of (3+ letters). Ties go to the first candidate listed.
[[nodiscard]] std::optional<std::string> closest_match(std::string_view word,
                                                       const std::vector<std::string>& candidates);

/// `a, b, c`.
[[nodiscard]] std::string join_names(const std::vector<std::string>& names);

/// `'a', 'b', 'c'`.
[[nodiscard]] std::string join_quoted(const std::vector<std::string>& names);

/// The tail of an "unknown name" message: ` — did you mean 'x'? (valid: a, b, c)` or, with no
/// close match, ` — expected one of: a, b, c`. `what` names the list ("stations", "keys").
[[nodiscard]] std::string suggestion(std::string_view word,
                                     const std::vector<std::string>& candidates,
                                     std::string_view what);

}  // namespace kendall::model::detail
