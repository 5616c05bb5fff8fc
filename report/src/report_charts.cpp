#include "kendall/report/report_charts.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "kendall/model/metrics.hpp"
#include "kendall/model/units.hpp"
#include "kendall/report/display_units.hpp"
#include "kendall/report/load_curve.hpp"
#include "kendall/report/svg_chart.hpp"
#include "kendall/report/table.hpp"

namespace kendall::report::charts {

namespace {

double total_arrival_rate(const model::Scenario& s) {
  double rate = 0.0;
  for (const auto& a : s.arrivals) rate += a.rate();
  return rate;
}

// "Wq_p95" → 0.95; not a quantile of `base` → nullopt.
std::optional<double> quantile_level(const std::string& name, const std::string& base) {
  const std::string prefix = base + "_p";
  if (!name.starts_with(prefix)) return std::nullopt;
  try {
    std::size_t used = 0;
    const std::string digits = name.substr(prefix.size());
    const double percent = std::stod(digits, &used);
    if (used != digits.size()) return std::nullopt;
    return percent / 100.0;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string cell(double v, const DisplayUnit& u) { return format_number(v * u.factor, 4); }

}  // namespace

std::vector<SloLine> slo_lines(const model::Scenario& scenario) {
  std::vector<SloLine> out;
  for (const auto& slo : scenario.slos) {
    auto line = [&](std::string station) {
      return SloLine{std::move(station), slo.metric,      slo.bound,
                     slo.text,           slo.upper_bound, slo.wait_at_most};
    };
    switch (slo.scope) {
      case model::SloScope::Station:
        if (slo.station && *slo.station < scenario.stations.size()) {
          out.push_back(line(scenario.stations[*slo.station].name));
        }
        break;
      case model::SloScope::AllStations:
        for (const auto& s : scenario.stations) {
          SloLine l = line(s.name);
          l.text = s.name + " " + slo.metric + (slo.upper_bound ? " < " : " > ") +
                   format_metric(slo.metric, slo.bound, scenario.time_unit);
          out.push_back(std::move(l));
        }
        break;
      case model::SloScope::Network:
        out.push_back(line(""));
        break;
    }
  }
  return out;
}

std::vector<double> slo_quantile_levels(const std::vector<SloLine>& slos) {
  std::vector<double> levels;
  for (const auto& slo : slos) {
    if (slo.metric == "service_level" && slo.wait_at_most && slo.bound > 0.0 && slo.bound < 1.0)
      levels.push_back(slo.bound);
  }
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  return levels;
}

double max_load_factor(const model::ScenarioSolution* solution) {
  if (solution != nullptr && solution->network && solution->network->max_arrival_scaling) {
    return std::min(2.0, 0.97 * *solution->network->max_arrival_scaling);
  }
  return 1.5;
}

std::optional<page::Figure> load_figure(const model::Scenario& scenario, std::size_t station,
                                        const sim::StationResult* simulated,
                                        const std::vector<SloLine>& slos, double max_factor) {
  const double lo = 0.25;
  const double hi = std::max(max_factor, 1.05);
  std::vector<double> factors;
  constexpr int steps = 40;
  for (int i = 0; i <= steps; ++i) factors.push_back(lo + (hi - lo) * i / steps);
  if (std::find(factors.begin(), factors.end(), 1.0) == factors.end()) factors.push_back(1.0);
  std::sort(factors.begin(), factors.end());
  const auto curve = analytic_load_curve(scenario, station, factors, {0.95});
  if (!curve) return std::nullopt;
  const std::string& name = scenario.stations[station].name;
  const std::string& unit = scenario.time_unit;

  // Units from today's values, so today's point reads as a plain number.
  double typical_time = 0.0;
  for (const auto& p : curve->points) {
    if (p.factor == 1.0) typical_time = p.metrics.get("W").value_or(0.0);
  }
  if (typical_time == 0.0 && simulated != nullptr) {
    typical_time = simulated->metrics.get("W").value_or(sim::Estimate{}).mean;
  }
  const DisplayUnit tu = time_unit_for(typical_time, unit);
  const double today_rate = total_arrival_rate(scenario);
  const DisplayUnit ru = rate_unit_for(today_rate, unit);

  const std::vector<std::string> metrics = {"W", "Wq", "Wq_p95"};
  svg::LineChart chart;
  chart.title = fmt::format("{}: time in station and waiting time as traffic grows", name);
  chart.x.label = fmt::format("arrival rate into the system ({})", ru.name);
  chart.y.label = fmt::format("time ({})", tu.name);
  page::Table data{{"arrival rate (" + ru.name + ")", "load × today"}, {}, "Theory at each load"};
  for (const auto& m : metrics) data.headers.push_back(m + " (" + tu.name + ")");
  double y_top = 0.0;
  for (std::size_t k = 0; k < metrics.size(); ++k) {
    svg::Series s{metrics[k] + ", theory", svg::SeriesStyle::Line, {}, k == 2, static_cast<int>(k)};
    for (const auto& p : curve->points) {
      if (const auto v = p.metrics.get(metrics[k]))
        s.points.push_back({p.arrival_rate * ru.factor, *v * tu.factor});
    }
    if (!s.points.empty()) chart.series.push_back(std::move(s));
  }
  for (const auto& p : curve->points) {
    std::vector<page::Cell> row{cell(p.arrival_rate, ru), format_number(p.factor, 3)};
    for (const auto& m : metrics) {
      const auto v = p.metrics.get(m);
      row.emplace_back(v ? cell(*v, tu) : std::string("unstable"));
    }
    data.rows.push_back(std::move(row));
  }
  if (simulated != nullptr) {
    for (std::size_t k = 0; k < metrics.size(); ++k) {
      if (const auto e = simulated->metrics.get(metrics[k])) {
        chart.series.push_back({metrics[k] + ", simulated today (CI)",
                                svg::SeriesStyle::Scatter,
                                {{today_rate * ru.factor, e->mean * tu.factor,
                                  e->ci_low * tu.factor, e->ci_high * tu.factor}},
                                false,
                                static_cast<int>(k)});
        y_top = std::max(y_top, e->ci_high * tu.factor);
      }
    }
    if (const auto w = simulated->metrics.get("W")) {
      chart.markers.push_back({today_rate * ru.factor, w->mean * tu.factor, "today"});
    }
  }
  for (const auto& slo : slos) {
    if (slo.station != name || metric_kind(slo.metric) != MetricKind::Time) continue;
    chart.reference_lines.push_back({slo.bound * tu.factor, "SLO " + slo.text});
    y_top = std::max(y_top, slo.bound * tu.factor);
  }
  // Near saturation the curves shoot up; keep the interesting part readable.
  for (const auto& s : chart.series) {
    for (const auto& p : s.points) {
      if (s.style == svg::SeriesStyle::Line && p.x <= today_rate * ru.factor * 1.0001)
        y_top = std::max(y_top, p.y);
    }
  }
  if (y_top > 0.0) chart.y.max = svg::nice_ticks(0.0, 2.5 * y_top, 5).back();
  page::Figure figure;
  figure.svg = svg::render(chart);
  figure.caption = fmt::format(
      "Lines: theory ({}) for {} as every arrival rate is scaled from {}× to {}× today's; "
      "points: today's simulated means with their confidence intervals; dashed red: SLO bounds.",
      curve->method, name, format_number(lo, 2), format_number(hi, 3));
  figure.data = std::move(data);
  return figure;
}

std::optional<page::Figure> utilization_figure(const model::Scenario& scenario,
                                               const std::vector<sim::StationResult>& simulated,
                                               const model::ScenarioSolution* solution,
                                               const std::vector<SloLine>& slos) {
  svg::BarChart chart;
  chart.title = "Utilization by station";
  chart.value_label = "utilization (%)";
  chart.bar_legend = "simulated (with CI)";
  chart.reference_legend = "theory";
  page::Table data{{"station", "simulated", "CI low", "CI high", "theory"}, {}, ""};
  for (std::size_t i = 0; i < simulated.size() && i < scenario.stations.size(); ++i) {
    if (scenario.stations[i].infinite_servers()) continue;
    const auto u = simulated[i].metrics.get("utilization");
    if (!u) continue;
    svg::Bar bar{simulated[i].name, 100.0 * u->mean, 100.0 * u->ci_low, 100.0 * u->ci_high, {}};
    std::string theory;
    if (solution != nullptr && i < solution->stations.size() && solution->stations[i].result) {
      if (const auto a = solution->stations[i].result->metrics.get("utilization")) {
        bar.reference = 100.0 * *a;
        theory = format_number(100.0 * *a, 3) + "%";
      }
    }
    chart.bars.push_back(bar);
    data.rows.push_back({simulated[i].name, format_number(bar.value, 3) + "%",
                         format_number(*bar.low, 3) + "%", format_number(*bar.high, 3) + "%",
                         theory});
  }
  if (chart.bars.empty()) return std::nullopt;
  double top = 100.0;
  for (const auto& b : chart.bars) top = std::max(top, b.high.value_or(b.value));
  chart.max = top > 100.0 ? std::optional<double>{} : std::optional<double>{100.0};
  bool added = false;
  for (const auto& slo : slos) {
    if (slo.metric != "utilization") continue;
    // One line per bound: `station: all` expands to the same bound at every station.
    bool seen = false;
    for (const auto& r : chart.reference_lines) seen = seen || r.y == 100.0 * slo.bound;
    if (!seen)
      chart.reference_lines.push_back(
          {100.0 * slo.bound, "SLO utilization < " + format_number(100.0 * slo.bound, 3) + "%"});
    added = true;
  }
  (void)added;
  page::Figure figure;
  figure.svg = svg::render(chart);
  figure.caption =
      "Bars: simulated utilization (busy fraction of each server) with its confidence interval; "
      "black ticks: theory.";
  figure.data = std::move(data);
  return figure;
}

std::optional<page::Figure> wait_cdf_figure(const model::Scenario& scenario, std::size_t station,
                                            const sim::StationResult& simulated) {
  struct Level {
    double p;
    sim::Estimate e;
  };
  std::vector<Level> levels;
  for (const auto& [name, e] : simulated.metrics.entries()) {
    if (const auto p = quantile_level(name, "Wq")) levels.push_back({*p, e});
  }
  if (levels.empty() || simulated.unstable) return std::nullopt;
  const std::string& unit = scenario.time_unit;
  double typical = levels.back().e.mean;
  const DisplayUnit tu = time_unit_for(
      typical > 0.0 ? typical : simulated.metrics.get("W").value_or(sim::Estimate{}).mean, unit);

  svg::LineChart chart;
  const std::string& name = scenario.stations[station].name;
  chart.title = fmt::format("{}: distribution of the waiting time Wq", name);
  chart.x.label = fmt::format("wait before service t ({})", tu.name);
  chart.y.label = "P(Wq ≤ t) (%)";
  chart.y.min = 0.0;
  chart.y.max = 100.0;
  page::Table data{
      {"level", "simulated Wq (" + tu.name + ")", "CI low", "CI high", "theory"}, {}, ""};

  // Theory's curve from many quantile levels; the atom at 0 shows as a vertical rise.
  std::optional<model::Metrics> analytic_levels;
  std::vector<double> grid;
  for (int i = 1; i <= 99; ++i) grid.push_back(i / 100.0);
  grid.push_back(0.995);
  grid.push_back(0.999);
  try {
    model::QueryOptions query;
    query.quantiles = grid;
    const auto solution = model::solve_scenario(scenario, query);
    const auto& r = solution.stations[station].result;
    if (r && r->stable && r->metrics.has("Wq_p50")) analytic_levels = r->metrics;
  } catch (const std::exception&) {
  }
  std::string method;
  if (analytic_levels) {
    svg::Series curve{"theory", svg::SeriesStyle::Line, {}, false, 0};
    if (const auto pw = analytic_levels->get("p_wait"))
      curve.points.push_back({0.0, 100.0 * (1.0 - *pw)});
    for (double p : grid) {
      if (const auto v = analytic_levels->get(model::quantile_name("Wq", p))) {
        curve.points.push_back({*v * tu.factor, 100.0 * p});
      }
    }
    std::sort(curve.points.begin(), curve.points.end(),
              [](const svg::Point& a, const svg::Point& b) { return a.y < b.y; });
    curve.points.insert(curve.points.begin(), svg::Point{0.0, 0.0});
    chart.series.push_back(std::move(curve));
  }
  svg::Series points{"simulated (CI)", svg::SeriesStyle::Scatter, {}, false, 1};
  double x_top = 0.0;
  // P(Wq <= 0) = 1 − p_wait: the share of customers served at once.
  if (const auto pw = simulated.metrics.get("p_wait"); pw && pw->n >= 2) {
    points.points.emplace_back(0.0, 100.0 * (1.0 - pw->mean), 100.0 * (1.0 - pw->ci_high),
                               100.0 * (1.0 - pw->ci_low));
    data.rows.push_back({"1 − p_wait = P(Wq = 0)", format_number(100.0 * (1.0 - pw->mean), 3) + "%",
                         format_number(100.0 * (1.0 - pw->ci_high), 3) + "%",
                         format_number(100.0 * (1.0 - pw->ci_low), 3) + "%", ""});
  }
  const bool atom_drawn = !points.points.empty();
  for (const auto& l : levels) {
    // A quantile of 0 only repeats the point P(Wq = 0) already drawn.
    if (atom_drawn && l.e.ci_high == 0.0) continue;
    const auto p = svg::Point::with_x_interval(l.e.mean * tu.factor, 100.0 * l.p,
                                               l.e.ci_low * tu.factor, l.e.ci_high * tu.factor);
    x_top = std::max(x_top, l.e.ci_high * tu.factor);
    points.points.push_back(p);
    std::string theory;
    if (analytic_levels) {
      if (const auto v = analytic_levels->get(model::quantile_name("Wq", l.p)))
        theory = cell(*v, tu);
    }
    data.rows.push_back({model::quantile_name("Wq", l.p), cell(l.e.mean, tu), cell(l.e.ci_low, tu),
                         cell(l.e.ci_high, tu), theory});
  }
  chart.series.push_back(std::move(points));
  if (x_top > 0.0) chart.x.max = svg::nice_ticks(0.0, 1.15 * x_top, 6).back();
  chart.x.min = 0.0;
  page::Figure figure;
  figure.svg = svg::render(chart);
  figure.caption =
      analytic_levels
          ? "Points: simulated quantiles of the wait with their confidence intervals (horizontal "
            "bars); line: theory's distribution (its jump at 0 is the share served at once)."
          : "Points: simulated quantiles of the wait with their confidence intervals (horizontal "
            "bars). Theory has no waiting-time distribution for this station.";
  figure.data = std::move(data);
  return figure;
}

std::optional<page::Figure> schedule_figure(const model::Scenario& scenario, std::size_t station,
                                            const std::vector<ScheduleSeries>& extra) {
  const auto& spec = scenario.stations.at(station);
  if (!spec.server_schedule || !spec.server_schedule->period) return std::nullopt;
  const auto& schedule = *spec.server_schedule;
  const double period = *schedule.period;
  const DisplayUnit hours{"h", model::time_unit_seconds(scenario.time_unit) / 3600.0};
  const bool in_hours = period * hours.factor >= 2.0;
  const DisplayUnit xu = in_hours ? hours : DisplayUnit{scenario.time_unit, 1.0};

  auto steps = [&](const std::vector<double>& starts, const std::vector<double>& values) {
    std::vector<svg::Point> points;
    for (std::size_t i = 0; i < starts.size(); ++i)
      points.push_back({starts[i] * xu.factor, values[i]});
    if (!values.empty()) points.push_back({period * xu.factor, values.back()});
    return points;
  };
  svg::LineChart chart;
  chart.title = fmt::format("{}: servers per interval over the day", spec.name);
  chart.x.label = fmt::format("time from the start of the period ({})", xu.name);
  chart.y.label = "servers";
  chart.x.min = 0.0;
  chart.x.max = period * xu.factor;
  if (in_hours && std::abs(period * xu.factor - 24.0) < 1e-9)
    chart.x.step = 3.0;  // a day: 0, 3, … 24 h
  if (in_hours && std::abs(period * xu.factor - 168.0) < 1e-9)
    chart.x.step = 24.0;  // a week, by day
  chart.series.push_back({"servers today (schedule)", svg::SeriesStyle::Step,
                          steps(schedule.starts, schedule.values), false, 0});
  for (std::size_t k = 0; k < extra.size(); ++k) {
    chart.series.push_back({extra[k].label, svg::SeriesStyle::Step,
                            steps(extra[k].starts, extra[k].servers), extra[k].dashed,
                            static_cast<int>(k) + 2});
  }
  page::Table data{{"from (" + xu.name + ")", "servers today"}, {}, ""};
  for (const auto& e : extra) data.headers.push_back(e.label);

  // Offered load where the station's arrivals come from a rate profile straight to it.
  const double mean_service = model::mean(spec.service.front());
  std::optional<model::PiecewiseConstant> load;
  for (const auto& a : scenario.arrivals) {
    if (a.station == station && a.rate_profile && !load) load = a.rate_profile;
  }
  if (load) {
    std::vector<double> busy;
    for (double r : load->values) busy.push_back(r * mean_service);
    chart.series.push_back({"offered load (busy servers needed on average)", svg::SeriesStyle::Step,
                            steps(load->starts, busy), true, 1});
    data.headers.push_back("offered load");
  }
  // One row per change point of any series.
  std::vector<double> changes = schedule.starts;
  for (const auto& e : extra) changes.insert(changes.end(), e.starts.begin(), e.starts.end());
  if (load) changes.insert(changes.end(), load->starts.begin(), load->starts.end());
  std::sort(changes.begin(), changes.end());
  changes.erase(std::unique(changes.begin(), changes.end()), changes.end());
  auto at = [](const std::vector<double>& starts, const std::vector<double>& values, double t) {
    double v = values.empty() ? 0.0 : values.front();
    for (std::size_t i = 0; i < starts.size(); ++i) {
      if (starts[i] <= t) v = values[i];
    }
    return v;
  };
  for (double t : changes) {
    std::vector<page::Cell> row{format_number(t * xu.factor, 4),
                                format_number(at(schedule.starts, schedule.values, t), 4)};
    for (const auto& e : extra) row.emplace_back(format_number(at(e.starts, e.servers, t), 4));
    if (load) {
      row.emplace_back(format_number(at(load->starts, load->values, t) * mean_service, 3));
    }
    data.rows.push_back(std::move(row));
  }
  page::Figure figure;
  figure.svg = svg::render(chart);
  figure.caption = load ? "Steps: servers on duty in each interval; dashed: the offered load "
                          "(arrival rate × mean service time), the fewest servers that keep up "
                          "on average — the gap between them is the room for queues to clear."
                        : "Steps: servers on duty in each interval.";
  figure.data = std::move(data);
  return figure;
}

}  // namespace kendall::report::charts
