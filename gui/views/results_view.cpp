#include "views/results_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace kendall::gui {

namespace {
QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view->verticalHeader()->setVisible(false);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->horizontalHeader()->setStretchLastSection(true);
  view->setAlternatingRowColors(true);
  view->setWordWrap(false);
  return view;
}
}  // namespace

ResultsView::ResultsView(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("resultsView"));
  m_model = new ResultsModel(this);
  m_comparison = new ComparisonModel(this);
  auto* layout = new QVBoxLayout(this);
  m_summary = new QLabel(this);
  m_summary->setWordWrap(true);
  layout->addWidget(m_summary);
  m_methods = new QLabel(this);
  m_methods->setWordWrap(true);
  m_methods->setStyleSheet(QStringLiteral("color: #444;"));
  layout->addWidget(m_methods);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->setObjectName(QStringLiteral("resultsSplitter"));
  m_table = makeTable(m_model, splitter);
  m_table->setObjectName(QStringLiteral("resultsTable"));
  auto* lower = new QWidget(splitter);
  auto* lowerLayout = new QVBoxLayout(lower);
  lowerLayout->setContentsMargins(0, 0, 0, 0);
  auto* buttons = new QHBoxLayout;
  m_keep = new QPushButton(tr("Keep this run for comparison"), lower);
  m_keep->setObjectName(QStringLiteral("keepRunButton"));
  m_keep->setToolTip(
      tr("The kept run stays as \"before\"; change the scenario and run again to see \"after\"."));
  m_clear = new QPushButton(tr("Clear kept run"), lower);
  buttons->addWidget(m_keep);
  buttons->addWidget(m_clear);
  buttons->addStretch();
  lowerLayout->addLayout(buttons);
  m_comparisonTable = makeTable(m_comparison, lower);
  m_comparisonTable->setObjectName(QStringLiteral("comparisonTable"));
  lowerLayout->addWidget(m_comparisonTable);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter);
  connect(m_keep, &QPushButton::clicked, this, &ResultsView::keepCurrent);
  connect(m_clear, &QPushButton::clicked, this, [this] {
    m_kept.reset();
    updateComparison();
  });
  updateComparison();
}

void ResultsView::showResults(const std::optional<model::ScenarioSolution>& solution,
                              std::shared_ptr<const sim::ExperimentResult> result,
                              const QString& label) {
  m_current = RunSnapshot{label, solution, result};
  m_model->setResults(solution, result);
  QString summary = m_model->summary();
  const int bad = m_model->disagreements();
  if (bad > 0) summary += tr(" — %n exact value(s) outside the simulated interval", "", bad);
  m_summary->setText(summary);
  QStringList methods;
  if (solution) {
    for (const auto& s : solution->stations) {
      methods << (s.result
                      ? QStringLiteral("<b>%1</b>: %2, %3")
                            .arg(QString::fromStdString(s.name),
                                 QString::fromStdString(s.result->model),
                                 QString::fromStdString(s.result->method))
                      : QStringLiteral("<b>%1</b>: no analytic answer (%2)")
                            .arg(QString::fromStdString(s.name), QString::fromStdString(s.reason)));
    }
  }
  m_methods->setText(methods.isEmpty() ? tr("No analytic solution.")
                                       : tr("Analytic: ") + methods.join(QStringLiteral("; ")));
  updateComparison();
}

void ResultsView::keepCurrent() {
  m_kept = m_current;
  updateComparison();
}

void ResultsView::updateComparison() {
  m_clear->setEnabled(m_kept.has_value());
  m_comparisonTable->setVisible(m_kept.has_value());
  m_comparison->setRuns(m_kept, m_kept ? std::optional<RunSnapshot>(m_current) : std::nullopt);
}

}  // namespace kendall::gui
