#pragma once
// The Planner tab: what `kendall plan` answers for the open scenario — SLO verdicts today and
// with the plan (values with simulated intervals when simulated), servers per station (today →
// recommended), headroom with its load table, bottleneck, cost — with the method named and
// approximations labelled. The analytic answer follows every edit and every what-if move at
// once; the plan confirmed by simulation runs in the background on demand (progress, Cancel).
// What-if: an arrival-rate multiplier and the servers of any station (sliders).

#include <map>
#include <optional>

#include <QWidget>

#include "core/plan_runner.h"
#include "core/plan_tables.h"
#include "core/what_if.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSlider;
class QTableView;
class QVBoxLayout;

namespace kendall::gui {

class PlannerPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PlannerPanel(QWidget* parent = nullptr);

  /// The open scenario changed (empty: the text does not parse). The analytic answer follows.
  void setScenario(const std::optional<model::Scenario>& scenario);
  /// Selects the station whose servers the servers slider changes.
  void selectStation(int index);

  void setWhatIf(const WhatIf& whatIf);
  [[nodiscard]] const WhatIf& whatIf() const { return m_whatIf; }
  /// The scenario the panel plans: the open one with the what-if applied.
  [[nodiscard]] std::optional<model::Scenario> plannedScenario() const;

  /// The shown plan's recommended servers that differ from the file's (station index → servers).
  [[nodiscard]] std::map<std::size_t, std::uint32_t> recommendedChanges() const;
  /// Asks the document to take the recommended servers (applyServersRequested).
  void applyRecommendedServers();

  /// Runs the full plan (with simulation) of the planned scenario in the background.
  void runSimulatedPlan();
  void cancelSimulatedPlan();

  /// The plan shown: the simulated one when it belongs to the planned scenario, else the
  /// analytic one (null before the first answer or when planning failed).
  [[nodiscard]] PlanPtr shownPlan() const;
  [[nodiscard]] bool showsSimulatedPlan() const;
  /// The simulated plan of `scenario`, when one was computed for exactly that scenario.
  [[nodiscard]] PlanPtr simulatedPlanFor(const model::Scenario& scenario) const;
  /// Whether that plan was asked to confirm by simulation even where theory is exact.
  [[nodiscard]] bool simulatedPlanConfirms() const { return m_simulatedConfirm; }
  [[nodiscard]] QCheckBox* confirmBox() const { return m_confirm; }

  [[nodiscard]] PlanRunner* runner() { return &m_runner; }
  [[nodiscard]] PlanTableModel* sloModel() const { return m_sloModel; }
  [[nodiscard]] PlanTableModel* stationModel() const { return m_stationModel; }
  [[nodiscard]] PlanTableModel* loadModel() const { return m_loadModel; }
  [[nodiscard]] PlanTableModel* costModel() const { return m_costModel; }
  [[nodiscard]] PlanTableModel* scheduleModel() const { return m_scheduleModel; }
  [[nodiscard]] PlanTableModel* demandModel() const { return m_demandModel; }
  [[nodiscard]] QSlider* arrivalSlider() const { return m_arrivalSlider; }
  [[nodiscard]] QSlider* serversSlider() const { return m_serversSlider; }
  [[nodiscard]] QComboBox* stationCombo() const { return m_stationCombo; }

 protected:
  void resizeEvent(QResizeEvent* event) override;
  void showEvent(QShowEvent* event) override;

 signals:
  /// The tables now show a new answer (analytic or simulated).
  void planShown();
  /// A simulated plan ended (finished, failed); not emitted on cancel.
  void simulatedPlanFinished();
  /// "Apply recommended servers": station index → servers, for the document to take over.
  void applyServersRequested(const std::map<std::size_t, std::uint32_t>& servers);

 private:
  void buildWhatIfBox(QVBoxLayout* layout);
  void rebuildStationChoices();
  void syncWhatIfControls();
  void whatIfChanged();
  void show(PlanPtr plan);
  void showFailure(const QString& message);
  void updateButtons();
  void fitPage();

  PlanRunner m_runner;
  std::optional<model::Scenario> m_scenario;
  WhatIf m_whatIf;
  PlanPtr m_analytic;
  std::optional<model::Scenario> m_analyticFor;  ///< scenario the analytic plan answers
  PlanPtr m_simulated;
  bool m_simulatedConfirm = false;
  bool m_runningConfirm = false;
  QCheckBox* m_confirm = nullptr;
  std::optional<model::Scenario> m_simulatedFor;
  std::optional<model::Scenario> m_runningFor;
  bool m_syncing = false;

  QLabel* m_method = nullptr;
  QLabel* m_defaults = nullptr;
  QLabel* m_verdict = nullptr;
  QLabel* m_whatIfText = nullptr;
  QSlider* m_arrivalSlider = nullptr;
  QLabel* m_arrivalValue = nullptr;
  QComboBox* m_stationCombo = nullptr;
  QSlider* m_serversSlider = nullptr;
  QLabel* m_serversValue = nullptr;
  QPushButton* m_reset = nullptr;
  QPushButton* m_apply = nullptr;
  QPushButton* m_simulate = nullptr;
  QPushButton* m_cancel = nullptr;
  QProgressBar* m_progress = nullptr;
  QLabel* m_status = nullptr;
  QLabel* m_headroom = nullptr;
  QLabel* m_costTitle = nullptr;
  QLabel* m_notes = nullptr;
  PlanTableModel* m_sloModel = nullptr;
  PlanTableModel* m_stationModel = nullptr;
  PlanTableModel* m_loadModel = nullptr;
  PlanTableModel* m_costModel = nullptr;
  QTableView* m_costTable = nullptr;
  QTableView* m_loadTable = nullptr;
  PlanTableModel* m_scheduleModel = nullptr;
  PlanTableModel* m_demandModel = nullptr;
  QTableView* m_scheduleTable = nullptr;
  QTableView* m_demandTable = nullptr;
  QLabel* m_scheduleTitle = nullptr;
  QWidget* m_scheduleBox = nullptr;
  QWidget* m_demandBox = nullptr;
  QTableView* m_sloTable = nullptr;
  QScrollArea* m_scroll = nullptr;
  QWidget* m_page = nullptr;
  QTableView* m_stationTable = nullptr;
};

}  // namespace kendall::gui
