// Every item model of Kendall Studio under QAbstractItemModelTester, on every bundled scenario,
// through edits, results and resets.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "kendall/sim/experiment.hpp"

#include "core/arrivals_model.h"
#include "core/results_model.h"
#include "core/stations_model.h"
#include "gui_test_support.h"

using namespace kendall;
using namespace kendall::gui;

class ModelsTest : public QObject {
  Q_OBJECT
 private slots:
  void documentModels_data() {
    QTest::addColumn<QString>("file");
    for (const QString& f : test::bundledScenarios()) QTest::newRow(qPrintable(f)) << f;
  }

  void documentModels() {
    QFETCH(QString, file);
    ScenarioDocument doc;
    StationsModel stations(&doc);
    ArrivalsModel arrivals(&doc);
    QAbstractItemModelTester t1(&stations, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&arrivals, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(doc.load(test::bundledPath(file)).isEmpty());
    QVERIFY2(doc.isValid(), qPrintable(file));
    QCOMPARE(stations.rowCount(), static_cast<int>(doc.scenario()->stations.size()));
    QCOMPARE(arrivals.rowCount(), static_cast<int>(doc.scenario()->arrivals.size()));
    // An edit through the model, a broken text and a reset, all watched by the testers.
    const QModelIndex capacity = stations.index(0, StationsModel::Capacity);
    QVERIFY(stations.setData(capacity, QStringLiteral("50")));
    QCOMPARE(stations.data(capacity).toString(), QStringLiteral("50"));
    doc.editText(QStringLiteral("stations: [oops"));
    QVERIFY(!doc.isValid());
    QCOMPARE(stations.rowCount(), static_cast<int>(doc.formScenario()->stations.size()));
    doc.resetTo(QString(), QString());
    QCOMPARE(stations.rowCount(), 0);
  }

  void resultsModels() {
    ScenarioDocument doc;
    QVERIFY(doc.load(test::bundledPath(QStringLiteral("three-tier.yaml"))).isEmpty());
    model::Scenario s = *doc.scenario();
    s.run.customers = 5000;
    s.run.replications = 3;
    const auto result = std::make_shared<const sim::ExperimentResult>(sim::run_experiment(s));
    ResultsModel results;
    ComparisonModel comparison;
    QAbstractItemModelTester t1(&results, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&comparison,
                                QAbstractItemModelTester::FailureReportingMode::QtTest);
    results.setResults(doc.solution(), nullptr);
    const int analyticOnly = results.rowCount();
    QVERIFY(analyticOnly > 0);
    results.setResults(doc.solution(), result);
    QVERIFY(results.rowCount() >= analyticOnly);
    RunSnapshot before{QStringLiteral("before"), doc.solution(), result};
    RunSnapshot after{QStringLiteral("after"), doc.solution(), nullptr};
    comparison.setRuns(before, after);
    QVERIFY(comparison.rowCount() > 0);
    comparison.setRuns(std::nullopt, std::nullopt);
    QCOMPARE(comparison.rowCount(), 0);
  }
};

QTEST_MAIN(ModelsTest)
#include "models.test.moc"
