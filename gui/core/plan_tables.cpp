#include "core/plan_tables.h"

#include <QBrush>
#include <QColor>

namespace kendall::gui {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString capitalized(QString s) {
  if (!s.isEmpty()) s[0] = s[0].toUpper();
  return s;
}

QString number(double x, int significant) { return QString::number(x, 'g', significant); }

PlanCell verdictCell(const planner::SloVerdict& v, const std::string& unit) {
  PlanCell c;
  c.text = (v.pass ? QStringLiteral("✓ ") : QStringLiteral("✗ ")) + verdictValueText(v, unit);
  c.pass = v.pass;
  if (v.value) c.value = v.value->value;
  QStringList tip;
  tip << (v.pass ? QObject::tr("meets the SLO") : QObject::tr("misses the SLO"));
  if (v.value) {
    if (v.value->analytic) {
      tip << QObject::tr("theory: %1 (%2)")
                 .arg(formatPlanValue(*v.value->analytic, v.quantity, unit),
                      qs(v.value->analytic_method));
    }
    if (v.value->simulated) {
      const auto& e = *v.value->simulated;
      const bool byQuantile = !v.value->simulated_metric.empty();
      const planner::Quantity q = byQuantile ? planner::Quantity::Time : v.quantity;
      tip << QObject::tr("simulation%1: %2, interval %3 .. %4")
                 .arg(byQuantile ? QStringLiteral(" (%1)").arg(qs(v.value->simulated_metric))
                                 : QString(),
                      formatPlanValue(e.mean, q, unit), formatPlanValue(e.ci_low, q, unit),
                      formatPlanValue(e.ci_high, q, unit));
    }
    tip << QObject::tr("verdict from: %1").arg(qs(v.value->method));
  }
  if (!v.reason.empty()) tip << qs(v.reason);
  c.toolTip = tip.join(QLatin1Char('\n'));
  return c;
}

PlanCell textCell(const QString& text, const QString& toolTip = {}) {
  PlanCell c;
  c.text = text;
  c.toolTip = toolTip.isEmpty() ? text : toolTip;
  return c;
}

QString serversList(const std::vector<std::uint32_t>& servers) {
  QStringList parts;
  for (auto n : servers) parts << (n == 0 ? QStringLiteral("∞") : QString::number(n));
  return parts.join(QStringLiteral(", "));
}

}  // namespace

PlanTableModel::PlanTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PlanTableModel::setTable(PlanTable table) {
  beginResetModel();
  m_table = std::move(table);
  endResetModel();
}

int PlanTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_table.rows.size());
}

int PlanTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_table.headers.size());
}

QVariant PlanTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
  const auto& row = m_table.rows[static_cast<std::size_t>(index.row())];
  if (static_cast<std::size_t>(index.column()) >= row.size()) return {};
  const PlanCell& c = row[static_cast<std::size_t>(index.column())];
  switch (role) {
    case Qt::DisplayRole:
      return c.text;
    case Qt::ToolTipRole:
      return c.toolTip.isEmpty() ? QVariant() : QVariant(c.toolTip);
    case Qt::BackgroundRole:
      if (!c.pass) return {};
      return QBrush(*c.pass ? QColor(0xd8, 0xf0, 0xd8) : QColor(0xf8, 0xd8, 0xd8));
    case Qt::ForegroundRole:
      // Fixed light backgrounds need dark text whatever the palette (dark themes).
      if (!c.pass) return {};
      return QBrush(QColor(0x20, 0x20, 0x20));
    case ValueRole:
      return c.value;
    case PassRole:
      return c.pass ? QVariant(*c.pass) : QVariant();
    default:
      return {};
  }
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole || orientation != Qt::Horizontal) return {};
  if (section < 0 || section >= m_table.headers.size()) return {};
  return m_table.headers[section];
}

QString formatPlanValue(double x, planner::Quantity q, const std::string& timeUnit) {
  switch (q) {
    case planner::Quantity::Time:
      return QStringLiteral("%1 %2").arg(number(x, 4), qs(timeUnit));
    case planner::Quantity::Rate:
      return QStringLiteral("%1/%2").arg(number(x, 4), qs(timeUnit));
    case planner::Quantity::Probability:
      return QStringLiteral("%1%").arg(number(100.0 * x, 3));
    case planner::Quantity::Utilization:
      return QString::number(x, 'f', 3);
    case planner::Quantity::Count:
      return number(x, 4);
  }
  return number(x, 4);
}

QString verdictValueText(const planner::SloVerdict& v, const std::string& timeUnit) {
  // Why it is not judged goes to the tooltip and the Method column (it is long).
  if (!v.value) return QObject::tr("— not judged");
  // A value with neither a theory nor a simulation behind it is a placeholder (the planner
  // gives 0 for an unstable station with its reason): say the reason, not the number.
  if (!v.value->analytic && !v.value->simulated && !v.reason.empty()) {
    return QStringLiteral("— %1").arg(qs(v.reason));
  }
  QString s = formatPlanValue(v.value->value, v.quantity, timeUnit);
  if (v.value->simulated) {
    const auto& e = *v.value->simulated;
    // A simulated service level is judged by the Wq quantile at the share: a time.
    const planner::Quantity q =
        v.value->simulated_metric.empty() ? v.quantity : planner::Quantity::Time;
    s += QObject::tr(" [sim %1 .. %2]")
             .arg(formatPlanValue(e.ci_low, q, timeUnit), formatPlanValue(e.ci_high, q, timeUnit));
  }
  return s;
}

QString verdictTargetText(const planner::SloVerdict& v, const std::string& timeUnit) {
  const QString op = v.upper_bound ? QStringLiteral("<") : QStringLiteral(">");
  QString s = QStringLiteral("%1 %2").arg(op, formatPlanValue(v.bound, v.quantity, timeUnit));
  if (v.wait_at_most) {
    s = QObject::tr("P(Wq ≤ %1) %2 %3")
            .arg(formatPlanValue(*v.wait_at_most, planner::Quantity::Time, timeUnit), op,
                 formatPlanValue(v.bound, v.quantity, timeUnit));
  }
  return s;
}

PlanTable sloTable(const planner::PlanResult& plan) {
  PlanTable t;
  t.headers = {QObject::tr("SLO"), QObject::tr("Target"), QObject::tr("Today"),
               QObject::tr("With the plan"), QObject::tr("Method")};
  for (std::size_t k = 0; k < plan.slos.size(); ++k) {
    const auto& v = plan.slos[k];
    std::vector<PlanCell> row;
    row.push_back(
        textCell(qs(v.slo) + (v.assumed ? QObject::tr(" (assumed default)") : QString())));
    PlanCell target = textCell(verdictTargetText(v, plan.time_unit));
    target.value = v.bound;
    row.push_back(target);
    // A schedule plan judges today's staffing per interval (the Schedule table), not overall.
    row.push_back(k < plan.slos_today.size()
                      ? verdictCell(plan.slos_today[k], plan.time_unit)
                      : textCell(plan.schedule ? QObject::tr("see the schedule") : QString()));
    row.push_back(verdictCell(v, plan.time_unit));
    const auto& today = k < plan.slos_today.size() ? plan.slos_today[k] : v;
    QString method =
        v.value
            ? qs(v.value->method)
            : QObject::tr("not judged: %1").arg(qs(!v.reason.empty() ? v.reason : today.reason));
    if (v.value && !v.value->simulated_metric.empty()) {
      method += QObject::tr(" (as %1)").arg(qs(v.value->simulated_metric));
    }
    row.push_back(textCell(method));
    t.rows.push_back(std::move(row));
  }
  return t;
}

PlanTable stationTable(const planner::PlanResult& plan) {
  PlanTable t;
  t.headers = {QObject::tr("Station"),  QObject::tr("Servers today → recommended"),
               QObject::tr("Cheapest"), QObject::tr("Method"),
               QObject::tr("Model"),    QObject::tr("Notes")};
  for (const auto& s : plan.stations) {
    std::vector<PlanCell> row;
    row.push_back(textCell(qs(s.name)));
    const QString today = s.servers_today ? QString::number(*s.servers_today) : QStringLiteral("∞");
    PlanCell servers;
    if (!s.servers_today) {
      servers = textCell(QObject::tr("∞ (delay station, not sized)"));
    } else if (s.recommended_servers) {
      servers.text = QStringLiteral("%1 → %2").arg(today).arg(*s.recommended_servers);
      const int change =
          static_cast<int>(*s.recommended_servers) - static_cast<int>(*s.servers_today);
      QStringList tip;
      tip << (change == 0 ? QObject::tr("no change")
                          : QObject::tr("%1%2 servers").arg(change > 0 ? "+" : "").arg(change));
      // c−1, c, c+1: why this count is the fewest that meets every SLO.
      for (const auto& o : s.around_recommendation) {
        tip << QObject::tr("at %1 servers: %2%3")
                   .arg(o.servers)
                   .arg(o.meets ? QObject::tr("meets") : QObject::tr("fails"),
                        o.stable ? QString() : QObject::tr(" (unstable)"));
        for (const auto& v : o.verdicts)
          tip << QStringLiteral("    %1: %2").arg(qs(v.slo), verdictValueText(v, plan.time_unit));
      }
      servers.toolTip = tip.join(QLatin1Char('\n'));
      servers.value = static_cast<int>(*s.recommended_servers);
    } else if (plan.schedule && s.method.rfind("schedule", 0) == 0) {
      servers =
          textCell(QObject::tr("%1 → a schedule (see Schedule)").arg(today),
                   QObject::tr("time-varying load: servers are planned interval by interval"));
    } else {
      servers = textCell(QObject::tr("%1 → none found").arg(today),
                         QObject::tr("no server count up to the search limit meets every SLO"));
    }
    row.push_back(servers);
    PlanCell cheapest =
        textCell(s.cheapest_servers ? QString::number(*s.cheapest_servers) : QStringLiteral("—"));
    if (s.cheapest_servers) cheapest.value = static_cast<int>(*s.cheapest_servers);
    row.push_back(cheapest);
    QString method = qs(s.method);
    if (s.confirmed_by_simulation) method += QObject::tr(" (confirmed by simulation)");
    row.push_back(textCell(method));
    QString model = qs(s.model);
    if (s.erlang_c_servers) {
      model += QObject::tr("; Erlang C would say %1").arg(*s.erlang_c_servers);
    }
    row.push_back(textCell(model));
    QStringList notes;
    for (const auto& n : s.notes) notes << qs(n);
    PlanCell notesCell = textCell(notes.join(QStringLiteral("; ")), notes.join(QLatin1Char('\n')));
    row.push_back(notesCell);
    t.rows.push_back(std::move(row));
  }
  return t;
}

PlanTable loadTable(const planner::PlanResult& plan, const planner::Headroom& headroom) {
  PlanTable t;
  t.headers = {QObject::tr("Load ×"), QObject::tr("Verdict")};
  for (const auto& v : plan.slos) t.headers << qs(v.slo);
  for (const auto& lp : headroom.load_table) {
    std::vector<PlanCell> row;
    PlanCell factor = textCell(QStringLiteral("%1×").arg(number(lp.factor, 3)));
    factor.value = lp.factor;
    row.push_back(factor);
    PlanCell verdict =
        textCell(lp.meets ? QObject::tr("meets")
                          : (lp.stable ? QObject::tr("fails") : QObject::tr("fails (unstable)")));
    verdict.pass = lp.meets;
    row.push_back(verdict);
    for (std::size_t k = 0; k < plan.slos.size(); ++k) {
      row.push_back(k < lp.verdicts.size() ? verdictCell(lp.verdicts[k], plan.time_unit)
                                           : textCell({}));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

PlanTable costTable(const planner::PlanResult& plan) {
  PlanTable t;
  if (!plan.cost) return t;
  const auto& c = *plan.cost;
  const QString cur = c.currency.empty() ? QString() : QStringLiteral(" ") + qs(c.currency);
  t.headers = {QObject::tr("Configuration"), QObject::tr("Servers"), QObject::tr("Servers/h"),
               QObject::tr("Waiting/h"),     QObject::tr("Lost/h"),  QObject::tr("Total/h"),
               QObject::tr("SLOs")};
  for (const auto* cc : {&c.today, &c.smallest, &c.cheapest}) {
    std::vector<PlanCell> row;
    row.push_back(textCell(qs(cc->label)));
    row.push_back(textCell(serversList(cc->servers)));
    for (double x :
         {cc->servers_per_hour, cc->waiting_per_hour, cc->lost_per_hour, cc->total_per_hour}) {
      PlanCell money = textCell(QString::number(x, 'f', 2) + cur);
      money.value = x;
      row.push_back(money);
    }
    PlanCell meets = textCell(cc->meets ? QObject::tr("meets") : QObject::tr("misses an SLO"));
    meets.pass = cc->meets;
    row.push_back(meets);
    t.rows.push_back(std::move(row));
  }
  return t;
}

PlanTable scheduleTable(const planner::PlanResult& plan) {
  PlanTable t;
  if (!plan.schedule) return t;
  const QString unit = qs(plan.time_unit);
  t.headers = {QObject::tr("Station"),
               QObject::tr("From (%1)").arg(unit),
               QObject::tr("To (%1)").arg(unit),
               QObject::tr("λ (/%1)").arg(unit),
               QObject::tr("Today"),
               QObject::tr("Stationary"),
               QObject::tr("Plan"),
               QObject::tr("Simulated over the interval")};
  for (const auto& st : plan.schedule->stations) {
    for (const auto& iv : st.intervals) {
      std::vector<PlanCell> row;
      row.push_back(textCell(qs(st.station)));
      for (double x : {iv.start, iv.end, iv.lambda}) {
        PlanCell c = textCell(number(x, 4));
        c.value = x;
        row.push_back(c);
      }
      for (std::uint32_t n : {iv.servers_today, iv.stationary_servers, iv.recommended_servers}) {
        PlanCell c = textCell(QString::number(n));
        c.value = static_cast<int>(n);
        row.push_back(c);
      }
      row.back().pass = iv.meets;
      QStringList sim;
      QStringList tip;
      bool allPass = !iv.simulated.empty();
      for (const auto& v : iv.simulated) {
        sim << QStringLiteral("%1 %2 %3")
                   .arg(qs(v.metric), v.pass ? QStringLiteral("✓") : QStringLiteral("✗"),
                        verdictValueText(v, plan.time_unit));
        tip << qs(v.slo) + QStringLiteral(": ") + verdictValueText(v, plan.time_unit);
        allPass = allPass && v.pass;
      }
      PlanCell simulated =
          textCell(sim.isEmpty() ? QObject::tr("—") : sim.join(QStringLiteral("; ")),
                   tip.isEmpty() ? QObject::tr("not simulated per interval") : tip.join('\n'));
      if (!iv.simulated.empty()) simulated.pass = allPass;
      row.push_back(simulated);
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

PlanTable demandTable(const planner::PlanResult& plan) {
  PlanTable t;
  if (!plan.demand) return t;
  const QString unit = qs(plan.time_unit);
  t.headers = {QObject::tr("Demand"), QObject::tr("Arrival rates (/%1)").arg(unit),
               QObject::tr("Servers"), QObject::tr("Feasible")};
  for (const auto& c : plan.demand->cases) {
    std::vector<PlanCell> row;
    const bool worst = c.label == plan.demand->worst_case;
    row.push_back(textCell(qs(c.label) + (worst ? QObject::tr(" (worst case)") : QString())));
    QStringList rates;
    for (double r : c.arrival_rates) rates << number(r, 4);
    row.push_back(textCell(rates.join(QStringLiteral(", "))));
    row.push_back(textCell(serversList(c.servers)));
    PlanCell feasible = textCell(c.feasible ? QObject::tr("yes") : QObject::tr("no"));
    feasible.pass = c.feasible;
    row.push_back(feasible);
    t.rows.push_back(std::move(row));
  }
  return t;
}

QString headroomSentence(const planner::Headroom& h) {
  const QString servers = h.configuration == "today" ? QObject::tr("today's servers")
                                                     : QObject::tr("the recommended servers");
  QString s;
  if (h.factor && *h.factor < 1.0005) {
    // An SLO exactly at today's value ("no worse than today") leaves no room to grow.
    s = QObject::tr("With %1, every SLO holds at today's traffic but there is no room to grow")
            .arg(servers);
    if (!h.breaking_slo.empty()) s += QObject::tr(" (%1 breaks first)").arg(qs(h.breaking_slo));
    s += QLatin1Char('.');
  } else if (h.factor) {
    s = QObject::tr("With %1, all arrival rates can grow %2× (%3% more traffic)")
            .arg(servers, number(*h.factor, 3), number(100.0 * (*h.factor - 1.0), 3));
    if (!h.breaking_slo.empty()) s += QObject::tr(" before %1 breaks").arg(qs(h.breaking_slo));
    if (!h.bottleneck.empty()) s += QObject::tr("; bottleneck: %1").arg(qs(h.bottleneck));
    s += QLatin1Char('.');
  } else {
    s = QObject::tr("With %1: no headroom.").arg(servers);
  }
  if (!h.method.empty()) {
    const bool saysIt = h.method == planner::simulation_method;
    s += QObject::tr(" Method: %1%2.")
             .arg(qs(h.method), h.confirmed_by_simulation && !saysIt
                                    ? QObject::tr(", confirmed by simulation")
                                    : QString());
  }
  for (const auto& n : h.notes) s += QStringLiteral(" ") + capitalized(qs(n)) + QLatin1Char('.');
  return s;
}

QString methodSentence(const planner::PlanResult& plan) {
  if (!plan.simulation) {
    return QObject::tr(
        "Analytic answer (theory only, recomputed on every edit). Values marked "
        "“approximation” are approximate; SLOs theory cannot judge stay unjudged until "
        "you run the plan with simulation.");
  }
  const auto& s = *plan.simulation;
  return QObject::
      tr("Simulation-confirmed plan: %1 replications per configuration, seed %2, %3% intervals, "
         "%4%5 configurations simulated. Where theory is exact it decides unless a simulated "
         "interval excludes the bound.")
          .arg(s.replications)
          .arg(s.seed)
          .arg(number(100.0 * s.confidence, 3))
          .arg(s.common_random_numbers ? QObject::tr("common random numbers, ") : QString())
          .arg(s.configurations_simulated);
}

}  // namespace kendall::gui
