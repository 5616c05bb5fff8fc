#pragma once
// The scenario's service-level objectives (its `slo:` section) for the form: where, which
// metric, the bound. The bound is editable (in the metric's unit: the scenario's time unit,
// percent for probabilities, a fraction for utilization); adding or removing an SLO is done
// in the YAML. The Planner tab judges them.

#include <QAbstractTableModel>

namespace kendall::gui {

class ScenarioDocument;

class SloModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Where, Metric, Bound, Words, ColumnCount };

  explicit SloModel(ScenarioDocument* document, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  /// Bound column: the new bound in the unit data(EditRole) gives (time unit, %, fraction).
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

 private:
  void refresh();
  ScenarioDocument* m_document;
  int m_rows = 0;
};

}  // namespace kendall::gui
