#pragma once
/// \file
/// `--report FILE`: the format comes from the file's extension, and the path is checked
/// before any long work starts.

#include <filesystem>
#include <string>

namespace kendall::report {

enum class ReportFormat { Html, Markdown, Json, Csv };

/// .html/.htm → Html, .md/.markdown → Markdown, .json → Json, .csv → Csv (any case).
/// \throws InvalidParameter naming the accepted extensions otherwise.
[[nodiscard]] ReportFormat report_format_for(const std::filesystem::path& path);

/// The format's usual name: "HTML", "Markdown", "JSON", "CSV".
[[nodiscard]] std::string report_format_name(ReportFormat format);

/// Both checks of `--report FILE` at once (format, then check_writable): call it before the
/// long work so that a typo costs nothing.
ReportFormat check_report_path(const std::filesystem::path& path);

}  // namespace kendall::report
