// SLO bounds edited in the form: the YAML reads back as the edited scenario with its comments
// kept (the bound is patched in place), undo restores the text, and the Planner tab judges
// the new bound. Every bundled scenario with an slo: section.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "kendall/model/scenario_loader.hpp"

#include "core/plan_tables.h"
#include "core/slo_model.h"
#include "core/yaml_patch.h"
#include "gui_test_support.h"
#include "views/form_view.h"
#include "views/main_window.h"
#include "views/planner_panel.h"

using namespace kendall;
using namespace kendall::gui;

class SloEditTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::isolateSettings("kendall-studio-slo-edit-test"); }

  void everyBoundEditsInPlace() {
    int edited = 0;
    for (const QString& name : test::bundledScenarios()) {
      ScenarioDocument document;
      QVERIFY(document.load(test::bundledPath(name)).isEmpty());
      SloModel model(&document);
      QAbstractItemModelTester tester(&model,
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
      QCOMPARE(model.rowCount(), static_cast<int>(document.scenario()->slos.size()));
      const QString saved = document.text();
      for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex bound = model.index(row, SloModel::Bound);
        QVERIFY(model.flags(bound) & Qt::ItemIsEditable);
        const double shown = model.data(bound, Qt::EditRole).toDouble();
        const double before = document.scenario()->slos[static_cast<std::size_t>(row)].bound;
        // Probabilities are edited in percent; everything else in its own unit.
        QVERIFY(shown == before || shown == 100.0 * before);
        const double next = shown == before
                                ? before * 0.9
                                : std::min(99.0, shown + 5.0);  // stays valid (utilization <= 1)
        QVERIFY(model.setData(bound, next));
        QVERIFY2(document.isValid(), qPrintable(name));
        const auto& slo = document.scenario()->slos[static_cast<std::size_t>(row)];
        QCOMPARE(slo.bound, shown == before ? next : next / 100.0);
        // In place: the file's comments are still there, and only this SLO changed.
        QVERIFY2(hasComments(document.text().toStdString()), qPrintable(name));
        ++edited;
      }
      while (document.undoStack()->canUndo()) document.undoStack()->undo();
      QCOMPARE(document.text(), saved);
    }
    QVERIFY(edited >= 6);
  }

  void thePlannerJudgesTheNewBound() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    SloModel* slos = window.formView()->sloModel();
    QCOMPARE(slos->data(slos->index(0, SloModel::Words)).toString(),
             QStringLiteral("api Wq_p95 < 20ms"));
    QVERIFY(slos->setData(slos->index(0, SloModel::Bound), 30.0));
    QVERIFY(window.document()->text().contains(QStringLiteral("below: 30ms")));
    PlannerPanel* panel = window.plannerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->shownPlan() != nullptr && panel->shownPlan()->slos[0].bound == 30.0, 10000);
    QCOMPARE(panel->sloModel()->data(panel->sloModel()->index(0, 1)).toString(),
             QStringLiteral("< 30 ms"));
    QCOMPARE(panel->sloModel()->data(panel->sloModel()->index(0, 0)).toString(),
             QStringLiteral("api Wq_p95 < 30ms"));
  }
};

QTEST_MAIN(SloEditTest)
#include "slo_edit.test.moc"
