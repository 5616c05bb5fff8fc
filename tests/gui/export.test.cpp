// File > Export capacity report / run report write what the report library renders: the
// exported HTML equals report::render_plan_report / render_run_report for the same plan or
// run (up to the date in the footer), and the PDF of it is a real PDF.
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/planner/planner.hpp"
#include "kendall/report/report_charts.hpp"

#include "core/capacity_export.h"
#include "gui_test_support.h"
#include "views/main_window.h"
#include "views/planner_panel.h"

using namespace kendall;
using namespace kendall::gui;

namespace {

QString readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(f.readAll());
}

/// The footer's date and the host are the only parts that may differ between two renderings.
QString withoutDate(QString html) {
  static const QRegularExpression date(
      QStringLiteral("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
  return html.replace(date, QStringLiteral("DATE"));
}

bool isPdf(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return false;
  return f.size() > 1000 && f.read(5) == QByteArray("%PDF-");
}

}  // namespace

class ExportTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::isolateSettings("kendall-studio-export-test"); }

  void coreExportIsTheLibrarysHtml() {
    const model::Scenario s =
        model::load_scenario(test::bundledPath(QStringLiteral("web-api.yaml")).toStdString());
    planner::PlanOptions options;
    options.no_simulation = true;
    const planner::PlanResult plan = planner::plan(s, options);
    report::Provenance p;
    p.kendall_version = "test";
    p.command_line = "kendall plan web-api.yaml --no-sim";
    p.seed = 42;
    const report::PlanReportInput input{s, plan, p};
    QTemporaryDir dir;
    const QString html = dir.filePath(QStringLiteral("r.html"));
    QCOMPARE(exportPlanReport(html, input), QString());
    QCOMPARE(readAll(html).toStdString(),
             report::render_plan_report(input, report::ReportFormat::Html));
    const QString md = dir.filePath(QStringLiteral("r.md"));
    QCOMPARE(exportPlanReport(md, input), QString());
    QCOMPARE(readAll(md).toStdString(),
             report::render_plan_report(input, report::ReportFormat::Markdown));
    const QString pdf = dir.filePath(QStringLiteral("r.pdf"));
    QCOMPARE(exportPlanReport(pdf, input), QString());
    QVERIFY(isPdf(pdf));
    // A wrong extension is the library's error, not a crash.
    QVERIFY(!exportPlanReport(dir.filePath(QStringLiteral("r.docx")), input).isEmpty());
  }

  void windowCapacityReportTheoryAndSimulated() {
    MainWindow window;
    const QString file = test::bundledPath(QStringLiteral("web-api.yaml"));
    QVERIFY(window.openFile(file));
    QTemporaryDir dir;
    const model::Scenario s = *window.document()->scenario();

    // Before any simulated plan: theory's answer, reproducible with --no-sim.
    const QString theoryPath = dir.filePath(QStringLiteral("theory.html"));
    QCOMPARE(window.exportCapacityReport(theoryPath), QString());
    planner::PlanOptions noSim;
    noSim.no_simulation = true;
    const planner::PlanResult theory = planner::plan(s, noSim);
    const report::PlanReportInput theoryInput{
        s, theory,
        studioProvenance(planCommand(file, true, false, theoryPath), file,
                         window.document()->text(), s.run.seed)};
    const QString theoryHtml = readAll(theoryPath);
    QCOMPARE(withoutDate(theoryHtml), withoutDate(QString::fromStdString(report::render_plan_report(
                                          theoryInput, report::ReportFormat::Html))));
    QVERIFY(theoryHtml.contains(QStringLiteral("--no-sim")));

    // After "Plan with simulation": the report of `kendall plan FILE`.
    PlannerPanel* panel = window.plannerPanel();
    QSignalSpy done(panel, &PlannerPanel::simulatedPlanFinished);
    panel->runSimulatedPlan();
    QVERIFY(done.wait(120000));
    const QString simPath = dir.filePath(QStringLiteral("plan.html"));
    QCOMPARE(window.exportCapacityReport(simPath), QString());
    const PlanPtr simulated = panel->simulatedPlanFor(s);
    QVERIFY(simulated && simulated->simulation);
    const report::PlanReportInput simInput{
        s, *simulated,
        studioProvenance(planCommand(file, false, false, simPath), file, window.document()->text(),
                         42)};
    const QString simHtml = readAll(simPath);
    QCOMPARE(withoutDate(simHtml), withoutDate(QString::fromStdString(report::render_plan_report(
                                       simInput, report::ReportFormat::Html))));
    QVERIFY(!simHtml.contains(QStringLiteral("--no-sim")));
    // The key numbers: the library's summary sentence names 9 API workers.
    QVERIFY(QString::fromStdString(report::plan_summary_sentence(simInput))
                .contains(QStringLiteral("9 servers")));
    QVERIFY(simHtml.contains(QStringLiteral("9 servers")));

    const QString pdf = dir.filePath(QStringLiteral("plan.pdf"));
    QCOMPARE(window.exportCapacityReport(pdf), QString());
    QVERIFY(isPdf(pdf));
  }

  void windowRunReport() {
    MainWindow window;
    const QString file = test::bundledPath(QStringLiteral("web-api.yaml"));
    QVERIFY(window.openFile(file));
    QTemporaryDir dir;
    QVERIFY(!window.exportRunReport(dir.filePath(QStringLiteral("none.html")))
                 .isEmpty());  // nothing run yet
    QSignalSpy done(&window, &MainWindow::simulationFinished);
    window.runSimulation();
    QVERIFY(done.wait(60000));
    const QString path = dir.filePath(QStringLiteral("run.html"));
    QCOMPARE(window.exportRunReport(path), QString());
    const model::Scenario& s = *window.document()->scenario();
    const auto& solution = window.document()->solution();
    const report::RunReportInput input{
        s, *window.lastResult(), solution ? &*solution : nullptr,
        studioProvenance(runCommand(file, path), file, window.document()->text(),
                         window.lastResult()->seed),
        report::charts::slo_lines(s)};
    QCOMPARE(withoutDate(readAll(path)),
             withoutDate(QString::fromStdString(
                 report::render_run_report(input, report::ReportFormat::Html))));
    const QString pdf = dir.filePath(QStringLiteral("run.pdf"));
    QCOMPARE(window.exportRunReport(pdf), QString());
    QVERIFY(isPdf(pdf));
  }
};

QTEST_MAIN(ExportTest)
#include "export.test.moc"
