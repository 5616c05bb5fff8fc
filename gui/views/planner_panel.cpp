// Long on purpose: one scrolling page of tables (SLOs, stations, headroom, cost, schedule,
// demand) with the what-if box; the numbers and their wording live in core/plan_tables.

#include "views/planner_panel.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QTableView>
#include <QVBoxLayout>

namespace kendall::gui {

namespace {

constexpr int arrivalSteps = 100;  // slider units per 1.0 of the multiplier

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setObjectName(name);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->verticalHeader()->setVisible(false);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->horizontalHeader()->setStretchLastSection(true);
  view->setWordWrap(false);
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
  view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  view->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  return view;
}

/// Makes a table exactly as tall as its header and rows (plus a horizontal scroll bar).
void fitHeight(QTableView* view) {
  const int rows = view->verticalHeader()->length();
  const int header = view->horizontalHeader()->sizeHint().height();
  const int bar = view->horizontalScrollBar()->sizeHint().height();
  view->setFixedHeight(2 * view->frameWidth() + header + rows + bar);
}

QWidget* titled(const QString& title, QWidget* body, QWidget* parent, QLabel* extra = nullptr) {
  auto* box = new QWidget(parent);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(0, 4, 0, 0);
  auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title), box);
  layout->addWidget(label);
  if (extra) layout->addWidget(extra);
  layout->addWidget(body);
  return box;
}

model::Scenario withoutSource(model::Scenario s) {
  s.source_file.clear();
  return s;
}

}  // namespace

PlannerPanel::PlannerPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("plannerPanel"));
  m_sloModel = new PlanTableModel(this);
  m_stationModel = new PlanTableModel(this);
  m_loadModel = new PlanTableModel(this);
  m_costModel = new PlanTableModel(this);
  m_scheduleModel = new PlanTableModel(this);
  m_demandModel = new PlanTableModel(this);

  auto* layout = new QVBoxLayout(this);
  m_method = new QLabel(this);
  m_method->setObjectName(QStringLiteral("planMethod"));
  m_method->setWordWrap(true);
  layout->addWidget(m_method);
  m_defaults = new QLabel(this);
  m_defaults->setObjectName(QStringLiteral("planDefaults"));
  m_defaults->setWordWrap(true);
  m_defaults->setStyleSheet(QStringLiteral(
      "background: #fff3c4; color: #202020; padding: 4px; border: 1px solid #e0c060;"));
  m_defaults->setVisible(false);
  layout->addWidget(m_defaults);
  buildWhatIfBox(layout);
  m_verdict = new QLabel(this);
  m_verdict->setObjectName(QStringLiteral("planVerdict"));
  m_verdict->setWordWrap(true);
  layout->addWidget(m_verdict);

  // The answer scrolls as one page; each table is as tall as its rows, so nothing hides in a
  // table's own scroll area.
  auto* scroll = new QScrollArea(this);
  scroll->setObjectName(QStringLiteral("plannerScroll"));
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* page = new QWidget(scroll);
  auto* pageLayout = new QVBoxLayout(page);
  pageLayout->setContentsMargins(0, 0, 0, 0);
  m_sloTable = makeTable(m_sloModel, QStringLiteral("sloTable"), page);
  pageLayout->addWidget(titled(tr("Service-level objectives"), m_sloTable, page));
  m_stationTable = makeTable(m_stationModel, QStringLiteral("stationPlanTable"), page);
  m_apply = new QPushButton(tr("Apply recommended servers to the scenario"), page);
  m_apply->setObjectName(QStringLiteral("applyRecommended"));
  m_apply->setToolTip(
      tr("Sets each station's servers in the file to the recommendation (one undoable edit; "
         "the arrival rates stay as written)."));
  connect(m_apply, &QPushButton::clicked, this, &PlannerPanel::applyRecommendedServers);
  QWidget* stations = titled(tr("Servers per station"), m_stationTable, page);
  auto* applyRow = new QHBoxLayout;
  applyRow->addWidget(m_apply);
  applyRow->addStretch(1);
  static_cast<QVBoxLayout*>(stations->layout())->addLayout(applyRow);
  pageLayout->addWidget(stations);
  m_headroom = new QLabel(page);
  m_headroom->setObjectName(QStringLiteral("planHeadroom"));
  m_headroom->setWordWrap(true);
  m_loadTable = makeTable(m_loadModel, QStringLiteral("loadTable"), page);
  pageLayout->addWidget(titled(tr("Headroom"), m_loadTable, page, m_headroom));
  m_costTable = makeTable(m_costModel, QStringLiteral("costTable"), page);
  m_costTitle = new QLabel(page);
  m_costTitle->setWordWrap(true);
  pageLayout->addWidget(titled(tr("Cost per hour"), m_costTable, page, m_costTitle));
  // Time-varying load: the staffing schedule per interval; uncertain rates: the demand cases.
  m_scheduleTable = makeTable(m_scheduleModel, QStringLiteral("scheduleTable"), page);
  m_scheduleTitle = new QLabel(page);
  m_scheduleTitle->setWordWrap(true);
  m_scheduleBox =
      titled(tr("Schedule (time-varying load)"), m_scheduleTable, page, m_scheduleTitle);
  pageLayout->addWidget(m_scheduleBox);
  m_demandTable = makeTable(m_demandModel, QStringLiteral("demandTable"), page);
  m_demandBox = titled(tr("Uncertain demand"), m_demandTable, page);
  pageLayout->addWidget(m_demandBox);
  m_notes = new QLabel(page);
  m_notes->setObjectName(QStringLiteral("planNotes"));
  m_notes->setWordWrap(true);
  m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
  pageLayout->addWidget(m_notes);
  pageLayout->addStretch(1);
  scroll->setWidget(page);
  layout->addWidget(scroll, 1);
  m_scroll = scroll;
  m_page = page;

  connect(&m_runner, &PlanRunner::analyticReady, this, [this](PlanPtr plan) {
    m_analytic = std::move(plan);
    m_analyticFor = plannedScenario();
    show(shownPlan());
  });
  connect(&m_runner, &PlanRunner::analyticFailed, this, [this](const QString& message) {
    m_analytic.reset();
    m_analyticFor.reset();
    if (!showsSimulatedPlan()) showFailure(message);
  });
  connect(&m_runner, &PlanRunner::runningChanged, this, [this](bool running) {
    m_progress->setVisible(running);
    if (!running) m_progress->setRange(0, 1);
    updateButtons();
  });
  connect(&m_runner, &PlanRunner::progress, this, [this](int done, int total, const QString& what) {
    if (total > 0) {
      m_progress->setRange(0, total);
      m_progress->setValue(done);
    } else {
      m_progress->setRange(0, 0);  // busy: the planner does not know the total yet
    }
    m_status->setText(tr("Planning with simulation: %1").arg(what));
  });
  connect(&m_runner, &PlanRunner::simulatedReady, this, [this](PlanPtr plan) {
    m_simulated = std::move(plan);
    m_simulatedFor = m_runningFor;
    m_simulatedConfirm = m_runningConfirm;
    m_runningFor.reset();
    m_status->setText(
        m_simulated->simulation
            ? tr("Plan with simulation done.")
            : tr("Done: theory is exact for every SLO here, so nothing needed simulating "
                 "(tick “Confirm where theory is exact” to simulate anyway)."));
    show(shownPlan());
    emit simulatedPlanFinished();
  });
  connect(&m_runner, &PlanRunner::simulatedFailed, this, [this](const QString& message) {
    m_runningFor.reset();
    m_status->setText(tr("Plan with simulation failed: %1").arg(message));
    emit simulatedPlanFinished();
  });
  updateButtons();
  show(nullptr);
}

void PlannerPanel::buildWhatIfBox(QVBoxLayout* layout) {
  auto* box = new QGroupBox(tr("What if…"), this);
  box->setObjectName(QStringLiteral("whatIfBox"));
  auto* form = new QFormLayout(box);

  auto* arrivalRow = new QHBoxLayout;
  m_arrivalSlider = new QSlider(Qt::Horizontal, box);
  m_arrivalSlider->setObjectName(QStringLiteral("arrivalSlider"));
  m_arrivalSlider->setRange(arrivalSteps / 4, 3 * arrivalSteps);
  m_arrivalSlider->setValue(arrivalSteps);
  m_arrivalSlider->setPageStep(10);
  m_arrivalSlider->setToolTip(
      tr("Multiply every arrival rate (the analytic plan follows at once)"));
  m_arrivalValue = new QLabel(box);
  m_arrivalValue->setMinimumWidth(60);
  arrivalRow->addWidget(m_arrivalSlider, 1);
  arrivalRow->addWidget(m_arrivalValue);
  auto* serversRow = arrivalRow;
  serversRow->addSpacing(16);
  serversRow->addWidget(new QLabel(tr("Servers of"), box));
  m_stationCombo = new QComboBox(box);
  m_stationCombo->setObjectName(QStringLiteral("whatIfStation"));
  m_serversSlider = new QSlider(Qt::Horizontal, box);
  m_serversSlider->setObjectName(QStringLiteral("serversSlider"));
  m_serversSlider->setToolTip(tr("Servers of the chosen station in the what-if"));
  m_serversValue = new QLabel(box);
  m_serversValue->setMinimumWidth(60);
  serversRow->addWidget(m_stationCombo);
  serversRow->addWidget(m_serversSlider, 1);
  serversRow->addWidget(m_serversValue);
  form->addRow(tr("Arrival rate ×"), arrivalRow);

  auto* actions = new QHBoxLayout;
  m_reset = new QPushButton(tr("Back to the file"), box);
  m_reset->setObjectName(QStringLiteral("resetWhatIf"));
  m_simulate = new QPushButton(tr("Plan with simulation"), box);
  m_simulate->setObjectName(QStringLiteral("simulatePlan"));
  m_confirm = new QCheckBox(tr("Confirm where theory is exact"), box);
  m_confirm->setObjectName(QStringLiteral("confirmPlan"));
  m_confirm->setToolTip(
      tr("Simulate every SLO even where theory is exact (kendall plan --confirm). "
         "Otherwise the planner simulates only where theory is approximate or cannot judge."));
  m_cancel = new QPushButton(tr("Cancel"), box);
  m_cancel->setObjectName(QStringLiteral("cancelPlan"));
  m_progress = new QProgressBar(box);
  m_progress->setMaximumWidth(180);
  m_progress->setVisible(false);
  m_status = new QLabel(box);
  m_status->setObjectName(QStringLiteral("planStatus"));
  m_status->setWordWrap(true);
  actions->addWidget(m_reset);
  actions->addWidget(m_simulate);
  actions->addWidget(m_confirm);
  actions->addWidget(m_cancel);
  actions->addWidget(m_progress);
  actions->addWidget(m_status, 1);
  form->addRow(actions);
  m_whatIfText = new QLabel(box);
  m_whatIfText->setObjectName(QStringLiteral("whatIfText"));
  m_whatIfText->setWordWrap(true);
  form->addRow(m_whatIfText);
  layout->addWidget(box);

  connect(m_arrivalSlider, &QSlider::valueChanged, this, [this](int v) {
    if (m_syncing) return;
    m_whatIf.arrivalFactor = static_cast<double>(v) / arrivalSteps;
    whatIfChanged();
  });
  connect(m_stationCombo, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_syncing) syncWhatIfControls();
  });
  connect(m_serversSlider, &QSlider::valueChanged, this, [this](int v) {
    if (m_syncing || !m_scenario) return;
    const int station = m_stationCombo->currentData().toInt();
    if (station < 0) return;
    m_whatIf.servers[static_cast<std::size_t>(station)] = static_cast<std::uint32_t>(v);
    whatIfChanged();
  });
  connect(m_reset, &QPushButton::clicked, this, [this] { setWhatIf(WhatIf{}); });
  connect(m_simulate, &QPushButton::clicked, this, &PlannerPanel::runSimulatedPlan);
  connect(m_cancel, &QPushButton::clicked, this, &PlannerPanel::cancelSimulatedPlan);
}

void PlannerPanel::setScenario(const std::optional<model::Scenario>& scenario) {
  const bool sameStations = [&] {
    if (!scenario || !m_scenario || scenario->stations.size() != m_scenario->stations.size())
      return false;
    for (std::size_t i = 0; i < scenario->stations.size(); ++i) {
      if (scenario->stations[i].name != m_scenario->stations[i].name ||
          serversAdjustable(scenario->stations[i]) != serversAdjustable(m_scenario->stations[i])) {
        return false;
      }
    }
    return true;
  }();
  m_scenario = scenario ? std::optional(withoutSource(*scenario)) : std::nullopt;
  if (!sameStations) {
    // Another network: a what-if of the old stations means nothing here.
    m_whatIf.servers.clear();
    rebuildStationChoices();
  }
  syncWhatIfControls();
  whatIfChanged();
}

void PlannerPanel::rebuildStationChoices() {
  m_syncing = true;
  const int previous = m_stationCombo->currentIndex();
  m_stationCombo->clear();
  if (m_scenario) {
    for (std::size_t i = 0; i < m_scenario->stations.size(); ++i) {
      const auto& st = m_scenario->stations[i];
      if (serversAdjustable(st))
        m_stationCombo->addItem(QString::fromStdString(st.name), static_cast<int>(i));
    }
  }
  if (previous >= 0 && previous < m_stationCombo->count())
    m_stationCombo->setCurrentIndex(previous);
  m_syncing = false;
}

void PlannerPanel::selectStation(int index) {
  const int at = m_stationCombo->findData(index);
  if (at >= 0) m_stationCombo->setCurrentIndex(at);
}

void PlannerPanel::setWhatIf(const WhatIf& whatIf) {
  m_whatIf = whatIf;
  syncWhatIfControls();
  whatIfChanged();
}

void PlannerPanel::syncWhatIfControls() {
  m_syncing = true;
  m_arrivalSlider->setValue(static_cast<int>(m_whatIf.arrivalFactor * arrivalSteps + 0.5));
  m_arrivalValue->setText(QStringLiteral("%1×").arg(m_whatIf.arrivalFactor, 0, 'f', 2));
  const int station = m_stationCombo->count() ? m_stationCombo->currentData().toInt() : -1;
  const bool enabled = m_scenario && station >= 0;
  m_serversSlider->setEnabled(enabled);
  m_stationCombo->setEnabled(enabled);
  if (enabled) {
    const auto index = static_cast<std::size_t>(station);
    const std::uint32_t inFile = m_scenario->stations[index].servers.value_or(1);
    const auto it = m_whatIf.servers.find(index);
    const std::uint32_t now = it != m_whatIf.servers.end() ? it->second : inFile;
    const int top =
        static_cast<int>(std::min<std::uint32_t>(std::max({2 * inFile, inFile + 8, now}), 1000));
    m_serversSlider->setRange(1, top);
    m_serversSlider->setValue(static_cast<int>(now));
    m_serversValue->setText(now == inFile ? tr("%1 (file)").arg(now)
                                          : tr("%1 (file %2)").arg(now).arg(inFile));
  } else {
    m_serversValue->clear();
  }
  m_syncing = false;
}

std::optional<model::Scenario> PlannerPanel::plannedScenario() const {
  if (!m_scenario) return std::nullopt;
  return applyWhatIf(*m_scenario, m_whatIf);
}

void PlannerPanel::whatIfChanged() {
  syncWhatIfControls();
  const bool neutral = !m_scenario || m_whatIf.neutral(*m_scenario);
  m_whatIfText->setText(
      neutral ? tr("Planning the scenario as written.")
              : tr("<b>What-if:</b> %1 — the tables describe this variant; the file is unchanged.")
                    .arg(m_whatIf.describe(*m_scenario).toHtmlEscaped()));
  m_simulate->setText(neutral ? tr("Plan with simulation") : tr("Simulate this what-if"));
  if (const auto planned = plannedScenario()) {
    m_runner.requestAnalytic(*planned);
  } else {
    m_analytic.reset();
    m_analyticFor.reset();
    showFailure(tr("The scenario has problems (see Problems); no plan."));
  }
  // A simulated answer of another variant no longer describes what is shown.
  if (m_runner.isRunning() && m_runningFor != plannedScenario()) {
    m_runner.cancel();
    m_runningFor.reset();
    m_status->setText(tr("Plan with simulation cancelled: the what-if or the scenario changed."));
  }
  updateButtons();
}

void PlannerPanel::runSimulatedPlan() {
  const auto planned = plannedScenario();
  if (!planned) return;
  m_runningFor = planned;
  m_runningConfirm = m_confirm->isChecked();
  m_status->setText(tr("Planning with simulation…"));
  m_runner.startSimulated(*planned, m_runningConfirm);
  updateButtons();
}

void PlannerPanel::cancelSimulatedPlan() {
  if (!m_runner.isRunning()) return;
  m_runner.cancel();
  m_runningFor.reset();
  m_status->setText(tr("Plan with simulation cancelled."));
}

PlanPtr PlannerPanel::simulatedPlanFor(const model::Scenario& scenario) const {
  if (m_simulated && m_simulatedFor && *m_simulatedFor == withoutSource(scenario))
    return m_simulated;
  return nullptr;
}

bool PlannerPanel::showsSimulatedPlan() const {
  const auto planned = plannedScenario();
  return planned && simulatedPlanFor(*planned);
}

PlanPtr PlannerPanel::shownPlan() const {
  if (const auto planned = plannedScenario()) {
    if (auto sim = simulatedPlanFor(*planned)) return sim;
    if (m_analytic && m_analyticFor && *m_analyticFor == *planned) return m_analytic;
  }
  return nullptr;
}

void PlannerPanel::fitPage() {
  // QScrollArea sizes its widget by the layout's minimum size, which ignores how tall the
  // wrapped labels get at the actual width; without this the tables were squeezed.
  QLayout* l = m_page->layout();
  l->activate();
  const int width = m_scroll->viewport()->width();
  m_page->setMinimumHeight(l->hasHeightForWidth() ? l->heightForWidth(width)
                                                  : l->minimumSize().height());
}

void PlannerPanel::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  fitPage();
}

void PlannerPanel::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  fitPage();
}

std::map<std::size_t, std::uint32_t> PlannerPanel::recommendedChanges() const {
  std::map<std::size_t, std::uint32_t> out;
  const PlanPtr plan = shownPlan();
  if (!plan || !m_scenario) return out;
  for (std::size_t i = 0; i < plan->stations.size() && i < m_scenario->stations.size(); ++i) {
    const auto& sp = plan->stations[i];
    const auto& st = m_scenario->stations[i];
    if (sp.name != st.name || !sp.recommended_servers || !serversAdjustable(st)) continue;
    if (st.servers != sp.recommended_servers) out[i] = *sp.recommended_servers;
  }
  return out;
}

void PlannerPanel::applyRecommendedServers() {
  const auto changes = recommendedChanges();
  if (!changes.empty()) emit applyServersRequested(changes);
}

void PlannerPanel::updateButtons() {
  const bool running = m_runner.isRunning();
  m_simulate->setEnabled(m_scenario.has_value() && !running);
  m_cancel->setEnabled(running);
  m_reset->setEnabled(m_scenario && !m_whatIf.neutral(*m_scenario));
  m_apply->setEnabled(!recommendedChanges().empty());
}

void PlannerPanel::showFailure(const QString& message) {
  m_method->setText(tr("<b>No plan:</b> %1").arg(message.toHtmlEscaped()));
  m_defaults->setVisible(false);
  m_verdict->clear();
  m_headroom->clear();
  m_notes->clear();
  m_costTitle->clear();
  m_sloModel->setTable({});
  m_stationModel->setTable({});
  m_loadModel->setTable({});
  m_costModel->setTable({});
  m_scheduleModel->setTable({});
  m_demandModel->setTable({});
  m_scheduleBox->setVisible(false);
  m_demandBox->setVisible(false);
  for (QTableView* t :
       {m_sloTable, m_stationTable, m_loadTable, m_costTable, m_scheduleTable, m_demandTable}) {
    fitHeight(t);
  }
  fitPage();
  updateButtons();
  emit planShown();
}

void PlannerPanel::show(PlanPtr plan) {
  if (!plan) {
    if (!m_scenario) showFailure(tr("no valid scenario open."));
    return;
  }
  const planner::PlanResult& p = *plan;
  m_method->setText(
      QStringLiteral("<b>%1</b> %2")
          .arg(p.simulation ? tr("Method: simulation-confirmed.") : tr("Method: analytic."),
               methodSentence(p).toHtmlEscaped()));
  if (p.defaults_assumed) {
    QStringList lines;
    for (const auto& d : p.assumed_defaults)
      lines << QStringLiteral("• ") + QString::fromStdString(d).toHtmlEscaped();
    m_defaults->setText(tr("<b>This scenario states no SLO</b> (no <tt>slo:</tt> section). As "
                           "<tt>kendall plan</tt> "
                           "does, the planner assumed these defaults:<br>%1")
                            .arg(lines.join(QStringLiteral("<br>"))));
  }
  m_defaults->setVisible(p.defaults_assumed);
  m_verdict->setText(p.feasible
                         ? tr("<b style='color:#1a7f1a'>The plan meets every SLO.</b>")
                         : tr("<b style='color:#b00000'>The plan does not meet every SLO.</b>"));
  m_sloModel->setTable(sloTable(p));
  m_stationModel->setTable(stationTable(p));
  m_loadModel->setTable(loadTable(p, p.headroom));
  m_loadTable->setVisible(!p.headroom.load_table.empty());
  // The load table is the recommended configuration's; today's headroom is stated below it.
  QString headroom = headroomSentence(p.headroom).toHtmlEscaped();
  if (p.headroom_today)
    headroom += QStringLiteral("<br>") + headroomSentence(*p.headroom_today).toHtmlEscaped();
  m_headroom->setText(headroom);
  m_costModel->setTable(costTable(p));
  m_costTable->setVisible(p.cost.has_value());
  m_costTitle->setText(p.cost ? tr("Valued by %1.").arg(QString::fromStdString(p.cost->method))
                              : tr("No <tt>cost:</tt> section in the scenario."));
  m_scheduleModel->setTable(scheduleTable(p));
  m_scheduleBox->setVisible(p.schedule.has_value());
  if (p.schedule) {
    QStringList lines;
    for (const auto& st : p.schedule->stations) {
      lines << tr("%1: %2 server-hours per period today, %3 with the plan (period %4 %5).")
                   .arg(QString::fromStdString(st.station))
                   .arg(st.server_hours_today, 0, 'f', 1)
                   .arg(st.server_hours_recommended, 0, 'f', 1)
                   .arg(st.period)
                   .arg(QString::fromStdString(p.time_unit));
    }
    lines << (p.schedule->simulated
                  ? tr("Whole-period simulation: %n correction round(s).", "",
                       static_cast<int>(p.schedule->correction_rounds))
                  : tr("Not simulated: each interval is sized by theory as a stationary period."));
    for (const auto& m : p.schedule->missing)
      lines << tr("Missing: %1").arg(QString::fromStdString(m));
    for (const auto& n : p.schedule->notes) {
      QString note = QString::fromStdString(n);
      if (!note.isEmpty()) note[0] = note[0].toUpper();
      lines << note + (note.endsWith(QLatin1Char('.')) ? QString() : QStringLiteral("."));
    }
    m_scheduleTitle->setText(lines.join(QLatin1Char('\n')));
  }
  m_demandModel->setTable(demandTable(p));
  m_demandBox->setVisible(p.demand.has_value());
  QStringList notes;
  for (const auto& d : p.disagreements)
    notes << tr("Theory and simulation disagreed: %1").arg(QString::fromStdString(d));
  for (const auto& n : p.notes) notes << QString::fromStdString(n);
  m_notes->setText(notes.join(QLatin1Char('\n')));
  for (QTableView* t :
       {m_sloTable, m_stationTable, m_loadTable, m_costTable, m_scheduleTable, m_demandTable}) {
    fitHeight(t);
  }
  fitPage();
  updateButtons();
  emit planShown();
}

}  // namespace kendall::gui
