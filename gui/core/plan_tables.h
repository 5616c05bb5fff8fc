#pragma once
// The planner's answer as tables for the Planner panel: SLO verdicts (today and with the
// plan), stations (today → recommended), the headroom load table and the cost comparison.
// One small table model fed by builder functions; every number is planner::plan's, formatted
// the way `kendall plan` prints it (times in the scenario's unit, probabilities in %).

#include <optional>
#include <vector>

#include <QAbstractTableModel>
#include <QStringList>

#include "kendall/planner/plan.hpp"

namespace kendall::gui {

/// One cell: its text, an explanation, a verdict (colours the cell) and the raw number.
struct PlanCell {
  QString text;
  QString toolTip;
  std::optional<bool> pass;
  QVariant value;
};

struct PlanTable {
  QStringList headers;
  std::vector<std::vector<PlanCell>> rows;
};

class PlanTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  /// The raw number of a cell (double or int), when it has one.
  static constexpr int ValueRole = Qt::UserRole;
  /// true/false when the cell is a verdict.
  static constexpr int PassRole = Qt::UserRole + 1;

  explicit PlanTableModel(QObject* parent = nullptr);
  void setTable(PlanTable table);
  [[nodiscard]] const PlanTable& table() const { return m_table; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;

 private:
  PlanTable m_table;
};

/// "27.95 ms", "0.675", "79.6%", "120/s" as `kendall plan` prints them.
[[nodiscard]] QString formatPlanValue(double x, planner::Quantity q, const std::string& timeUnit);
/// The value of a verdict with its simulated interval: "10.78 ms [sim 10.03 .. 11.53 ms]".
[[nodiscard]] QString verdictValueText(const planner::SloVerdict& v, const std::string& timeUnit);
/// The bound: "< 20 ms", "> 80%".
[[nodiscard]] QString verdictTargetText(const planner::SloVerdict& v, const std::string& timeUnit);

/// SLO | Target | Today | With the plan | Method.
[[nodiscard]] PlanTable sloTable(const planner::PlanResult& plan);
/// Station | Servers today → recommended | Cheapest | Method | Model | Notes.
[[nodiscard]] PlanTable stationTable(const planner::PlanResult& plan);
/// Load × | Verdict | one column per SLO.
[[nodiscard]] PlanTable loadTable(const planner::PlanResult& plan,
                                  const planner::Headroom& headroom);
/// Configuration | Servers | Servers/h | Waiting/h | Lost/h | Total/h | SLOs.
[[nodiscard]] PlanTable costTable(const planner::PlanResult& plan);

/// Station | From | To | λ | Today | Stationary | Plan | Simulated (one row per interval of
/// every scheduled station; empty without a time-varying plan).
[[nodiscard]] PlanTable scheduleTable(const planner::PlanResult& plan);
/// Case | Arrival rates | Servers | Feasible (uncertain rates; empty without them).
[[nodiscard]] PlanTable demandTable(const planner::PlanResult& plan);

/// "Traffic can grow 1.10× with the recommended servers before «api Wq_p95 < 20ms» breaks
/// (bottleneck api) — simulation." or why there is no headroom.
[[nodiscard]] QString headroomSentence(const planner::Headroom& headroom);
/// How the answer was found: "Analytic answer (theory only) …" or "Confirmed by simulation:
/// 10 replications, seed 42 …".
[[nodiscard]] QString methodSentence(const planner::PlanResult& plan);

}  // namespace kendall::gui
