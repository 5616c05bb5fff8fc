#include "kendall/report/table.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::report {

Table::Table(std::vector<std::string> headers)
    : headers_(std::move(headers)), align_(headers_.size(), Align::Right) {
  if (!align_.empty()) align_[0] = Align::Left;
}

void Table::set_align(std::size_t column, Align align) { align_.at(column) = align; }

void Table::add_row(std::vector<std::string> cells) {
  if (cells.size() > headers_.size()) {
    throw Error(fmt::format("table row has {} cells but the table has {} columns", cells.size(),
                            headers_.size()));
  }
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::size_t display_width(const std::string& text) {
  // Count UTF-8 lead bytes: continuation bytes look like 10xxxxxx.
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

namespace {

std::string pad(const std::string& text, std::size_t width, Align align) {
  const std::size_t w = display_width(text);
  if (w >= width) return text;
  const std::string fill(width - w, ' ');
  return align == Align::Left ? text + fill : fill + text;
}

std::string escape_markdown(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

std::string quote_csv(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::vector<std::size_t> Table::visible_columns() const {
  // A column with an empty header and no content (e.g. a flag column with nothing flagged)
  // is left out rather than printed as blank space.
  std::vector<std::size_t> visible;
  for (std::size_t c = 0; c < headers_.size(); ++c) {
    bool empty = headers_[c].empty();
    for (const auto& row : rows_) empty = empty && row[c].empty();
    if (!empty) visible.push_back(c);
  }
  return visible;
}

std::string Table::to_text() const {
  const auto columns = visible_columns();
  std::vector<std::size_t> width(headers_.size());
  for (std::size_t c : columns) {
    width[c] = display_width(headers_[c]);
    for (const auto& row : rows_) width[c] = std::max(width[c], display_width(row[c]));
  }
  std::ostringstream out;
  auto emit = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::size_t c = columns[k];
      if (k > 0) line += "  ";
      line += pad(cells[c], width[c], align_[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  emit(headers_);
  std::string rule;
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (k > 0) rule += "  ";
    rule += std::string(width[columns[k]], '-');
  }
  out << rule << '\n';
  for (const auto& row : rows_) emit(row);
  return out.str();
}

std::string Table::to_markdown() const {
  const auto columns = visible_columns();
  std::ostringstream out;
  out << '|';
  for (std::size_t c : columns) out << ' ' << escape_markdown(headers_[c]) << " |";
  out << "\n|";
  for (std::size_t c : columns) out << (align_[c] == Align::Right ? " ---: |" : " --- |");
  out << '\n';
  for (const auto& row : rows_) {
    out << '|';
    for (std::size_t c : columns) out << ' ' << escape_markdown(row[c]) << " |";
    out << '\n';
  }
  return out.str();
}

std::string Table::to_csv() const {
  std::ostringstream out;
  auto emit = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c > 0) out << ',';
      out << quote_csv(cells[c]);
    }
    out << "\r\n";
  };
  emit(headers_);
  for (const auto& row : rows_) emit(row);
  return out.str();
}

std::string format_number(double value, int significant) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  if (value == 0.0) return "0";
  const double magnitude = std::abs(value);
  std::string text;
  if (magnitude >= 1e-4 && magnitude < 1e9) {
    // Fixed notation with enough decimals for `significant` digits.
    const int digits_before = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    const int decimals = std::max(0, significant - digits_before);
    text = fmt::format("{:.{}f}", value, decimals);
    if (text.find('.') != std::string::npos) {
      while (text.back() == '0') text.pop_back();
      if (text.back() == '.') text.pop_back();
    }
  } else {
    text = fmt::format("{:.{}g}", value, significant);
  }
  if (text == "-0") text = "0";
  return text;
}

}  // namespace kendall::report
