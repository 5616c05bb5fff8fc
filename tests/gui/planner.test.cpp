// The Planner tab shows planner::plan's own answer: the recommended servers of web-api equal
// planner::plan called here (analytic and confirmed by simulation); the what-if sliders change
// the analytic numbers exactly as the library says for the modified scenario; a scenario
// without SLOs states the assumed defaults; Cancel of a running plan returns within 100 ms;
// the plan's tables pass QAbstractItemModelTester for every bundled scenario.
#include "kendall/planner/planner.hpp"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QtTest>

#include "kendall/model/scenario_loader.hpp"

#include "core/plan_tables.h"
#include "gui_test_support.h"
#include "views/main_window.h"
#include "views/planner_panel.h"

using namespace kendall;
using namespace kendall::gui;

namespace {

model::Scenario loadBundled(const char* name) {
  return model::load_scenario(test::bundledPath(QString::fromLatin1(name)).toStdString());
}

planner::PlanResult analyticPlan(const model::Scenario& s) {
  planner::PlanOptions options;
  options.no_simulation = true;
  return planner::plan(s, options);
}

/// Column of the recommended servers, ValueRole per station row, against the library's.
void compareRecommended(const PlanTableModel* stations, const planner::PlanResult& expected) {
  QCOMPARE(stations->rowCount(), static_cast<int>(expected.stations.size()));
  for (int row = 0; row < stations->rowCount(); ++row) {
    const auto& s = expected.stations[static_cast<std::size_t>(row)];
    QCOMPARE(stations->data(stations->index(row, 0)).toString(), QString::fromStdString(s.name));
    const QVariant shown = stations->data(stations->index(row, 1), PlanTableModel::ValueRole);
    QCOMPARE(shown.isValid(), s.recommended_servers.has_value());
    if (s.recommended_servers) {
      QCOMPARE(shown.toInt(), static_cast<int>(*s.recommended_servers));
      QVERIFY(stations->data(stations->index(row, 1))
                  .toString()
                  .endsWith(QStringLiteral("→ %1").arg(*s.recommended_servers)));
    }
  }
}

/// Today's and the plan's SLO values (ValueRole) and verdicts against the library's.
void compareSlos(const PlanTableModel* slos, const planner::PlanResult& expected) {
  QCOMPARE(slos->rowCount(), static_cast<int>(expected.slos.size()));
  for (int row = 0; row < slos->rowCount(); ++row) {
    const auto k = static_cast<std::size_t>(row);
    const auto check = [&](int column, const planner::SloVerdict& v) {
      const QModelIndex at = slos->index(row, column);
      QCOMPARE(slos->data(at, PlanTableModel::PassRole).toBool(), v.pass);
      QCOMPARE(slos->data(at, PlanTableModel::ValueRole).isValid(), v.value.has_value());
      if (v.value) QCOMPARE(slos->data(at, PlanTableModel::ValueRole).toDouble(), v.value->value);
    };
    check(2, expected.slos_today[k]);
    check(3, expected.slos[k]);
  }
}

}  // namespace

class PlannerTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::isolateSettings("kendall-studio-planner-test"); }

  void tablesPassTheModelTester() {
    int planned = 0;
    for (const QString& name : test::bundledScenarios()) {
      const model::Scenario s = model::load_scenario(test::bundledPath(name).toStdString());
      planner::PlanResult plan;
      try {
        plan = analyticPlan(s);
      } catch (const std::exception&) {
        continue;  // a closed network: kendall plan refuses it too (the panel says why)
      }
      ++planned;
      PlanTableModel model;
      QAbstractItemModelTester tester(&model,
                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
      for (const PlanTable& t : {sloTable(plan), stationTable(plan), loadTable(plan, plan.headroom),
                                 costTable(plan), scheduleTable(plan), demandTable(plan)}) {
        model.setTable(t);
        for (int r = 0; r < model.rowCount(); ++r) {
          for (int c = 0; c < model.columnCount(); ++c)
            (void)model.data(model.index(r, c), Qt::ToolTipRole);
        }
      }
      model.setTable({});
    }
    QVERIFY(planned >= 10);
  }

  void webApiAnalyticAnswerIsTheLibrarys() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    PlannerPanel* panel = window.plannerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    QVERIFY(!panel->showsSimulatedPlan());
    const planner::PlanResult expected = analyticPlan(loadBundled("web-api.yaml"));
    compareRecommended(panel->stationModel(), expected);
    compareSlos(panel->sloModel(), expected);
    QCOMPARE(panel->costModel()->rowCount(), 3);
    QCOMPARE(panel->costModel()
                 ->data(panel->costModel()->index(0, 5), PlanTableModel::ValueRole)
                 .toDouble(),
             expected.cost->today.total_per_hour);
    QVERIFY(panel->findChild<QLabel*>(QStringLiteral("planMethod"))
                ->text()
                .contains(QStringLiteral("analytic")));

    // An edit of the document: the analytic plan follows.
    model::Scenario edited = *window.document()->scenario();
    edited.stations[1].servers = 1;
    window.document()->applyFormEdit(edited, QStringLiteral("1 db connection"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    model::Scenario expectedEdited = loadBundled("web-api.yaml");
    expectedEdited.stations[1].servers = 1;
    const auto after = analyticPlan(expectedEdited);
    compareSlos(panel->sloModel(), after);
    QVERIFY(!after.slos_today[2].pass);  // db utilization 0.86 > 0.8: the edit matters
  }

  void webApiSimulatedPlanIsTheLibrarys() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    PlannerPanel* panel = window.plannerPanel();
    QSignalSpy done(panel, &PlannerPanel::simulatedPlanFinished);
    QElapsedTimer wall;
    wall.start();
    panel->runSimulatedPlan();
    QVERIFY(panel->runner()->isRunning());
    QVERIFY(done.wait(120000));
    qInfo("web-api plan with simulation in the app: %lld ms wall",
          static_cast<long long>(wall.elapsed()));
    QVERIFY(panel->showsSimulatedPlan());
    const planner::PlanResult expected = planner::plan(loadBundled("web-api.yaml"));
    QVERIFY(expected.simulation.has_value());
    compareRecommended(panel->stationModel(), expected);
    compareSlos(panel->sloModel(), expected);
    QCOMPARE(panel->stationModel()
                 ->data(panel->stationModel()->index(0, 1), PlanTableModel::ValueRole)
                 .toInt(),
             9);
    // The tooltip shows c−1, c, c+1 as the library judged them: 8 fails, 9 meets.
    const QString why =
        panel->stationModel()->data(panel->stationModel()->index(0, 1), Qt::ToolTipRole).toString();
    for (const auto& o : expected.stations[0].around_recommendation) {
      QVERIFY2(
          why.contains(
              QStringLiteral("at %1 servers: %2").arg(o.servers).arg(o.meets ? "meets" : "fails")),
          qPrintable(why));
    }
    QVERIFY(why.contains(QStringLiteral("at 8 servers: fails")) &&
            why.contains(QStringLiteral("at 9 servers: meets")));
    QVERIFY(panel->findChild<QLabel*>(QStringLiteral("planMethod"))
                ->text()
                .contains(QStringLiteral("simulation")));
    // The headroom load table is the library's.
    QCOMPARE(panel->loadModel()->rowCount(), static_cast<int>(expected.headroom.load_table.size()));
    for (int r = 0; r < panel->loadModel()->rowCount(); ++r) {
      const auto& lp = expected.headroom.load_table[static_cast<std::size_t>(r)];
      QCOMPARE(panel->loadModel()
                   ->data(panel->loadModel()->index(r, 0), PlanTableModel::ValueRole)
                   .toDouble(),
               lp.factor);
      QCOMPARE(panel->loadModel()
                   ->data(panel->loadModel()->index(r, 1), PlanTableModel::PassRole)
                   .toBool(),
               lp.meets);
    }
  }

  void exactTheoryNeedsNoSimulationUnlessConfirmed() {
    PlannerPanel panel;
    const model::Scenario s = loadBundled("three-tier.yaml");
    panel.setScenario(s);
    QSignalSpy done(&panel, &PlannerPanel::simulatedPlanFinished);
    panel.runSimulatedPlan();
    QVERIFY(done.wait(120000));
    const planner::PlanResult expected = planner::plan(s);
    QVERIFY(!expected.simulation);  // Jackson network: every SLO judged exactly
    QVERIFY(!panel.shownPlan()->simulation);
    compareRecommended(panel.stationModel(), expected);
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("planStatus"))
                ->text()
                .contains(QStringLiteral("theory is exact")));
    QVERIFY(!panel.simulatedPlanConfirms());
  }

  void whatIfSlidersFollowTheLibrary() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    PlannerPanel* panel = window.plannerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    const planner::PlanResult base = analyticPlan(loadBundled("web-api.yaml"));

    // 20% more traffic: the arrival stream's rate, changed here by hand, not by the app's code.
    panel->arrivalSlider()->setValue(120);
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    model::Scenario more = loadBundled("web-api.yaml");
    std::get<model::dist::Exponential>(more.arrivals[0].interarrival).rate *= 1.2;
    const planner::PlanResult expectedMore = analyticPlan(more);
    compareSlos(panel->sloModel(), expectedMore);
    compareRecommended(panel->stationModel(), expectedMore);
    QVERIFY(expectedMore.slos_today[1].value->value >
            base.slos_today[1].value->value + 0.1);  // api utilization
    QVERIFY(!window.document()->isModified());       // the file is not touched

    // And 10 API workers.
    const int api = panel->stationCombo()->findText(QStringLiteral("api"));
    QVERIFY(api >= 0);
    panel->stationCombo()->setCurrentIndex(api);
    panel->serversSlider()->setValue(10);
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    more.stations[0].servers = 10;
    compareSlos(panel->sloModel(), analyticPlan(more));

    // Back to the file.
    panel->setWhatIf(WhatIf{});
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    compareSlos(panel->sloModel(), base);
  }

  void applyRecommendedServersIsOneUndoableEdit() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("three-tier.yaml"))));
    PlannerPanel* panel = window.plannerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    const model::Scenario file = loadBundled("three-tier.yaml");
    const planner::PlanResult expected = analyticPlan(file);
    const QString before = window.document()->text();
    auto* apply = panel->findChild<QPushButton*>(QStringLiteral("applyRecommended"));
    QVERIFY(apply && apply->isEnabled());
    panel->applyRecommendedServers();
    QVERIFY(window.document()->isModified());
    const model::Scenario& now = *window.document()->scenario();
    for (std::size_t i = 0; i < now.stations.size(); ++i) {
      QCOMPARE(now.stations[i].servers,
               expected.stations[i].recommended_servers);  // web 5, app 9, db 3
    }
    QVERIFY(
        window.document()->text().contains(QStringLiteral("#")));  // comments kept (in-place edit)
    // The analytic plan of the edited file: today now meets every SLO.
    QTRY_VERIFY_WITH_TIMEOUT(
        panel->shownPlan() != nullptr && panel->shownPlan()->slos_today[0].pass, 10000);
    QVERIFY(panel->recommendedChanges().empty());
    QVERIFY(!apply->isEnabled());  // nothing left to apply
    window.document()->undoStack()->undo();
    QCOMPARE(window.document()->text(), before);
  }

  void withoutSlosTheDefaultsAreStated() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("task-queue.yaml"))));
    PlannerPanel* panel = window.plannerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    const planner::PlanResult expected = analyticPlan(loadBundled("task-queue.yaml"));
    QVERIFY(expected.defaults_assumed);
    auto* banner = panel->findChild<QLabel*>(QStringLiteral("planDefaults"));
    QVERIFY(!banner->isHidden());
    QVERIFY(banner->text().contains(QStringLiteral("states no SLO")));
    for (const auto& d : expected.assumed_defaults) {
      QVERIFY2(banner->text().contains(QString::fromStdString(d).toHtmlEscaped()), d.c_str());
    }
    compareRecommended(panel->stationModel(), expected);
    for (int r = 0; r < panel->sloModel()->rowCount(); ++r) {
      QVERIFY(panel->sloModel()
                  ->data(panel->sloModel()->index(r, 0))
                  .toString()
                  .contains(QStringLiteral("assumed")));
    }
  }

  void analyticUpdateTime() {
    // Time from a what-if move to the new analytic answer on screen, per bundled example with
    // SLOs (the slowest is call-centre: Erlang-A searches).
    for (const char* name : {"web-api.yaml", "call-centre.yaml", "three-tier.yaml"}) {
      PlannerPanel panel;
      panel.setScenario(loadBundled(name));
      QTRY_VERIFY_WITH_TIMEOUT(panel.shownPlan() != nullptr, 10000);
      qint64 worst = 0, total = 0;
      for (int step = 1; step <= 5; ++step) {
        QSignalSpy shown(&panel, &PlannerPanel::planShown);
        QElapsedTimer clock;
        clock.start();
        panel.arrivalSlider()->setValue(100 + 4 * step);
        QVERIFY(shown.wait(10000));
        worst = std::max(worst, clock.elapsed());
        total += clock.elapsed();
        QVERIFY(panel.shownPlan() != nullptr);
      }
      qInfo("%s: analytic plan after a what-if move: mean %lld ms, worst %lld ms", name,
            static_cast<long long>(total / 5), static_cast<long long>(worst));
      QVERIFY2(worst < 2000, "theory's answer follows an edit in well under a second or two");
    }
  }

  void planWithSimulationKeepsTheWindowResponsive() {
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.viewTabs()->setCurrentWidget(window.plannerPanel());
    QTest::qWait(300);
    model::Scenario heavy = *window.document()->scenario();
    heavy.run.customers = 5'000'000;
    window.document()->applyFormEdit(heavy, QStringLiteral("long plan"));
    QTRY_VERIFY_WITH_TIMEOUT(window.plannerPanel()->shownPlan() != nullptr, 10000);

    QElapsedTimer clock;
    qint64 last = 0, maxGap = 0;
    QTimer tick;
    tick.setInterval(5);
    connect(&tick, &QTimer::timeout, this, [&] {
      const qint64 now = clock.elapsed();
      maxGap = std::max(maxGap, now - last);
      last = now;
    });
    clock.start();
    tick.start();
    QTest::qWait(1000);
    tick.stop();
    const qint64 baseline = maxGap;
    maxGap = 0;
    last = 0;
    window.plannerPanel()->runSimulatedPlan();
    clock.start();
    tick.start();
    QTest::qWait(2500);
    tick.stop();
    QVERIFY(window.plannerPanel()->runner()->isRunning());
    qInfo("max event-loop stall during a plan with simulation: %lld ms (baseline %lld ms)",
          static_cast<long long>(maxGap), static_cast<long long>(baseline));
    QVERIFY2(
        maxGap <= std::max<qint64>(50, baseline + 20),
        qPrintable(
            QStringLiteral("event loop stalled %1 ms (baseline %2 ms)").arg(maxGap).arg(baseline)));
    window.plannerPanel()->cancelSimulatedPlan();
    window.plannerPanel()->runner()->waitForIdle();
  }

  void aDailyProfileShowsTheLibrarysSchedule() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("daily-profile.yaml"))));
    PlannerPanel* panel = window.plannerPanel();
    QTRY_VERIFY_WITH_TIMEOUT(panel->shownPlan() != nullptr, 10000);
    const planner::PlanResult expected = analyticPlan(loadBundled("daily-profile.yaml"));
    QVERIFY(expected.schedule.has_value());
    PlanTableModel* schedule = panel->scheduleModel();
    int row = 0;
    for (const auto& st : expected.schedule->stations) {
      for (const auto& iv : st.intervals) {
        QCOMPARE(schedule->data(schedule->index(row, 0)).toString(),
                 QString::fromStdString(st.station));
        QCOMPARE(schedule->data(schedule->index(row, 1), PlanTableModel::ValueRole).toDouble(),
                 iv.start);
        QCOMPARE(schedule->data(schedule->index(row, 4), PlanTableModel::ValueRole).toInt(),
                 static_cast<int>(iv.servers_today));
        QCOMPARE(schedule->data(schedule->index(row, 6), PlanTableModel::ValueRole).toInt(),
                 static_cast<int>(iv.recommended_servers));
        ++row;
      }
    }
    QCOMPARE(schedule->rowCount(), row);
    QVERIFY(row >= 8);
    QVERIFY(!panel->findChild<QTableView*>(QStringLiteral("scheduleTable"))->isHidden());
    // The station row points to the schedule instead of saying "none found".
    QVERIFY(panel->stationModel()
                ->data(panel->stationModel()->index(0, 1))
                .toString()
                .contains(QStringLiteral("schedule")));
  }

  void anUnstablePlaceholderShowsItsReason() {
    // What planner::plan gives for an unstable station in a simulated load point (priority-classes
    // at 1.5×): value 0 with no estimate behind it, and the reason.
    planner::SloVerdict v;
    v.quantity = planner::Quantity::Utilization;
    v.value = planner::MetricValue{};
    v.value->method = planner::simulation_method;
    v.reason = "unstable in simulation: the queue grows without bound";
    QCOMPARE(verdictValueText(v, "ms"),
             QStringLiteral("— unstable in simulation: the queue grows without bound"));
    v.value->simulated = sim::Estimate{};
    v.value->simulated->mean = 0.5;
    v.value->value = 0.5;
    QVERIFY(verdictValueText(v, "ms").startsWith(QStringLiteral("0.500")));
  }

  void whatIfIgnoresStationsThatCannotChange() {
    model::Scenario s = loadBundled("web-api.yaml");
    WhatIf w;
    w.servers[0] = 10;
    QVERIFY(!w.neutral(s));
    QVERIFY(w.describe(s).contains(QStringLiteral("api: 10 servers (file: 8)")));
    QCOMPARE(*applyWhatIf(s, w).stations[0].servers, 10u);
    s.stations[0].servers.reset();  // the file made api a delay station meanwhile
    QVERIFY(w.neutral(s));
    QVERIFY(w.describe(s).isEmpty());
    QVERIFY(!applyWhatIf(s, w).stations[0].servers.has_value());
  }

  void cancelReturnsWithin100ms() {
    PlannerPanel panel;
    // A plan that takes minutes: web-api with long replications.
    model::Scenario heavy = loadBundled("web-api.yaml");
    heavy.run.customers = 5'000'000;
    panel.setScenario(heavy);
    QSignalSpy ready(panel.runner(), &PlanRunner::simulatedReady);
    QSignalSpy finished(&panel, &PlannerPanel::simulatedPlanFinished);
    panel.runSimulatedPlan();
    QTest::qWait(500);
    QVERIFY(panel.runner()->isRunning());
    QElapsedTimer clock;
    clock.start();
    panel.cancelSimulatedPlan();
    const qint64 cancelMs = clock.elapsed();
    QVERIFY(!panel.runner()->isRunning());
    panel.runner()->waitForIdle();
    const qint64 stoppedMs = clock.elapsed();
    qInfo("cancel returned in %lld ms; the planner thread ended %lld ms after the cancel",
          static_cast<long long>(cancelMs), static_cast<long long>(stoppedMs));
    QVERIFY2(cancelMs < 100, "Cancel returns control within 100 ms");
    QVERIFY2(stoppedMs < 5000, "the background plan stops soon after");
    QCoreApplication::processEvents();
    QCOMPARE(ready.count(), 0);  // an interrupted plan is incomplete: never shown
    QCOMPARE(finished.count(), 0);
  }

  void aWhatIfMoveCancelsTheSimulatedPlanOfAnotherVariant() {
    PlannerPanel panel;
    model::Scenario heavy = loadBundled("web-api.yaml");
    heavy.run.customers = 5'000'000;
    panel.setScenario(heavy);
    panel.runSimulatedPlan();
    QVERIFY(panel.runner()->isRunning());
    panel.arrivalSlider()->setValue(110);
    QVERIFY(!panel.runner()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(panel.shownPlan() != nullptr, 10000);
    QVERIFY(!panel.showsSimulatedPlan());
    panel.runner()->waitForIdle();
  }
};

QTEST_MAIN(PlannerTest)
#include "planner.test.moc"
