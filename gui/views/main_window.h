#pragma once
// Kendall Studio's main window: the document (form + YAML) on the left, results, diagram,
// plots (and the planner when the library is there) on the right; files, undo, autosave and
// recovery, the simulation with its progress bar and Cancel.

#include <optional>

#include <QFileSystemWatcher>
#include <QMainWindow>
#include <QTimer>

#include "core/autosave.h"
#include "core/scenario_document.h"
#include "core/simulation_runner.h"

class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace kendall::gui {

class DiagramView;
class FormView;
class PlotsView;
class PlannerPanel;
class ResultsView;
class YamlEditor;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens a file (asking about unsaved edits first). Returns false if not opened.
  bool openFile(const QString& path);
  /// Replaces the document with a bundled example (untitled, so Save asks for a name).
  bool openExample(const QString& fileName);
  bool save();
  bool saveAs(const QString& path = {});
  /// Asks what to do with unsaved edits; false = the user cancelled.
  bool maybeSave();
  /// Offers back the unsaved edits a crashed session left.
  void offerRecovery();
  void runSimulation();
  void cancelSimulation();
  /// Writes the capacity report of the open scenario (the plan confirmed by simulation when
  /// one was computed for exactly this scenario, else theory's answer, as `--no-sim`):
  /// .html/.md/.json/.csv by the report library, .pdf from its HTML. Returns an error or "".
  QString exportCapacityReport(const QString& path);
  /// Writes the run report of the latest simulation (.html/.md/.json/.csv, or .pdf).
  QString exportRunReport(const QString& path);

  [[nodiscard]] ScenarioDocument* document() { return &m_document; }
  [[nodiscard]] SimulationRunner* runner() { return &m_runner; }
  [[nodiscard]] ResultsView* resultsView() const { return m_results; }
  [[nodiscard]] FormView* formView() const { return m_form; }
  [[nodiscard]] YamlEditor* yamlEditor() const { return m_yaml; }
  [[nodiscard]] DiagramView* diagramView() const { return m_diagram; }
  [[nodiscard]] PlotsView* plotsView() const { return m_plots; }
  [[nodiscard]] PlannerPanel* plannerPanel() const { return m_planner; }
  [[nodiscard]] QTabWidget* editTabs() const { return m_editTabs; }
  [[nodiscard]] QTabWidget* viewTabs() const { return m_viewTabs; }
  [[nodiscard]] ResultPtr lastResult() const { return m_result; }

 signals:
  /// The final result of a run reached the window (tests wait for it).
  void simulationFinished();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildMenus();
  void buildStatusBar();
  void onScenarioChanged();
  void onModifiedChanged(bool modified);
  void updateTitle();
  void showResults();
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void watch(const QString& path);
  void onFileChangedOnDisk(const QString& path);
  void exportReport();
  void exportCapacityReportAs();
  void exportRunReportAs();
  void about();
  void restoreSettings();
  void saveSettings();

  ScenarioDocument m_document;
  SimulationRunner m_runner;
  Autosave m_autosave;
  QTimer m_autosaveTimer;
  QFileSystemWatcher m_watcher;

  QSplitter* m_splitter = nullptr;
  QTabWidget* m_editTabs = nullptr;
  QTabWidget* m_viewTabs = nullptr;
  FormView* m_form = nullptr;
  YamlEditor* m_yaml = nullptr;
  ResultsView* m_results = nullptr;
  DiagramView* m_diagram = nullptr;
  PlotsView* m_plots = nullptr;
  PlannerPanel* m_planner = nullptr;
  QMenu* m_recentMenu = nullptr;
  QProgressBar* m_progress = nullptr;
  QPushButton* m_cancel = nullptr;
  QLabel* m_runLabel = nullptr;
  QAction* m_runAction = nullptr;
  QAction* m_cancelAction = nullptr;

  ResultPtr m_result;                               ///< latest (possibly partial) simulation result
  std::optional<model::Scenario> m_resultScenario;  ///< the scenario it was run on
  QString m_lastSavedText;                          ///< to tell our own saves from outside changes
};

}  // namespace kendall::gui
