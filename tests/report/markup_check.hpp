#pragma once
// A small well-formedness checker for the SVG and HTML the report module writes: every tag
// closed in order, attributes quoted, every '&' an entity, no stray '<'. HTML void elements
// (meta, br, ...) need no closing tag. Returns an empty string when well formed, else what is
// wrong and where.

#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace kendall::report::testing {

inline std::string markup_problem(const std::string& text, bool html) {
  static const std::set<std::string> void_elements = {"meta", "br", "hr", "img", "link", "input",
                                                      "col", "wbr"};
  std::vector<std::string> open;
  std::size_t i = 0;
  auto where = [&](std::size_t at) { return " at offset " + std::to_string(at); };
  while (i < text.size()) {
    const char c = text[i];
    if (c == '&') {
      const std::size_t end = text.find(';', i);
      if (end == std::string::npos || end - i > 10) return "bare '&'" + where(i);
      for (std::size_t k = i + 1; k < end; ++k) {
        if (!std::isalnum(static_cast<unsigned char>(text[k])) && text[k] != '#') {
          return "bad entity" + where(i);
        }
      }
      i = end + 1;
      continue;
    }
    if (c == '>') return "stray '>'" + where(i);
    if (c != '<') {
      ++i;
      continue;
    }
    if (text.compare(i, 4, "<!--") == 0) {
      const std::size_t end = text.find("-->", i);
      if (end == std::string::npos) return "unclosed comment" + where(i);
      i = end + 3;
      continue;
    }
    if (text.compare(i, 2, "<!") == 0 || text.compare(i, 2, "<?") == 0) {
      const std::size_t end = text.find('>', i);
      if (end == std::string::npos) return "unclosed declaration" + where(i);
      i = end + 1;
      continue;
    }
    const bool closing = i + 1 < text.size() && text[i + 1] == '/';
    std::size_t k = i + (closing ? 2 : 1);
    std::string name;
    while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '-' ||
                               text[k] == ':')) {
      name += text[k++];
    }
    if (name.empty()) return "'<' without a tag name" + where(i);
    // Attributes: name="value" or name='value'.
    bool self_closing = false;
    for (;;) {
      while (k < text.size() && std::isspace(static_cast<unsigned char>(text[k]))) ++k;
      if (k >= text.size()) return "unterminated tag <" + name + where(i);
      if (text[k] == '>') {
        ++k;
        break;
      }
      if (text.compare(k, 2, "/>") == 0) {
        self_closing = true;
        k += 2;
        break;
      }
      if (closing) return "attributes in a closing tag </" + name + where(i);
      std::string attribute;
      while (k < text.size() && (std::isalnum(static_cast<unsigned char>(text[k])) ||
                                 text[k] == '-' || text[k] == ':' || text[k] == '_')) {
        attribute += text[k++];
      }
      if (attribute.empty()) return "bad attribute in <" + name + where(k);
      if (k >= text.size() || text[k] != '=') return "attribute " + attribute + " without value" + where(k);
      ++k;
      if (k >= text.size() || (text[k] != '"' && text[k] != '\'')) {
        return "unquoted attribute " + attribute + where(k);
      }
      const char quote = text[k++];
      const std::size_t end = text.find(quote, k);
      if (end == std::string::npos) return "unterminated attribute value" + where(k);
      if (text.substr(k, end - k).find('<') != std::string::npos) return "'<' in attribute" + where(k);
      k = end + 1;
    }
    if (closing) {
      if (open.empty() || open.back() != name) {
        return "</" + name + "> closes <" + (open.empty() ? std::string("nothing") : open.back()) + ">" +
               where(i);
      }
      open.pop_back();
    } else if (!self_closing && !(html && void_elements.count(name) > 0)) {
      open.push_back(name);
      // Raw text elements: skip to their end tag.
      if (name == "style" || name == "title") {
        const std::size_t end = text.find("</" + name + ">", k);
        if (end == std::string::npos) return "unclosed <" + name + ">" + where(i);
        k = end;
      }
    }
    i = k;
  }
  if (!open.empty()) return "unclosed <" + open.back() + "> at the end";
  return {};
}

}  // namespace kendall::report::testing
