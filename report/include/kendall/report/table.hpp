#pragma once
/// \file
/// A plain table of strings rendered for people (aligned text, Markdown) or machines (CSV).
/// Every human-facing output of the CLI goes through this one renderer.

#include <string>
#include <vector>

namespace kendall::report {

enum class Align { Left, Right };

class Table {
 public:
  /// Column headers; the first column is left-aligned, the others right-aligned by default.
  explicit Table(std::vector<std::string> headers);

  void set_align(std::size_t column, Align align);
  /// Adds a row; missing trailing cells are empty, extra cells are an error.
  void add_row(std::vector<std::string> cells);
  [[nodiscard]] std::size_t rows() const noexcept { return rows_.size(); }

  /// Aligned columns separated by two spaces, a rule under the header.
  [[nodiscard]] std::string to_text() const;
  /// GitHub-flavoured Markdown table (pipes in cells escaped).
  [[nodiscard]] std::string to_markdown() const;
  /// RFC 4180 CSV (cells quoted when they hold a comma, quote or newline).
  [[nodiscard]] std::string to_csv() const;

 private:
  [[nodiscard]] std::vector<std::size_t> visible_columns() const;

  std::vector<std::string> headers_;
  std::vector<Align> align_;
  std::vector<std::vector<std::string>> rows_;
};

/// A number for people: `significant` significant digits, no trailing zeros, no exponent
/// between 1e-4 and 1e9 ("0.9", "12.5", "1.5e-06", "inf").
[[nodiscard]] std::string format_number(double value, int significant = 6);

/// Column width of a UTF-8 string (code points, not bytes).
[[nodiscard]] std::size_t display_width(const std::string& text);

}  // namespace kendall::report
