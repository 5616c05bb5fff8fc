#pragma once
// File > Export capacity report…: the report library's own renderers (the same HTML as
// `kendall plan FILE --report x.html` and `kendall run FILE --report x.html`), and a PDF of
// that HTML (QTextDocument printed by QPdfWriter; the report's inline SVG charts are drawn
// into images first, since QTextDocument does not read SVG).

#include <cstdint>
#include <string>
#include <vector>

#include <QImage>
#include <QString>
#include <QTextDocument>

#include "kendall/planner/plan.hpp"
#include "kendall/report/plan_capacity_report.hpp"
#include "kendall/report/provenance.hpp"
#include "kendall/report/run_capacity_report.hpp"

namespace kendall::gui {

/// The reproducibility footer of a report written by the app. `command` is the CLI command
/// that gives the same report; the SHA-256 is the document text's (what was planned, saved or
/// not), so a reader can check it against the file.
[[nodiscard]] report::Provenance studioProvenance(const std::vector<std::string>& command,
                                                  const QString& scenarioFile, const QString& text,
                                                  std::uint64_t seed);

/// `kendall plan FILE [--no-sim] [--confirm] --report REPORT`: how the plan was asked for.
[[nodiscard]] std::vector<std::string> planCommand(const QString& scenarioFile, bool noSimulation,
                                                   bool confirm, const QString& reportPath);
/// `kendall run FILE --report REPORT`.
[[nodiscard]] std::vector<std::string> runCommand(const QString& scenarioFile,
                                                  const QString& reportPath);

/// Writes the plan's capacity report: .html (and the library's other formats: .md, .json,
/// .csv) through report::write_plan_report, .pdf as a PDF of the HTML. Returns an error
/// message, empty on success.
[[nodiscard]] QString exportPlanReport(const QString& path, const report::PlanReportInput& input);
/// The same for the run report (report::write_run_report).
[[nodiscard]] QString exportRunReport(const QString& path, const report::RunReportInput& input);

/// Loads a report's HTML into `doc` the way the PDF prints it (inline SVG charts as images).
void loadReportHtml(QTextDocument& doc, const QString& html);

/// Pictures of the first `pages` PDF pages (A4 at 96 dpi), to look at the PDF's layout.
[[nodiscard]] std::vector<QImage> previewPdfPages(const QString& html, int pages);

/// Prints an HTML page to a PDF file (A4). Returns an error message, empty on success.
[[nodiscard]] QString writeHtmlAsPdf(const QString& html, const QString& path,
                                     const QString& title);

}  // namespace kendall::gui
