#include "core/arrivals_model.h"

#include "kendall/report/table.hpp"

#include "core/scenario_document.h"

namespace kendall::gui {

ArrivalsModel::ArrivalsModel(ScenarioDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
  connect(document, &ScenarioDocument::scenarioChanged, this, &ArrivalsModel::refresh);
  refresh();
}

void ArrivalsModel::refresh() {
  const auto& s = m_document->formScenario();
  const int rows = s ? static_cast<int>(s->arrivals.size()) : 0;
  if (rows != m_rows) {
    beginResetModel();
    m_rows = rows;
    endResetModel();
  } else if (rows > 0) {
    emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
  }
}

int ArrivalsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_rows;
}
int ArrivalsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArrivalsModel::data(const QModelIndex& index, int role) const {
  const auto& s = m_document->formScenario();
  if (!index.isValid() || !s || index.row() >= static_cast<int>(s->arrivals.size())) return {};
  const auto& a = s->arrivals[static_cast<std::size_t>(index.row())];
  if (role == Qt::ToolTipRole && !(flags(index) & Qt::ItemIsEditable) && index.column() == Rate) {
    return tr("Only the rate of a constant Poisson stream is edited here; use the YAML tab");
  }
  if (role == Qt::ToolTipRole && index.column() == Rate) {
    return tr("Customers per %1 (the scenario's time unit); type the number in that unit")
        .arg(QString::fromStdString(s->time_unit));
  }
  if (role == Qt::TextAlignmentRole && (index.column() == Rate || index.column() == Scv)) {
    return int(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  switch (index.column()) {
    case To:
      return QString::fromStdString(s->stations[a.station].name);
    case Class:
      return QString::fromStdString(s->classes[a.customer_class].name);
    case Rate:
      if (role == Qt::EditRole) return a.rate();
      {
        QString text =
            QStringLiteral("%1 /%2").arg(QString::fromStdString(report::format_number(a.rate(), 6)),
                                         QString::fromStdString(s->time_unit));
        // Files write rates per second (120/s) while the time unit may be ms: say both.
        if (s->seconds_per_unit < 1.0 && s->seconds_per_unit > 0.0) {
          text += QStringLiteral(" (%1 /s)")
                      .arg(QString::fromStdString(
                          report::format_number(a.rate() / s->seconds_per_unit, 6)));
        }
        if (a.rate_profile) text += tr(" (average of profile)");
        return text;
      }
    case Interarrival:
      return a.rate_profile ? tr("Poisson, time-varying")
                            : QString::fromStdString(model::family_name(a.interarrival));
    case Scv:
      return QString::fromStdString(report::format_number(model::scv(a.interarrival), 6));
    default:
      return {};
  }
}

QVariant ArrivalsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) return {};
  if (orientation == Qt::Vertical) return section + 1;
  static const char* names[] = {"To", "Class", "Rate", "Interarrival", "SCV"};
  return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

Qt::ItemFlags ArrivalsModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
  if (index.column() != Rate || !m_document->formMatchesText()) return f;
  const auto& a = m_document->formScenario()->arrivals[static_cast<std::size_t>(index.row())];
  if (!a.rate_profile && std::holds_alternative<model::dist::Exponential>(a.interarrival))
    f |= Qt::ItemIsEditable;
  return f;
}

bool ArrivalsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
    return false;
  bool ok = false;
  const double rate = value.toDouble(&ok);
  if (!ok || !(rate > 0)) return false;
  model::Scenario edited = *m_document->formScenario();
  auto& a = edited.arrivals[static_cast<std::size_t>(index.row())];
  a.interarrival = model::dist::Exponential{rate};
  m_document->applyFormEdit(
      edited,
      tr("Set arrival rate into %1").arg(QString::fromStdString(edited.stations[a.station].name)));
  return true;
}

}  // namespace kendall::gui
