// The diagram's arrows do not run through stations they do not connect: every edge path,
// away from its two ends, stays outside every station node (three-tier's exit from app used
// to cross db). Checked for every bundled scenario.
#include <QGraphicsPathItem>
#include <QGraphicsScene>
#include <QtTest>

#include "kendall/model/scenario_loader.hpp"
#include "kendall/model/scenario_solver.hpp"

#include "gui_test_support.h"
#include "views/diagram_view.h"

using namespace kendall;
using namespace kendall::gui;

class DiagramTest : public QObject {
  Q_OBJECT
 private slots:
  void edgesAvoidOtherStations() {
    for (const QString& name : test::bundledScenarios()) {
      const model::Scenario s = model::load_scenario(test::bundledPath(name).toStdString());
      DiagramView view;
      std::optional<model::ScenarioSolution> solution;
      try {
        solution = model::solve_scenario(s);
      } catch (const std::exception&) {
      }
      view.showNetwork(s, solution, nullptr);
      std::vector<QRectF> nodes;
      std::vector<QPainterPath> edges;
      for (QGraphicsItem* item : view.scene()->items()) {
        auto* path = dynamic_cast<QGraphicsPathItem*>(item);
        if (!path) continue;
        if (path->data(0).isValid())
          nodes.push_back(path->sceneBoundingRect());
        else if (path->zValue() < 0)
          edges.push_back(path->path());
      }
      QCOMPARE(nodes.size(), s.stations.size());
      QVERIFY(!edges.empty() || s.stations.size() <= 1);
      for (const QPainterPath& edge : edges) {
        // Ends may touch their own nodes; the middle 80% of the path must be clear.
        for (int k = 10; k <= 90; ++k) {
          const QPointF p = edge.pointAtPercent(k / 100.0);
          for (const QRectF& node : nodes) {
            QVERIFY2(!node.adjusted(3, 3, -3, -3).contains(p),
                     qPrintable(QStringLiteral("%1: an arrow crosses a station at (%2, %3)")
                                    .arg(name)
                                    .arg(p.x())
                                    .arg(p.y())));
          }
        }
      }
    }
  }
};

QTEST_MAIN(DiagramTest)
#include "diagram.test.moc"
