// The GUI stays responsive during a long simulation: a 5 ms timer on the GUI thread never
// waits more than 50 ms between ticks, and Cancel gives control back within 100 ms. The
// measured figures are printed (qInfo) so that they can be recorded.
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include "gui_test_support.h"
#include "views/main_window.h"

using namespace kendall;
using namespace kendall::gui;

class ResponsivenessTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() { test::isolateSettings("kendall-studio-responsiveness-test"); }

  void longRunStaysResponsiveAndCancels() {
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("web-api.yaml"))));
    // 10^8 customers per replication: minutes of work, far longer than the test.
    model::Scenario huge = *window.document()->scenario();
    huge.run.customers = 100000000;
    window.document()->applyFormEdit(huge, QStringLiteral("long run"));
    QVERIFY(window.document()->isValid());
    // First paint (fonts, plot layout) happens before the measurement starts.
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTest::qWait(300);

    QElapsedTimer clock;
    qint64 last = 0, maxGap = 0;
    QTimer tick;
    tick.setInterval(5);
    connect(&tick, &QTimer::timeout, this, [&] {
      const qint64 now = clock.elapsed();
      maxGap = std::max(maxGap, now - last);
      last = now;
    });
    // Baseline: the same timer with no simulation, to tell the machine's own scheduling
    // delays (a shared, overloaded CI box) from stalls the app causes.
    clock.start();
    tick.start();
    QTest::qWait(1500);
    tick.stop();
    const qint64 baseline = maxGap;
    qInfo("baseline event-loop stall with no simulation: %lld ms", baseline);
    maxGap = 0;
    last = 0;
    QSignalSpy progress(window.runner(), &SimulationRunner::progress);
    window.runSimulation();
    clock.start();
    tick.start();
    QTest::qWait(2500);  // the event loop runs while the simulation does
    tick.stop();
    QVERIFY(window.runner()->isRunning());
    QVERIFY2(progress.count() > 1, "progress reaches the GUI during the run");
    qInfo("max event-loop stall during a 10^8-customer simulation: %lld ms", maxGap);
    // 50 ms is the target; on a machine that already delays an idle event loop by more than
    // that, the app may add at most 20 ms to the machine's own delay.
    QVERIFY2(
        maxGap <= std::max<qint64>(50, baseline + 20),
        qPrintable(
            QStringLiteral("event loop stalled %1 ms (baseline %2 ms)").arg(maxGap).arg(baseline)));

    QSignalSpy finished(&window, &MainWindow::simulationFinished);
    QElapsedTimer cancelClock;
    cancelClock.start();
    window.cancelSimulation();
    const qint64 cancelMs = cancelClock.elapsed();
    QVERIFY(!window.runner()->isRunning());
    qInfo("Cancel returned control after %lld ms", cancelMs);
    QVERIFY2(cancelMs <= 100, qPrintable(QStringLiteral("cancel took %1 ms").arg(cancelMs)));
    // The engine itself stops at its next poll; its partial result arrives soon after.
    QVERIFY(finished.wait(10000));
    qInfo("engine stopped and reported after %lld ms", cancelClock.elapsed());
    QCOMPARE(window.lastResult()->stop_reason, sim::StopReason::Cancelled);
  }

  void latestRequestWins() {
    MainWindow window;
    QVERIFY(window.openFile(test::bundledPath(QStringLiteral("three-tier.yaml"))));
    model::Scenario slow = *window.document()->scenario();
    slow.run.customers = 100000000;
    window.document()->applyFormEdit(slow, QStringLiteral("slow"));
    QSignalSpy done(&window, &MainWindow::simulationFinished);
    window.runSimulation();
    QTest::qWait(200);
    // An edit makes the running simulation obsolete; a second start supersedes it too.
    model::Scenario quick = *window.document()->scenario();
    quick.run.customers = 3000;
    quick.run.replications = 2;
    window.document()->applyFormEdit(quick, QStringLiteral("quick"));
    QVERIFY(!window.runner()->isRunning());
    window.runSimulation();
    QVERIFY(done.wait(30000));
    QCOMPARE(window.lastResult()->replications, 2u);
    QCOMPARE(window.lastResult()->stop_reason, sim::StopReason::Completed);
  }
};

QTEST_MAIN(ResponsivenessTest)
#include "responsiveness.test.moc"
