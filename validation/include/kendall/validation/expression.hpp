#pragma once
/// \file
/// A small arithmetic evaluator for the "formulas in the wild" claims, so that a claimed value
/// is computed from the formula exactly as the article writes it ("N/(B*v*P)") instead of
/// being typed in by hand.
///
/// Grammar: numbers (1, 2.5, 1e-3), names bound in `variables`, + − * /, ^ (power,
/// right-associative), parentheses, unary minus, and the functions ceil, floor, sqrt, min,
/// max (min/max take two arguments).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kendall::validation {

using Variables = std::vector<std::pair<std::string, double>>;

/// Evaluates `text`. Throws InvalidParameter naming the position and what was expected for a
/// syntax error, an unknown name or function, or a result that is not finite.
[[nodiscard]] double evaluate_expression(std::string_view text, const Variables& variables);

}  // namespace kendall::validation
