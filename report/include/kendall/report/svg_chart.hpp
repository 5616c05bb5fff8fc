#pragma once
/// \file
/// Small SVG charts for capacity reports: line, scatter and step series with error bars, linear
/// or logarithmic axes with readable ("nice") ticks, a legend, horizontal reference lines (an
/// SLO bound) and labelled markers (today's point); and a bar chart with intervals (utilization
/// by station). Pure functions from a description to SVG text — no I/O, no Qt, no scripts.
///
/// The SVG is meant to be inlined in an HTML page, so it carries no `xmlns` attribute unless
/// asked for (`standalone`): an HTML report must not contain a single external address.

#include <optional>
#include <string>
#include <vector>

namespace kendall::report::svg {

/// One data point; the optional bounds draw error bars (a confidence interval).
struct Point {
  double x = 0.0;
  double y = 0.0;
  std::optional<double> y_low, y_high;
  std::optional<double> x_low, x_high;

  Point() = default;
  Point(double x_value, double y_value) : x(x_value), y(y_value) {}
  /// With a vertical error bar from `low` to `high`.
  Point(double x_value, double y_value, double low, double high)
      : x(x_value), y(y_value), y_low(low), y_high(high) {}
  /// With a horizontal error bar (an interval on x, e.g. of a quantile).
  [[nodiscard]] static Point with_x_interval(double x, double y, double low, double high) {
    Point p(x, y);
    p.x_low = low;
    p.x_high = high;
    return p;
  }
};

enum class SeriesStyle {
  Line,     ///< points joined by straight segments (theory curves)
  Scatter,  ///< markers only (simulated estimates)
  Step,     ///< y holds from a point's x to the next point's x (servers per interval)
};

struct Series {
  std::string label;  ///< shown in the legend; empty = not in the legend
  SeriesStyle style = SeriesStyle::Line;
  std::vector<Point> points;
  bool dashed = false;
  /// Index into the palette; -1 = the series' position.
  int color = -1;
};

struct Axis {
  std::string label;  ///< with its unit: "Wq (ms)"
  bool log = false;   ///< logarithmic; values <= 0 are left out
  std::optional<double> min, max;  ///< fixed range; otherwise from the data
};

/// A horizontal line across the plot (an SLO bound), labelled at its right end.
struct ReferenceLine {
  double y = 0.0;
  std::string label;
};

/// A highlighted point with a label (today's configuration).
struct Marker {
  double x = 0.0;
  double y = 0.0;
  std::string label;
};

struct LineChart {
  std::string title;
  Axis x, y;
  std::vector<Series> series;
  std::vector<ReferenceLine> reference_lines;
  std::vector<Marker> markers;
  int width = 860;
  int height = 380;
  bool standalone = false;  ///< add xmlns (for a .svg file of its own)
};

struct Bar {
  std::string label;
  double value = 0.0;
  std::optional<double> low, high;  ///< interval drawn as an error bar
  std::optional<double> reference;  ///< a second value drawn as a tick (theory)
};

struct BarChart {
  std::string title;
  std::string value_label;  ///< y-axis label with its unit
  std::vector<Bar> bars;
  std::vector<ReferenceLine> reference_lines;
  std::optional<double> max;  ///< fixed top of the axis (1 for utilization)
  std::string bar_legend = "value";
  std::string reference_legend = "reference";
  int width = 860;
  int height = 320;
  bool standalone = false;
};

/// Ticks at 1, 2 or 5 × 10^k covering [lo, hi] with about `target` intervals; the first tick
/// is <= lo and the last >= hi. lo == hi gives a small range around the value.
[[nodiscard]] std::vector<double> nice_ticks(double lo, double hi, int target = 5);

/// Ticks for a log axis over [lo, hi] (both > 0): powers of ten, plus 2 and 5 × 10^k when the
/// range spans fewer than three decades. The first tick is <= lo and the last >= hi.
[[nodiscard]] std::vector<double> log_ticks(double lo, double hi);

/// A tick label without noise: 0.1 not 0.10000000000000001, 2000 not 2e+03, 1e-05 for tiny.
[[nodiscard]] std::string tick_label(double value);

/// Maps [domain_lo, domain_hi] onto [range_lo, range_hi], linearly or logarithmically.
struct Scale {
  double domain_lo = 0.0, domain_hi = 1.0;
  double range_lo = 0.0, range_hi = 1.0;
  bool log = false;
  [[nodiscard]] double operator()(double value) const;
};

[[nodiscard]] std::string render(const LineChart& chart);
[[nodiscard]] std::string render(const BarChart& chart);

/// Escapes &, <, >, " and ' for XML text and attributes.
[[nodiscard]] std::string xml_escape(const std::string& text);

}  // namespace kendall::report::svg
