#pragma once
// The comparison of analytic and simulated results, and the before/after view of a kept run.

#include <optional>

#include <QWidget>

#include "core/results_model.h"

class QLabel;
class QPushButton;
class QTableView;

namespace kendall::gui {

class ResultsView : public QWidget {
  Q_OBJECT
 public:
  explicit ResultsView(QWidget* parent = nullptr);

  /// Shows the analytic solution and the latest simulation (null: none yet).
  void showResults(const std::optional<model::ScenarioSolution>& solution,
                   std::shared_ptr<const sim::ExperimentResult> result, const QString& label);
  [[nodiscard]] ResultsModel* model() const { return m_model; }
  [[nodiscard]] ComparisonModel* comparison() const { return m_comparison; }
  [[nodiscard]] QTableView* table() const { return m_table; }
  /// Keeps the current results as "before".
  void keepCurrent();

 private:
  void updateComparison();

  ResultsModel* m_model;
  ComparisonModel* m_comparison;
  QLabel* m_summary;
  QLabel* m_methods;
  QTableView* m_table;
  QTableView* m_comparisonTable;
  QPushButton* m_keep;
  QPushButton* m_clear;
  RunSnapshot m_current;
  std::optional<RunSnapshot> m_kept;
};

}  // namespace kendall::gui
