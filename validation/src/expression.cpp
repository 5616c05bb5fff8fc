#include "kendall/validation/expression.hpp"

#include <cctype>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::validation {

namespace {

// Recursive descent: expr := term (('+'|'-') term)*; term := power (('*'|'/') power)*;
// power := unary ('^' power)?; unary := '-' unary | primary; primary := number | name |
// name '(' args ')' | '(' expr ')'.
class Parser {
 public:
  Parser(std::string_view text, const Variables& variables) : text_(text), variables_(variables) {}

  double parse() {
    const double value = expression();
    skip_space();
    if (pos_ != text_.size()) fail("unexpected character");
    if (!std::isfinite(value)) {
      throw InvalidParameter(
          fmt::format("formula '{}' does not evaluate to a finite number", text_));
    }
    return value;
  }

 private:
  [[noreturn]] void fail(std::string_view what) const {
    throw InvalidParameter(
        fmt::format("formula '{}': {} at position {} — expected a number, a parameter "
                    "name, + - * / ^, parentheses, ceil/floor/sqrt/min/max",
                    text_, what, pos_ + 1));
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0)
      ++pos_;
  }

  bool accept(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  double expression() {
    double value = term();
    for (;;) {
      if (accept('+')) {
        value += term();
      } else if (accept('-')) {
        value -= term();
      } else {
        return value;
      }
    }
  }

  double term() {
    double value = power();
    for (;;) {
      if (accept('*')) {
        value *= power();
      } else if (accept('/')) {
        value /= power();
      } else {
        return value;
      }
    }
  }

  double power() {
    const double base = unary();
    if (accept('^')) return std::pow(base, power());
    return base;
  }

  double unary() {
    if (accept('-')) return -unary();
    return primary();
  }

  double primary() {
    skip_space();
    if (pos_ >= text_.size()) fail("end of formula");
    if (accept('(')) {
      const double value = expression();
      if (!accept(')')) fail("missing ')'");
      return value;
    }
    const char c = text_[pos_];
    if (std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '.') return number();
    if (std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_') return name();
    fail("unexpected character");
  }

  double number() {
    const std::string rest(text_.substr(pos_));
    std::size_t used = 0;
    double value = 0.0;
    try {
      value = std::stod(rest, &used);
    } catch (const std::exception&) {
      fail("malformed number");
    }
    pos_ += used;
    return value;
  }

  double name() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) != 0 || text_[pos_] == '_')) {
      ++pos_;
    }
    const std::string id(text_.substr(start, pos_ - start));
    if (accept('(')) {
      const double a = expression();
      if (id == "min" || id == "max") {
        if (!accept(',')) fail("missing ',' (min and max take two arguments)");
        const double b = expression();
        if (!accept(')')) fail("missing ')'");
        return id == "min" ? std::fmin(a, b) : std::fmax(a, b);
      }
      if (!accept(')')) fail("missing ')'");
      if (id == "ceil") return std::ceil(a);
      if (id == "floor") return std::floor(a);
      if (id == "sqrt") return std::sqrt(a);
      pos_ = start;
      fail(fmt::format("unknown function '{}'", id));
    }
    for (const auto& [key, value] : variables_) {
      if (key == id) return value;
    }
    std::string known;
    for (const auto& [key, value] : variables_) known += (known.empty() ? "" : ", ") + key;
    pos_ = start;
    fail(
        fmt::format("unknown parameter '{}' (parameters: {})", id, known.empty() ? "none" : known));
  }

  std::string_view text_;
  const Variables& variables_;
  std::size_t pos_ = 0;
};

}  // namespace

double evaluate_expression(std::string_view text, const Variables& variables) {
  return Parser(text, variables).parse();
}

}  // namespace kendall::validation
