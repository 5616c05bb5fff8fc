// Long on purpose: the four plots (trajectory, waiting time, load, utilization) share the
// colours, the axes set-up and the export; one function draws each.

#include "views/plots_view.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSvgGenerator>
#include <QTabWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include "kendall/model/metrics.hpp"

namespace kendall::gui {

namespace {

const QColor analyticColour(0x1f, 0x5f, 0xbf), simColour(0xd9, 0x5f, 0x0e),
    todayColour(0x10, 0x90, 0x40);

QCustomPlot* makePlot(QWidget* parent, const QString& name) {
  auto* plot = new QCustomPlot(parent);
  plot->setObjectName(name);
  plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
  plot->setAntialiasedElements(QCP::aeAll);
  plot->legend->setVisible(false);
  QFont f = plot->font();
  f.setPointSizeF(10);
  plot->xAxis->setLabelFont(f);
  plot->yAxis->setLabelFont(f);
  plot->legend->setFont(f);
  plot->setMinimumSize(300, 220);
  return plot;
}

void showMessage(QCustomPlot* plot, const QString& message) {
  auto* text = new QCPItemText(plot);
  text->position->setType(QCPItemPosition::ptAxisRectRatio);
  text->position->setCoords(0.5, 0.5);
  text->setText(message);
  QFont f = plot->font();
  f.setPointSizeF(11);
  text->setFont(f);
  text->setColor(QColor(0x55, 0x55, 0x55));
}

void resetPlot(QCustomPlot* plot) {
  plot->clearGraphs();
  plot->clearPlottables();
  plot->clearItems();
  plot->legend->setVisible(false);
  plot->yAxis2->setVisible(false);
}

}  // namespace

PlotsView::PlotsView(QWidget* parent) : QWidget(parent), m_sweepRunner(new SweepRunner(this)) {
  setObjectName(QStringLiteral("plotsView"));
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Station:"), this));
  m_station = new QComboBox(this);
  m_station->setMinimumContentsLength(14);
  bar->addWidget(m_station);
  m_sweep = new QPushButton(tr("Simulate load points"), this);
  m_sweep->setToolTip(
      tr("Simulate the scenario at several arrival-rate factors (short runs) and add the "
         "points with their confidence intervals to the load plot"));
  bar->addWidget(m_sweep);
  bar->addStretch();
  m_export = new QPushButton(tr("Export plot…"), this);
  bar->addWidget(m_export);
  layout->addLayout(bar);
  m_note = new QLabel(this);
  m_note->setWordWrap(true);
  m_note->setStyleSheet(QStringLiteral("color: #555;"));
  layout->addWidget(m_note);
  m_tabs = new QTabWidget(this);
  m_tabs->setObjectName(QStringLiteral("plotTabs"));
  m_trajectoryPlot = makePlot(m_tabs, QStringLiteral("trajectoryPlot"));
  m_waitPlot = makePlot(m_tabs, QStringLiteral("waitPlot"));
  // A title row, so that P(Wq = 0) is in the exported picture too.
  m_waitPlot->plotLayout()->insertRow(0);
  m_waitTitle = new QCPTextElement(m_waitPlot, QString(), QFont(font().family(), 10));
  m_waitTitle->setObjectName(QStringLiteral("waitTitle"));
  m_waitPlot->plotLayout()->addElement(0, 0, m_waitTitle);
  m_loadPlot = makePlot(m_tabs, QStringLiteral("loadPlot"));
  m_utilPlot = makePlot(m_tabs, QStringLiteral("utilizationPlot"));
  m_tabs->addTab(m_trajectoryPlot, tr("Number in station"));
  m_tabs->addTab(m_waitPlot, tr("Waiting time"));
  m_tabs->addTab(m_loadPlot, tr("W, Wq vs load"));
  m_tabs->addTab(m_utilPlot, tr("Utilization"));
  layout->addWidget(m_tabs, 1);

  connect(m_station, &QComboBox::currentIndexChanged, this, [this](int i) {
    if (i >= 0 && i != m_stationIndex) {
      m_stationIndex = i;
      m_sweepPoints.clear();
      redraw();
    }
  });
  connect(m_export, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export plot"), QStringLiteral("plot.png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    if (!path.isEmpty()) exportCurrent(path);
  });
  connect(m_sweep, &QPushButton::clicked, this, &PlotsView::simulateLoadPoints);
  connect(m_sweepRunner, &SweepRunner::pointReady, this, [this](double f, ResultPtr r) {
    m_sweepPoints[f] = std::move(r);
    drawLoad();
  });
  connect(m_sweepRunner, &SweepRunner::done, this, [this] {
    m_sweep->setEnabled(true);
    m_sweep->setText(tr("Simulate load points"));
  });
  redraw();
}

void PlotsView::setData(const std::optional<model::Scenario>& scenario,
                        const std::optional<model::ScenarioSolution>& solution, ResultPtr result) {
  const bool structureChanged =
      !scenario || !m_scenario || scenario->stations.size() != m_scenario->stations.size();
  if (!(scenario == m_scenario)) m_sweepPoints.clear();
  m_scenario = scenario;
  m_solution = solution;
  m_result = std::move(result);
  if (structureChanged) {
    QSignalBlocker block(m_station);
    m_station->clear();
    if (m_scenario) {
      for (const auto& s : m_scenario->stations) m_station->addItem(QString::fromStdString(s.name));
    }
    m_stationIndex = std::clamp(m_stationIndex, 0, std::max(0, m_station->count() - 1));
    m_station->setCurrentIndex(m_stationIndex);
  }
  redraw();
}

void PlotsView::setTrajectory(TrajectoryPtr trajectory) {
  m_trajectory = std::move(trajectory);
  drawTrajectory();
  drawWaiting();
}

void PlotsView::setStation(int index) {
  if (index >= 0 && index < m_station->count()) m_station->setCurrentIndex(index);
}

void PlotsView::redraw() {
  drawTrajectory();
  drawWaiting();
  drawLoad();
  drawUtilization();
}

QCustomPlot* PlotsView::current() const {
  return qobject_cast<QCustomPlot*>(m_tabs->currentWidget());
}

bool PlotsView::exportCurrent(const QString& path) {
  QCustomPlot* plot = current();
  if (!plot) return false;
  const int w = std::max(plot->width(), 900), h = std::max(plot->height(), 560);
  if (path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)) return plot->savePdf(path, w, h);
  if (path.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive)) {
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(QSize(w, h));
    svg.setViewBox(QRect(0, 0, w, h));
    svg.setTitle(m_tabs->tabText(m_tabs->currentIndex()));
    QCPPainter painter;
    painter.begin(&svg);
    plot->toPainter(&painter, w, h);
    painter.end();
    return true;
  }
  return plot->savePng(path, w, h);
}

void PlotsView::drawTrajectory() {
  QCustomPlot* plot = m_trajectoryPlot;
  resetPlot(plot);
  plot->xAxis->setLabel(
      m_scenario ? tr("time (%1)").arg(QString::fromStdString(m_scenario->time_unit)) : tr("time"));
  plot->yAxis->setLabel(tr("customers in station (waiting + in service)"));
  if (!m_trajectory || m_stationIndex >= static_cast<int>(m_trajectory->stations.size())) {
    showMessage(plot, tr("Run a simulation (F5): replication 1 is recorded here."));
    plot->replot();
    return;
  }
  const auto& st = m_trajectory->stations[static_cast<std::size_t>(m_stationIndex)];
  auto* graph = plot->addGraph();
  graph->setLineStyle(QCPGraph::lsStepLeft);
  graph->setPen(QPen(simColour, 1.0));
  graph->setName(tr("replication 1 (first %1 customers)").arg(m_trajectory->customersLimit));
  QVector<double> t(st.times.begin(), st.times.end()), n(st.counts.begin(), st.counts.end());
  graph->setData(t, n, true);
  // The analytic mean L as a reference line.
  if (m_solution && m_stationIndex < static_cast<int>(m_solution->stations.size()) &&
      m_solution->stations[static_cast<std::size_t>(m_stationIndex)].result) {
    if (auto L = m_solution->stations[static_cast<std::size_t>(m_stationIndex)].result->metrics.get(
            "L")) {
      auto* mean = plot->addGraph();
      mean->setPen(QPen(analyticColour, 2, Qt::DashLine));
      mean->setName(tr("analytic L = %1").arg(*L, 0, 'g', 4));
      mean->setData(QVector<double>{t.isEmpty() ? 0 : t.first(), t.isEmpty() ? 1 : t.last()},
                    QVector<double>{*L, *L});
    }
  }
  plot->legend->setVisible(true);
  plot->rescaleAxes();
  plot->yAxis->setRangeLower(0);
  plot->yAxis->setRangeUpper(plot->yAxis->range().upper * 1.1 + 1);
  plot->replot();
}

QString PlotsView::waitingSummary() const { return m_waitTitle->text(); }

void PlotsView::drawWaiting() {
  QCustomPlot* plot = m_waitPlot;
  resetPlot(plot);
  const QString unit = m_scenario ? QString::fromStdString(m_scenario->time_unit) : QString();
  plot->xAxis->setLabel(tr("waiting time before service, Wq (%1)").arg(unit));
  plot->yAxis->setLabel(tr("share of customers per bin"));
  plot->yAxis2->setLabel(tr("P(Wq ≤ t)"));
  if (!m_trajectory || m_stationIndex >= static_cast<int>(m_trajectory->stations.size()) ||
      m_trajectory->stations[static_cast<std::size_t>(m_stationIndex)].waits.empty()) {
    showMessage(plot, tr("Run a simulation (F5) to see the waiting times of replication 1."));
    m_waitTitle->setText(QString());
    plot->replot();
    return;
  }
  std::vector<double> waits =
      m_trajectory->stations[static_cast<std::size_t>(m_stationIndex)].waits;
  std::sort(waits.begin(), waits.end());
  // The atom at 0 (served at once) would dwarf every other bin: the histogram shows the
  // customers who waited, and the share who did not is stated (and is the CDF's jump at 0).
  const auto firstPositive = std::upper_bound(waits.begin(), waits.end(), 0.0);
  const std::size_t zeros = static_cast<std::size_t>(firstPositive - waits.begin());
  const double simulatedNoWait = static_cast<double>(zeros) / static_cast<double>(waits.size());
  const std::vector<double> positive(firstPositive, waits.end());
  const double top =
      positive.empty()
          ? 1.0
          : std::max(positive[static_cast<std::size_t>(0.995 * (positive.size() - 1))], 1e-9);
  constexpr int bins = 40;
  const double width = top / bins;
  QVector<double> centres(bins), shares(bins, 0.0);
  for (int b = 0; b < bins; ++b) centres[b] = (b + 0.5) * width;
  for (double w : positive) {
    // The 0.5% beyond the axis are left out (piled into the last bin they made a false peak).
    const int b = static_cast<int>(w / width);
    if (b < bins) shares[b] += 1.0 / static_cast<double>(positive.size());
  }
  plot->yAxis->setLabel(tr("share of the customers who waited, per bin"));
  auto* bars = new QCPBars(plot->xAxis, plot->yAxis);
  bars->setWidth(width * 0.9);
  bars->setData(centres, shares, true);
  bars->setBrush(QColor(0xd9, 0x5f, 0x0e, 90));
  bars->setPen(QPen(simColour));
  bars->setName(tr("simulated histogram of Wq > 0 (replication 1, %1 of %2 customers waited)")
                    .arg(positive.size())
                    .arg(waits.size()));
  QString noWait = tr("P(Wq = 0), served at once: %1% simulated (replication 1)")
                       .arg(100.0 * simulatedNoWait, 0, 'f', 1);
  if (m_solution && m_stationIndex < static_cast<int>(m_solution->stations.size()) &&
      m_solution->stations[static_cast<std::size_t>(m_stationIndex)].result) {
    if (auto pw =
            m_solution->stations[static_cast<std::size_t>(m_stationIndex)].result->metrics.get(
                "p_wait")) {
      noWait += tr(", %1% theory").arg(100.0 * (1.0 - *pw), 0, 'f', 1);
    }
  }
  noWait +=
      tr(".\nThe histogram shows only the customers who waited; the CDF's jump at 0 is P(Wq = 0).");
  if (positive.empty()) noWait = tr("No customer waited in replication 1: P(Wq = 0) = 100%.");
  m_waitTitle->setText(noWait);

  plot->yAxis2->setVisible(true);
  plot->yAxis2->setRange(0, 1.02);
  auto* cdf = plot->addGraph(plot->xAxis, plot->yAxis2);
  cdf->setName(tr("simulated CDF"));
  cdf->setPen(QPen(simColour, 2));
  QVector<double> xs, ps;
  const std::size_t step = std::max<std::size_t>(1, waits.size() / 400);
  for (std::size_t i = 0; i < waits.size(); i += step) {
    xs << waits[i];
    ps << static_cast<double>(i + 1) / static_cast<double>(waits.size());
  }
  xs << waits.back();
  ps << 1.0;
  cdf->setData(xs, ps, true);
  // Analytic: the quantiles theory gives (exact or labelled approximation), and P(Wq = 0).
  if (m_solution && m_stationIndex < static_cast<int>(m_solution->stations.size()) &&
      m_solution->stations[static_cast<std::size_t>(m_stationIndex)].result) {
    const auto& r = *m_solution->stations[static_cast<std::size_t>(m_stationIndex)].result;
    QVector<double> qx, qp;
    if (auto pw = r.metrics.get("p_wait")) {
      qx << 0.0;
      qp << 1.0 - *pw;
    }
    const bool atom = !qx.isEmpty();
    for (double p : model::with_default_quantiles({})) {
      if (auto v = r.metrics.get(model::quantile_name("Wq", p))) {
        // A quantile at 0 below P(Wq = 0) is the atom again; drawn, it made the curve go down.
        if (atom && *v <= 0.0) continue;
        qx << *v;
        qp << p;
      }
    }
    if (!qx.isEmpty()) {
      auto* analytic = plot->addGraph(plot->xAxis, plot->yAxis2);
      analytic->setName(tr("analytic quantiles (%1)").arg(QString::fromStdString(r.method)));
      analytic->setPen(QPen(analyticColour, 1.5, Qt::DashLine));
      analytic->setScatterStyle(
          QCPScatterStyle(QCPScatterStyle::ssDiamond, analyticColour, analyticColour, 9));
      analytic->setData(qx, qp, true);
    } else {
      m_waitTitle->setText(m_waitTitle->text() + QLatin1Char('\n') +
                           tr("Theory gives no waiting-time quantiles for this station (%1).")
                               .arg(QString::fromStdString(r.method)));
    }
  }
  plot->legend->setVisible(true);
  // Middle right: the CDF runs along the top there and the histogram has tailed off.
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignVCenter);
  plot->xAxis->setRange(0, top * 1.02);
  plot->yAxis->rescale();
  if (positive.empty()) plot->yAxis->setRange(0, 1);
  plot->yAxis->setRangeLower(0);
  plot->yAxis->setRangeUpper(plot->yAxis->range().upper * 1.15);
  plot->replot();
}

void PlotsView::setPlannerHeadroom(std::optional<double> factor, const QString& method) {
  if (factor == m_headroomFactor && method == m_headroomMethod) return;
  m_headroomFactor = factor;
  m_headroomMethod = method;
  drawLoad();
}

void PlotsView::drawLoad() {
  QCustomPlot* plot = m_loadPlot;
  resetPlot(plot);
  m_sloLines.clear();
  const QString unit = m_scenario ? QString::fromStdString(m_scenario->time_unit) : QString();
  plot->xAxis->setLabel(tr("arrival rate factor (1 = the scenario as written)"));
  plot->yAxis->setLabel(tr("time (%1)").arg(unit));
  if (!m_scenario || m_scenario->arrivals.empty()) {
    showMessage(plot, tr("Load curves need external arrivals (open network)."));
    m_sweep->setEnabled(false);
    plot->replot();
    return;
  }
  m_sweep->setEnabled(!m_sweepRunner->isRunning());
  double maxFactor = 1.5;
  if (m_solution && m_solution->network && m_solution->network->max_arrival_scaling) {
    maxFactor = std::max(1.05, *m_solution->network->max_arrival_scaling);
  }
  std::vector<double> factors;
  for (int i = 1; i <= 80; ++i) factors.push_back(maxFactor * 0.995 * i / 80.0);
  const auto curve =
      analyticLoadCurve(*m_scenario, static_cast<std::size_t>(m_stationIndex), factors);
  QVector<double> fx, w, wq;
  for (const auto& p : curve) {
    if (p.W && p.Wq) {
      fx << p.factor;
      w << *p.W;
      wq << *p.Wq;
    }
  }
  if (!fx.isEmpty()) {
    auto* gw = plot->addGraph();
    gw->setName(tr("W analytic"));
    gw->setPen(QPen(analyticColour, 2));
    gw->setData(fx, w, true);
    auto* gq = plot->addGraph();
    gq->setName(tr("Wq analytic"));
    gq->setPen(QPen(analyticColour, 2, Qt::DashLine));
    gq->setData(fx, wq, true);
  } else {
    m_note->setText(
        tr("Theory has no W/Wq for this station at these loads; only simulated points are shown."));
  }
  // Simulated points with their confidence intervals.
  const auto addPoints = [&](const std::map<double, ResultPtr>& points, const QString& name,
                             QColor colour, QCPScatterStyle::ScatterShape shape) {
    for (const char* metric : {"W", "Wq"}) {
      QVector<double> x, y, err;
      for (const auto& [f, r] : points) {
        if (!r || m_stationIndex >= static_cast<int>(r->stations.size())) continue;
        if (auto e = r->stations[static_cast<std::size_t>(m_stationIndex)].metrics.get(metric)) {
          x << f;
          y << e->mean;
          err << e->half_width();
        }
      }
      if (x.isEmpty()) continue;
      auto* g = plot->addGraph();
      g->setName(QStringLiteral("%1 %2").arg(QLatin1String(metric), name));
      g->setLineStyle(QCPGraph::lsNone);
      g->setScatterStyle(
          QCPScatterStyle(shape, colour, metric == std::string("W") ? colour : Qt::white, 9));
      g->setData(x, y);
      auto* bars = new QCPErrorBars(plot->xAxis, plot->yAxis);
      bars->removeFromLegend();
      bars->setDataPlottable(g);
      bars->setData(err);
      bars->setPen(QPen(colour, 1.3));
    }
  };
  addPoints(m_sweepPoints, tr("simulated (95% CI)"), simColour, QCPScatterStyle::ssCircle);
  if (m_result)
    addPoints({{1.0, m_result}}, tr("today (simulated, 95% CI)"), todayColour,
              QCPScatterStyle::ssSquare);
  auto* today = new QCPItemStraightLine(plot);
  today->point1->setCoords(1.0, 0);
  today->point2->setCoords(1.0, 1);
  today->setPen(QPen(todayColour, 1, Qt::DotLine));
  plot->legend->setVisible(true);
  plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignLeft | Qt::AlignTop);
  plot->rescaleAxes();
  plot->xAxis->setRange(0, maxFactor * 1.02);
  plot->yAxis->setRangeLower(0);
  // Near saturation W explodes; show up to ~6× today's W so that today stays readable.
  double todayW = 0;
  for (int i = 0; i < fx.size(); ++i) {
    if (fx[i] <= 1.0) todayW = w[i];
  }
  if (todayW > 0) plot->yAxis->setRangeUpper(std::min(plot->yAxis->range().upper, todayW * 6));
  // The SLOs on this station's waiting and response times, as written in the file. A quantile
  // bound (Wq_p95) is drawn too but said to be one: the curves are means.
  for (const auto& slo : m_scenario->slos) {
    const bool here = slo.scope == model::SloScope::AllStations ||
                      (slo.scope == model::SloScope::Station &&
                       slo.station == static_cast<std::size_t>(m_stationIndex));
    const bool time = slo.metric == "W" || slo.metric == "Wq" || slo.metric.rfind("W_p", 0) == 0 ||
                      slo.metric.rfind("Wq_p", 0) == 0;
    if (!here || !time || !slo.upper_bound) continue;
    const bool quantile = model::quantile_level(slo.metric).has_value();
    auto* line = new QCPItemStraightLine(plot);
    line->point1->setCoords(0, slo.bound);
    line->point2->setCoords(1, slo.bound);
    line->setPen(QPen(QColor(0xb0, 0x00, 0x20), 1.5, Qt::DashLine));
    const QString text =
        tr("SLO %1%2")
            .arg(QString::fromStdString(slo.text),
                 quantile ? tr(" (a quantile bound; the curves are means)") : QString());
    auto* label = new QCPItemText(plot);
    label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    label->position->setType(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(maxFactor, slo.bound);
    label->setText(text);
    label->setColor(QColor(0xb0, 0x00, 0x20));
    label->setBrush(QBrush(QColor(255, 255, 255, 220)));
    label->setPadding(QMargins(4, 1, 4, 3));
    m_sloLines << text;
    if (slo.bound * 1.15 > plot->yAxis->range().upper) plot->yAxis->setRangeUpper(slo.bound * 1.15);
  }
  if (m_headroomFactor) {
    auto* line = new QCPItemStraightLine(plot);
    line->point1->setCoords(*m_headroomFactor, 0);
    line->point2->setCoords(*m_headroomFactor, 1);
    line->setPen(QPen(QColor(0x1a, 0x7f, 0x1a), 1.5, Qt::DashDotLine));
    auto* label = new QCPItemText(plot);
    // On the side of the line with more room, a little below the top (W often runs along it).
    const bool left = *m_headroomFactor > 0.5 * maxFactor;
    label->setPositionAlignment((left ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(*m_headroomFactor, 0.08);
    label->setPadding(QMargins(6, 2, 6, 2));
    label->setBrush(QBrush(QColor(255, 255, 255, 220)));
    label->setText(tr("planner: every SLO holds\nup to %1× with today's servers (%2)")
                       .arg(*m_headroomFactor, 0, 'g', 3)
                       .arg(m_headroomMethod));
    label->setColor(QColor(0x1a, 0x7f, 0x1a));
  }
  plot->replot();
}

void PlotsView::drawUtilization() {
  QCustomPlot* plot = m_utilPlot;
  resetPlot(plot);
  plot->yAxis->setLabel(tr("utilization ρ (per server)"));
  plot->xAxis->setLabel(QString());
  if (!m_scenario) {
    showMessage(plot, tr("No valid scenario."));
    plot->replot();
    return;
  }
  const std::size_t n = m_scenario->stations.size();
  QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
  QVector<double> keys, analytic, simKeys, simulated, errors;
  for (std::size_t i = 0; i < n; ++i) {
    ticker->addTick(static_cast<double>(i + 1),
                    QString::fromStdString(m_scenario->stations[i].name));
    if (m_solution && i < m_solution->stations.size() && m_solution->stations[i].result) {
      if (auto u = m_solution->stations[i].result->metrics.get("utilization")) {
        keys << static_cast<double>(i + 1) - 0.18;
        analytic << *u;
      }
    }
    if (m_result && i < m_result->stations.size()) {
      if (auto e = m_result->stations[i].metrics.get("utilization")) {
        simKeys << static_cast<double>(i + 1) + 0.18;
        simulated << e->mean;
        errors << e->half_width();
      }
    }
  }
  plot->xAxis->setTicker(ticker);
  auto* a = new QCPBars(plot->xAxis, plot->yAxis);
  a->setName(tr("analytic"));
  a->setWidth(0.34);
  a->setBrush(QColor(0x1f, 0x5f, 0xbf, 150));
  a->setPen(QPen(analyticColour));
  a->setData(keys, analytic, true);
  auto* s = new QCPBars(plot->xAxis, plot->yAxis);
  s->setName(tr("simulated (95% CI)"));
  s->setWidth(0.34);
  s->setBrush(QColor(0xd9, 0x5f, 0x0e, 150));
  s->setPen(QPen(simColour));
  s->setData(simKeys, simulated, true);
  if (!simKeys.isEmpty()) {
    auto* err = new QCPErrorBars(plot->xAxis, plot->yAxis);
    err->removeFromLegend();
    err->setDataPlottable(s);
    err->setData(errors);
  }
  auto* one = new QCPItemStraightLine(plot);
  one->point1->setCoords(0, 1);
  one->point2->setCoords(1, 1);
  one->setPen(QPen(QColor(0xb0, 0, 0x20), 1, Qt::DashLine));
  plot->legend->setVisible(true);
  plot->xAxis->setRange(0.4, static_cast<double>(n) + 0.6);
  double top = 1.1;
  for (double v : analytic) top = std::max(top, v * 1.1);
  for (double v : simulated) top = std::max(top, v * 1.1);
  plot->yAxis->setRange(0, top);
  plot->replot();
}

void PlotsView::simulateLoadPoints() {
  if (!m_scenario || m_scenario->arrivals.empty()) return;
  double maxFactor = 1.5;
  if (m_solution && m_solution->network && m_solution->network->max_arrival_scaling) {
    maxFactor = *m_solution->network->max_arrival_scaling;
  }
  std::vector<double> factors;
  for (double share : {0.3, 0.5, 0.7, 0.85, 0.95}) factors.push_back(share * maxFactor);
  m_sweepPoints.clear();
  m_sweep->setEnabled(false);
  m_sweep->setText(tr("Simulating load points…"));
  m_sweepRunner->start(*m_scenario, factors, 20000);
}

}  // namespace kendall::gui
