// Long on purpose: the window's construction (tabs, menus, status bar and the signals between
// the document, the views and the runners) is one wiring diagram best read top to bottom; the
// exports are in main_window_export.cpp.

#include "views/main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>

#include "kendall/planner/planner.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/run_report.hpp"
#include "kendall/report/solution_report.hpp"

#include "core/capacity_export.h"
#include "core/stations_model.h"
#include "views/diagram_view.h"
#include "views/form_view.h"
#include "views/planner_panel.h"
#include "views/plots_view.h"
#include "views/results_view.h"
#include "views/yaml_editor.h"

namespace kendall::gui {

namespace {
constexpr int maxRecent = 8;

model::Scenario withoutSource(model::Scenario s) {
  s.source_file.clear();
  return s;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setObjectName(QStringLiteral("mainWindow"));
  setAcceptDrops(true);
  m_editTabs = new QTabWidget(this);
  m_editTabs->setObjectName(QStringLiteral("editTabs"));
  m_form = new FormView(&m_document, m_editTabs);
  m_yaml = new YamlEditor(&m_document, m_editTabs);
  m_editTabs->addTab(m_form, tr("Form"));
  m_editTabs->addTab(m_yaml, tr("YAML"));

  m_viewTabs = new QTabWidget(this);
  m_viewTabs->setObjectName(QStringLiteral("viewTabs"));
  m_results = new ResultsView(m_viewTabs);
  m_diagram = new DiagramView(m_viewTabs);
  m_plots = new PlotsView(m_viewTabs);
  m_viewTabs->addTab(m_results, tr("Results"));
  m_viewTabs->addTab(m_diagram, tr("Diagram"));
  m_viewTabs->addTab(m_plots, tr("Plots"));
  m_planner = new PlannerPanel(m_viewTabs);
  m_viewTabs->addTab(m_planner, tr("Planner"));

  m_splitter = new QSplitter(Qt::Horizontal, this);
  m_splitter->setObjectName(QStringLiteral("mainSplitter"));
  m_splitter->addWidget(m_editTabs);
  m_splitter->addWidget(m_viewTabs);
  m_splitter->setStretchFactor(0, 5);
  m_splitter->setStretchFactor(1, 6);
  setCentralWidget(m_splitter);

  buildMenus();
  buildStatusBar();

  connect(&m_document, &ScenarioDocument::scenarioChanged, this, &MainWindow::onScenarioChanged);
  connect(&m_document, &ScenarioDocument::modifiedChanged, this, &MainWindow::onModifiedChanged);
  connect(&m_document, &ScenarioDocument::filePathChanged, this, &MainWindow::updateTitle);
  connect(&m_document, &ScenarioDocument::notice, this,
          [this](const QString& m) { statusBar()->showMessage(m, 10000); });
  // indexChanged comes after the stack's clean state is updated (textChanged comes before).
  connect(m_document.undoStack(), &QUndoStack::indexChanged, this, [this] {
    if (m_document.isModified()) m_autosaveTimer.start();
  });
  m_autosaveTimer.setSingleShot(true);
  m_autosaveTimer.setInterval(1500);
  connect(&m_autosaveTimer, &QTimer::timeout, this, [this] {
    if (m_document.isModified()) m_autosave.write(m_document.text(), m_document.filePath());
  });
  connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &MainWindow::onFileChangedOnDisk);

  connect(m_form, &FormView::problemActivated, this, [this](int line, int column) {
    m_editTabs->setCurrentWidget(m_yaml);
    m_yaml->goToLine(line, column);
  });
  connect(m_form, &FormView::stationSelected, this, [this](int row) {
    m_diagram->selectStation(row);
    m_plots->setStation(row);
    m_planner->selectStation(row);
  });
  connect(m_diagram, &DiagramView::stationClicked, this, [this](int row) {
    m_editTabs->setCurrentWidget(m_form);
    m_form->selectStation(row);
  });

  connect(
      m_planner, &PlannerPanel::applyServersRequested, this,
      [this](const std::map<std::size_t, std::uint32_t>& servers) {
        m_yaml->flushPending();
        if (!m_document.scenario()) return;
        model::Scenario edited = *m_document.scenario();
        QStringList what;
        for (const auto& [index, count] : servers) {
          if (index >= edited.stations.size()) continue;
          edited.stations[index].servers = count;
          what << QStringLiteral("%1 = %2")
                      .arg(QString::fromStdString(edited.stations[index].name))
                      .arg(count);
        }
        // The what-if servers are now the file's; the arrival multiplier stays a what-if.
        WhatIf keep = m_planner->whatIf();
        keep.servers.clear();
        m_planner->setWhatIf(keep);
        m_document.applyFormEdit(
            edited, tr("Apply the planner's servers (%1)").arg(what.join(QStringLiteral(", "))));
        statusBar()->showMessage(tr("Applied the planner's recommendation: %1 (Ctrl+Z undoes it)")
                                     .arg(what.join(QStringLiteral(", "))),
                                 8000);
      });
  connect(m_planner, &PlannerPanel::planShown, this, [this] {
    // The load plot is the file's configuration: only a plan of the file (no what-if) applies.
    const PlanPtr plan = m_planner->shownPlan();
    const bool ofTheFile =
        plan && m_document.scenario() && m_planner->whatIf().neutral(*m_document.scenario());
    if (ofTheFile && plan->headroom_today && plan->headroom_today->factor) {
      m_plots->setPlannerHeadroom(plan->headroom_today->factor,
                                  QString::fromStdString(plan->headroom_today->method));
    } else if (!m_planner->runner()->analyticPending()) {
      m_plots->setPlannerHeadroom(std::nullopt, QString());
    }
  });
  connect(&m_runner, &SimulationRunner::runningChanged, this, [this](bool running) {
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_cancelAction->setEnabled(running);
    if (!running) m_progress->setValue(0);
  });
  connect(&m_runner, &SimulationRunner::progress, this,
          [this](double fraction, int done, int planned) {
            m_progress->setValue(static_cast<int>(fraction * 1000));
            m_runLabel->setText(tr("Simulating: %1 of %2 replications").arg(done).arg(planned));
          });
  connect(&m_runner, &SimulationRunner::partialResult, this, [this](ResultPtr r) {
    m_result = std::move(r);
    showResults();
  });
  connect(&m_runner, &SimulationRunner::finished, this, [this](ResultPtr r) {
    m_result = std::move(r);
    const bool cancelled = m_result->stop_reason == sim::StopReason::Cancelled;
    m_runLabel->setText(cancelled
                            ? tr("Cancelled after %1 replications").arg(m_result->replications)
                            : tr("Simulated %1 replications in %2 s")
                                  .arg(m_result->replications)
                                  .arg(m_result->wall_seconds, 0, 'f', 2));
    showResults();
    emit simulationFinished();
  });
  connect(&m_runner, &SimulationRunner::trajectoryReady, m_plots, &PlotsView::setTrajectory);
  connect(&m_runner, &SimulationRunner::failed, this, [this](const QString& message) {
    m_runLabel->setText(tr("Simulation failed"));
    QMessageBox::warning(this, tr("Simulation failed"), message);
    emit simulationFinished();
  });

  restoreSettings();
  rebuildRecentMenu();
  updateTitle();
  onScenarioChanged();
}

MainWindow::~MainWindow() {
  // Members die after this body: no document signal may reach them half-destroyed.
  m_document.disconnect(this);
  m_document.undoStack()->disconnect(this);
  m_runner.disconnect(this);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QMenu* examples = file->addMenu(tr("New from &example"));
  const QDir dir(bundledScenariosDir());
  for (const QString& name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name)) {
    examples->addAction(name, this, [this, name] { openExample(name); });
  }
  QAction* open = file->addAction(tr("&Open…"), this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QString(),
                                                      tr("Scenarios (*.yaml *.yml)"));
    if (!path.isEmpty()) openFile(path);
  });
  open->setShortcut(QKeySequence::Open);
  m_recentMenu = file->addMenu(tr("Open &recent"));
  QAction* saveAction = file->addAction(tr("&Save"), this, [this] { save(); });
  saveAction->setShortcut(QKeySequence::Save);
  QAction* saveAsAction = file->addAction(tr("Save &as…"), this, [this] { saveAs(); });
  saveAsAction->setShortcut(QKeySequence::SaveAs);
  file->addSeparator();
  file->addAction(tr("Export &capacity report (HTML/PDF)…"), this,
                  &MainWindow::exportCapacityReportAs);
  file->addAction(tr("Export r&un report (HTML/PDF)…"), this, &MainWindow::exportRunReportAs);
  file->addAction(tr("Export results &table (Markdown/JSON/CSV)…"), this,
                  &MainWindow::exportReport);
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence::Quit);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  // Own actions (not createUndoAction) so that typing not yet handed to the document is
  // flushed first and Undo undoes it.
  QUndoStack* stack = m_document.undoStack();
  QAction* undo = new QAction(tr("&Undo"), this);
  undo->setShortcut(QKeySequence::Undo);
  undo->setEnabled(false);
  connect(undo, &QAction::triggered, this, [this, stack] {
    m_yaml->flushPending();
    stack->undo();
  });
  connect(stack, &QUndoStack::canUndoChanged, undo, &QAction::setEnabled);
  connect(stack, &QUndoStack::undoTextChanged, undo,
          [undo](const QString& t) { undo->setText(tr("&Undo %1").arg(t)); });
  QAction* redo = new QAction(tr("&Redo"), this);
  redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)});
  redo->setEnabled(false);
  connect(redo, &QAction::triggered, this, [this, stack] {
    m_yaml->flushPending();
    stack->redo();
  });
  connect(stack, &QUndoStack::canRedoChanged, redo, &QAction::setEnabled);
  connect(stack, &QUndoStack::redoTextChanged, redo,
          [redo](const QString& t) { redo->setText(tr("&Redo %1").arg(t)); });
  edit->addAction(undo);
  edit->addAction(redo);

  QMenu* simulation = menuBar()->addMenu(tr("&Simulation"));
  m_runAction = simulation->addAction(tr("&Run"), this, &MainWindow::runSimulation);
  m_runAction->setShortcut(Qt::Key_F5);
  m_cancelAction = simulation->addAction(tr("&Cancel"), this, &MainWindow::cancelSimulation);
  m_cancelAction->setShortcut(Qt::Key_Escape);
  m_cancelAction->setEnabled(false);
  simulation->addAction(tr("&Keep this run for comparison"), this,
                        [this] { m_results->keepCurrent(); });
  simulation->addSeparator();
  QAction* plan = simulation->addAction(tr("&Plan with simulation"), this, [this] {
    m_viewTabs->setCurrentWidget(m_planner);
    m_planner->runSimulatedPlan();
  });
  plan->setShortcut(Qt::Key_F6);
  simulation->addAction(tr("Cancel the &plan"), this, [this] { m_planner->cancelSimulatedPlan(); });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Kendall Studio"), this, &MainWindow::about);

  QToolBar* tools = addToolBar(tr("Main"));
  tools->setObjectName(QStringLiteral("mainToolBar"));
  tools->addAction(open);
  tools->addAction(saveAction);
  tools->addSeparator();
  tools->addAction(undo);
  tools->addAction(redo);
  tools->addSeparator();
  tools->addAction(m_runAction);
  tools->addAction(m_cancelAction);
}

void MainWindow::buildStatusBar() {
  m_runLabel = new QLabel(this);
  m_progress = new QProgressBar(this);
  m_progress->setRange(0, 1000);
  m_progress->setMaximumWidth(220);
  m_progress->setVisible(false);
  m_cancel = new QPushButton(tr("Cancel (Esc)"), this);
  m_cancel->setObjectName(QStringLiteral("cancelButton"));
  m_cancel->setVisible(false);
  connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancelSimulation);
  statusBar()->addPermanentWidget(m_runLabel);
  statusBar()->addPermanentWidget(m_progress);
  statusBar()->addPermanentWidget(m_cancel);
}

bool MainWindow::openFile(const QString& path) {
  if (!maybeSave()) return false;
  const QString error = m_document.load(path);
  if (!error.isEmpty()) {
    QMessageBox::warning(this, tr("Cannot open"), error);
    return false;
  }
  m_autosave.discard();
  m_lastSavedText = m_document.text();
  addRecent(m_document.filePath());
  watch(m_document.filePath());
  statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
  return true;
}

bool MainWindow::openExample(const QString& fileName) {
  if (!maybeSave()) return false;
  QFile file(QDir(bundledScenariosDir()).filePath(fileName));
  if (!file.open(QIODevice::ReadOnly)) {
    QMessageBox::warning(this, tr("Cannot open"), file.errorString());
    return false;
  }
  m_autosave.discard();
  if (!m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
  m_document.resetTo(QString::fromUtf8(file.readAll()), QString());
  statusBar()->showMessage(
      tr("New scenario from the example %1 — Save as to keep it").arg(fileName), 8000);
  return true;
}

bool MainWindow::save() {
  if (m_document.filePath().isEmpty()) return saveAs();
  m_yaml->flushPending();
  m_lastSavedText = m_document.text();
  const QString error = m_document.save(m_document.filePath());
  if (!error.isEmpty()) {
    QMessageBox::warning(this, tr("Cannot save"), error);
    return false;
  }
  m_autosave.discard();
  watch(m_document.filePath());
  statusBar()->showMessage(tr("Saved %1").arg(m_document.displayName()), 4000);
  return true;
}

bool MainWindow::saveAs(const QString& given) {
  QString path = given;
  if (path.isEmpty()) {
    path = QFileDialog::getSaveFileName(
        this, tr("Save scenario"),
        m_document.filePath().isEmpty() ? QStringLiteral("scenario.yaml") : m_document.filePath(),
        tr("Scenarios (*.yaml *.yml)"));
  }
  if (path.isEmpty()) return false;
  m_yaml->flushPending();
  m_lastSavedText = m_document.text();
  const QString error = m_document.save(path);
  if (!error.isEmpty()) {
    QMessageBox::warning(this, tr("Cannot save"), error);
    return false;
  }
  m_autosave.discard();
  addRecent(m_document.filePath());
  watch(m_document.filePath());
  return true;
}

bool MainWindow::maybeSave() {
  m_yaml->flushPending();
  if (!m_document.isModified()) return true;
  QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                  tr("%1 has unsaved changes. Save them?").arg(m_document.displayName()),
                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
  box.setObjectName(QStringLiteral("unsavedChangesBox"));
  box.setDefaultButton(QMessageBox::Save);
  const int answer = box.exec();
  if (answer == QMessageBox::Save) return save();
  if (answer == QMessageBox::Discard) {
    m_autosave.discard();
    return true;
  }
  return false;
}

void MainWindow::offerRecovery() {
  for (const AutosaveEntry& entry : Autosave::leftovers()) {
    const QString what = entry.originalPath.isEmpty()
                             ? tr("an untitled scenario")
                             : QDir::toNativeSeparators(entry.originalPath);
    QMessageBox box(QMessageBox::Question, tr("Recover unsaved edits"),
                    tr("Kendall Studio was closed without saving edits to %1 (a crash or a kill). "
                       "Restore them?")
                        .arg(what),
                    QMessageBox::Yes | QMessageBox::No, this);
    box.setObjectName(QStringLiteral("recoveryBox"));
    const int answer = box.exec();
    Autosave::remove(entry);
    if (answer != QMessageBox::Yes) continue;
    if (!entry.originalPath.isEmpty() && QFileInfo::exists(entry.originalPath)) {
      if (!m_document.load(entry.originalPath).isEmpty()) continue;
      m_lastSavedText = m_document.text();
      watch(entry.originalPath);
      addRecent(entry.originalPath);
    } else {
      m_document.resetTo(QString(), QString());
    }
    m_document.editText(entry.text, tr("Recovered edits"));
    m_autosave.write(entry.text, entry.originalPath);
    break;  // one document per window
  }
}

void MainWindow::runSimulation() {
  m_yaml->flushPending();
  if (!m_document.isValid()) {
    statusBar()->showMessage(tr("Fix the problems in the scenario first (see Problems)."), 6000);
    return;
  }
  m_resultScenario = withoutSource(*m_document.scenario());
  m_result.reset();
  m_runLabel->setText(tr("Simulating…"));
  m_runner.start(*m_document.scenario());
  showResults();
}

void MainWindow::cancelSimulation() {
  if (!m_runner.isRunning()) return;
  m_runner.cancel();
  m_runLabel->setText(tr("Cancelling… (partial results follow)"));
}

void MainWindow::onScenarioChanged() {
  // A simulation of another version of the scenario no longer describes it: the latest
  // request wins, so a running one is cancelled and its numbers are dropped.
  if (m_resultScenario &&
      (!m_document.scenario() || !(withoutSource(*m_document.scenario()) == *m_resultScenario))) {
    if (m_runner.isRunning()) {
      m_runner.discard();
      statusBar()->showMessage(
          tr("Simulation cancelled: the scenario changed. Press F5 to run again."), 6000);
    }
    m_resultScenario.reset();
    m_result.reset();
    m_runLabel->clear();
  }
  showResults();
  m_plots->setData(m_document.scenario(), m_document.solution(), m_result);
  m_planner->setScenario(m_document.scenario());
}

void MainWindow::showResults() {
  const QString label = m_document.displayName();
  m_results->showResults(m_document.solution(), m_result, label);
  m_diagram->showNetwork(m_document.formScenario(), m_document.solution(), m_result);
  m_plots->setData(m_document.scenario(), m_document.solution(), m_result);
}

void MainWindow::onModifiedChanged(bool modified) {
  setWindowModified(modified);
  if (!modified) {
    m_autosaveTimer.stop();
    m_autosave.discard();
  }
}

void MainWindow::updateTitle() {
  setWindowTitle(tr("%1[*] — Kendall Studio").arg(m_document.displayName()));
  setWindowModified(m_document.isModified());
}

void MainWindow::addRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > maxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
  m_recentMenu->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : recent) {
    m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] { openFile(path); });
  }
  m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::watch(const QString& path) {
  if (!m_watcher.files().isEmpty()) m_watcher.removePaths(m_watcher.files());
  if (!path.isEmpty()) m_watcher.addPath(path);
}

void MainWindow::onFileChangedOnDisk(const QString& path) {
  if (path != m_document.filePath()) return;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    statusBar()->showMessage(tr("%1 was removed or renamed on disk; Save writes it again.")
                                 .arg(m_document.displayName()),
                             10000);
    return;
  }
  const QString onDisk = QString::fromUtf8(file.readAll());
  watch(path);  // editors that replace the file end the watch
  if (onDisk == m_lastSavedText || onDisk == m_document.text()) return;
  if (!m_document.isModified()) {
    m_document.load(path);
    m_lastSavedText = onDisk;
    statusBar()->showMessage(
        tr("%1 changed on disk and was reloaded.").arg(m_document.displayName()), 8000);
    return;
  }
  const auto answer = QMessageBox::question(
      this, tr("File changed on disk"),
      tr("%1 was changed by another program. Reload it and lose your unsaved edits?")
          .arg(m_document.displayName()));
  if (answer == QMessageBox::Yes) {
    m_document.load(path);
    m_lastSavedText = onDisk;
  } else {
    m_lastSavedText = onDisk;  // asked once per outside change
  }
}

void MainWindow::about() {
  QMessageBox::about(
      this, tr("About Kendall Studio"),
      tr("<h3>Kendall Studio %1</h3><p>Queueing theory and simulation side by side: open a "
         "scenario, see what theory says on every edit, simulate with confidence intervals "
         "(F5), compare, plan capacity.</p><p>Numbers come from the Kendall libraries, the "
         "same as the <tt>kendall</tt> command line.</p>")
          .arg(QStringLiteral(KENDALL_VERSION)));
}

void MainWindow::restoreSettings() {
  QSettings settings;
  if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
    resize(1400, 860);
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
  m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
}

void MainWindow::saveSettings() {
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  m_runner.cancel();
  m_autosave.discard();
  saveSettings();
  event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    const QString path = url.toLocalFile();
    if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))) {
      event->acceptProposedAction();
      return;
    }
  }
}

void MainWindow::dropEvent(QDropEvent* event) {
  for (const QUrl& url : event->mimeData()->urls()) {
    const QString path = url.toLocalFile();
    if (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))) {
      openFile(path);
      event->acceptProposedAction();
      return;
    }
  }
}

}  // namespace kendall::gui
