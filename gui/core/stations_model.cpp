#include "core/stations_model.h"

#include <QBrush>
#include <QColor>

#include "kendall/report/table.hpp"

#include "core/distribution_edit.h"
#include "core/scenario_document.h"
#include "core/yaml_patch.h"

namespace kendall::gui {

namespace {

QString number(double v) { return QString::fromStdString(report::format_number(v, 6)); }

int columnOfKey(const std::string& key) {
  if (key == "name") return StationsModel::Name;
  if (key == "servers" || key == "server_schedule") return StationsModel::Servers;
  if (key == "capacity") return StationsModel::Capacity;
  if (key == "discipline" || key == "quantum") return StationsModel::Discipline;
  if (key == "service") return StationsModel::Service;
  if (key == "next") return StationsModel::Next;
  return -1;
}

QString routingText(const model::Scenario& s, const model::RoutingSpec& r) {
  if (r.targets.empty()) return QStringLiteral("exit");
  QStringList parts;
  for (const auto& t : r.targets) {
    const QString name =
        t.station ? QString::fromStdString(s.stations[*t.station].name) : QStringLiteral("exit");
    if (r.policy == model::RoutingPolicy::Probabilistic)
      parts << QStringLiteral("%1 %2").arg(name, number(t.probability));
    else
      parts << name;
  }
  if (r.policy == model::RoutingPolicy::Probabilistic && r.exit_probability() > 1e-12) {
    bool listed = false;
    for (const auto& t : r.targets) listed = listed || !t.station;
    if (!listed) parts << QStringLiteral("exit %1").arg(number(r.exit_probability()));
  }
  return parts.join(QStringLiteral(", "));
}

}  // namespace

StationsModel::StationsModel(ScenarioDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document) {
  connect(document, &ScenarioDocument::scenarioChanged, this, &StationsModel::refresh);
  refresh();
}

void StationsModel::refresh() {
  const auto& s = m_document->formScenario();
  const int rows = s ? static_cast<int>(s->stations.size()) : 0;
  m_problems.clear();
  const std::string text = m_document->text().toStdString();
  for (const TextProblem& p : m_document->problems()) {
    if (p.line <= 0) continue;
    const FieldLocation where = locateLine(text, p.line);
    if (where.section != "stations" || where.index < 0) continue;
    m_problems[{where.index, columnOfKey(where.key)}] << p.full;
  }
  if (rows != m_rows) {
    beginResetModel();
    m_rows = rows;
    endResetModel();
  } else if (rows > 0) {
    emit dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
  }
}

int StationsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_rows;
}
int StationsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QStringList StationsModel::problemsAt(int row, int column) const {
  QStringList out = m_problems.value({row, column});
  if (column != -1) out += m_problems.value({row, -1});
  return out;
}

bool StationsModel::serviceEditable(int row) const {
  const auto& s = m_document->formScenario();
  if (!s || !m_document->formMatchesText()) return false;
  const auto& service = s->stations[static_cast<std::size_t>(row)].service;
  if (service.empty() || std::holds_alternative<model::dist::Empirical>(service[0])) return false;
  for (const auto& d : service) {
    if (!(d == service[0])) return false;  // per-class service: YAML only
  }
  return true;
}

QVariant StationsModel::data(const QModelIndex& index, int role) const {
  const auto& s = m_document->formScenario();
  if (!index.isValid() || !s || index.row() >= static_cast<int>(s->stations.size())) return {};
  const auto& st = s->stations[static_cast<std::size_t>(index.row())];
  const QString unit = QString::fromStdString(s->time_unit);
  const auto& service = st.service.empty() ? model::DistributionSpec{} : st.service[0];
  const bool perClass = !serviceEditable(index.row()) && st.service.size() > 1;
  const QStringList problems = problemsAt(index.row(), index.column());

  if (role == Qt::ForegroundRole && !problems.isEmpty()) return QBrush(QColor(0xc0, 0x10, 0x10));
  if (role == Qt::BackgroundRole && !problems.isEmpty()) return QBrush(QColor(0xff, 0xe4, 0xe1));
  if (role == Qt::ToolTipRole) {
    if (!problems.isEmpty()) return problems.join(QLatin1Char('\n'));
    if (index.column() == Next) return tr("Routing is edited in the YAML tab");
    if ((index.column() == Param1 || index.column() == Param2) && !perClass) {
      return parameterName(service, index.column() - Param1);
    }
    return {};
  }
  if (role == Qt::TextAlignmentRole && index.column() != Name && index.column() != Service &&
      index.column() != Next && index.column() != Discipline) {
    return int(Qt::AlignRight | Qt::AlignVCenter);
  }
  if (role != Qt::DisplayRole && role != Qt::EditRole) return {};
  const bool edit = role == Qt::EditRole;
  switch (index.column()) {
    case Name:
      return QString::fromStdString(st.name);
    case Servers:
      if (st.server_schedule) return tr("schedule (max %1)").arg(st.servers ? *st.servers : 0);
      return st.servers ? QVariant(QString::number(*st.servers)) : QVariant(QStringLiteral("inf"));
    case Capacity:
      return st.capacity ? QString::number(*st.capacity) : QStringLiteral("inf");
    case Discipline:
      return QString::fromUtf8(model::discipline_name(st.discipline).data(),
                               static_cast<int>(model::discipline_name(st.discipline).size()));
    case Service:
      if (perClass) return tr("per class (YAML)");
      return QString::fromStdString(model::family_name(service));
    case Param1:
    case Param2: {
      if (perClass) return {};
      const int which = index.column() - Param1;
      const auto v = parameterValue(service, which);
      if (!v) return {};
      if (edit) return *v;
      const QString name = parameterName(service, which);
      return parameterIsDuration(service, which)
                 ? QStringLiteral("%1 %2 %3").arg(name, number(*v), unit)
                 : QStringLiteral("%1 %2").arg(name, number(*v));
    }
    case Mean:
      if (perClass) return {};
      return QStringLiteral("%1 %2").arg(number(model::mean(service)), unit);
    case Scv:
      if (perClass) return {};
      return number(model::scv(service));
    case Next:
      if (st.routing.empty()) return QStringLiteral("exit");
      return routingText(*s, st.routing[0]);
    default:
      return {};
  }
}

QVariant StationsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Vertical) {
    return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
  }
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case Servers:
        return tr("c, parallel servers (inf = delay station)");
      case Capacity:
        return tr("K, most customers in the station (inf = unlimited)");
      case Mean:
        return tr("Mean service time (computed by the model library)");
      case Scv:
        return tr("Squared coefficient of variation of the service time");
      case Next:
        return tr("Routing after service — edit it in the YAML tab");
      default:
        return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  static const char* names[] = {"Name",    "Servers",     "Capacity",    "Discipline",
                                "Service", "Parameter 1", "Parameter 2", "Mean",
                                "SCV",     "Next (YAML)"};
  return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

Qt::ItemFlags StationsModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) return Qt::NoItemFlags;
  Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
  if (!m_document->formMatchesText()) return f;
  const auto& s = m_document->formScenario();
  const auto& st = s->stations[static_cast<std::size_t>(index.row())];
  switch (index.column()) {
    case Servers:
      if (!st.server_schedule) f |= Qt::ItemIsEditable;
      break;
    case Capacity:
    case Discipline:
      f |= Qt::ItemIsEditable;
      break;
    case Service:
      if (serviceEditable(index.row())) f |= Qt::ItemIsEditable;
      break;
    case Param1:
    case Param2:
      if (serviceEditable(index.row()) &&
          !parameterName(st.service[0], index.column() - Param1).isEmpty()) {
        f |= Qt::ItemIsEditable;
      }
      break;
    default:
      break;
  }
  return f;
}

bool StationsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
    return false;
  model::Scenario edited = *m_document->formScenario();
  auto& st = edited.stations[static_cast<std::size_t>(index.row())];
  const QString text = value.toString().trimmed();
  QString what;
  const auto parseCount = [&](std::optional<std::uint64_t>& out) {
    if (text.compare(QLatin1String("inf"), Qt::CaseInsensitive) == 0 || text.isEmpty()) {
      out.reset();
      return true;
    }
    bool ok = false;
    const qulonglong n = text.toULongLong(&ok);
    if (!ok) return false;
    out = n;
    return true;
  };
  switch (index.column()) {
    case Servers: {
      std::optional<std::uint64_t> n;
      if (!parseCount(n)) return false;
      if (n)
        st.servers = static_cast<std::uint32_t>(*n);
      else
        st.servers.reset();
      what = tr("Set servers of %1").arg(QString::fromStdString(st.name));
      break;
    }
    case Capacity:
      if (!parseCount(st.capacity)) return false;
      what = tr("Set capacity of %1").arg(QString::fromStdString(st.name));
      break;
    case Discipline: {
      bool found = false;
      for (const auto& d : model::discipline_names()) {
        if (text == QString::fromUtf8(d.name.data(), static_cast<int>(d.name.size()))) {
          st.discipline = d.value;
          found = true;
        }
      }
      if (!found) return false;
      what = tr("Set discipline of %1").arg(QString::fromStdString(st.name));
      break;
    }
    case Service: {
      const auto converted = convertFamily(st.service[0], text);
      if (!converted) return false;
      for (auto& d : st.service) d = *converted;
      what = tr("Set service of %1 to %2").arg(QString::fromStdString(st.name), text);
      break;
    }
    case Param1:
    case Param2: {
      bool ok = false;
      const double v = value.toDouble(&ok);
      if (!ok) return false;
      const int which = index.column() - Param1;
      const auto changed = withParameter(st.service[0], which, v);
      if (!changed) return false;
      for (auto& d : st.service) d = *changed;
      what =
          tr("Set %1 of %2").arg(parameterName(*changed, which), QString::fromStdString(st.name));
      break;
    }
    default:
      return false;
  }
  m_document->applyFormEdit(edited, what);
  return true;
}

}  // namespace kendall::gui
