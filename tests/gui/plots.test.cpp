// The waiting-time plot states P(Wq = 0): the share of replication 1's customers served at
// once (from the recorded waits) and theory's 1 − p_wait, since its histogram shows only the
// customers who waited.
#include <algorithm>

#include <QSignalSpy>
#include <QtTest>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/planner/planner.hpp"

#include "gui_test_support.h"
#include "views/main_window.h"
#include "views/planner_panel.h"
#include "views/plots_view.h"

using namespace kendall;
using namespace kendall::gui;

class PlotsTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::isolateSettings("kendall-studio-plots-test"); }

  void waitingPlotStatesTheAtomAtZero() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("three-tier.yaml"))));
    QSignalSpy trajectory(window.runner(), &SimulationRunner::trajectoryReady);
    window.runSimulation();
    QVERIFY(trajectory.wait(60000));
    PlotsView* plots = window.plotsView();
    QVERIFY(plots->trajectory());
    const auto& waits = plots->trajectory()->stations[0].waits;  // the station shown first: web
    QVERIFY(waits.size() > 1000);
    const auto zeros = std::count_if(waits.begin(), waits.end(), [](double w) { return w <= 0.0; });
    QVERIFY(zeros > 0 &&
            zeros < static_cast<long>(waits.size()));  // an M/M/4 at ρ = 0.5: both kinds
    const double simulated = 100.0 * static_cast<double>(zeros) / static_cast<double>(waits.size());
    const double theory =
        100.0 * (1.0 - *window.document()->solution()->stations[0].result->metrics.get("p_wait"));
    const QString summary = plots->waitingSummary();
    QVERIFY2(summary.contains(QStringLiteral("P(Wq = 0)")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("%1% simulated").arg(simulated, 0, 'f', 1)),
             qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("%1% theory").arg(theory, 0, 'f', 1)),
             qPrintable(summary));
  }

  void loadPlotShowsTheSloAndThePlannersHeadroom() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    window.plotsView()->setStation(0);
    const QStringList lines = window.plotsView()->loadPlotSloLines();
    QVERIFY2(lines.size() == 1 && lines[0].startsWith(QStringLiteral("SLO api Wq_p95 < 20ms")) &&
                 lines[0].contains(QStringLiteral("quantile")),
             qPrintable(lines.join(QStringLiteral(" | "))));

    // call-centre: theory's plan gives a headroom with today's agents; the load plot marks it.
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("call-centre.yaml"))));
    planner::PlanOptions options;
    options.no_simulation = true;
    const auto plan = planner::plan(
        model::load_scenario(test::bundledPath(QStringLiteral("call-centre.yaml")).toStdString()),
        options);
    QVERIFY(plan.headroom_today && plan.headroom_today->factor);
    QTRY_VERIFY_WITH_TIMEOUT(window.plotsView()->plannerHeadroom().has_value(), 10000);
    QCOMPARE(*window.plotsView()->plannerHeadroom(), *plan.headroom_today->factor);
    // A what-if is not the file: the mark goes away.
    WhatIf more;
    more.arrivalFactor = 1.3;
    window.plannerPanel()->setWhatIf(more);
    QTRY_VERIFY_WITH_TIMEOUT(!window.plotsView()->plannerHeadroom().has_value(), 10000);
  }
};

QTEST_MAIN(PlotsTest)
#include "plots.test.moc"
