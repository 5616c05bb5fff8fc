#include "kendall/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::report::svg {

namespace {

// Distinguishable in colour-blind vision and in greyscale print (Okabe–Ito order).
constexpr const char* palette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                   "#E69F00", "#56B4E9", "#000000"};
constexpr int palette_size = static_cast<int>(sizeof(palette) / sizeof(palette[0]));
constexpr const char* slo_colour = "#B00020";
constexpr const char* font = R"~(font-family="sans-serif")~";

const char* colour(int index) { return palette[((index % palette_size) + palette_size) % palette_size]; }

// 1, 2 or 5 × 10^k, the smallest not below `raw`.
double nice_step(double raw) {
  const double exponent = std::floor(std::log10(raw));
  const double base = std::pow(10.0, exponent);
  const double fraction = raw / base;
  const double nice = fraction <= 1.0 ? 1.0 : fraction <= 2.0 ? 2.0 : fraction <= 5.0 ? 5.0 : 10.0;
  return nice * base;
}

std::string num(double v) { return fmt::format("{:.1f}", v); }

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v, bool log) {
    if (!std::isfinite(v) || (log && v <= 0.0)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  [[nodiscard]] bool empty() const { return lo > hi; }
};

struct Frame {
  double left, top, right, bottom;  // plot area in pixels
};

// Ticks and the domain they cover for one axis.
struct AxisTicks {
  std::vector<double> ticks;
  double lo = 0.0, hi = 1.0;
};

AxisTicks axis_ticks(const Axis& axis, Range data, bool include_zero, int target) {
  if (include_zero && !axis.log && !data.empty() && data.lo > 0.0) data.lo = 0.0;
  // A fixed limit replaces the data's: ticks are chosen for what is shown.
  if (axis.min) data.lo = *axis.min;
  if (axis.max) data.hi = *axis.max;
  if (data.empty() || (axis.log && !(data.lo > 0.0))) data = axis.log ? Range{1.0, 10.0} : Range{0.0, 1.0};
  AxisTicks out;
  out.ticks = axis.log ? log_ticks(data.lo, data.hi) : nice_ticks(data.lo, data.hi, target);
  out.lo = axis.min.value_or(out.ticks.front());
  out.hi = axis.max.value_or(out.ticks.back());
  std::erase_if(out.ticks, [&](double t) {
    const double slack = 1e-9 * (out.hi - out.lo);
    return t < out.lo - slack || t > out.hi + slack;
  });
  return out;
}

void open_svg(std::string& out, int width, int height, bool standalone, const std::string& title) {
  out += fmt::format(R"~(<svg {}width="{}" height="{}" viewBox="0 0 {} {}" role="img" {})~",
                     standalone ? R"~(xmlns="http://www.w3.org/2000/svg" )~" : "", width, height,
                     width, height, font);
  out += fmt::format(R"~( font-size="12"><title>{}</title>)~", xml_escape(title)) + "\n";
  out += fmt::format(R"~(<rect x="0" y="0" width="{}" height="{}" fill="#ffffff"/>)~", width, height);
  out += fmt::format(R"~(<text x="{}" y="18" font-size="14" font-weight="bold">{}</text>)~", 8,
                     xml_escape(title)) + "\n";
}

void draw_y_axis(std::string& out, const Frame& f, const Scale& y, const AxisTicks& ticks,
                 const std::string& label) {
  for (double t : ticks.ticks) {
    const double py = y(t);
    out += fmt::format(R"~(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#e3e3e3"/>)~", num(f.left),
                       num(py), num(f.right), num(py));
    out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>)~",
                       num(f.left - 6), num(py), tick_label(t)) + "\n";
  }
  out += fmt::format(R"~(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#333"/>)~", num(f.left),
                     num(f.top), num(f.bottom));
  const double mid = 0.5 * (f.top + f.bottom);
  out += fmt::format(R"~(<text x="14" y="{0}" text-anchor="middle" transform="rotate(-90 14 {0})">{1}</text>)~",
                     num(mid), xml_escape(label)) + "\n";
}

void draw_x_axis(std::string& out, const Frame& f, const Scale& x, const AxisTicks& ticks,
                 const std::string& label) {
  for (double t : ticks.ticks) {
    const double px = x(t);
    out += fmt::format(R"~(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#333"/>)~", num(px),
                       num(f.bottom), num(f.bottom + 4));
    out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="middle">{}</text>)~", num(px),
                       num(f.bottom + 17), tick_label(t)) + "\n";
  }
  out += fmt::format(R"~(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="#333"/>)~", num(f.left),
                     num(f.right), num(f.bottom));
  out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="middle">{}</text>)~",
                     num(0.5 * (f.left + f.right)), num(f.bottom + 34), xml_escape(label)) + "\n";
}

struct LegendItem {
  std::string label;
  std::string colour;
  bool line = true;
  bool dashed = false;
  bool diamond = false;
  bool square = false;
};

// One row of legend items under the title, wrapped when it does not fit.
double draw_legend(std::string& out, const std::vector<LegendItem>& items, int width) {
  double x = 8.0;
  double y = 36.0;
  for (const auto& item : items) {
    const double w = 28.0 + 6.5 * static_cast<double>(item.label.size()) + 14.0;
    if (x + w > width && x > 8.0) {
      x = 8.0;
      y += 16.0;
    }
    if (item.square) {
      out += fmt::format(R"~(<rect x="{}" y="{}" width="12" height="10" fill="{}" fill-opacity="0.8"/>)~",
                         num(x + 5), num(y - 5), item.colour);
    } else if (item.diamond) {
      out += fmt::format(R"~(<path d="M{0} {1} l5 -5 l5 5 l-5 5 z" fill="{2}" stroke="#000"/>)~",
                         num(x + 6), num(y), item.colour);
    } else if (item.line) {
      out += fmt::format(R"~(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="{3}" stroke-width="2"{4}/>)~",
                         num(x), num(x + 22), num(y), item.colour,
                         item.dashed ? R"~( stroke-dasharray="5 3")~" : "");
    } else {
      out += fmt::format(R"~(<circle cx="{}" cy="{}" r="3.5" fill="{}"/>)~", num(x + 11), num(y),
                         item.colour);
    }
    out += fmt::format(R"~(<text x="{}" y="{}" dominant-baseline="middle">{}</text>)~", num(x + 28),
                       num(y), xml_escape(item.label)) + "\n";
    x += w;
  }
  return y;
}

bool inside(double v, double lo, double hi) {
  const double slack = 1e-9 * std::abs(hi - lo);
  return v >= lo - slack && v <= hi + slack;
}

void draw_error_bars(std::string& out, const Point& p, const Scale& x, const Scale& y,
                     const char* c) {
  auto clampy = [&](double v) { return std::clamp(v, y.domain_lo, y.domain_hi); };
  auto clampx = [&](double v) { return std::clamp(v, x.domain_lo, x.domain_hi); };
  if (p.y_low && p.y_high && !(y.log && *p.y_low <= 0.0)) {
    const double px = x(p.x), lo = y(clampy(*p.y_low)), hi = y(clampy(*p.y_high));
    out += fmt::format(R"~(<path d="M{0} {1} V{2} M{3} {1} H{4} M{3} {2} H{4}" stroke="{5}" fill="none"/>)~",
                       num(px), num(lo), num(hi), num(px - 4), num(px + 4), c);
  }
  if (p.x_low && p.x_high && !(x.log && *p.x_low <= 0.0)) {
    const double py = y(p.y), lo = x(clampx(*p.x_low)), hi = x(clampx(*p.x_high));
    out += fmt::format(R"~(<path d="M{0} {1} H{2} M{0} {3} V{4} M{2} {3} V{4}" stroke="{5}" fill="none"/>)~",
                       num(lo), num(py), num(hi), num(py - 4), num(py + 4), c);
  }
}

void draw_series(std::string& out, const Series& s, int index, const Scale& x, const Scale& y) {
  const char* c = colour(s.color >= 0 ? s.color : index);
  const std::string dash = s.dashed ? R"~( stroke-dasharray="6 4")~" : "";
  auto visible = [&](const Point& p) {
    return std::isfinite(p.x) && std::isfinite(p.y) && !(x.log && p.x <= 0.0) &&
           !(y.log && p.y <= 0.0) && inside(p.x, x.domain_lo, x.domain_hi) &&
           inside(p.y, y.domain_lo, y.domain_hi);
  };
  if (s.style == SeriesStyle::Scatter) {
    for (const auto& p : s.points) {
      if (!visible(p)) continue;
      draw_error_bars(out, p, x, y, c);
      out += fmt::format(R"~(<circle cx="{}" cy="{}" r="3.5" fill="{}"/>)~", num(x(p.x)), num(y(p.y)), c);
    }
    out += "\n";
    return;
  }
  // Lines and steps: a point outside the visible range breaks the path.
  std::string d;
  bool pen_down = false;
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const Point& p = s.points[i];
    if (!visible(p)) {
      pen_down = false;
      continue;
    }
    if (!pen_down) {
      d += fmt::format("M{} {}", num(x(p.x)), num(y(p.y)));
      pen_down = true;
    } else if (s.style == SeriesStyle::Step) {
      d += fmt::format(" H{} V{}", num(x(p.x)), num(y(p.y)));
    } else {
      d += fmt::format(" L{} {}", num(x(p.x)), num(y(p.y)));
    }
  }
  if (!d.empty()) {
    out += fmt::format(R"~(<path d="{}" stroke="{}" stroke-width="2" fill="none"{}/>)~", d, c, dash);
  }
  for (const auto& p : s.points) {
    if (visible(p)) draw_error_bars(out, p, x, y, c);
  }
  out += "\n";
}

void draw_reference(std::string& out, const ReferenceLine& r, const Frame& f, const Scale& y) {
  if (!inside(r.y, y.domain_lo, y.domain_hi) || (y.log && r.y <= 0.0)) return;
  const double py = y(r.y);
  out += fmt::format(R"~(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="{3}" stroke-width="1.5" stroke-dasharray="8 4"/>)~",
                     num(f.left), num(f.right), num(py), slo_colour);
  out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="end" fill="{}">{}</text>)~", num(f.right - 4),
                     num(py - 5), slo_colour, xml_escape(r.label)) + "\n";
}

void draw_marker(std::string& out, const Marker& m, const Frame& f, const Scale& x, const Scale& y) {
  if (!inside(m.x, x.domain_lo, x.domain_hi) || !inside(m.y, y.domain_lo, y.domain_hi)) return;
  const double px = x(m.x), py = y(m.y);
  out += fmt::format(R"~(<path d="M{0} {1} l7 -7 l7 7 l-7 7 z" fill="#FFD400" stroke="#000"/>)~",
                     num(px - 7), num(py));
  // Label to the side with more room.
  const bool right = px < 0.5 * (f.left + f.right);
  out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="{}" font-weight="bold">{}</text>)~",
                     num(right ? px + 11 : px - 11), num(py - 9), right ? "start" : "end",
                     xml_escape(m.label)) + "\n";
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) throw Error("chart axis range is not finite");
  if (lo > hi) std::swap(lo, hi);
  if (lo == hi) {
    const double pad = lo == 0.0 ? 1.0 : 0.1 * std::abs(lo);
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step((hi - lo) / std::max(1, target));
  // Integer multiples of the step, so that 0 is exactly a tick and labels stay short.
  const double first = std::floor(lo / step + 1e-9);
  const double last = std::ceil(hi / step - 1e-9);
  std::vector<double> ticks;
  for (double k = first; k <= last; k += 1.0) ticks.push_back(k * step);
  return ticks;
}

std::vector<double> log_ticks(double lo, double hi) {
  if (!(lo > 0.0) || !(hi > 0.0)) throw Error("a logarithmic chart axis needs positive values");
  if (lo > hi) std::swap(lo, hi);
  const int first = static_cast<int>(std::floor(std::log10(lo) + 1e-9));
  int last = static_cast<int>(std::ceil(std::log10(hi) - 1e-9));
  if (last == first) ++last;
  std::vector<double> candidates;
  const bool fine = last - first < 3;
  for (int e = first; e <= last; ++e) {
    const double base = std::pow(10.0, e);
    candidates.push_back(base);
    if (fine && e < last) {
      candidates.push_back(2.0 * base);
      candidates.push_back(5.0 * base);
    }
  }
  // Keep from the largest candidate <= lo to the smallest >= hi.
  std::size_t begin = 0;
  while (begin + 1 < candidates.size() && candidates[begin + 1] <= lo * (1 + 1e-12)) ++begin;
  std::size_t end = candidates.size() - 1;
  while (end > begin + 1 && candidates[end - 1] >= hi * (1 - 1e-12)) --end;
  return {candidates.begin() + static_cast<std::ptrdiff_t>(begin),
          candidates.begin() + static_cast<std::ptrdiff_t>(end) + 1};
}

std::string tick_label(double value) {
  if (std::abs(value) < 1e-12) return "0";
  const double magnitude = std::abs(value);
  if (magnitude >= 1e4 && magnitude < 1e9 && value == std::round(value)) {
    return fmt::format("{:.0f}", value);
  }
  return fmt::format("{:.6g}", value);
}

double Scale::operator()(double value) const {
  double t = 0.0;
  if (log) {
    t = (std::log10(value) - std::log10(domain_lo)) / (std::log10(domain_hi) - std::log10(domain_lo));
  } else {
    t = (value - domain_lo) / (domain_hi - domain_lo);
  }
  return range_lo + t * (range_hi - range_lo);
}

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string render(const LineChart& chart) {
  Range xr, yr;
  for (const auto& s : chart.series) {
    for (const auto& p : s.points) {
      xr.add(p.x, chart.x.log);
      yr.add(p.y, chart.y.log);
      if (p.y_low) yr.add(*p.y_low, chart.y.log);
      if (p.y_high) yr.add(*p.y_high, chart.y.log);
      if (p.x_low) xr.add(*p.x_low, chart.x.log);
      if (p.x_high) xr.add(*p.x_high, chart.x.log);
    }
  }
  for (const auto& r : chart.reference_lines) yr.add(r.y, chart.y.log);
  for (const auto& m : chart.markers) {
    xr.add(m.x, chart.x.log);
    yr.add(m.y, chart.y.log);
  }
  const AxisTicks xt = axis_ticks(chart.x, xr, false, 6);
  const AxisTicks yt = axis_ticks(chart.y, yr, true, 5);

  std::vector<LegendItem> legend;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const auto& s = chart.series[i];
    if (s.label.empty()) continue;
    legend.push_back({s.label, colour(s.color >= 0 ? s.color : static_cast<int>(i)),
                      s.style != SeriesStyle::Scatter, s.dashed, false, false});
  }
  for (const auto& m : chart.markers) {
    if (!m.label.empty()) legend.push_back({m.label, "#FFD400", false, false, true, false});
  }

  std::string out;
  open_svg(out, chart.width, chart.height, chart.standalone, chart.title);
  const double legend_bottom = legend.empty() ? 24.0 : draw_legend(out, legend, chart.width);
  const Frame f{64.0, legend_bottom + 16.0, chart.width - 16.0, chart.height - 42.0};
  const Scale x{xt.lo, xt.hi, f.left, f.right, chart.x.log};
  const Scale y{yt.lo, yt.hi, f.bottom, f.top, chart.y.log};
  draw_y_axis(out, f, y, yt, chart.y.label);
  draw_x_axis(out, f, x, xt, chart.x.label);
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    draw_series(out, chart.series[i], static_cast<int>(i), x, y);
  }
  for (const auto& r : chart.reference_lines) draw_reference(out, r, f, y);
  for (const auto& m : chart.markers) draw_marker(out, m, f, x, y);
  out += "</svg>\n";
  return out;
}

std::string render(const BarChart& chart) {
  Range yr;
  yr.add(0.0, false);
  for (const auto& b : chart.bars) {
    yr.add(b.value, false);
    if (b.high) yr.add(*b.high, false);
    if (b.reference) yr.add(*b.reference, false);
  }
  for (const auto& r : chart.reference_lines) yr.add(r.y, false);
  Axis axis;
  axis.max = chart.max;
  axis.min = 0.0;
  const AxisTicks yt = axis_ticks(axis, yr, true, 5);

  std::vector<LegendItem> legend{{chart.bar_legend, colour(0), false, false, false, true}};
  const bool any_reference = std::any_of(chart.bars.begin(), chart.bars.end(),
                                         [](const Bar& b) { return b.reference.has_value(); });
  if (any_reference) legend.push_back({chart.reference_legend, "#000000", true, false, false, false});

  std::string out;
  open_svg(out, chart.width, chart.height, chart.standalone, chart.title);
  const double legend_bottom = draw_legend(out, legend, chart.width);
  const Frame f{64.0, legend_bottom + 16.0, chart.width - 16.0, chart.height - 42.0};
  const Scale y{yt.lo, yt.hi, f.bottom, f.top, false};
  draw_y_axis(out, f, y, yt, chart.value_label);
  out += fmt::format(R"~(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="#333"/>)~", num(f.left),
                     num(f.right), num(f.bottom));
  const double band = (f.right - f.left) / static_cast<double>(std::max<std::size_t>(1, chart.bars.size()));
  for (std::size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double centre = f.left + band * (static_cast<double>(i) + 0.5);
    const double w = std::min(80.0, band * 0.6);
    const double top = y(std::clamp(b.value, yt.lo, yt.hi));
    out += fmt::format(R"~(<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="0.8"/>)~",
                       num(centre - w / 2), num(top), num(w), num(f.bottom - top), colour(0));
    if (b.low && b.high) {
      const Point p(centre, b.value, *b.low, *b.high);
      const Scale identity{f.left, f.right, f.left, f.right, false};
      draw_error_bars(out, p, identity, y, "#000");
    }
    if (b.reference && inside(*b.reference, yt.lo, yt.hi)) {
      const double py = y(*b.reference);
      out += fmt::format(R"~(<line x1="{0}" y1="{2}" x2="{1}" y2="{2}" stroke="#000" stroke-width="2.5"/>)~",
                         num(centre - w / 2 - 6), num(centre + w / 2 + 6), num(py));
    }
    out += fmt::format(R"~(<text x="{}" y="{}" text-anchor="middle">{}</text>)~", num(centre),
                       num(f.bottom + 17), xml_escape(b.label)) + "\n";
  }
  for (const auto& r : chart.reference_lines) draw_reference(out, r, f, y);
  out += "</svg>\n";
  return out;
}

}  // namespace kendall::report::svg
