#pragma once
// The external arrival streams of the document, for the form. The rate of a Poisson stream
// is editable; other interarrival distributions and rate profiles are edited in the YAML.

#include <QAbstractTableModel>

namespace kendall::gui {

class ScenarioDocument;

class ArrivalsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { To, Class, Rate, Interarrival, Scv, ColumnCount };

  explicit ArrivalsModel(ScenarioDocument* document, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

 private:
  void refresh();
  ScenarioDocument* m_document;
  int m_rows = 0;
};

}  // namespace kendall::gui
