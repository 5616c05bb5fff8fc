// Form <-> YAML, both ways, for every bundled scenario; undo/redo back to the saved text.
#include <QSpinBox>
#include <QtTest>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_writer.hpp"

#include "core/arrivals_model.h"
#include "core/stations_model.h"
#include "gui_test_support.h"
#include "views/form_view.h"

using namespace kendall;
using namespace kendall::gui;

class RoundTripTest : public QObject {
  Q_OBJECT
 private slots:
  void formAndYaml_data() {
    QTest::addColumn<QString>("file");
    for (const QString& f : test::bundledScenarios()) QTest::newRow(qPrintable(f)) << f;
  }

  void formAndYaml() {
    QFETCH(QString, file);
    ScenarioDocument doc;
    FormView form(&doc);
    QVERIFY(doc.load(test::bundledPath(file)).isEmpty());
    QVERIFY(doc.isValid());
    const QString saved = doc.text();
    const model::Scenario original = *doc.scenario();
    StationsModel* stations = form.stationsModel();

    // Form -> YAML: one more server at the first station with a fixed number of servers, or
    // (all infinite or scheduled) a capacity at the first station.
    int row = -1;
    for (std::size_t i = 0; i < original.stations.size(); ++i) {
      const auto& st = original.stations[i];
      if (st.servers && !st.server_schedule) {
        row = static_cast<int>(i);
        break;
      }
    }
    model::Scenario expected = original;
    QString expectedCell;
    int column = StationsModel::Servers;
    if (row >= 0) {
      const std::uint32_t servers = *original.stations[static_cast<std::size_t>(row)].servers + 1;
      expected.stations[static_cast<std::size_t>(row)].servers = servers;
      expectedCell = QString::number(servers);
    } else {
      row = 0;
      column = StationsModel::Capacity;
      expected.stations[0].capacity = 1000;
      expectedCell = QStringLiteral("1000");
    }
    QVERIFY(stations->setData(stations->index(row, column), expectedCell));
    QVERIFY2(doc.isValid(), qPrintable(doc.text()));
    const model::Scenario fromText = model::parse_scenario(doc.text().toStdString(), "check.yaml");
    expected.source_file = fromText.source_file;
    QVERIFY2(fromText == expected, "the field changed and nothing else");
    // A scalar edit of an existing key keeps the file's comments.
    if (column == StationsModel::Servers && saved.contains(QLatin1Char('#'))) {
      QVERIFY2(doc.text().contains(saved.section(QLatin1Char('\n'), 0, 0)),
               "first comment line kept");
    }

    // YAML -> form: the writer's text with another seed and replication count.
    model::Scenario viaText = *doc.scenario();
    viaText.run.seed += 17;
    viaText.run.replications += 3;
    doc.editText(QString::fromStdString(model::save_scenario_yaml(viaText)));
    QVERIFY(doc.isValid());
    QCOMPARE(form.replicationsEdit()->value(), static_cast<int>(viaText.run.replications));
    QCOMPARE(stations->data(stations->index(row, column)).toString(), expectedCell);

    // Undo everything: back to the saved text, clean; redo: modified again.
    QVERIFY(doc.isModified());
    while (doc.undoStack()->canUndo()) doc.undoStack()->undo();
    QCOMPARE(doc.text(), saved);
    QVERIFY(!doc.isModified());
    QVERIFY(doc.scenario() && *doc.scenario() == original);
    doc.undoStack()->redo();
    QVERIFY(doc.isModified());
    QCOMPARE(stations->data(stations->index(row, column)).toString(), expectedCell);
  }

  void commentsLostIsSaid() {
    ScenarioDocument doc;
    QVERIFY(doc.load(test::bundledPath(QStringLiteral("web-api.yaml"))).isEmpty());
    QSignalSpy notices(&doc, &ScenarioDocument::notice);
    model::Scenario edited = *doc.scenario();
    edited.stations[1].name = "database";  // a rename touches references: full rewrite
    edited.stations[0].routing[0].targets[0].station = 1;
    const CommentFate fate = doc.applyFormEdit(edited, QStringLiteral("rename"));
    QCOMPARE(fate, CommentFate::Lost);
    QCOMPARE(notices.count(), 1);
    QVERIFY(!doc.text().contains(QStringLiteral("# What it models")));
    doc.undoStack()->undo();
    QVERIFY(doc.text().contains(QStringLiteral("# Web API")));
  }

  void errorsAreLocated() {
    ScenarioDocument doc;
    FormView form(&doc);
    QVERIFY(doc.load(test::bundledPath(QStringLiteral("web-api.yaml"))).isEmpty());
    // A form value the library rejects: marked at the field and at the YAML line.
    QVERIFY(form.stationsModel()->setData(form.stationsModel()->index(1, StationsModel::Servers),
                                          QStringLiteral("0")));
    QVERIFY(!doc.isValid());
    QVERIFY(!doc.problems().empty());
    const TextProblem& p = doc.problems().front();
    QVERIFY(p.line > 0);
    QVERIFY2(p.full.contains(QStringLiteral("web-api.yaml:%1:").arg(p.line)), qPrintable(p.full));
    QVERIFY(!form.stationsModel()->problemsAt(1, StationsModel::Servers).isEmpty());
    // The form keeps showing the edited value so that it can be fixed there.
    QCOMPARE(form.stationsModel()
                 ->data(form.stationsModel()->index(1, StationsModel::Servers))
                 .toString(),
             QStringLiteral("0"));
    QVERIFY(form.stationsModel()->setData(form.stationsModel()->index(1, StationsModel::Servers),
                                          QStringLiteral("2")));
    QVERIFY(doc.isValid());
  }
};

QTEST_MAIN(RoundTripTest)
#include "roundtrip.test.moc"
