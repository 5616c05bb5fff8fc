// The main window's exports: the results table (Markdown/JSON/CSV/text), the capacity report
// and the run report (HTML or PDF through the report library, as the CLI writes them).
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>

#include "kendall/planner/planner.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/run_report.hpp"
#include "kendall/report/solution_report.hpp"

#include "core/capacity_export.h"
#include "views/main_window.h"
#include "views/planner_panel.h"
#include "views/yaml_editor.h"

namespace kendall::gui {

void MainWindow::exportReport() {
  if (!m_document.isValid()) return;
  const QString path =
      QFileDialog::getSaveFileName(this, tr("Export report"), QStringLiteral("report.md"),
                                   tr("Markdown (*.md);;JSON (*.json);;CSV (*.csv);;Text (*.txt)"));
  if (path.isEmpty()) return;
  report::Format format = report::Format::Markdown;
  if (path.endsWith(QLatin1String(".json")))
    format = report::Format::Json;
  else if (path.endsWith(QLatin1String(".csv")))
    format = report::Format::Csv;
  else if (path.endsWith(QLatin1String(".txt")))
    format = report::Format::Table;
  const model::Scenario& s = *m_document.scenario();
  const auto& solution = m_document.solution();
  std::string text;
  if (m_result)
    text = report::render_run(s, *m_result, solution ? &*solution : nullptr, format);
  else if (solution)
    text = report::render_solution(s, *solution, format);
  QFile out(path);
  if (!out.open(QIODevice::WriteOnly) || out.write(QByteArray::fromStdString(text)) < 0) {
    QMessageBox::warning(this, tr("Cannot export"), out.errorString());
  }
}

namespace {
QString scenarioFileFor(const ScenarioDocument& document) {
  return document.filePath().isEmpty() ? document.displayName() : document.filePath();
}

QString reportStem(const ScenarioDocument& document) {
  return QFileInfo(document.displayName()).completeBaseName();
}
}  // namespace

QString MainWindow::exportCapacityReport(const QString& path) {
  m_yaml->flushPending();
  if (!m_document.isValid()) return tr("The scenario has problems (see Problems); fix them first.");
  const model::Scenario& scenario = *m_document.scenario();
  PlanPtr plan = m_planner->simulatedPlanFor(scenario);
  const bool noSimulation = !plan;
  const bool confirm = plan && m_planner->simulatedPlanConfirms();
  try {
    if (!plan) {
      // Theory's answer of the file as written (a what-if never goes into a report).
      planner::PlanOptions options;
      options.no_simulation = true;
      plan = std::make_shared<const planner::PlanResult>(planner::plan(scenario, options));
    }
  } catch (const std::exception& e) {
    return QString::fromStdString(e.what());
  }
  const QString file = scenarioFileFor(m_document);
  const std::uint64_t seed = plan->simulation ? plan->simulation->seed : scenario.run.seed;
  const report::PlanReportInput input{
      scenario, *plan,
      studioProvenance(planCommand(file, noSimulation, confirm, path), file, m_document.text(),
                       seed)};
  return kendall::gui::exportPlanReport(path, input);
}

QString MainWindow::exportRunReport(const QString& path) {
  m_yaml->flushPending();
  if (!m_document.isValid()) return tr("The scenario has problems (see Problems); fix them first.");
  if (!m_result || m_runner.isRunning())
    return tr("Run the simulation (F5) and let it finish first.");
  const model::Scenario& scenario = *m_document.scenario();
  const auto& solution = m_document.solution();
  const QString file = scenarioFileFor(m_document);
  const report::RunReportInput input{
      scenario, *m_result, solution ? &*solution : nullptr,
      studioProvenance(runCommand(file, path), file, m_document.text(), m_result->seed),
      report::charts::slo_lines(scenario)};
  return kendall::gui::exportRunReport(path, input);
}

void MainWindow::exportCapacityReportAs() {
  m_yaml->flushPending();
  if (!m_document.isValid()) {
    statusBar()->showMessage(tr("Fix the problems in the scenario first (see Problems)."), 6000);
    return;
  }
  if (!m_planner->simulatedPlanFor(*m_document.scenario())) {
    QMessageBox box(
        QMessageBox::Question, tr("Export capacity report"),
        tr("No plan confirmed by simulation yet for this scenario as written. Export theory's "
           "answer "
           "(the report of <tt>kendall plan --no-sim</tt>), or cancel and press “Plan with "
           "simulation” in the Planner tab first for the report of <tt>kendall plan</tt>?"),
        QMessageBox::Cancel, this);
    QPushButton* theory = box.addButton(tr("Export theory's answer"), QMessageBox::AcceptRole);
    box.exec();
    if (box.clickedButton() != theory) {
      m_viewTabs->setCurrentWidget(m_planner);
      return;
    }
  }
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export capacity report"),
      reportStem(m_document) + QStringLiteral("-capacity-report.html"),
      tr("HTML (*.html);;PDF (*.pdf);;Markdown (*.md);;JSON (*.json);;CSV (*.csv)"));
  if (path.isEmpty()) return;
  const QString error = exportCapacityReport(path);
  if (!error.isEmpty())
    QMessageBox::warning(this, tr("Cannot export"), error);
  else
    statusBar()->showMessage(
        tr("Capacity report written to %1").arg(QDir::toNativeSeparators(path)), 8000);
}

void MainWindow::exportRunReportAs() {
  if (!m_result || m_runner.isRunning()) {
    statusBar()->showMessage(tr("Run the simulation (F5) and let it finish first."), 6000);
    return;
  }
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export run report"), reportStem(m_document) + QStringLiteral("-run-report.html"),
      tr("HTML (*.html);;PDF (*.pdf);;Markdown (*.md);;JSON (*.json);;CSV (*.csv)"));
  if (path.isEmpty()) return;
  const QString error = exportRunReport(path);
  if (!error.isEmpty())
    QMessageBox::warning(this, tr("Cannot export"), error);
  else
    statusBar()->showMessage(tr("Run report written to %1").arg(QDir::toNativeSeparators(path)),
                             8000);
}

}  // namespace kendall::gui
