#include "core/slo_model.h"

#include "kendall/planner/quantity.hpp"

#include "core/plan_tables.h"
#include "core/scenario_document.h"

namespace kendall::gui {

namespace {

planner::Quantity quantityOf(const model::SloSpec& slo) {
  // A service level's bound is the share P(Wq <= t): a probability.
  return slo.metric == "service_level" ? planner::Quantity::Probability
                                       : planner::quantity_of(slo.metric);
}

/// The bound in the unit the editor shows: percent for probabilities, else the stored value.
double toEditUnit(const model::SloSpec& slo, double bound) {
  return quantityOf(slo) == planner::Quantity::Probability ? 100.0 * bound : bound;
}

double fromEditUnit(const model::SloSpec& slo, double value) {
  return quantityOf(slo) == planner::Quantity::Probability ? value / 100.0 : value;
}

QString unitName(const model::SloSpec& slo, const std::string& timeUnit) {
  switch (quantityOf(slo)) {
    case planner::Quantity::Time:
      return QString::fromStdString(timeUnit);
    case planner::Quantity::Probability:
      return QStringLiteral("%");
    case planner::Quantity::Rate:
      return QStringLiteral("per ") + QString::fromStdString(timeUnit);
    case planner::Quantity::Utilization:
      return QObject::tr("a fraction of capacity");
    case planner::Quantity::Count:
      return QObject::tr("customers");
  }
  return {};
}

}  // namespace

SloModel::SloModel(ScenarioDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
  connect(document, &ScenarioDocument::scenarioChanged, this, &SloModel::refresh);
  refresh();
}

void SloModel::refresh() {
  const auto& s = m_document->formScenario();
  const int rows = s ? static_cast<int>(s->slos.size()) : 0;
  if (rows != m_rows) {
    beginResetModel();
    m_rows = rows;
    endResetModel();
  } else if (rows > 0) {
    emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
  }
}

int SloModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_rows; }
int SloModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant SloModel::data(const QModelIndex& index, int role) const {
  const auto& s = m_document->formScenario();
  if (!index.isValid() || !s || index.row() >= static_cast<int>(s->slos.size())) return {};
  const auto& slo = s->slos[static_cast<std::size_t>(index.row())];
  if (role == Qt::ToolTipRole && index.column() == Bound) {
    return (flags(index) & Qt::ItemIsEditable)
               ? tr("Double-click to change the bound (in %1)").arg(unitName(slo, s->time_unit))
               : tr("Fix the YAML first");
  }
  if (role == Qt::TextAlignmentRole && index.column() == Bound)
    return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case Where:
      if (slo.scope == model::SloScope::AllStations) return tr("every station");
      if (slo.scope == model::SloScope::Network) return tr("end to end");
      return slo.station && *slo.station < s->stations.size()
                 ? QString::fromStdString(s->stations[*slo.station].name)
                 : QString();
    case Metric:
      return slo.metric == "service_level" && slo.wait_at_most
                 ? tr("service level: P(Wq ≤ %1)")
                       .arg(formatPlanValue(*slo.wait_at_most, planner::Quantity::Time,
                                            s->time_unit))
                 : QString::fromStdString(slo.metric);
    case Bound:
      if (role == Qt::EditRole) return toEditUnit(slo, slo.bound);
      return QStringLiteral("%1 %2").arg(
          slo.upper_bound ? QStringLiteral("<") : QStringLiteral(">"),
          formatPlanValue(slo.bound, quantityOf(slo), s->time_unit));
    case Words:
      return QString::fromStdString(slo.text);
    default:
      return {};
  }
}

QVariant SloModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  static const char* names[] = {"Where", "Metric", "Bound", "As written"};
  return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

Qt::ItemFlags SloModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
  if (index.column() == Bound && m_document->formMatchesText()) f |= Qt::ItemIsEditable;
  return f;
}

bool SloModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
    return false;
  bool ok = false;
  const double entered = value.toDouble(&ok);
  if (!ok || !(entered >= 0)) return false;
  model::Scenario edited = *m_document->formScenario();
  auto& slo = edited.slos[static_cast<std::size_t>(index.row())];
  const double bound = fromEditUnit(slo, entered);
  if (bound == slo.bound) return true;
  slo.bound = bound;
  const std::string station = slo.station && *slo.station < edited.stations.size()
                                  ? edited.stations[*slo.station].name
                                  : std::string();
  slo.text = model::slo_text(slo, station, edited.time_unit);  // the words follow the bound
  m_document->applyFormEdit(edited, tr("Set SLO bound (%1)").arg(QString::fromStdString(slo.text)));
  return true;
}

}  // namespace kendall::gui
