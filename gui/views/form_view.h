#pragma once
// The form view of the document: arrivals, stations (distribution, parameters, mean and
// SCV), run settings, and the problems the library found. Routing, customer classes, SLOs
// and schedules are shown but edited in the YAML tab (the form says so).

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableView;

namespace kendall::gui {

class ArrivalsModel;
class SloModel;
class ScenarioDocument;
class StationsModel;

class FormView : public QWidget {
  Q_OBJECT
 public:
  explicit FormView(ScenarioDocument* document, QWidget* parent = nullptr);

  void selectStation(int row);
  [[nodiscard]] StationsModel* stationsModel() const { return m_stations; }
  [[nodiscard]] ArrivalsModel* arrivalsModel() const { return m_arrivals; }
  [[nodiscard]] SloModel* sloModel() const { return m_slos; }
  [[nodiscard]] QTableView* stationsTable() const { return m_stationsView; }
  [[nodiscard]] QLineEdit* customersEdit() const { return m_customers; }
  [[nodiscard]] QSpinBox* replicationsEdit() const { return m_replications; }

 signals:
  /// The user picked a problem: show it in the YAML.
  void problemActivated(int line, int column);
  void stationSelected(int row);

 private:
  void refresh();
  void applyRunSettings();

  ScenarioDocument* m_document;
  StationsModel* m_stations;
  ArrivalsModel* m_arrivals;
  SloModel* m_slos = nullptr;
  QTableView* m_slosView = nullptr;
  QLabel* m_slosHint = nullptr;
  QLabel* m_title;
  QLabel* m_banner;
  QTableView* m_arrivalsView;
  QTableView* m_stationsView;
  QLineEdit* m_customers;
  QLineEdit* m_horizon;
  QSpinBox* m_replications;
  QLineEdit* m_seed;
  QLineEdit* m_warmup;
  QListWidget* m_problems;
  bool m_refreshing = false;
};

}  // namespace kendall::gui
