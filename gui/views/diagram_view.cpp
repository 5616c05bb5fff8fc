#include "views/diagram_view.h"

#include <cmath>
#include <deque>
#include <map>

#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPainterPath>
#include <QResizeEvent>
#include <QtMath>

#include "kendall/report/table.hpp"

namespace kendall::gui {

namespace {

constexpr double nodeW = 150, nodeH = 78, layerGap = 230, rowGap = 120;

QColor utilizationColour(double u) {
  // green (idle) → amber (0.7) → red (saturated)
  const QColor green(0x8f, 0xd1, 0x9e), amber(0xff, 0xd0, 0x6e), red(0xf2, 0x7b, 0x6b);
  const auto mix = [](QColor a, QColor b, double t) {
    t = std::clamp(t, 0.0, 1.0);
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t,
                            a.greenF() + (b.greenF() - a.greenF()) * t,
                            a.blueF() + (b.blueF() - a.blueF()) * t);
  };
  return u < 0.7 ? mix(green, amber, u / 0.7) : mix(amber, red, (u - 0.7) / 0.25);
}

QString num(double v) { return QString::fromStdString(report::format_number(v, 3)); }

/// Draws `path` as an arrow (head along the path's final direction) with a label at its middle.
void drawArrow(QGraphicsScene* scene, const QPainterPath& path, const QString& label,
               QColor colour) {
  auto* line = scene->addPath(path, QPen(colour, 1.8));
  line->setZValue(-1);
  const QPointF to = path.pointAtPercent(1.0);
  // angleAtPercent: degrees, counter-clockwise, y up; scene y points down.
  const double a = qDegreesToRadians(path.angleAtPercent(1.0));
  const QPointF u(std::cos(a), -std::sin(a)), n(-u.y(), u.x());
  QPolygonF head;
  head << to << to - u * 12 + n * 5 << to - u * 12 - n * 5;
  scene->addPolygon(head, QPen(colour), QBrush(colour))->setZValue(-1);
  if (!label.isEmpty()) {
    const QPointF mid = path.pointAtPercent(0.5);
    auto* text = scene->addSimpleText(label);
    QFont f = text->font();
    f.setPointSizeF(9.5);
    text->setFont(f);
    const QRectF r = text->boundingRect();
    auto* bg = scene->addRect(QRectF(mid.x() - r.width() / 2 - 3, mid.y() - r.height() / 2 - 1,
                                     r.width() + 6, r.height() + 2),
                              QPen(Qt::NoPen), QBrush(QColor(255, 255, 255, 220)));
    bg->setZValue(0);
    text->setPos(mid.x() - r.width() / 2, mid.y() - r.height() / 2);
    text->setZValue(1);
  }
}

void addArrow(QGraphicsScene* scene, QPointF from, QPointF to, const QString& label,
              QColor colour) {
  QPainterPath path(from);
  path.lineTo(to);
  drawArrow(scene, path, label, colour);
}

/// A back edge: a curve leaving `from` and entering `to` on the same side (above: lift < 0).
QPainterPath backCurve(QPointF from, QPointF to, double lift) {
  QPainterPath path(from);
  path.cubicTo(QPointF(from.x() + 40, from.y() + lift), QPointF(to.x() - 40, to.y() + lift), to);
  return path;
}

/// Whether the middle of a path (away from its ends) enters one of the rectangles.
bool pathCrosses(const QPainterPath& path, const std::vector<QRectF>& rects) {
  for (int k = 8; k <= 92; k += 2) {
    const QPointF p = path.pointAtPercent(k / 100.0);
    for (const QRectF& r : rects) {
      if (r.contains(p)) return true;
    }
  }
  return false;
}

/// Whether the straight segment a→b passes through a rectangle (sampled: the nodes are large
/// compared with the step).
bool crosses(QPointF a, QPointF b, const QRectF& r) {
  for (int k = 1; k < 40; ++k) {
    if (r.contains(a + (b - a) * (k / 40.0))) return true;
  }
  return false;
}

/// An exit that would cross other stations: down from the node's bottom to a lane under the
/// whole network, along it, and up into the exit node. Lanes are spaced so exits do not overlap.
void addLaneArrow(QGraphicsScene* scene, QPointF from, double laneY, QPointF to,
                  const QString& label, QColor colour) {
  constexpr double r = 14;  // corner radius
  QPainterPath path(from);
  path.lineTo(from.x(), laneY - r);
  path.quadTo(from.x(), laneY, from.x() + r, laneY);
  path.lineTo(to.x() - r, laneY);
  path.quadTo(to.x(), laneY, to.x(), laneY - r);
  path.lineTo(to);
  auto* line = scene->addPath(path, QPen(colour, 1.8));
  line->setZValue(-1);
  QPolygonF head;  // pointing up into the exit node
  head << to << to + QPointF(-5, 12) << to + QPointF(5, 12);
  scene->addPolygon(head, QPen(colour), QBrush(colour))->setZValue(-1);
  if (!label.isEmpty()) {
    auto* text = scene->addSimpleText(label);
    QFont f = text->font();
    f.setPointSizeF(9.5);
    text->setFont(f);
    const QRectF tr = text->boundingRect();
    const QPointF at(from.x() + r + 30, laneY);
    scene
        ->addRect(QRectF(at.x() - tr.width() / 2 - 3, at.y() - tr.height() / 2 - 1, tr.width() + 6,
                         tr.height() + 2),
                  QPen(Qt::NoPen), QBrush(QColor(255, 255, 255, 220)))
        ->setZValue(0);
    text->setPos(at.x() - tr.width() / 2, at.y() - tr.height() / 2);
    text->setZValue(1);
  }
}

}  // namespace

DiagramView::DiagramView(QWidget* parent)
    : QGraphicsView(parent), m_scene(new QGraphicsScene(this)) {
  setObjectName(QStringLiteral("diagramView"));
  setScene(m_scene);
  setRenderHint(QPainter::Antialiasing);
  setRenderHint(QPainter::TextAntialiasing);
  setDragMode(QGraphicsView::ScrollHandDrag);
  connect(m_scene, &QGraphicsScene::selectionChanged, this, [this] {
    if (m_selecting) return;
    const auto items = m_scene->selectedItems();
    if (!items.isEmpty() && items.first()->data(0).isValid())
      emit stationClicked(items.first()->data(0).toInt());
  });
}

void DiagramView::showNetwork(const std::optional<model::Scenario>& scenario,
                              const std::optional<model::ScenarioSolution>& solution,
                              std::shared_ptr<const sim::ExperimentResult> result) {
  m_selecting = true;
  m_scene->clear();
  m_selecting = false;
  if (!scenario) {
    m_scene->addSimpleText(tr("No valid scenario to draw."));
    fit();
    return;
  }
  const auto& s = *scenario;
  const std::size_t n = s.stations.size();
  // Layers: shortest distance from where customers enter.
  std::vector<int> layer(n, -1);
  std::deque<std::size_t> queue;
  const auto enter = [&](std::size_t i) {
    if (i < n && layer[i] < 0) {
      layer[i] = 1;
      queue.push_back(i);
    }
  };
  for (const auto& a : s.arrivals) enter(a.station);
  if (s.is_closed()) enter(s.population_start);
  for (std::size_t i = 0; i < n; ++i) {
    if (s.stations[i].total_backlog() > 0) enter(i);
  }
  if (queue.empty() && n > 0) enter(0);
  while (!queue.empty()) {
    const std::size_t i = queue.front();
    queue.pop_front();
    for (const auto& r : s.stations[i].routing) {
      for (const auto& t : r.targets) {
        if (t.station && layer[*t.station] < 0) {
          layer[*t.station] = layer[i] + 1;
          queue.push_back(*t.station);
        }
      }
    }
  }
  int maxLayer = 1;
  for (int& l : layer) {
    if (l < 0) l = maxLayer + 1;  // unreachable: drawn after the rest
    maxLayer = std::max(maxLayer, l);
  }
  std::map<int, std::vector<std::size_t>> byLayer;
  for (std::size_t i = 0; i < n; ++i) byLayer[layer[i]].push_back(i);
  std::vector<QPointF> centre(n);
  for (const auto& [l, members] : byLayer) {
    for (std::size_t k = 0; k < members.size(); ++k) {
      centre[members[k]] =
          QPointF(l * layerGap, (static_cast<double>(k) - (members.size() - 1) / 2.0) * rowGap);
    }
  }
  const bool open = !s.is_closed();
  const QPointF source(0, 0), sink((maxLayer + 1) * layerGap, 0);

  // Stations.
  const std::string bottleneck = solution && solution->network && solution->network->bottleneck
                                     ? *solution->network->bottleneck
                                     : "";
  for (std::size_t i = 0; i < n; ++i) {
    const auto& st = s.stations[i];
    std::optional<double> u;
    bool unstable = false;
    if (solution && i < solution->stations.size() && solution->stations[i].result) {
      const auto& r = *solution->stations[i].result;
      u = r.metrics.get("utilization");
      unstable = !r.stable;
    }
    if (result && i < result->stations.size()) {
      if (!u) {
        if (auto e = result->stations[i].metrics.get("utilization")) u = e->mean;
      }
      unstable = unstable || result->stations[i].unstable;
    }
    const QRectF rect(centre[i].x() - nodeW / 2, centre[i].y() - nodeH / 2, nodeW, nodeH);
    QPainterPath shape;
    shape.addRoundedRect(rect, 10, 10);
    const bool isBottleneck = st.name == bottleneck;
    const QColor fill = unstable ? QColor(0xd9, 0x30, 0x30)
                                 : (u ? utilizationColour(*u) : QColor(0xdd, 0xe3, 0xea));
    auto* node =
        m_scene->addPath(shape,
                         QPen(isBottleneck ? QColor(0x20, 0x20, 0x60) : QColor(0x55, 0x55, 0x55),
                              isBottleneck ? 3.5 : 1.2),
                         QBrush(fill));
    node->setFlag(QGraphicsItem::ItemIsSelectable);
    node->setData(0, static_cast<int>(i));
    node->setCursor(Qt::PointingHandCursor);
    node->setToolTip(tr("Click to select %1 in the form").arg(QString::fromStdString(st.name)));
    QStringList lines;
    lines << QString::fromStdString(st.name);
    lines << (st.servers ? tr("c = %1").arg(*st.servers) : tr("c = ∞ (delay)"));
    if (unstable)
      lines << tr("UNSTABLE");
    else if (u)
      lines << tr("ρ = %1").arg(num(*u));
    auto* text = new QGraphicsSimpleTextItem(lines.join(QLatin1Char('\n')), node);
    QFont f = text->font();
    f.setPointSizeF(10.5);
    text->setFont(f);
    if (unstable) text->setBrush(Qt::white);
    const QRectF tr_ = text->boundingRect();
    text->setPos(rect.center() - QPointF(tr_.width() / 2, tr_.height() / 2));
    if (isBottleneck) {
      auto* mark = m_scene->addSimpleText(tr("★ bottleneck"));
      QFont bf = mark->font();
      bf.setBold(true);
      mark->setFont(bf);
      mark->setPos(rect.left(), rect.bottom() + 4);
    }
  }

  // Arrivals.
  if (open && !s.arrivals.empty()) {
    auto* src =
        m_scene->addEllipse(QRectF(source.x() - 34, source.y() - 34, 68, 68),
                            QPen(QColor(0x33, 0x55, 0x99), 1.5), QBrush(QColor(0xe4, 0xec, 0xfa)));
    auto* label = new QGraphicsSimpleTextItem(tr("arrivals"), src);
    label->setPos(source -
                  QPointF(label->boundingRect().width() / 2, label->boundingRect().height() / 2));
    for (const auto& a : s.arrivals) {
      const QPointF to = centre[a.station] - QPointF(nodeW / 2, 0);
      addArrow(m_scene, source + QPointF(34, 0), to,
               tr("λ = %1/%2").arg(num(a.rate()), QString::fromStdString(s.time_unit)),
               QColor(0x33, 0x55, 0x99));
    }
  }
  // Routing and exits. An exit drawn straight to the exit node would run through the stations
  // of later layers (three-tier: app's 0.4 through db); such exits go round, under the network.
  std::vector<QRectF> nodeRects(n);
  double lowest = 0;
  for (std::size_t i = 0; i < n; ++i) {
    nodeRects[i] = QRectF(centre[i].x() - nodeW / 2, centre[i].y() - nodeH / 2, nodeW, nodeH);
    lowest = std::max(lowest, nodeRects[i].bottom());
  }
  int lanes = 0;
  const auto addExit = [&](std::size_t i, const QString& label) {
    const QPointF from = centre[i] + QPointF(nodeW / 2, 0), to = sink - QPointF(30, 0);
    bool blocked = false;
    for (std::size_t j = 0; j < n; ++j) {
      if (j != i && crosses(from, to, nodeRects[j].adjusted(-8, -8, 8, 8))) blocked = true;
    }
    if (!blocked) {
      addArrow(m_scene, from, to, label, QColor(0x44, 0x44, 0x44));
      return;
    }
    // Below the bottleneck mark and the lowest node; one lane per routed exit.
    const double laneY = lowest + 48 + 22 * lanes++;
    addLaneArrow(m_scene, centre[i] + QPointF(nodeW / 4, nodeH / 2), laneY, sink + QPointF(0, 30),
                 label, QColor(0x44, 0x44, 0x44));
  };
  bool anyExit = false;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& st = s.stations[i];
    if (st.routing.empty()) continue;
    const auto& r = st.routing[0];  // per-class routing: the first class's (the YAML has all)
    const bool probabilistic = r.policy == model::RoutingPolicy::Probabilistic;
    for (const auto& t : r.targets) {
      const QString label = probabilistic ? num(t.probability) : QString();
      if (!t.station) {
        anyExit = true;
        addExit(i, label);
        continue;
      }
      const std::size_t j = *t.station;
      if (layer[j] > layer[i]) {
        addArrow(m_scene, centre[i] + QPointF(nodeW / 2, 0), centre[j] - QPointF(nodeW / 2, 0),
                 label, QColor(0x44, 0x44, 0x44));
        continue;
      }
      // Backwards (or within a layer): a curve over the top; under the bottom when the curve
      // over the top would cross another station.
      std::vector<QRectF> others;
      for (std::size_t k = 0; k < n; ++k) {
        if (k != i && k != j) others.push_back(nodeRects[k].adjusted(-4, -4, 4, 4));
      }
      const double lift = 70 + 0.15 * std::abs(centre[j].x() - centre[i].x());
      QPainterPath curve =
          backCurve(centre[i] - QPointF(0, nodeH / 2), centre[j] - QPointF(0, nodeH / 2), -lift);
      if (pathCrosses(curve, others)) {
        const QPainterPath under =
            backCurve(centre[i] + QPointF(0, nodeH / 2), centre[j] + QPointF(0, nodeH / 2), lift);
        if (!pathCrosses(under, others)) curve = under;
      }
      drawArrow(m_scene, curve, label, QColor(0x44, 0x44, 0x44));
    }
    if (probabilistic && r.exit_probability() > 1e-12 && !s.is_closed()) {
      bool listed = false;
      for (const auto& t : r.targets) listed = listed || !t.station;
      if (!listed) {
        anyExit = true;
        addExit(i, num(r.exit_probability()));
      }
    }
  }
  if (anyExit || (open && n > 0)) {
    auto* exit =
        m_scene->addEllipse(QRectF(sink.x() - 30, sink.y() - 30, 60, 60),
                            QPen(QColor(0x55, 0x55, 0x55), 1.5), QBrush(QColor(0xf0, 0xf0, 0xf0)));
    auto* label = new QGraphicsSimpleTextItem(tr("exit"), exit);
    label->setPos(sink -
                  QPointF(label->boundingRect().width() / 2, label->boundingRect().height() / 2));
  }
  if (s.is_closed()) {
    auto* note =
        m_scene->addSimpleText(tr("closed network: %1 customers circulate").arg(*s.population));
    note->setPos(layerGap - nodeW / 2, -rowGap * (1 + byLayer[1].size() / 2.0));
  }
  // Legend.
  auto* legend = m_scene->addSimpleText(
      tr("colour = utilization ρ (green low, red near 1); thick border = bottleneck; "
         "numbers on arrows = routing probabilities"));
  QFont lf = legend->font();
  lf.setPointSizeF(9);
  legend->setFont(lf);
  legend->setBrush(QColor(0x55, 0x55, 0x55));
  const QRectF all = m_scene->itemsBoundingRect();
  legend->setPos(all.left(), all.bottom() + 16);
  m_scene->setSceneRect(m_scene->itemsBoundingRect().adjusted(-20, -20, 20, 20));
  fit();
}

void DiagramView::selectStation(int index) {
  m_selecting = true;
  for (QGraphicsItem* item : m_scene->items()) {
    if (item->data(0).isValid()) item->setSelected(item->data(0).toInt() == index);
  }
  m_selecting = false;
}

void DiagramView::fit() {
  if (!m_scene->items().isEmpty()) fitInView(m_scene->sceneRect(), Qt::KeepAspectRatio);
  // Never blow small networks up beyond a comfortable size.
  if (transform().m11() > 1.4) setTransform(QTransform::fromScale(1.4, 1.4));
}

void DiagramView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  fit();
}

}  // namespace kendall::gui
