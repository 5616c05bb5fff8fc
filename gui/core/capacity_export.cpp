#include "core/capacity_export.h"

#include <algorithm>
#include <exception>

#include <QFileInfo>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSvgRenderer>
#include <QTextDocument>
#include <QUrl>

#include "kendall/report/sha256.hpp"

namespace kendall::gui {

namespace {

bool isPdf(const QString& path) {
  return path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
}

std::string local(const QString& s) { return s.toStdString(); }

/// Replaces each inline <svg>…</svg> by an <img> whose picture is the SVG drawn at twice its
/// size (sharp in print), registered as a resource of `doc`.
QString inlineSvgAsImages(const QString& html, QTextDocument& doc) {
  static const QRegularExpression svg(QStringLiteral("<svg\\b.*?</svg>"),
                                      QRegularExpression::DotMatchesEverythingOption);
  QString out;
  qsizetype from = 0;
  int n = 0;
  auto it = svg.globalMatch(html);
  while (it.hasNext()) {
    const auto m = it.next();
    out += html.mid(from, m.capturedStart() - from);
    from = m.capturedEnd();
    QSvgRenderer renderer(m.captured().toUtf8());
    if (!renderer.isValid()) continue;
    const QSize natural =
        renderer.defaultSize().isValid() ? renderer.defaultSize() : QSize(800, 400);
    // Drawn at the printed size (fitting the ~650 px A4 text block) at twice the pixels, so it
    // is sharp in print; QTextDocument reserved the natural height when asked to scale.
    const int width = std::min(natural.width(), 650);
    const QSize size(width, natural.height() * width / std::max(natural.width(), 1));
    QImage image(size * 2, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    image.setDevicePixelRatio(2.0);
    const QString name = QStringLiteral("kendall-chart-%1.png").arg(++n);
    doc.addResource(QTextDocument::ImageResource, QUrl(name), image);
    // line-height 100%: the page's 1.45 would add 45% of the picture's height below it.
    out += QStringLiteral(
               "<p style=\"line-height: 100%\"><img src=\"%1\" width=\"%2\" height=\"%3\"></p>")
               .arg(name)
               .arg(size.width())
               .arg(size.height());
  }
  out += html.mid(from);
  return out;
}

}  // namespace

report::Provenance studioProvenance(const std::vector<std::string>& command,
                                    const QString& scenarioFile, const QString& text,
                                    std::uint64_t seed) {
  report::Provenance p = report::collect_provenance(command, local(scenarioFile), seed);
  p.scenario_sha256 = report::sha256_hex(text.toStdString());
  return p;
}

std::vector<std::string> planCommand(const QString& scenarioFile, bool noSimulation, bool confirm,
                                     const QString& reportPath) {
  std::vector<std::string> args{"kendall", "plan", local(scenarioFile)};
  if (noSimulation) args.emplace_back("--no-sim");
  if (confirm && !noSimulation) args.emplace_back("--confirm");
  args.emplace_back("--report");
  args.push_back(local(QFileInfo(reportPath).fileName()));
  return args;
}

std::vector<std::string> runCommand(const QString& scenarioFile, const QString& reportPath) {
  return {"kendall", "run", local(scenarioFile), "--report",
          local(QFileInfo(reportPath).fileName())};
}

void loadReportHtml(QTextDocument& doc, const QString& html) {
  // What the report's own print stylesheet does (QTextDocument ignores @media print): no
  // navigation links. A smaller type keeps the wide tables from breaking words in A4.
  static const QRegularExpression nav(QStringLiteral("<nav>.*?</nav>"),
                                      QRegularExpression::DotMatchesEverythingOption);
  QString printable = html;
  printable.remove(nav);
  // QTextDocument gives a no-wrap column all the width it asks for and then breaks the words
  // of the others; letting numbers wrap at their spaces shares the width out evenly.
  printable.replace(QStringLiteral("white-space: nowrap;"), QString());
  printable.replace(QStringLiteral("padding: 4px 9px;"), QStringLiteral("padding: 2px 4px;"));
  QFont font = doc.defaultFont();
  font.setPointSizeF(8.0);
  doc.setDefaultFont(font);
  doc.setHtml(inlineSvgAsImages(printable, doc));
}

std::vector<QImage> previewPdfPages(const QString& html, int pages) {
  QTextDocument doc;
  loadReportHtml(doc, html);
  // A4 at 96 dpi with QTextDocument::print's 2 cm margins.
  const QSizeF page(794, 1123);
  const qreal margin = 2.0 / 2.54 * 96;
  doc.setPageSize(page - QSizeF(2 * margin, 2 * margin));
  std::vector<QImage> out;
  for (int k = 0; k < std::min(pages, doc.pageCount()); ++k) {
    QImage image(page.toSize(), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.translate(margin, margin - k * doc.pageSize().height());
    doc.drawContents(&painter, QRectF(QPointF(0, k * doc.pageSize().height()), doc.pageSize()));
    painter.end();
    out.push_back(image);
  }
  return out;
}

QString writeHtmlAsPdf(const QString& html, const QString& path, const QString& title) {
  QTextDocument doc;
  loadReportHtml(doc, html);
  QPdfWriter pdf(path);
  pdf.setTitle(title);
  pdf.setCreator(QStringLiteral("Kendall Studio"));
  pdf.setPageSize(QPageSize(QPageSize::A4));
  pdf.setResolution(150);
  doc.print(&pdf);
  if (!QFileInfo(path).exists() || QFileInfo(path).size() == 0)
    return QObject::tr("Could not write %1").arg(path);
  return {};
}

QString exportPlanReport(const QString& path, const report::PlanReportInput& input) {
  try {
    if (isPdf(path)) {
      const std::string html = report::render_plan_report(input, report::ReportFormat::Html);
      return writeHtmlAsPdf(QString::fromStdString(html), path,
                            QString::fromStdString(input.plan.scenario));
    }
    report::write_plan_report(local(path), input);
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QString exportRunReport(const QString& path, const report::RunReportInput& input) {
  try {
    if (isPdf(path)) {
      const std::string html = report::render_run_report(input, report::ReportFormat::Html);
      return writeHtmlAsPdf(QString::fromStdString(html), path,
                            QString::fromStdString(input.scenario.name));
    }
    report::write_run_report(local(path), input);
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace kendall::gui
