#pragma once
// The stations of the document as an editable table for the form. Every edit becomes a
// form edit of the document (one undo step); problems the library found in a station's part
// of the file are shown on that row (red, with the file:line:col message as tooltip).

#include <QAbstractTableModel>
#include <QHash>

namespace kendall::gui {

class ScenarioDocument;

class StationsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    Name,
    Servers,
    Capacity,
    Discipline,
    Service,
    Param1,
    Param2,
    Mean,
    Scv,
    Next,
    ColumnCount
  };

  explicit StationsModel(ScenarioDocument* document, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

  /// Problems located in station `row` (messages as the library wrote them).
  [[nodiscard]] QStringList problemsAt(int row, int column) const;

 private:
  void refresh();
  [[nodiscard]] bool serviceEditable(int row) const;

  ScenarioDocument* m_document;
  int m_rows = 0;
  /// (row, column) → messages; column −1 = the whole row.
  QHash<QPair<int, int>, QStringList> m_problems;
};

}  // namespace kendall::gui
