#pragma once
// The plots (QCustomPlot; drag to pan, wheel to zoom, export PNG/SVG/PDF): number in station
// over one replication, the waiting-time histogram and CDF against the analytic quantiles,
// W and Wq against load (analytic line, simulated points with their intervals, today's
// point), and utilization per station.

#include <map>
#include <memory>
#include <optional>

#include <QStringList>
#include <QWidget>

#include "kendall/model/scenario.hpp"
#include "kendall/model/scenario_solver.hpp"

#include "core/load_sweep.h"
#include "core/simulation_runner.h"

class QComboBox;
class QCustomPlot;
class QCPTextElement;
class QLabel;
class QPushButton;
class QTabWidget;

namespace kendall::gui {

class PlotsView : public QWidget {
  Q_OBJECT
 public:
  explicit PlotsView(QWidget* parent = nullptr);

  void setData(const std::optional<model::Scenario>& scenario,
               const std::optional<model::ScenarioSolution>& solution, ResultPtr result);
  void setTrajectory(TrajectoryPtr trajectory);
  void setStation(int index);
  [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
  /// The statement above the waiting-time plot (P(Wq = 0) simulated and theory).
  [[nodiscard]] QString waitingSummary() const;
  [[nodiscard]] TrajectoryPtr trajectory() const { return m_trajectory; }
  /// The planner's headroom with today's servers (the load plot's configuration): a vertical
  /// line at the largest factor meeting every SLO. Empty = none known.
  void setPlannerHeadroom(std::optional<double> factor, const QString& method);
  [[nodiscard]] std::optional<double> plannerHeadroom() const { return m_headroomFactor; }
  /// SLO bounds drawn on the load plot for the selected station ("api Wq_p95 < 20ms").
  [[nodiscard]] QStringList loadPlotSloLines() const { return m_sloLines; }
  /// Saves the visible plot; the format follows the suffix (.png, .svg, .pdf).
  bool exportCurrent(const QString& path);
  void simulateLoadPoints();

 private:
  void redraw();
  void drawTrajectory();
  void drawWaiting();
  void drawLoad();
  void drawUtilization();
  [[nodiscard]] QCustomPlot* current() const;

  QTabWidget* m_tabs;
  QComboBox* m_station;
  QPushButton* m_export;
  QPushButton* m_sweep;
  QLabel* m_note;
  QCustomPlot* m_trajectoryPlot;
  QCustomPlot* m_waitPlot;
  QCPTextElement* m_waitTitle = nullptr;  ///< P(Wq = 0), above the waiting-time plot
  QCustomPlot* m_loadPlot;
  QCustomPlot* m_utilPlot;
  SweepRunner* m_sweepRunner;
  std::optional<model::Scenario> m_scenario;
  std::optional<model::ScenarioSolution> m_solution;
  ResultPtr m_result;
  TrajectoryPtr m_trajectory;
  std::optional<double> m_headroomFactor;
  QString m_headroomMethod;
  QStringList m_sloLines;
  std::map<double, ResultPtr> m_sweepPoints;
  int m_stationIndex = 0;
};

}  // namespace kendall::gui
