#include "kendall/report/report_file.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/report/atomic_file.hpp"

namespace kendall::report {

ReportFormat report_format_for(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".html" || ext == ".htm") return ReportFormat::Html;
  if (ext == ".md" || ext == ".markdown") return ReportFormat::Markdown;
  if (ext == ".json") return ReportFormat::Json;
  if (ext == ".csv") return ReportFormat::Csv;
  throw InvalidParameter(fmt::format(
      "--report '{}': the format is chosen by the extension — expected .html, .md, .json or .csv{}",
      path.string(), ext.empty() ? "" : fmt::format(", got '{}'", ext)));
}

std::string report_format_name(ReportFormat format) {
  switch (format) {
    case ReportFormat::Html: return "HTML";
    case ReportFormat::Markdown: return "Markdown";
    case ReportFormat::Json: return "JSON";
    case ReportFormat::Csv: return "CSV";
  }
  return "HTML";
}

ReportFormat check_report_path(const std::filesystem::path& path) {
  const ReportFormat format = report_format_for(path);
  check_writable(path);
  return format;
}

}  // namespace kendall::report
