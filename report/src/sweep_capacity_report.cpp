#include "kendall/report/sweep_capacity_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/report/atomic_file.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/plan_json.hpp"
#include "kendall/report/svg_chart.hpp"
#include "kendall/report/table.hpp"
#include "kendall/report/tidy_csv.hpp"

namespace kendall::report {

namespace {

using page::Cell;
using page::Mark;

// An axis value for people: rates per second, times in ms, counts as they are.
std::string axis_value(const planner::SweepAxis& a, double v, const std::string& unit) {
  if (a.field == "rate") return format_metric("lambda", v, unit);
  if (a.field == "service_mean") return format_metric("W", v, unit);
  return format_number(v, 6);
}

DisplayUnit axis_unit(const planner::SweepAxis& a, const std::string& unit) {
  const double typical = a.values.empty() ? 1.0 : a.values.back();
  if (a.field == "rate") return rate_unit_for(typical, unit);
  if (a.field == "service_mean") return time_unit_for(typical, unit);
  return {"", 1.0};
}

std::string point_label(const planner::SweepResult& s, const planner::SweepPoint& p) {
  std::string label;
  for (std::size_t k = 0; k < s.axes.size() && k < p.coordinates.size(); ++k) {
    label += (k ? ";" : "") + s.axes[k].parameter + "=" + fmt::format("{}", p.coordinates[k]);
  }
  return label;
}

// Curves of one metric at one station: x = the first axis, one series per value of the
// second axis (if any); theory as lines, simulation as points with intervals.
std::optional<page::Figure> metric_figure(const SweepReportInput& in, const std::string& station,
                                          const std::string& metric) {
  const auto& s = in.sweep;
  if (s.axes.empty()) return std::nullopt;
  const std::string& unit = s.time_unit;
  const auto& x_axis = s.axes.front();
  const DisplayUnit xu = axis_unit(x_axis, unit);
  double typical = 0.0;
  for (const auto& p : s.points) {
    for (const auto& st : p.stations) {
      if (st.name != station) continue;
      if (st.simulated) {
        if (const auto e = st.simulated->metrics.get(metric)) typical = std::max(typical, e->mean);
      }
      if (st.analytic && st.analytic->stable) typical = std::max(typical, st.analytic->metrics.get(metric).value_or(0.0));
    }
  }
  if (typical == 0.0) return std::nullopt;
  const DisplayUnit yu = unit_for(metric, typical, unit);
  svg::LineChart chart;
  chart.title = fmt::format("{} at {} as {} varies", metric, station, x_axis.parameter);
  chart.x.label = x_axis.parameter + (xu.name.empty() ? "" : " (" + xu.name + ")");
  chart.y.label = metric + (yu.name.empty() ? "" : " (" + yu.name + ")");
  const std::size_t groups = s.axes.size() > 1 ? s.axes[1].values.size() : 1;
  page::Table data{{x_axis.parameter}, {}, ""};
  if (s.axes.size() > 1) data.headers.push_back(s.axes[1].parameter);
  data.headers.insert(data.headers.end(), {"theory", "simulated", "CI low", "CI high"});
  bool any_theory = false;
  double y_top = 0.0;
  for (std::size_t g = 0; g < groups; ++g) {
    const std::string suffix = s.axes.size() > 1 ? ", " + s.axes[1].parameter + " = " + axis_value(s.axes[1], s.axes[1].values[g], unit) : "";
    svg::Series theory{"theory" + suffix, svg::SeriesStyle::Line, {}, false, static_cast<int>(g)};
    svg::Series simulated{"simulated (CI)" + suffix, svg::SeriesStyle::Scatter, {}, false, static_cast<int>(g)};
    for (std::size_t i = 0; i < s.points.size(); ++i) {
      const auto& p = s.points[i];
      if (s.axes.size() > 1 && (p.coordinates.size() < 2 || p.coordinates[1] != s.axes[1].values[g])) continue;
      const double x = p.coordinates.front() * xu.factor;
      std::vector<Cell> row{axis_value(x_axis, p.coordinates.front(), unit)};
      if (s.axes.size() > 1) row.emplace_back(axis_value(s.axes[1], p.coordinates[1], unit));
      std::string t = "—", m = "—", lo, hi;
      for (const auto& st : p.stations) {
        if (st.name != station) continue;
        if (st.analytic && st.analytic->stable) {
          if (const auto v = st.analytic->metrics.get(metric)) {
            theory.points.emplace_back(x, *v * yu.factor);
            t = format_number(*v * yu.factor, 4);
          }
        } else if (st.analytic) {
          t = "unstable";
        }
        if (st.simulated && !st.simulated->unstable && p.finished) {
          if (const auto e = st.simulated->metrics.get(metric)) {
            simulated.points.emplace_back(x, e->mean * yu.factor, e->ci_low * yu.factor, e->ci_high * yu.factor);
            m = format_number(e->mean * yu.factor, 4);
            lo = format_number(e->ci_low * yu.factor, 4);
            hi = format_number(e->ci_high * yu.factor, 4);
            y_top = std::max(y_top, e->ci_high * yu.factor);
          }
        } else if (st.simulated && st.simulated->unstable) {
          m = "unstable";
        }
      }
      row.insert(row.end(), {t, m, lo, hi});
      data.rows.push_back(std::move(row));
    }
    any_theory = any_theory || !theory.points.empty();
    if (!theory.points.empty()) chart.series.push_back(std::move(theory));
    if (!simulated.points.empty()) chart.series.push_back(std::move(simulated));
  }
  if (chart.series.empty()) return std::nullopt;
  for (const auto& slo : in.slos) {
    if (slo.station == station && slo.metric == metric) {
      chart.reference_lines.push_back({slo.bound * yu.factor, "SLO " + slo.text});
      y_top = std::max(y_top, slo.bound * yu.factor);
    }
  }
  // Theory near saturation shoots up: keep the simulated range readable.
  for (const auto& series : chart.series) {
    for (const auto& pt : series.points) {
      if (series.style == svg::SeriesStyle::Scatter) y_top = std::max(y_top, pt.y);
    }
  }
  if (y_top > 0.0 && metric_kind(metric) != MetricKind::Fraction) chart.y.max = svg::nice_ticks(0.0, 1.3 * y_top, 5).back();
  if (metric_kind(metric) == MetricKind::Fraction) chart.y.max = 100.0;
  page::Figure f;
  f.svg = svg::render(chart);
  f.caption = std::string(any_theory ? "Lines: theory; " : "") +
              "points: simulated means with their confidence intervals" +
              (s.common_random_numbers ? " (common random numbers: neighbouring points share random streams, so "
                                         "their differences are far less noisy than the intervals suggest)."
                                       : ".");
  f.data = std::move(data);
  return f;
}

}  // namespace

page::Page build_sweep_page(const SweepReportInput& in) {
  const auto& s = in.sweep;
  page::Page pg;
  pg.title = "What-if sweep — " + s.scenario;
  pg.subtitle = in.scenario.description;

  page::Section summary{"Summary", "summary", {}};
  std::string axes;
  for (const auto& a : s.axes) {
    axes += (axes.empty() ? "" : " and ") + fmt::format("{} from {} to {} ({} values)", a.parameter,
                                                       axis_value(a, a.values.front(), s.time_unit),
                                                       axis_value(a, a.values.back(), s.time_unit), a.values.size());
  }
  std::size_t unstable = 0, finished = 0;
  for (const auto& p : s.points) {
    unstable += p.stable ? 0 : 1;
    finished += p.finished ? 1 : 0;
  }
  summary.blocks.push_back(page::callout(fmt::format(
      "{} points: {}. {}{}", s.points.size(), axes,
      unstable > 0 ? fmt::format("{} point(s) are unstable (the queue grows without bound). ", unstable) : "",
      s.simulated ? fmt::format("Each simulated with {} replications (seed {}).", s.replications, s.seed)
                  : "Theory only (not simulated).")));
  if (!s.complete) {
    summary.blocks.push_back(page::callout(fmt::format(
        "INTERRUPTED: {} of {} points finished their simulation; the others show theory only.", finished, s.points.size())));
  }
  pg.sections.push_back(std::move(summary));

  page::Section curves{"Curves", "curves", {}};
  for (const auto& st : in.scenario.stations) {
    for (const char* m : {"Wq", "W", "Wq_p95", "utilization"}) {
      if (auto f = metric_figure(in, st.name, m)) curves.blocks.push_back(page::figure(std::move(*f)));
    }
  }
  if (curves.blocks.empty()) curves.blocks.push_back(page::paragraph("Nothing to draw: no point has a value."));
  pg.sections.push_back(std::move(curves));

  page::Section points{"Every point", "points", {}};
  page::Table t{{}, {}, ""};
  for (const auto& a : s.axes) t.headers.push_back(a.parameter);
  t.headers.insert(t.headers.end(), {"station", "utilization", "Wq theory", "Wq simulated [interval]", "W simulated [interval]", "method"});
  for (const auto& p : s.points) {
    for (const auto& st : p.stations) {
      std::vector<Cell> row;
      for (std::size_t k = 0; k < s.axes.size() && k < p.coordinates.size(); ++k) row.emplace_back(axis_value(s.axes[k], p.coordinates[k], s.time_unit));
      row.emplace_back(st.name);
      auto sim = [&](const char* m) -> std::string {
        if (!st.simulated || !p.finished) return "—";
        if (st.simulated->unstable && std::string_view(m) != "utilization") return "unstable";
        const auto e = st.simulated->metrics.get(m);
        return e ? format_estimate(m, *e, s.time_unit) : "—";
      };
      row.emplace_back(sim("utilization"));
      std::string theory = "—";
      if (st.analytic) {
        theory = !st.analytic->stable ? "unstable"
                 : st.analytic->metrics.has("Wq") ? format_metric("Wq", *st.analytic->metrics.get("Wq"), s.time_unit) : "—";
      }
      row.emplace_back(theory, theory == "unstable" ? Mark::Fail : Mark::None);
      row.emplace_back(sim("Wq"));
      row.emplace_back(sim("W"));
      row.emplace_back(st.analytic ? st.analytic->method : st.analytic_reason);
      t.rows.push_back(std::move(row));
    }
  }
  points.blocks.push_back(page::table(std::move(t)));
  pg.sections.push_back(std::move(points));

  page::Section methods{"Assumptions and methods", "methods", {}};
  std::vector<std::string> lines{
      fmt::format("Theory at every point: the scenario solver (exact where the model is exact, else the labelled approximation)."),
      s.simulated ? fmt::format("Simulation at every point: {} replications, seed {}, {}% confidence intervals.", s.replications,
                                s.seed, format_number(100 * s.confidence, 3))
                  : "No simulation (--no-sim).",
      s.common_random_numbers ? "Common random numbers: every point uses the same random stream per replication."
                              : "Independent random numbers at every point.",
      "Points run in parallel; the results do not depend on the thread count."};
  lines.insert(lines.end(), s.notes.begin(), s.notes.end());
  methods.blocks.push_back(page::bullets(lines));
  pg.sections.push_back(std::move(methods));
  pg.footer = footer_lines(in.provenance);
  return pg;
}

nlohmann::ordered_json sweep_report_json(const SweepReportInput& in) {
  auto out = to_json(in.sweep);
  out["provenance"] = to_json(in.provenance);
  return out;
}

std::string sweep_report_csv(const SweepReportInput& in) {
  const auto& s = in.sweep;
  std::vector<TidyRow> rows;
  for (const auto& p : s.points) {
    const std::string point = point_label(s, p);
    for (const auto& st : p.stations) {
      const model::Metrics* analytic = st.analytic && st.analytic->stable ? &st.analytic->metrics : nullptr;
      const std::string method = st.analytic ? st.analytic->method : "";
      // Every metric either side has, simulated ones in their order first.
      std::vector<std::string> names;
      if (st.simulated && p.finished) {
        for (const auto& e : st.simulated->metrics.entries()) names.push_back(e.first);
      }
      if (analytic != nullptr) {
        for (const auto& e : analytic->entries()) {
          if (std::find(names.begin(), names.end(), e.first) == names.end()) names.push_back(e.first);
        }
      }
      for (const auto& name : names) {
        TidyRow r{s.scenario, point, st.name, "", name, std::nullopt, "", std::nullopt, s.time_unit, s.seed};
        if (analytic != nullptr && analytic->has(name)) {
          r.analytic = analytic->get(name);
          r.analytic_method = method;
        }
        if (st.simulated && p.finished) r.simulated = st.simulated->metrics.get(name);
        rows.push_back(std::move(r));
      }
    }
  }
  return to_csv(rows);
}

std::string render_sweep_report(const SweepReportInput& in, ReportFormat format) {
  switch (format) {
    case ReportFormat::Html: return page::to_html(build_sweep_page(in));
    case ReportFormat::Markdown: return page::to_markdown(build_sweep_page(in));
    case ReportFormat::Json: return sweep_report_json(in).dump(2) + "\n";
    case ReportFormat::Csv: return sweep_report_csv(in);
  }
  return {};
}

void write_sweep_report(const std::filesystem::path& path, const SweepReportInput& input) {
  const ReportFormat format = report_format_for(path);
  write_file_atomically(path, [&](std::ostream& out) { out << render_sweep_report(input, format); });
}

}  // namespace kendall::report
