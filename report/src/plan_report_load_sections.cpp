// The sections of a capacity plan about load: headroom with its load table, waiting time,
// utilization.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/scenario_solver.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/report_charts.hpp"
#include "kendall/report/svg_chart.hpp"
#include "kendall/report/table.hpp"

#include "plan_report_parts.hpp"
#include "plan_wait_chart.hpp"

namespace kendall::report::plan_detail {

using page::Cell;
using page::Mark;
using planner::SloVerdict;

std::vector<page::Figure> load_table_figures(const planner::Headroom& h, const std::string& unit) {
  std::vector<page::Figure> out;
  if (h.load_table.empty()) return out;
  for (const bool times : {true, false}) {
    svg::LineChart chart;
    chart.title = times ? "SLO times as all traffic grows (with the plan)"
                        : "SLO shares and utilizations as all traffic grows (with the plan)";
    chart.x.label = "traffic (× today)";
    double typical = 0.0;
    const auto& first = h.load_table.front().verdicts;
    for (const auto& v : first) {
      if ((metric_kind(v.metric) == MetricKind::Time) == times)
        typical = std::max(typical, v.bound);
    }
    if (typical == 0.0) continue;
    const DisplayUnit u = times ? time_unit_for(typical, unit) : DisplayUnit{"%", 100.0};
    chart.y.label = times ? "time (" + u.name + ")" : "value (%)";
    page::Table data{{"load × today"}, {}, ""};
    double y_top = 0.0;
    for (std::size_t k = 0; k < first.size(); ++k) {
      const auto& proto = first[k];
      if ((metric_kind(proto.metric) == MetricKind::Time) != times) continue;
      data.headers.push_back(proto.slo);
      svg::Series s{proto.slo, svg::SeriesStyle::Line, {}, false, static_cast<int>(k)};
      for (const auto& lp : h.load_table) {
        if (k >= lp.verdicts.size() || !lp.verdicts[k].value) continue;
        const auto& val = *lp.verdicts[k].value;
        svg::Point pt(lp.factor, val.value * u.factor);
        if (val.simulated && val.simulated->n >= 2) {
          pt = svg::Point(lp.factor, val.simulated->mean * u.factor,
                          val.simulated->ci_low * u.factor, val.simulated->ci_high * u.factor);
        }
        s.points.push_back(pt);
      }
      chart.series.push_back(std::move(s));
      chart.reference_lines.push_back({proto.bound * u.factor, "SLO " + proto.slo});
      y_top = std::max(y_top, proto.bound * u.factor);
    }
    for (const auto& lp : h.load_table) {
      std::vector<Cell> row{format_number(lp.factor, 3)};
      for (std::size_t k = 0; k < lp.verdicts.size(); ++k) {
        if ((metric_kind(lp.verdicts[k].metric) == MetricKind::Time) != times) continue;
        row.emplace_back(
            lp.verdicts[k].value ? format_in(lp.verdicts[k].value->value, u) : std::string("—"),
            lp.verdicts[k].pass ? Mark::None : Mark::Fail);
      }
      data.rows.push_back(std::move(row));
    }
    for (const auto& s : chart.series) {
      for (const auto& pt : s.points) {
        if (pt.x == 1.0)
          chart.markers.push_back({1.0, pt.y, chart.markers.empty() ? "today's load" : ""});
      }
    }
    chart.y.max = times ? svg::nice_ticks(0.0, 2.0 * y_top, 5).back() : 100.0;
    page::Figure f;
    f.svg = svg::render(chart);
    f.caption =
        "Each SLO metric at 0.8×, 1×, 1.2×, 1.5× today's traffic and at the breaking factor, with "
        "the "
        "recommended servers (simulated means with intervals where simulated); dashed red lines "
        "are the bounds.";
    f.data = std::move(data);
    out.push_back(std::move(f));
  }
  return out;
}

page::Section headroom_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Headroom", "headroom", {}};
  auto describe = [&](const planner::Headroom& h, const char* label) {
    if (h.factor) {
      return fmt::format(
          "{}: all arrival rates can grow together by {}× before {} breaks ({}{}; {}{}).", label,
          format_number(*h.factor, 3), h.bottleneck.empty() ? "an end-to-end SLO" : h.bottleneck,
          h.breaking_slo, h.interval.empty() ? "" : " in " + h.interval, h.method,
          h.confirmed_by_simulation ? ", confirmed by simulation" : "");
    }
    return fmt::format("{}: no growth factor meets every SLO{}.", label,
                       h.notes.empty() ? std::string() : " — " + h.notes.front());
  };
  std::vector<std::string> lines{describe(p.headroom, "With the plan")};
  if (p.headroom_today) lines.push_back(describe(*p.headroom_today, "With today's servers"));
  section.blocks.push_back(page::bullets(lines));
  if (!p.headroom.load_table.empty()) {
    page::Table t{{"traffic × today", "meets every SLO"}, {}, "Load table (with the plan)"};
    for (const auto& v : p.headroom.load_table.front().verdicts) t.headers.push_back(v.slo);
    for (const auto& lp : p.headroom.load_table) {
      std::vector<Cell> row{format_number(lp.factor, 3),
                            lp.meets ? Cell{"yes", Mark::Pass}
                                     : Cell{lp.stable ? "no" : "no (unstable)", Mark::Fail}};
      for (const auto& v : lp.verdicts)
        row.emplace_back(value_text(v, p.time_unit), v.pass ? Mark::None : Mark::Fail);
      t.rows.push_back(std::move(row));
    }
    section.blocks.push_back(page::table(std::move(t)));
  }
  for (auto& f : load_table_figures(p.headroom, p.time_unit))
    section.blocks.push_back(page::figure(std::move(f)));
  // Theory's curve for the bottleneck with the recommended servers.
  const auto b = in.scenario.find_station(p.headroom.bottleneck.empty() && !p.stations.empty()
                                              ? p.stations.front().name
                                              : p.headroom.bottleneck);
  if (b) {
    const model::Scenario sc = with_servers(in.scenario, p, true);
    std::vector<charts::SloLine> slos;
    for (const auto& v : p.slos)
      slos.push_back({v.station, v.metric, v.bound, v.slo, v.upper_bound, v.wait_at_most});
    model::ScenarioSolution solution;
    try {
      solution = model::solve_scenario(sc);
      if (auto f = charts::load_figure(sc, *b, nullptr, slos, charts::max_load_factor(&solution))) {
        f->caption = "With the recommended servers. " + f->caption;
        section.blocks.push_back(page::figure(std::move(*f)));
      }
    } catch (const std::exception&) {
    }
  }
  return section;
}

page::Section wait_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Waiting time", "waiting-time", {}};
  for (const auto& s : p.stations) {
    if (auto f = detail::plan_wait_figure(s, p.slos, p.time_unit))
      section.blocks.push_back(page::figure(std::move(*f)));
  }
  return section;
}

page::Section utilization_section(const PlanReportInput& in) {
  const auto& p = in.plan;
  page::Section section{"Utilization", "utilization", {}};
  const model::Scenario today = with_servers(in.scenario, p, false);
  const model::Scenario planned = with_servers(in.scenario, p, true);
  svg::BarChart chart;
  chart.title = "Utilization by station: with the plan (bars) and today (ticks), theory";
  chart.value_label = "utilization (%)";
  chart.bar_legend = "with the plan";
  chart.reference_legend = "today";
  page::Table data{{"station", "today", "with the plan"}, {}, ""};
  try {
    const auto a = model::solve_scenario(today);
    const auto b = model::solve_scenario(planned);
    for (std::size_t i = 0; i < planned.stations.size(); ++i) {
      if (planned.stations[i].infinite_servers()) continue;
      const auto& rb = b.stations[i].result;
      const auto& ra = a.stations[i].result;
      if (!rb) continue;
      const auto ub = rb->metrics.get("utilization");
      if (!ub) continue;
      svg::Bar bar{planned.stations[i].name, 100.0 * *ub, std::nullopt, std::nullopt, std::nullopt};
      std::string today_text = "—";
      if (ra) {
        if (const auto ua = ra->metrics.get("utilization")) {
          bar.reference = 100.0 * *ua;
          today_text = format_number(100.0 * *ua, 3) + "%";
        }
      }
      chart.bars.push_back(bar);
      data.rows.push_back({bar.label, today_text, format_number(bar.value, 3) + "%"});
    }
  } catch (const std::exception&) {
  }
  if (chart.bars.empty()) {
    section.blocks.push_back(
        page::paragraph("Theory gives no utilization for these stations (see Methods)."));
    return section;
  }
  double top = 100.0;
  for (const auto& b : chart.bars) top = std::max({top, b.value, b.reference.value_or(0.0)});
  if (top <= 100.0) chart.max = 100.0;
  for (const auto& v : p.slos) {
    if (v.metric == "utilization") {
      bool seen = false;
      for (const auto& r : chart.reference_lines) seen = seen || r.y == 100.0 * v.bound;
      if (!seen)
        chart.reference_lines.push_back(
            {100.0 * v.bound, "SLO utilization < " + format_number(100.0 * v.bound, 3) + "%"});
    }
  }
  page::Figure f{svg::render(chart),
                 "Bars: utilization with the recommended servers; black ticks: today's.",
                 std::move(data)};
  section.blocks.push_back(page::figure(std::move(f)));
  return section;
}

}  // namespace kendall::report::plan_detail
