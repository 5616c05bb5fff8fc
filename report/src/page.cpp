#include "kendall/report/page.hpp"

#include <cctype>
#include <sstream>

#include "kendall/report/svg_chart.hpp"

namespace kendall::report::page {

namespace {

// Screen: a readable column, tables that fit. Print: every section on a new page, nothing
// split inside a table or chart, colours kept for the pass/fail cells.
constexpr const char* css = R"(
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  max-width: 1120px; margin: 24px auto; padding: 0 20px; color: #1b1b1b; line-height: 1.45;
  background: #fff; }
h1 { font-size: 1.9em; margin: 0 0 4px; }
h2 { font-size: 1.35em; margin: 0 0 10px; }
.subtitle { color: #555; margin: 0 0 12px; }
nav { font-size: 0.92em; color: #555; margin-bottom: 8px; }
nav a { color: #0b5394; text-decoration: none; margin-right: 14px; }
section { border-top: 1px solid #d0d7de; padding-top: 14px; margin-top: 22px; }
.callout { font-size: 1.12em; background: #eef5fc; border-left: 6px solid #0072B2;
  padding: 12px 16px; margin: 8px 0 12px; }
.callout.first { font-size: 1.25em; font-weight: 600; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
caption { text-align: left; font-weight: 600; padding: 4px 0; caption-side: top; }
th, td { border: 1px solid #c9d1d9; padding: 4px 9px; vertical-align: top; }
th { background: #f1f4f8; text-align: left; }
td { text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.pass { background: #e6f4ea; color: #0d652d; }
td.fail { background: #fce8e6; color: #a50e0e; font-weight: 700; }
td.warn { background: #fff4ce; color: #6b4e00; }
td.muted { color: #6a737d; }
figure { margin: 10px 0 18px; }
figcaption { color: #444; font-size: 0.9em; max-width: 760px; }
svg { max-width: 100%; height: auto; display: block; }
code { background: #f1f4f8; padding: 0 3px; border-radius: 3px; font-size: 0.92em; }
pre { background: #f6f8fa; padding: 8px 10px; overflow-x: auto; font-size: 0.9em; }
footer { border-top: 1px solid #d0d7de; margin-top: 28px; padding-top: 10px; font-size: 0.85em;
  color: #444; }
footer p { margin: 2px 0; word-break: break-all; }
@page { margin: 14mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  nav { display: none; }
  section { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  section.first { break-before: auto; page-break-before: auto; }
  table, figure, .callout { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  td.pass, td.fail, td.warn, .callout { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)";

const char* mark_class(Mark m) {
  switch (m) {
    case Mark::Pass: return "pass";
    case Mark::Fail: return "fail";
    case Mark::Warn: return "warn";
    case Mark::Muted: return "muted";
    case Mark::None: return "";
  }
  return "";
}

// A number-like cell ("140 ms [132, 148]", "-3%", "1.31×") is right-aligned; words are
// not, even when they start with a digit ("50th percentile of the wait").
bool looks_numeric(const std::string& text) {
  if (text.empty()) return false;
  const char c = text[0];
  const bool starts_like_number =
      (c >= '0' && c <= '9') || ((c == '-' || c == '+' || c == '.') && text.size() > 1);
  if (!starts_like_number) return false;
  int letters = 0;
  for (char ch : text) letters += std::isalpha(static_cast<unsigned char>(ch)) ? 1 : 0;
  return letters <= 4;  // a unit ("ms", "min", "/s"), never a phrase
}

// HTML text with `code` spans (as written in Markdown) shown as <code>.
std::string inline_html(const std::string& text) {
  std::string out;
  bool in_code = false;
  for (char c : html_escape(text)) {
    if (c == '`') {
      out += in_code ? "</code>" : "<code>";
      in_code = !in_code;
    } else {
      out += c;
    }
  }
  if (in_code) out += "</code>";
  return out;
}

void write_table_html(std::ostringstream& out, const Table& t) {
  out << "<table>\n";
  if (!t.caption.empty()) out << "<caption>" << html_escape(t.caption) << "</caption>\n";
  out << "<thead><tr>";
  for (const auto& h : t.headers) out << "<th>" << html_escape(h) << "</th>";
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out << "<tr>";
    for (std::size_t i = 0; i < t.headers.size(); ++i) {
      const Cell cell = i < row.size() ? row[i] : Cell{};
      std::string classes = looks_numeric(cell.text) ? "num" : "";
      const std::string mark = mark_class(cell.mark);
      if (!mark.empty()) classes += (classes.empty() ? "" : " ") + mark;
      out << "<td" << (classes.empty() ? "" : " class=\"" + classes + "\"") << '>'
          << html_escape(cell.text) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

std::string md_escape_cell(const Cell& cell) {
  std::string text;
  for (char c : cell.text) {
    if (c == '|') {
      text += "\\|";
    } else if (c == '\n') {
      text += ' ';
    } else {
      text += c;
    }
  }
  if ((cell.mark == Mark::Fail || cell.mark == Mark::Warn) && !text.empty()) return "**" + text + "**";
  return text;
}

void write_table_markdown(std::ostringstream& out, const Table& t) {
  if (!t.caption.empty()) out << "**" << t.caption << "**\n\n";
  out << '|';
  for (const auto& h : t.headers) out << ' ' << md_escape_cell(Cell{h}) << " |";
  out << "\n|";
  for (std::size_t i = 0; i < t.headers.size(); ++i) out << "---|";
  out << '\n';
  for (const auto& row : t.rows) {
    out << '|';
    for (std::size_t i = 0; i < t.headers.size(); ++i) {
      out << ' ' << (i < row.size() ? md_escape_cell(row[i]) : std::string{}) << " |";
    }
    out << '\n';
  }
  out << '\n';
}

Block make(Block::Kind kind, std::string text) {
  Block b;
  b.kind = kind;
  b.text = std::move(text);
  return b;
}

}  // namespace

Block paragraph(std::string text) { return make(Block::Kind::Paragraph, std::move(text)); }
Block callout(std::string text) { return make(Block::Kind::Callout, std::move(text)); }
Block code(std::string text) { return make(Block::Kind::Code, std::move(text)); }

Block bullets(std::vector<std::string> items) {
  Block b = make(Block::Kind::List, {});
  b.items = std::move(items);
  return b;
}

Block table(Table t) {
  Block b = make(Block::Kind::Table, {});
  b.table = std::move(t);
  return b;
}

Block figure(Figure f) {
  Block b = make(Block::Kind::Figure, {});
  b.figure = std::move(f);
  return b;
}

std::string html_escape(const std::string& text) { return svg::xml_escape(text); }

std::string to_html(const Page& page) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << html_escape(page.title) << "</title>\n<style>" << css
      << "</style>\n</head>\n<body>\n<header>\n<h1>" << html_escape(page.title) << "</h1>\n";
  if (!page.subtitle.empty()) out << "<p class=\"subtitle\">" << html_escape(page.subtitle) << "</p>\n";
  out << "<nav>";
  for (const auto& s : page.sections) {
    if (!s.id.empty()) out << "<a href=\"#" << html_escape(s.id) << "\">" << html_escape(s.title) << "</a>";
  }
  out << "</nav>\n</header>\n";
  bool first_section = true;
  for (const auto& s : page.sections) {
    out << "<section" << (first_section ? " class=\"first\"" : "");
    if (!s.id.empty()) out << " id=\"" << html_escape(s.id) << '"';
    out << ">\n<h2>" << html_escape(s.title) << "</h2>\n";
    bool first_block = true;
    for (const auto& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::Paragraph: out << "<p>" << inline_html(b.text) << "</p>\n"; break;
        case Block::Kind::Callout:
          out << "<div class=\"callout" << (first_section && first_block ? " first" : "") << "\">"
              << inline_html(b.text) << "</div>\n";
          break;
        case Block::Kind::Code: out << "<pre>" << html_escape(b.text) << "</pre>\n"; break;
        case Block::Kind::List:
          out << "<ul>\n";
          for (const auto& item : b.items) out << "<li>" << inline_html(item) << "</li>\n";
          out << "</ul>\n";
          break;
        case Block::Kind::Table: write_table_html(out, b.table); break;
        case Block::Kind::Figure:
          out << "<figure>\n" << b.figure.svg;
          if (!b.figure.caption.empty()) {
            out << "<figcaption>" << html_escape(b.figure.caption) << "</figcaption>\n";
          }
          out << "</figure>\n";
          break;
      }
      first_block = false;
    }
    out << "</section>\n";
    first_section = false;
  }
  if (!page.footer.empty()) {
    out << "<footer>\n";
    for (const auto& line : page.footer) out << "<p>" << html_escape(line) << "</p>\n";
    out << "</footer>\n";
  }
  out << "</body>\n</html>\n";
  return out.str();
}

std::string to_markdown(const Page& page) {
  std::ostringstream out;
  out << "# " << page.title << "\n\n";
  if (!page.subtitle.empty()) out << "*" << page.subtitle << "*\n\n";
  for (const auto& s : page.sections) {
    out << "## " << s.title << "\n\n";
    for (const auto& b : s.blocks) {
      switch (b.kind) {
        case Block::Kind::Paragraph: out << b.text << "\n\n"; break;
        case Block::Kind::Callout: out << "> **" << b.text << "**\n\n"; break;
        case Block::Kind::Code: out << "```\n" << b.text << "\n```\n\n"; break;
        case Block::Kind::List:
          for (const auto& item : b.items) out << "- " << item << '\n';
          out << '\n';
          break;
        case Block::Kind::Table: write_table_markdown(out, b.table); break;
        case Block::Kind::Figure:
          out << "*Chart: " << b.figure.caption << "* (drawn in the HTML report";
          out << (b.figure.data ? "; its numbers below)" : ")") << "\n\n";
          if (b.figure.data) write_table_markdown(out, *b.figure.data);
          break;
      }
    }
  }
  if (!page.footer.empty()) {
    out << "---\n\n";
    for (const auto& line : page.footer) out << line << "  \n";
  }
  return out.str();
}

}  // namespace kendall::report::page
