#pragma once
// The comparison table: per station and for the network, each metric with what theory says,
// the simulated mean, its confidence interval and whether they agree. All numbers come from
// the libraries (solve_scenario, run_experiment); the agreement rule is report::disagrees,
// the same as the CLI's.

#include <memory>
#include <optional>
#include <vector>

#include <QAbstractTableModel>

#include "kendall/model/scenario_solver.hpp"
#include "kendall/sim/experiment_result.hpp"

namespace kendall::gui {

/// The headline metrics shown, in order (DESIGN.md vocabulary).
[[nodiscard]] const std::vector<std::string>& headlineMetrics();

/// One run as kept for before/after comparison.
struct RunSnapshot {
  QString label;
  std::optional<model::ScenarioSolution> solution;
  std::shared_ptr<const sim::ExperimentResult> result;
};

class ResultsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Station, Metric, Analytic, Simulated, Interval, Agreement, Method, ColumnCount };

  explicit ResultsModel(QObject* parent = nullptr);

  /// Shows the analytic solution (may be empty) and a simulation result (may be null).
  void setResults(const std::optional<model::ScenarioSolution>& solution,
                  std::shared_ptr<const sim::ExperimentResult> result);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

  /// "Simulation: engine des, 10 replications, seed 42, 95% CI, warm-up ...", or why none.
  [[nodiscard]] QString summary() const;
  /// Rows where an exact analytic value lies outside the simulated interval.
  [[nodiscard]] int disagreements() const;

  struct Row {
    QString station;
    QString metric;
    std::optional<double> analytic;
    bool exact = false;
    bool analyticUnstable = false;
    QString method;
    std::optional<sim::Estimate> simulated;
  };
  [[nodiscard]] const std::vector<Row>& rows() const { return m_rows; }

 private:
  std::vector<Row> m_rows;
  std::shared_ptr<const sim::ExperimentResult> m_result;
};

/// Before/after: the kept run next to the current one, metric by metric.
class ComparisonModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Station, Metric, Before, After, Change, ColumnCount };

  explicit ComparisonModel(QObject* parent = nullptr);
  void setRuns(const std::optional<RunSnapshot>& before, const std::optional<RunSnapshot>& after);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  struct Value {
    double mean = 0;
    std::optional<std::pair<double, double>> interval;
    bool simulated = false;
  };
  struct Row {
    QString station, metric;
    std::optional<Value> before, after;
  };
  std::vector<Row> m_rows;
  QString m_beforeLabel, m_afterLabel;
};

}  // namespace kendall::gui
