#include "views/form_view.h"

#include <algorithm>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

#include "core/arrivals_model.h"
#include "core/distribution_edit.h"
#include "core/scenario_document.h"
#include "core/slo_model.h"
#include "core/stations_model.h"

namespace kendall::gui {

namespace {

// Combo boxes for the discipline and distribution family columns.
class ChoiceDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;
  QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const override {
    QStringList choices;
    if (index.column() == StationsModel::Discipline) {
      for (const auto& d : model::discipline_names())
        choices << QString::fromUtf8(d.name.data(), static_cast<int>(d.name.size()));
    } else if (index.column() == StationsModel::Service) {
      choices = editableFamilies();
    } else {
      return QStyledItemDelegate::createEditor(parent, option, index);
    }
    auto* combo = new QComboBox(parent);
    combo->addItems(choices);
    return combo;
  }
  void setEditorData(QWidget* editor, const QModelIndex& index) const override {
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
      combo->setCurrentText(index.data(Qt::EditRole).toString());
      return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
  }
  void setModelData(QWidget* editor, QAbstractItemModel* model,
                    const QModelIndex& index) const override {
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
      model->setData(index, combo->currentText());
      return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
  }
};

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setSelectionMode(QAbstractItemView::SingleSelection);
  view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                        QAbstractItemView::AnyKeyPressed);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->horizontalHeader()->setStretchLastSection(true);
  view->verticalHeader()->setVisible(false);
  view->setAlternatingRowColors(true);
  return view;
}

}  // namespace

FormView::FormView(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document) {
  setObjectName(QStringLiteral("formView"));
  m_stations = new StationsModel(document, this);
  m_arrivals = new ArrivalsModel(document, this);
  m_slos = new SloModel(document, this);

  auto* layout = new QVBoxLayout(this);
  m_title = new QLabel(this);
  m_title->setWordWrap(true);
  QFont titleFont = m_title->font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
  m_title->setFont(titleFont);
  layout->addWidget(m_title);

  m_banner = new QLabel(this);
  m_banner->setWordWrap(true);
  m_banner->setStyleSheet(
      QStringLiteral("QLabel { background: #fff0c0; padding: 6px; border: 1px solid #e0c060; }"));
  layout->addWidget(m_banner);

  auto* arrivalsBox = new QGroupBox(tr("Arrivals"), this);
  auto* arrivalsLayout = new QVBoxLayout(arrivalsBox);
  m_arrivalsView = makeTable(m_arrivals, arrivalsBox);
  m_arrivalsView->setObjectName(QStringLiteral("arrivalsTable"));
  m_arrivalsView->setMaximumHeight(110);
  arrivalsLayout->addWidget(m_arrivalsView);
  layout->addWidget(arrivalsBox);

  auto* stationsBox = new QGroupBox(tr("Stations"), this);
  auto* stationsLayout = new QVBoxLayout(stationsBox);
  m_stationsView = makeTable(m_stations, stationsBox);
  m_stationsView->setObjectName(QStringLiteral("stationsTable"));
  m_stationsView->setItemDelegate(new ChoiceDelegate(m_stationsView));
  stationsLayout->addWidget(m_stationsView);
  auto* yamlOnly =
      new QLabel(tr("Routing (Next), customer classes, patience, retries and server "
                    "schedules are edited in the YAML tab for now; the form shows them."),
                 stationsBox);
  yamlOnly->setWordWrap(true);
  yamlOnly->setStyleSheet(QStringLiteral("color: #555;"));
  stationsLayout->addWidget(yamlOnly);
  layout->addWidget(stationsBox, 2);

  auto* slosBox = new QGroupBox(tr("Service-level objectives"), this);
  auto* slosLayout = new QVBoxLayout(slosBox);
  m_slosView = makeTable(m_slos, slosBox);
  m_slosView->setObjectName(QStringLiteral("slosTable"));
  m_slosView->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_slosView->verticalHeader()->setDefaultSectionSize(m_slosView->fontMetrics().height() + 8);
  slosLayout->addWidget(m_slosView);
  m_slosHint = new QLabel(slosBox);
  m_slosHint->setWordWrap(true);
  m_slosHint->setStyleSheet(QStringLiteral("color: #555;"));
  slosLayout->addWidget(m_slosHint);
  layout->addWidget(slosBox);
  const auto updateSloHint = [this] {
    const bool none = m_slos->rowCount() == 0;
    m_slosView->setVisible(!none);
    // As tall as its rows (up to five), so that no SLO hides behind a scroll bar.
    const int rows = std::min(m_slos->rowCount(), 5);
    m_slosView->setFixedHeight(m_slosView->horizontalHeader()->sizeHint().height() +
                               rows * m_slosView->verticalHeader()->defaultSectionSize() +
                               2 * m_slosView->frameWidth() + 2);
    m_slosHint->setText(
        none ? tr("None in this scenario: the Planner tab uses the planner's stated defaults. "
                  "Add an slo: section in the YAML to state yours.")
             : tr("Double-click a bound to change it; the Planner tab judges them. "
                  "Add or remove SLOs in the YAML."));
  };
  connect(m_slos, &QAbstractItemModel::modelReset, this, updateSloHint);
  updateSloHint();

  auto* runBox = new QGroupBox(tr("Run settings"), this);
  auto* runLayout = new QFormLayout(runBox);
  m_customers = new QLineEdit(runBox);
  m_customers->setObjectName(QStringLiteral("customersEdit"));
  m_customers->setPlaceholderText(tr("departures per replication"));
  m_horizon = new QLineEdit(runBox);
  m_horizon->setPlaceholderText(tr("e.g. 10min (optional)"));
  m_replications = new QSpinBox(runBox);
  m_replications->setObjectName(QStringLiteral("replicationsEdit"));
  m_replications->setRange(2, 100000);
  m_seed = new QLineEdit(runBox);
  m_warmup = new QLineEdit(runBox);
  m_warmup->setPlaceholderText(tr("auto | none | 1000 | 30s"));
  runLayout->addRow(tr("Customers"), m_customers);
  runLayout->addRow(tr("Horizon"), m_horizon);
  runLayout->addRow(tr("Replications"), m_replications);
  runLayout->addRow(tr("Seed"), m_seed);
  runLayout->addRow(tr("Warm-up"), m_warmup);
  layout->addWidget(runBox);
  for (QLineEdit* edit : {m_customers, m_horizon, m_seed, m_warmup}) {
    connect(edit, &QLineEdit::editingFinished, this, &FormView::applyRunSettings);
  }
  connect(m_replications, &QSpinBox::editingFinished, this, &FormView::applyRunSettings);

  auto* problemsBox = new QGroupBox(tr("Problems"), this);
  auto* problemsLayout = new QVBoxLayout(problemsBox);
  m_problems = new QListWidget(problemsBox);
  m_problems->setObjectName(QStringLiteral("problemsList"));
  m_problems->setMaximumHeight(90);
  m_problems->setWordWrap(true);
  problemsLayout->addWidget(m_problems);
  layout->addWidget(problemsBox);
  connect(m_problems, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    emit problemActivated(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt());
  });
  connect(m_problems, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    emit problemActivated(item->data(Qt::UserRole).toInt(), item->data(Qt::UserRole + 1).toInt());
  });
  connect(m_stationsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) { emit stationSelected(current.row()); });

  connect(document, &ScenarioDocument::scenarioChanged, this, &FormView::refresh);
  refresh();
}

void FormView::selectStation(int row) {
  if (row < 0 || row >= m_stations->rowCount()) return;
  m_stationsView->selectRow(row);
  m_stationsView->scrollTo(m_stations->index(row, 0));
}

void FormView::refresh() {
  m_refreshing = true;
  const auto& s = m_document->formScenario();
  m_title->setText(
      s ? QString::fromStdString(s->name.empty() ? std::string("(unnamed scenario)") : s->name)
        : tr("No scenario"));
  m_title->setToolTip(s ? QString::fromStdString(s->description) : QString());
  if (!m_document->formMatchesText()) {
    m_banner->setText(
        tr("The YAML has errors, so the form shows the last valid version and cannot be "
           "edited. Fix the marked lines in the YAML tab (or Undo)."));
    m_banner->show();
  } else if (!m_document->isValid()) {
    m_banner->setText(tr("This value is not valid: see Problems (the field is marked in red)."));
    m_banner->show();
  } else {
    m_banner->hide();
  }
  const bool editable = m_document->formMatchesText() && s;
  for (QWidget* w :
       std::initializer_list<QWidget*>{m_customers, m_horizon, m_replications, m_seed, m_warmup}) {
    w->setEnabled(editable);
  }
  if (s) {
    m_customers->setText(s->run.customers ? QString::number(*s->run.customers) : QString());
    m_horizon->setText(s->run.horizon ? QString::fromStdString(
                                            model::format_duration(*s->run.horizon, s->time_unit))
                                      : QString());
    m_replications->setValue(static_cast<int>(s->run.replications));
    m_seed->setText(QString::number(s->run.seed));
    switch (s->run.warmup.kind) {
      case model::WarmupSpec::Kind::Auto:
        m_warmup->setText(QStringLiteral("auto"));
        break;
      case model::WarmupSpec::Kind::None:
        m_warmup->setText(QStringLiteral("none"));
        break;
      case model::WarmupSpec::Kind::Customers:
        m_warmup->setText(QString::number(s->run.warmup.amount));
        break;
      case model::WarmupSpec::Kind::Time:
        m_warmup->setText(
            QString::fromStdString(model::format_duration(s->run.warmup.amount, s->time_unit)));
        break;
    }
  }
  m_problems->clear();
  for (const TextProblem& p : m_document->problems()) {
    auto* item = new QListWidgetItem(
        (p.warning ? QStringLiteral("⚠ ") : QStringLiteral("✗ ")) + p.full, m_problems);
    item->setData(Qt::UserRole, p.line);
    item->setData(Qt::UserRole + 1, p.column);
    item->setForeground(p.warning ? QColor(0x80, 0x60, 0x00) : QColor(0xb0, 0x00, 0x20));
  }
  if (m_document->problems().empty()) m_problems->addItem(tr("No problems."));
  if (!m_document->solveError().isEmpty())
    m_problems->addItem(tr("Analytic solver: %1").arg(m_document->solveError()));
  m_refreshing = false;
}

void FormView::applyRunSettings() {
  if (m_refreshing || !m_document->formMatchesText() || !m_document->formScenario()) return;
  model::Scenario edited = *m_document->formScenario();
  auto& run = edited.run;
  try {
    const QString customers = m_customers->text().trimmed();
    if (customers.isEmpty())
      run.customers.reset();
    else {
      bool ok = false;
      const qulonglong n = customers.toULongLong(&ok);
      if (!ok || n == 0) throw InvalidParameter("customers must be a positive whole number");
      run.customers = n;
    }
    const QString horizon = m_horizon->text().trimmed();
    if (horizon.isEmpty())
      run.horizon.reset();
    else
      run.horizon = model::parse_duration(horizon.toStdString(), edited.time_unit);
    run.replications = static_cast<std::uint32_t>(m_replications->value());
    bool ok = false;
    const qulonglong seed = m_seed->text().trimmed().toULongLong(&ok);
    if (!ok) throw InvalidParameter("seed must be a whole number");
    run.seed = seed;
    const QString w = m_warmup->text().trimmed();
    if (w == QLatin1String("auto"))
      run.warmup = {model::WarmupSpec::Kind::Auto, 0.0};
    else if (w == QLatin1String("none") || w == QLatin1String("0"))
      run.warmup = {model::WarmupSpec::Kind::None, 0.0};
    else if (model::has_time_unit_suffix(w.toStdString()))
      run.warmup = {model::WarmupSpec::Kind::Time,
                    model::parse_duration(w.toStdString(), edited.time_unit)};
    else {
      const double n = w.toDouble(&ok);
      if (!ok || n < 0) throw InvalidParameter("warm-up must be auto, none, a count or a duration");
      run.warmup = {model::WarmupSpec::Kind::Customers, n};
    }
  } catch (const kendall::Error& e) {
    m_banner->setText(tr("Run settings: %1").arg(QString::fromStdString(e.what())));
    m_banner->show();
    return;
  }
  if (edited == *m_document->formScenario()) return;
  m_document->applyFormEdit(edited, tr("Change run settings"));
}

}  // namespace kendall::gui
