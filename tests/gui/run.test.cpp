// Open a scenario, run it, and find the libraries' own numbers in the results table: the
// analytic column is solve_scenario's, the simulated column is run_experiment's with the same
// seed (bit-identical, whatever the thread count).
#include <QSignalSpy>
#include <QtTest>

#include "kendall/model/metrics.hpp"
#include "kendall/model/scenario_loader.hpp"
#include "kendall/report/run_report.hpp"
#include "kendall/sim/experiment.hpp"

#include "core/results_model.h"
#include "gui_test_support.h"
#include "views/main_window.h"
#include "views/results_view.h"

using namespace kendall;
using namespace kendall::gui;

class RunTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::isolateSettings("kendall-studio-run-test"); }

  void openRunCompare() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("three-tier.yaml"))));
    ResultsModel* table = window.resultsView()->model();
    QVERIFY(table->rowCount() > 0);  // analytic results without running anything

    QSignalSpy done(&window, &MainWindow::simulationFinished);
    window.runSimulation();
    QVERIFY(window.runner()->isRunning());
    QVERIFY(done.wait(60000));
    QVERIFY(window.lastResult());
    QCOMPARE(window.lastResult()->stop_reason, sim::StopReason::Completed);

    // The same experiment, straight from the libraries.
    const model::Scenario scenario =
        model::load_scenario(test::bundledPath(QStringLiteral("three-tier.yaml")).toStdString());
    model::QueryOptions query;
    query.quantiles = model::with_default_quantiles(scenario.run.quantiles);
    const model::ScenarioSolution solution = model::solve_scenario(scenario, query);
    const sim::ExperimentResult expected = sim::run_experiment(scenario);

    int compared = 0;
    int outside = 0;
    for (int row = 0; row < table->rowCount(); ++row) {
      const auto& r = table->rows()[static_cast<std::size_t>(row)];
      const std::string station = r.station.toStdString();
      const std::string metric = r.metric.toStdString();
      for (std::size_t i = 0; i < scenario.stations.size(); ++i) {
        if (scenario.stations[i].name != station) continue;
        const auto analytic = solution.stations[i].result->metrics.get(metric);
        const auto simulated = expected.stations[i].metrics.get(metric);
        QCOMPARE(r.analytic.has_value(), analytic.has_value());
        if (analytic) QCOMPARE(*r.analytic, *analytic);
        QVERIFY(simulated.has_value());
        QCOMPARE(r.simulated->mean, simulated->mean);
        QCOMPARE(r.simulated->ci_low, simulated->ci_low);
        QCOMPARE(r.simulated->ci_high, simulated->ci_high);
        // The displayed text is the same number.
        QCOMPARE(table->data(table->index(row, ResultsModel::Simulated), Qt::UserRole).toDouble(),
                 simulated->mean);
        if (analytic && report::disagrees(*simulated, *analytic, true)) ++outside;
        QCOMPARE(table->data(table->index(row, ResultsModel::Agreement))
                     .toString()
                     .contains(QStringLiteral("outside")),
                 analytic && report::disagrees(*simulated, *analytic, true));
        ++compared;
      }
    }
    QVERIFY2(compared >= 3 * 7, "every station's headline metrics are compared");
    // Three-tier is a Jackson network: every analytic value is exact, so the marks are the
    // report library's verdicts; with 95% intervals a few of ~30 may fall outside.
    int stationRows = 0;
    for (const auto& r : table->rows())
      stationRows += r.station.startsWith(QStringLiteral("network")) ? 0 : 1;
    int networkOutside = 0;
    for (const char* metric : {"W", "L", "throughput"}) {
      const auto a = solution.network->metrics.get(metric);
      const auto e = expected.network.get(metric);
      if (a && e && report::disagrees(*e, *a, solution.network->method == model::method::exact))
        ++networkOutside;
    }
    QCOMPARE(table->disagreements(), outside + networkOutside);
    QVERIFY2(outside <= compared / 4, "most exact values inside the simulated 95% intervals");
    QVERIFY(stationRows == compared);
  }

  void keepAndCompare() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    QSignalSpy done(&window, &MainWindow::simulationFinished);
    window.runSimulation();
    QVERIFY(done.wait(60000));
    window.resultsView()->keepCurrent();
    QVERIFY(window.resultsView()->comparison()->rowCount() > 0);
    // After: one API worker fewer; the analytic "after" column changes at once.
    model::Scenario edited = *window.document()->scenario();
    edited.stations[0].servers = 7;
    window.document()->applyFormEdit(edited, QStringLiteral("7 servers"));
    auto* comparison = window.resultsView()->comparison();
    QVERIFY(comparison->rowCount() > 0);
    QVERIFY(comparison->data(comparison->index(0, ComparisonModel::After))
                .toString()
                .contains(QStringLiteral("analytic")));
    QVERIFY(!comparison->data(comparison->index(0, ComparisonModel::Change)).toString().isEmpty());
  }
};

QTEST_MAIN(RunTest)
#include "run.test.moc"
