#pragma once
/// \file
/// The capacity report as a document, built once and written as HTML or Markdown: a title,
/// then sections of paragraphs, call-outs, lists, tables whose cells may carry a verdict mark,
/// and figures (inline SVG, with the data behind them as a table for Markdown readers).
///
/// HTML is one self-contained file: inline CSS and SVG, no scripts, no fonts, images or links
/// from anywhere; readable on screen and printable (each section starts a new page).

#include <optional>
#include <string>
#include <vector>

namespace kendall::report::page {

/// A cell's verdict: colours the cell in HTML; Markdown bolds failures and warnings.
enum class Mark { None, Pass, Fail, Warn, Muted };

struct Cell {
  std::string text;
  Mark mark = Mark::None;
  Cell() = default;
  Cell(std::string t, Mark m = Mark::None) : text(std::move(t)), mark(m) {}  // NOLINT: from text
  Cell(const char* t) : text(t) {}                                          // NOLINT: from text
};

struct Table {
  std::vector<std::string> headers;
  std::vector<std::vector<Cell>> rows;
  std::string caption;  ///< optional, shown above the table
};

struct Figure {
  std::string svg;      ///< inline SVG (no xmlns)
  std::string caption;  ///< what the chart shows, in words
  /// The numbers behind the chart, shown instead of it in Markdown.
  std::optional<Table> data;
};

struct Block {
  enum class Kind { Paragraph, Callout, List, Table, Figure, Code };
  Kind kind = Kind::Paragraph;
  std::string text;                ///< paragraph, call-out or code
  std::vector<std::string> items;  ///< list
  Table table;
  Figure figure;
};

struct Section {
  std::string title;
  std::string id;  ///< anchor for the contents line
  std::vector<Block> blocks;
};

struct Page {
  std::string title;
  std::string subtitle;
  std::vector<Section> sections;
  /// Small print at the end (reproducibility), one line each.
  std::vector<std::string> footer;
};

[[nodiscard]] Block paragraph(std::string text);
/// The first thing a reader sees: the answer in plain words.
[[nodiscard]] Block callout(std::string text);
[[nodiscard]] Block bullets(std::vector<std::string> items);
[[nodiscard]] Block table(Table t);
[[nodiscard]] Block figure(Figure f);
[[nodiscard]] Block code(std::string text);

[[nodiscard]] std::string to_html(const Page& page);
/// GitHub-flavoured Markdown: headings, paragraphs, lists and tables; no HTML at all.
[[nodiscard]] std::string to_markdown(const Page& page);

/// Escapes &, <, >, " and ' for HTML text and attributes.
[[nodiscard]] std::string html_escape(const std::string& text);

}  // namespace kendall::report::page
