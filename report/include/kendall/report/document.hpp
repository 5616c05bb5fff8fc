#pragma once
/// \file
/// A tiny document model so that a report is built once and rendered twice, as Markdown and
/// as a self-contained HTML page: headings, paragraphs, code lines and tables whose cells may
/// carry a status class. Used by the validation report and the capacity reports.

#include <string>
#include <vector>

namespace kendall::report {

struct Cell {
  std::string text;
  /// "pass", "fail", "reported", "muted" or empty: colours the cell in HTML; Markdown bolds
  /// failures.
  std::string css;
};

struct Block {
  enum class Kind { Heading, Paragraph, Code, Table };
  Kind kind = Kind::Paragraph;
  int level = 2;       ///< headings
  std::string text;    ///< heading, paragraph or code text
  std::string anchor;  ///< headings: id for links
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
};

using Document = std::vector<Block>;

inline Block heading(int level, std::string text, std::string anchor = {}) {
  Block b;
  b.kind = Block::Kind::Heading;
  b.level = level;
  b.text = std::move(text);
  b.anchor = std::move(anchor);
  return b;
}

inline Block paragraph(std::string text) {
  Block b;
  b.kind = Block::Kind::Paragraph;
  b.text = std::move(text);
  return b;
}

inline Block code(std::string text) {
  Block b;
  b.kind = Block::Kind::Code;
  b.text = std::move(text);
  return b;
}

inline Block table(std::vector<std::string> headers) {
  Block b;
  b.kind = Block::Kind::Table;
  b.headers = std::move(headers);
  return b;
}

[[nodiscard]] std::string to_markdown(const Document& doc);
[[nodiscard]] std::string to_html(const Document& doc, const std::string& title);
[[nodiscard]] std::string html_escape(const std::string& text);

}  // namespace kendall::report
