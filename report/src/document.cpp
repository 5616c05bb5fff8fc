#include "kendall/report/document.hpp"

#include <sstream>

namespace kendall::report {

namespace {

std::string md_cell(const Cell& c) {
  std::string out;
  for (char ch : c.text) {
    if (ch == '|') {
      out += "\\|";
    } else if (ch == '\n') {
      out += ' ';
    } else {
      out += ch;
    }
  }
  if (c.css == "fail" && !out.empty()) return "**" + out + "**";
  return out;
}

constexpr const char* css = R"(
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1250px;
 padding:0 1rem;color:#1d2327;line-height:1.45}
h1{border-bottom:2px solid #333;padding-bottom:.3rem}
h2{margin-top:2.5rem;border-bottom:1px solid #bbb;padding-bottom:.2rem}
h3{margin-top:1.6rem;font-size:1.05rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.86rem;width:100%}
th,td{border:1px solid #d0d4d8;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f0f2f4}
tr:nth-child(even) td{background:#fafbfc}
td.pass{background:#e3f4e5!important;color:#0b5d1e;font-weight:600}
td.fail{background:#fbe3e4!important;color:#8a1118;font-weight:600}
td.reported{background:#fff5d6!important;color:#6a4a00;font-weight:600}
td.muted{color:#667}
pre{background:#f4f5f7;padding:.6rem .8rem;overflow-x:auto;font-size:.85rem}
p{margin:.4rem 0}
.num{font-variant-numeric:tabular-nums}
)";

}  // namespace

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string to_markdown(const Document& doc) {
  std::ostringstream out;
  for (const auto& b : doc) {
    switch (b.kind) {
      case Block::Kind::Heading:
        out << std::string(static_cast<std::size_t>(b.level), '#') << ' ' << b.text << "\n\n";
        break;
      case Block::Kind::Paragraph:
        out << b.text << "\n\n";
        break;
      case Block::Kind::Code:
        out << "```\n" << b.text << "\n```\n\n";
        break;
      case Block::Kind::Table: {
        out << '|';
        for (const auto& h : b.headers) out << ' ' << md_cell({h, {}}) << " |";
        out << "\n|";
        for (std::size_t i = 0; i < b.headers.size(); ++i) out << "---|";
        out << '\n';
        for (const auto& row : b.rows) {
          out << '|';
          for (std::size_t i = 0; i < b.headers.size(); ++i)
            out << ' ' << (i < row.size() ? md_cell(row[i]) : "") << " |";
          out << '\n';
        }
        out << '\n';
        break;
      }
    }
  }
  return out.str();
}

std::string to_html(const Document& doc, const std::string& title) {
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
      << html_escape(title) << "</title>\n<style>" << css << "</style>\n</head>\n<body>\n";
  for (const auto& b : doc) {
    switch (b.kind) {
      case Block::Kind::Heading:
        out << "<h" << b.level;
        if (!b.anchor.empty()) out << " id=\"" << html_escape(b.anchor) << '"';
        out << '>' << html_escape(b.text) << "</h" << b.level << ">\n";
        break;
      case Block::Kind::Paragraph: {
        // Paragraphs may hold line breaks: keep them.
        std::string text = html_escape(b.text);
        std::string with_breaks;
        for (char c : text) with_breaks += c == '\n' ? std::string("<br>") : std::string(1, c);
        out << "<p>" << with_breaks << "</p>\n";
        break;
      }
      case Block::Kind::Code:
        out << "<pre>" << html_escape(b.text) << "</pre>\n";
        break;
      case Block::Kind::Table:
        out << "<table>\n<thead><tr>";
        for (const auto& h : b.headers) out << "<th>" << html_escape(h) << "</th>";
        out << "</tr></thead>\n<tbody>\n";
        for (const auto& row : b.rows) {
          out << "<tr>";
          for (std::size_t i = 0; i < b.headers.size(); ++i) {
            const Cell c = i < row.size() ? row[i] : Cell{};
            out << "<td class=\"num";
            if (!c.css.empty()) out << ' ' << c.css;
            out << "\">" << html_escape(c.text) << "</td>";
          }
          out << "</tr>\n";
        }
        out << "</tbody>\n</table>\n";
        break;
    }
  }
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace kendall::report
