#include "plan_wait_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/metrics.hpp"
#include "kendall/model/slo.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/format.hpp"
#include "kendall/report/svg_chart.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report::detail {

namespace {

using planner::WaitDistribution;

std::string configuration_label(const WaitDistribution& d) {
  return fmt::format("{} ({} server{})", d.configuration == "today" ? "today" : "with the plan",
                     d.servers, d.servers == 1 ? "" : "s");
}

std::optional<double> theory_at(const WaitDistribution& d, double level) {
  for (const auto& q : d.analytic) {
    if (std::abs(q.level - level) < 1e-9) return q.value;
  }
  return std::nullopt;
}

// The largest wait worth showing: the simulated upper ends and theory's 99th percentile.
double largest_wait(const std::vector<WaitDistribution>& ds) {
  double top = 0.0;
  for (const auto& d : ds) {
    for (const auto& q : d.simulated) top = std::max(top, q.estimate.ci_high);
    for (const auto& q : d.analytic) {
      if (q.level <= 0.99 + 1e-9) top = std::max(top, q.value);
    }
  }
  return top;
}

// Where a station's SLO sits on the chart: (wait bound, share) for Wq_p95 < 20 ms (at 95%) or
// P(Wq <= 20 s) >= 80% (at 80%).
struct SloPoint {
  double wait = 0.0;
  double level = 0.0;
  std::string text;
};
std::vector<SloPoint> slo_points(const std::vector<planner::SloVerdict>& slos,
                                 const std::string& station) {
  std::vector<SloPoint> out;
  for (const auto& v : slos) {
    if (v.station != station) continue;
    // "agents P(Wq <= 20s) >= 80%" → "P(Wq <= 20s) >= 80%": the chart names the station.
    std::string text = v.slo.starts_with(station + " ") ? v.slo.substr(station.size() + 1) : v.slo;
    if (v.metric == "service_level" && v.wait_at_most) {
      out.push_back({*v.wait_at_most, v.bound, std::move(text)});
    } else if (v.metric.starts_with("Wq_p") && v.upper_bound) {
      if (const auto level = model::quantile_level(v.metric))
        out.push_back({v.bound, *level, std::move(text)});
    }
  }
  return out;
}

}  // namespace

std::optional<page::Figure> plan_wait_figure(const planner::StationPlan& station,
                                             const std::vector<planner::SloVerdict>& slos,
                                             const std::string& time_unit) {
  const auto& ds = station.wait_distributions;
  const bool anything = std::any_of(ds.begin(), ds.end(), [](const WaitDistribution& d) {
    return d.stable && (!d.simulated.empty() || !d.analytic.empty());
  });
  if (!anything) return std::nullopt;
  const std::vector<SloPoint> marks = slo_points(slos, station.name);
  double top = largest_wait(ds);
  for (const auto& m : marks) top = std::max(top, m.wait);
  const DisplayUnit tu = time_unit_for(top > 0.0 ? top / 2.0 : 1.0, time_unit);

  svg::LineChart chart;
  chart.title =
      fmt::format("{}: distribution of the wait Wq, today and with the plan", station.name);
  chart.x.label = fmt::format("wait before service t ({})", tu.name);
  chart.y.label = "P(Wq ≤ t) (%)";
  chart.x.min = 0.0;
  chart.y.min = 0.0;
  chart.y.max = 100.0;
  if (top > 0.0) chart.x.max = svg::nice_ticks(0.0, 1.1 * top * tu.factor, 6).back();

  bool any_theory = false, any_simulated = false;
  for (std::size_t k = 0; k < ds.size(); ++k) {
    const WaitDistribution& d = ds[k];
    if (!d.stable) continue;
    const int color = static_cast<int>(k);
    const std::string label = configuration_label(d);
    if (!d.analytic.empty()) {
      any_theory = true;
      // Theory's curve; the jump at 0 is the share served at once (1 − p_wait).
      svg::Series curve{
          "theory, " + label, svg::SeriesStyle::Line, {}, d.configuration == "today", color};
      curve.points.push_back({0.0, 0.0});
      if (d.analytic_p_wait) curve.points.push_back({0.0, 100.0 * (1.0 - *d.analytic_p_wait)});
      for (const auto& q : d.analytic) {
        if (q.value * tu.factor <= (chart.x.max ? *chart.x.max : q.value * tu.factor))
          curve.points.push_back({q.value * tu.factor, 100.0 * q.level});
      }
      std::stable_sort(curve.points.begin(), curve.points.end(),
                       [](const svg::Point& a, const svg::Point& b) { return a.y < b.y; });
      chart.series.push_back(std::move(curve));
    }
    if (!d.simulated.empty() || d.simulated_p_wait) {
      any_simulated = true;
      svg::Series points{"simulated, " + label, svg::SeriesStyle::Scatter, {}, false, color};
      bool atom = false;
      if (const auto& pw = d.simulated_p_wait; pw && pw->n >= 2) {
        points.points.emplace_back(0.0, 100.0 * (1.0 - pw->mean), 100.0 * (1.0 - pw->ci_high),
                                   100.0 * (1.0 - pw->ci_low));
        atom = true;
      }
      for (const auto& q : d.simulated) {
        // A quantile of 0 only repeats the point P(Wq = 0) already drawn.
        if (atom && q.estimate.ci_high == 0.0) continue;
        points.points.push_back(svg::Point::with_x_interval(
            q.estimate.mean * tu.factor, 100.0 * q.level, q.estimate.ci_low * tu.factor,
            q.estimate.ci_high * tu.factor));
      }
      chart.series.push_back(std::move(points));
    }
  }
  for (const auto& m : marks) {
    chart.markers.push_back({m.wait * tu.factor, 100.0 * m.level, "SLO " + m.text});
  }
  // The shares below those served at once are all at t = 0: start the axis just under them.
  double lowest = 100.0;
  for (const auto& d : ds) {
    if (d.simulated_p_wait) lowest = std::min(lowest, 100.0 * (1.0 - d.simulated_p_wait->ci_high));
    if (d.analytic_p_wait) lowest = std::min(lowest, 100.0 * (1.0 - *d.analytic_p_wait));
    for (const auto& q : d.simulated) {
      if (q.estimate.ci_high > 0.0 || !d.simulated_p_wait)
        lowest = std::min(lowest, 100.0 * q.level);
    }
  }
  for (const auto& m : marks) lowest = std::min(lowest, 100.0 * m.level);
  chart.y.min = std::max(0.0, 10.0 * std::floor((lowest - 5.0) / 10.0));

  // The numbers: P(Wq = 0), then every simulated level (or theory's usual ones).
  std::vector<double> levels;
  for (const auto& d : ds) {
    for (const auto& q : d.simulated) levels.push_back(q.level);
  }
  if (levels.empty()) levels = {0.5, 0.9, 0.95, 0.99};
  for (const auto& m : marks) levels.push_back(m.level);
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end(),
                           [](double a, double b) { return std::abs(a - b) < 1e-9; }),
               levels.end());
  page::Table data{{"P(Wq ≤ t)"}, {}, ""};
  for (const auto& d : ds) {
    data.headers.push_back(
        fmt::format("{}: simulated t ({}) [interval]", configuration_label(d), tu.name));
    data.headers.push_back(fmt::format("{}: theory t ({})", configuration_label(d), tu.name));
  }
  const auto cell = [&](double v) { return format_number(v * tu.factor, 3); };
  {
    std::vector<page::Cell> row{"P(Wq = 0) = 1 − p_wait"};
    for (const auto& d : ds) {
      const auto& pw = d.simulated_p_wait;
      row.emplace_back(pw ? fmt::format("{}% [{}, {}]", format_number(100.0 * (1.0 - pw->mean), 3),
                                        format_number(100.0 * (1.0 - pw->ci_high), 3),
                                        format_number(100.0 * (1.0 - pw->ci_low), 3))
                          : std::string("—"));
      row.emplace_back(d.analytic_p_wait
                           ? format_number(100.0 * (1.0 - *d.analytic_p_wait), 3) + "%"
                           : std::string("—"));
    }
    data.rows.push_back(std::move(row));
  }
  for (double level : levels) {
    std::vector<page::Cell> row{model::quantile_name(model::metric::Wq, level)};
    for (const auto& d : ds) {
      std::string sim = "—";
      for (const auto& q : d.simulated) {
        if (std::abs(q.level - level) < 1e-9)
          sim = fmt::format("{} [{}, {}]", cell(q.estimate.mean), cell(q.estimate.ci_low),
                            cell(q.estimate.ci_high));
      }
      row.emplace_back(sim);
      const auto th = theory_at(d, level);
      row.emplace_back(th ? cell(*th) : std::string("—"));
    }
    data.rows.push_back(std::move(row));
  }

  page::Figure figure;
  figure.svg = svg::render(chart);
  std::string caption =
      "The share of customers whose wait is at most t, today (dashed theory, first colour) and "
      "with the plan (second colour).";
  if (any_simulated)
    caption +=
        " Points: simulated quantiles with their confidence intervals (horizontal bars); the "
        "point at t = 0 is the share served at once, 1 − p_wait.";
  std::string method;
  for (const auto& d : ds) {
    if (method.empty()) method = d.analytic_method;
  }
  if (any_theory)
    caption += " Lines: theory's distribution (" + method + ").";
  else
    caption += " Theory has no waiting-time distribution for this station.";
  if (!any_simulated)
    caption +=
        " Not simulated: theory is exact here (run kendall plan --confirm to add the simulation).";
  if (!marks.empty())
    caption +=
        " SLO markers: the curve must pass on or to the left of each (the wait bound at its "
        "share).";
  figure.caption = std::move(caption);
  figure.data = std::move(data);
  return figure;
}

}  // namespace kendall::report::detail
