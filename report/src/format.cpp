#include "kendall/report/format.hpp"

namespace kendall::report {

const std::map<std::string, Format>& format_names() {
  static const std::map<std::string, Format> names{{"table", Format::Table},
                                                   {"json", Format::Json},
                                                   {"csv", Format::Csv},
                                                   {"markdown", Format::Markdown}};
  return names;
}

}  // namespace kendall::report
