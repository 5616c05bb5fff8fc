#include "core/results_model.h"

#include <cmath>
#include <map>

#include <QBrush>
#include <QColor>
#include <QFont>

#include "kendall/report/run_report.hpp"
#include "kendall/report/table.hpp"

namespace kendall::gui {

namespace {

QString num(double v) { return QString::fromStdString(report::format_number(v, 5)); }

QString intervalText(double low, double high) {
  return QStringLiteral("[%1, %2]").arg(num(low), num(high));
}

const sim::StationResult* findStation(const sim::ExperimentResult* r, const std::string& name) {
  if (!r) return nullptr;
  for (const auto& s : r->stations) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& headlineMetrics() {
  static const std::vector<std::string> names = {
      "utilization", "L",      "Lq",     "W",      "Wq",     "throughput", "p_wait", "p_block",
      "p_abandon",   "Wq_p50", "Wq_p90", "Wq_p95", "Wq_p99", "W_p95",      "W_p99",  "makespan"};
  return names;
}

ResultsModel::ResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResultsModel::setResults(const std::optional<model::ScenarioSolution>& solution,
                              std::shared_ptr<const sim::ExperimentResult> result) {
  beginResetModel();
  m_rows.clear();
  m_result = std::move(result);
  std::vector<std::string> stations;
  if (solution) {
    for (const auto& s : solution->stations) stations.push_back(s.name);
  } else if (m_result) {
    for (const auto& s : m_result->stations) stations.push_back(s.name);
  }
  for (std::size_t i = 0; i < stations.size(); ++i) {
    const model::StationSolution* a =
        solution && i < solution->stations.size() ? &solution->stations[i] : nullptr;
    const sim::StationResult* r = findStation(m_result.get(), stations[i]);
    for (const std::string& metric : headlineMetrics()) {
      Row row;
      row.station = QString::fromStdString(stations[i]);
      row.metric = QString::fromStdString(metric);
      if (a && a->result) {
        row.analytic = a->result->metrics.get(metric);
        row.exact = a->result->method == model::method::exact;
        row.analyticUnstable = !a->result->stable;
        row.method = QStringLiteral("%1, %2").arg(QString::fromStdString(a->result->model),
                                                  QString::fromStdString(a->result->method));
      } else if (a) {
        row.method = tr("no analytic answer: %1").arg(QString::fromStdString(a->reason));
      }
      if (r) row.simulated = r->metrics.get(metric);
      if (!row.analytic && !row.simulated && !(row.analyticUnstable && metric == "utilization"))
        continue;
      m_rows.push_back(row);
    }
  }
  // End to end.
  const model::NetworkSolution* net = solution && solution->network ? &*solution->network : nullptr;
  for (const char* metric : {"W", "L", "throughput", "makespan"}) {
    Row row;
    row.station = tr("network (end to end)");
    row.metric = QString::fromLatin1(metric);
    if (net) {
      row.analytic = net->metrics.get(metric);
      row.exact = net->method == model::method::exact;
      row.analyticUnstable = !net->stable;
      row.method = QString::fromStdString(net->method);
    }
    if (m_result) row.simulated = m_result->network.get(metric);
    if (!row.analytic && !row.simulated) continue;
    m_rows.push_back(row);
  }
  endResetModel();
}

int ResultsModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int ResultsModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ResultsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size())) return {};
  const Row& row = m_rows[static_cast<std::size_t>(index.row())];
  const bool both = row.analytic && row.simulated;
  const bool outside = both && row.simulated->n >= 2 && !row.simulated->contains(*row.analytic);
  const bool flagged =
      both && row.simulated->n >= 2 && report::disagrees(*row.simulated, *row.analytic, row.exact);
  if (role == Qt::ForegroundRole) {
    if (index.column() == Agreement && flagged) return QBrush(QColor(0xb0, 0x00, 0x20));
    if (index.column() == Agreement && both && !outside) return QBrush(QColor(0x10, 0x80, 0x30));
    if (index.column() == Analytic && row.analyticUnstable) return QBrush(QColor(0xb0, 0x00, 0x20));
    return {};
  }
  if (role == Qt::ToolTipRole) {
    if (index.column() == Agreement) {
      if (!both) return {};
      if (!row.exact)
        return tr("The analytic value is an approximation; it is not expected to match exactly.");
      return outside ? tr("The exact value lies outside the simulated confidence interval.")
                     : tr("The exact value lies inside the simulated confidence interval.");
    }
    if (index.column() == Method) return row.method;
    return {};
  }
  if (role == Qt::TextAlignmentRole) {
    return index.column() >= Analytic && index.column() <= Interval
               ? int(Qt::AlignRight | Qt::AlignVCenter)
               : int(Qt::AlignLeft | Qt::AlignVCenter);
  }
  if (role == Qt::UserRole) {  // raw numbers for tests and plots
    switch (index.column()) {
      case Analytic:
        return row.analytic ? QVariant(*row.analytic) : QVariant();
      case Simulated:
        return row.simulated ? QVariant(row.simulated->mean) : QVariant();
      default:
        return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Station:
      return row.station;
    case Metric:
      return row.metric;
    case Analytic:
      if (row.analyticUnstable && !row.analytic) return tr("unstable");
      if (row.analyticUnstable && row.metric == QLatin1String("utilization"))
        return tr("%1 (unstable)").arg(num(*row.analytic));
      return row.analytic ? num(*row.analytic) : QStringLiteral("—");
    case Simulated:
      return row.simulated ? num(row.simulated->mean) : QStringLiteral("—");
    case Interval:
      return row.simulated && row.simulated->n >= 2
                 ? intervalText(row.simulated->ci_low, row.simulated->ci_high)
                 : QString();
    case Agreement:
      if (!both) return row.simulated && !row.analytic ? tr("no analytic value") : QString();
      if (flagged) return tr("✗ outside CI");
      if (!row.exact) return outside ? tr("≈ approx., outside CI") : tr("≈ approx., in CI");
      return tr("✓ in CI");
    case Method:
      return row.method;
    default:
      return {};
  }
}

QVariant ResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  const int level = m_result ? static_cast<int>(std::lround(m_result->confidence * 100)) : 95;
  switch (section) {
    case Station:
      return tr("Station");
    case Metric:
      return tr("Metric");
    case Analytic:
      return tr("Analytic");
    case Simulated:
      return tr("Simulated mean");
    case Interval:
      return tr("%1% CI").arg(level);
    case Agreement:
      return tr("Agreement");
    case Method:
      return tr("Analytic method");
    default:
      return {};
  }
}

QString ResultsModel::summary() const {
  if (!m_result) return tr("Analytic results only — press F5 to simulate.");
  const auto& r = *m_result;
  QString text = tr("Simulation: engine %1, %2 replications, seed %3, %4% confidence, %5 s wall")
                     .arg(QString::fromStdString(r.engine))
                     .arg(r.replications)
                     .arg(r.seed)
                     .arg(std::lround(r.confidence * 100))
                     .arg(QString::number(r.wall_seconds, 'f', 2));
  if (r.stop_reason == sim::StopReason::Cancelled) text += tr(" — cancelled, partial");
  return text;
}

int ResultsModel::disagreements() const {
  int n = 0;
  for (const Row& row : m_rows) {
    if (row.analytic && row.simulated && row.simulated->n >= 2 &&
        report::disagrees(*row.simulated, *row.analytic, row.exact))
      ++n;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------

ComparisonModel::ComparisonModel(QObject* parent) : QAbstractTableModel(parent) {}

void ComparisonModel::setRuns(const std::optional<RunSnapshot>& before,
                              const std::optional<RunSnapshot>& after) {
  beginResetModel();
  m_rows.clear();
  m_beforeLabel = before ? before->label : QString();
  m_afterLabel = after ? after->label : QString();
  std::vector<std::pair<QString, QString>> order;
  std::map<std::pair<QString, QString>, Row> rows;
  const auto collect = [&](const std::optional<RunSnapshot>& run, bool isBefore) {
    if (!run) return;
    const auto put = [&](const QString& station, const std::string& metric, const Value& v) {
      const auto key = std::make_pair(station, QString::fromStdString(metric));
      if (!rows.count(key)) {
        order.push_back(key);
        rows[key] = Row{key.first, key.second, {}, {}};
      }
      (isBefore ? rows[key].before : rows[key].after) = v;
    };
    if (run->result) {
      for (const auto& s : run->result->stations) {
        for (const std::string& m : headlineMetrics()) {
          if (auto e = s.metrics.get(m))
            put(QString::fromStdString(s.name), m,
                Value{e->mean, std::make_pair(e->ci_low, e->ci_high), true});
        }
      }
    } else if (run->solution) {
      for (const auto& s : run->solution->stations) {
        if (!s.result) continue;
        for (const std::string& m : headlineMetrics()) {
          if (auto v = s.result->metrics.get(m))
            put(QString::fromStdString(s.name), m, Value{*v, {}, false});
        }
      }
    }
  };
  collect(before, true);
  collect(after, false);
  for (const auto& key : order) m_rows.push_back(rows[key]);
  endResetModel();
}

int ComparisonModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}
int ComparisonModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComparisonModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size())) return {};
  const Row& row = m_rows[static_cast<std::size_t>(index.row())];
  if (role == Qt::TextAlignmentRole) {
    return index.column() >= Before ? int(Qt::AlignRight | Qt::AlignVCenter)
                                    : int(Qt::AlignLeft | Qt::AlignVCenter);
  }
  if (role != Qt::DisplayRole) return {};
  const auto show = [](const std::optional<Value>& v) -> QString {
    if (!v) return QStringLiteral("—");
    if (!v->interval) return QStringLiteral("%1 (analytic)").arg(num(v->mean));
    return QStringLiteral("%1 %2").arg(num(v->mean),
                                       intervalText(v->interval->first, v->interval->second));
  };
  switch (index.column()) {
    case Station:
      return row.station;
    case Metric:
      return row.metric;
    case Before:
      return show(row.before);
    case After:
      return show(row.after);
    case Change:
      if (!row.before || !row.after || row.before->mean == 0.0) return QString();
      return QStringLiteral("%1%2%")
          .arg(row.after->mean >= row.before->mean ? "+" : "")
          .arg(QString::number(
              100.0 * (row.after->mean - row.before->mean) / std::abs(row.before->mean), 'f', 1));
    default:
      return {};
  }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Station:
      return tr("Station");
    case Metric:
      return tr("Metric");
    case Before:
      return m_beforeLabel.isEmpty() ? tr("Before (kept)") : tr("Before: %1").arg(m_beforeLabel);
    case After:
      return m_afterLabel.isEmpty() ? tr("After (current)") : tr("After: %1").arg(m_afterLabel);
    case Change:
      return tr("Change");
    default:
      return {};
  }
}

}  // namespace kendall::gui
