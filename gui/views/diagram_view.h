#pragma once
// The network drawn: stations as nodes (servers, utilization as colour, the bottleneck
// marked, unstable stations red), routing as arrows with probabilities, arrivals and exit.
// The layout depends only on the topology (layers by distance from the arrivals, file order
// within a layer), so it does not jump while numbers change. Clicking a node selects it.

#include <memory>
#include <optional>

#include <QGraphicsView>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::gui {

class DiagramView : public QGraphicsView {
  Q_OBJECT
 public:
  explicit DiagramView(QWidget* parent = nullptr);

  void showNetwork(const std::optional<model::Scenario>& scenario,
                   const std::optional<model::ScenarioSolution>& solution,
                   std::shared_ptr<const sim::ExperimentResult> result);
  void selectStation(int index);

 signals:
  void stationClicked(int index);

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fit();
  QGraphicsScene* m_scene;
  bool m_selecting = false;
};

}  // namespace kendall::gui
