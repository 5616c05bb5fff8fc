// plan(): the order of the work — SLOs (or stated defaults), analytic search, confirmation by
// simulation where theory is not exact or cannot judge, minimality at c-1/c/c+1, headroom,
// cost, uncertain demand, and time-varying load.

#include <algorithm>
#include <numeric>
#include <string_view>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/planner/planner.hpp"

#include "cost.hpp"
#include "evaluate.hpp"
#include "headroom.hpp"
#include "schedule.hpp"
#include "schedule_headroom.hpp"
#include "search.hpp"
#include "slo_set.hpp"
#include "variant.hpp"
#include "wait_distribution.hpp"

namespace kendall::planner {

using namespace detail;

namespace {

SimulationPlan simulation_plan(const model::Scenario& s, const PlanOptions& o,
                               const PlannerControl& control) {
  SimulationPlan p;
  p.enabled = !o.no_simulation;
  p.replications = o.replications.value_or(s.run.replications);
  p.seed = o.seed.value_or(s.run.seed);
  p.customers = o.customers;
  p.threads = o.threads;
  p.stop = control.stop;
  return p;
}

void progress(const PlannerControl& control, std::uint32_t done, std::uint32_t total,
              std::string what) {
  if (control.on_progress) control.on_progress(PlannerProgress{done, total, std::move(what)});
}

/// Today's Wq_p95 per station, for the default "no worse than today" SLO.
std::vector<std::optional<double>> today_wq_p95(const model::Scenario& s,
                                                const SimulationPlan& plan,
                                                std::vector<std::string>& notes) {
  std::vector<SloInstance> probe;  // asks the solver for the 0.95 quantile
  model::SloSpec q;
  q.metric = "Wq_p95";
  probe.push_back({q, std::nullopt, "", true});
  const auto sol = solve_for(s, probe);
  std::vector<std::optional<double>> out(s.stations.size());
  bool missing = false;
  for (std::size_t i = 0; i < s.stations.size(); ++i) {
    const auto& r = sol.stations[i].result;
    if (r && r->stable) out[i] = r->metrics.get("Wq_p95");
    if (!out[i] && !s.stations[i].infinite_servers()) missing = true;
  }
  if (missing && plan.enabled) {
    model::Scenario v = s;
    v.run.replications = plan.replications;
    v.run.seed = plan.seed;
    if (plan.customers) v.run.customers = plan.customers;
    v.run.quantiles = model::with_default_quantiles(v.run.quantiles);
    sim::RunControl rc;
    rc.stop = plan.stop;
    const auto ex = sim::run_experiment(v, sim::ExecutionOptions{plan.threads}, rc);
    for (std::size_t i = 0; i < s.stations.size(); ++i) {
      if (out[i] || ex.stations[i].unstable) continue;
      if (const auto e = ex.stations[i].metrics.get("Wq_p95")) {
        out[i] = e->mean;
        notes.push_back(fmt::format("{}: today's Wq_p95 ({:.4g}) is simulated (theory has none)",
                                    s.stations[i].name, e->mean));
      }
    }
  }
  return out;
}

std::uint64_t total(const Servers& s) {
  std::uint64_t n = 0;
  for (const auto& c : s) n += c.value_or(0);
  return n;
}

/// Uncertain demand: the plan at each end of the ranges; the worst case is planned for.
DemandRangePlan plan_demand(const model::Scenario& s, const std::vector<SloInstance>& slos,
                            std::uint32_t max, model::Scenario& worst_scenario) {
  DemandRangePlan d;
  std::uint64_t most = 0;
  for (const char* label : {"low", "nominal", "high"}) {
    model::Scenario v = s;
    for (const auto& r : s.rate_ranges) {
      const double rate = std::string(label) == "low"    ? r.low
                          : std::string(label) == "high" ? r.high
                                                         : r.nominal;
      set_arrival_rate(v, r.arrival, rate);
    }
    DemandCase c;
    c.label = label;
    for (const auto& a : v.arrivals) c.arrival_rates.push_back(a.rate());
    const SearchResult found = analytic_search(v, slos, servers_of(v), max);
    c.feasible = found.feasible;
    for (const auto& n : found.servers) c.servers.push_back(n.value_or(0));
    const std::uint64_t n = total(found.servers);
    if (d.worst_case.empty() || n > most) {
      most = n;
      d.worst_case = label;
      worst_scenario = v;
    }
    d.cases.push_back(std::move(c));
  }
  d.notes.push_back(
      fmt::format("the plan covers the {} case, which needs the most servers", d.worst_case));
  return d;
}

/// Uncertain demand under time-varying load: a schedule for the low, nominal and high rates
/// (each planned interval by interval, then by whole-period simulation); the plan is the
/// schedule of the case needing the most server-hours per period.
DemandRangePlan plan_demand_schedule(const model::Scenario& s, const std::vector<SloInstance>& slos,
                                     const SimulationPlan& plan, std::uint32_t max,
                                     const PlannerControl& control, SchedulePlan& worst_schedule) {
  DemandRangePlan d;
  double most = -1.0;
  for (const char* label : {"low", "nominal", "high"}) {
    model::Scenario v = s;
    for (const auto& r : s.rate_ranges) {
      const std::string_view which = label;
      set_arrival_rate(v, r.arrival, which == "low" ? r.low : which == "high" ? r.high : r.nominal);
    }
    DemandCase c;
    c.label = label;
    for (const auto& a : v.arrivals) c.arrival_rates.push_back(a.rate());
    SchedulePlan sp = plan_schedule(v, slos, plan, max, control);
    c.servers.assign(s.stations.size(), 0);
    c.server_hours.assign(s.stations.size(), 0.0);
    double hours = 0.0;
    for (const auto& st : sp.stations) {
      const auto i = s.find_station(st.station);
      if (!i) continue;
      c.server_hours[*i] = st.server_hours_recommended;
      hours += st.server_hours_recommended;
      for (const auto& iv : st.intervals) {
        c.servers[*i] = std::max(c.servers[*i], iv.recommended_servers);
        c.feasible = c.feasible && iv.meets;
      }
    }
    if (d.worst_case.empty() || hours > most) {
      most = hours;
      d.worst_case = label;
      worst_schedule = std::move(sp);
    }
    d.cases.push_back(std::move(c));
  }
  d.notes.push_back(fmt::format(
      "time-varying load: each case's schedule planned interval by interval{}; the plan is "
      "the {} case's schedule ({:.4g} server-hours per period), which needs the most",
      plan.enabled ? " and checked by whole-period simulation" : "", d.worst_case, most));
  d.notes.push_back("headroom is measured from the nominal rates with that schedule");
  return d;
}

std::string station_method(const Evaluation& e, std::size_t i) {
  const auto& r = e.solution.stations.at(i).result;
  return r ? r->method : std::string("no analytic answer");
}

/// What Erlang C (the same station without abandonment) would recommend.
std::optional<std::uint32_t> erlang_c_servers(const model::Scenario& s,
                                              const std::vector<SloInstance>& slos,
                                              const Servers& rec, std::size_t i,
                                              std::uint32_t max) {
  model::Scenario no_patience = with_servers(s, rec);
  no_patience.stations[i].patience.reset();
  std::vector<SloInstance> kept;
  for (const auto& slo : slos) {
    if (slo.spec.metric != "p_abandon") kept.push_back(slo);
  }
  const SearchResult r = analytic_search(no_patience, kept, rec, max);
  if (!r.feasible || !r.servers[i]) return std::nullopt;
  return r.servers[i];
}

}  // namespace

PlanResult plan(const model::Scenario& scenario, const PlanOptions& options,
                const PlannerControl& control) {
  if (scenario.is_closed()) {
    throw InvalidParameter(
        "kendall plan sizes open networks (arrivals against SLOs); a closed network has a "
        "fixed population — use kendall sweep over its servers instead");
  }
  PlanResult out;
  out.scenario = scenario.name;
  out.source_file = scenario.source_file;
  out.time_unit = scenario.time_unit;
  out.seconds_per_unit = scenario.seconds_per_unit;
  const SimulationPlan sim_plan = simulation_plan(scenario, options, control);
  std::uint32_t simulations = 0;

  // 1. The SLOs, or the defaults, said loudly.
  std::vector<SloInstance> slos = expand_slos(scenario);
  if (scenario.slos.empty()) {
    out.defaults_assumed = true;
    slos = default_slos(scenario, today_wq_p95(scenario, sim_plan, out.notes));
    for (const auto& slo : slos) out.assumed_defaults.push_back(slo.text);
    out.notes.push_back(
        "NO SLO IN THE SCENARIO: planned against assumed defaults (utilization < 0.8 at every "
        "station, Wq_p95 no worse than today); add an slo: section to state yours");
  }
  progress(control, 1, 6, "judging today's configuration");

  // 2. Time-varying load: a schedule per interval instead of one count per station.
  if (has_time_varying_load(scenario)) {
    if (scenario.rate_ranges.empty()) {
      out.schedule = plan_schedule(scenario, slos, sim_plan, options.max_servers, control);
    } else {
      SchedulePlan worst;
      out.demand =
          plan_demand_schedule(scenario, slos, sim_plan, options.max_servers, control, worst);
      out.schedule = std::move(worst);
    }
    out.feasible = true;
    for (const auto& st : out.schedule->stations) {
      for (const auto& iv : st.intervals) out.feasible = out.feasible && iv.meets;
    }
    // Each SLO's verdict is its worst interval (simulated where simulated).
    for (const auto& slo : slos) {
      std::optional<SloVerdict> worst;
      for (const auto& st : out.schedule->stations) {
        for (const auto& iv : st.intervals) {
          for (const auto* list : {&iv.simulated, &iv.stationary}) {
            for (const auto& v : *list) {
              if (v.slo != slo.text || !v.value) continue;
              if (!worst || (!v.pass && worst->pass) ||
                  (v.pass == worst->pass && violation(v) > violation(*worst)))
                worst = v;
            }
            if (!iv.simulated.empty()) break;
          }
        }
      }
      if (worst) out.slos.push_back(*worst);
    }
    out.headroom = schedule_headroom(scenario, slos, *out.schedule, sim_plan);
    for (std::size_t i = 0; i < scenario.stations.size(); ++i) {
      StationPlan sp;
      sp.name = scenario.stations[i].name;
      sp.servers_today = scenario.stations[i].servers;
      sp.method = "schedule (see the time-varying plan)";
      out.stations.push_back(std::move(sp));
    }
    if (sim_plan.enabled) {
      out.simulation =
          SimulationSettings{sim_plan.replications, sim_plan.seed, scenario.run.confidence, true,
                             out.schedule->correction_rounds};
    }
    return out;
  }

  // 3. Uncertain demand: plan for the worst end of the range.
  model::Scenario planning = scenario;
  if (!scenario.rate_ranges.empty())
    out.demand = plan_demand(scenario, slos, options.max_servers, planning);

  // 4. Today, and the analytic search.
  const Servers today = servers_of(scenario);
  Evaluation today_eval = evaluate_analytic(planning, slos);
  SearchResult found = analytic_search(planning, slos, today, options.max_servers);
  out.notes.insert(out.notes.end(), found.notes.begin(), found.notes.end());
  Servers rec = found.servers;
  Evaluation rec_eval = evaluate_analytic(with_servers(planning, rec), slos);
  progress(control, 2, 6, "analytic search done");

  // 5. Confirmation by simulation where theory is not exact, cannot judge, or when asked.
  const bool needs_sim = options.confirm || !rec_eval.analytic_exact || !rec_eval.analytic_complete;
  const bool simulate = needs_sim && sim_plan.enabled;
  if (needs_sim && !sim_plan.enabled) {
    out.notes.push_back(
        "theory is not exact here (or cannot judge every SLO) and simulation is off: the answer "
        "is theory's alone");
  }
  if (simulate) {
    progress(control, 3, 6, "confirming by simulation");
    SimulatedSearch ss = simulated_search(planning, slos, rec, sim_plan);
    simulations += ss.simulations;
    out.disagreements = ss.disagreements;
    rec = ss.servers;
    rec_eval = std::move(ss.evaluation);
    add_simulation(today_eval, planning, slos, sim_plan);
    ++simulations;
  }
  out.slos_today = today_eval.verdicts;
  out.slos = rec_eval.verdicts;
  out.feasible = rec_eval.meets;

  // 6. Per station: c-1, c, c+1.
  progress(control, 4, 6, "minimality at c-1, c, c+1");
  for (std::size_t i = 0; i < scenario.stations.size(); ++i) {
    const auto& st = scenario.stations[i];
    StationPlan sp;
    sp.name = st.name;
    sp.servers_today = st.servers;
    if (st.server_schedule) sp.notes.push_back("has a server schedule: not sized");
    if (!sizable(st)) {
      sp.method =
          st.infinite_servers() ? "delay station (infinitely many servers): not sized" : sp.method;
      out.stations.push_back(std::move(sp));
      continue;
    }
    sp.recommended_servers = rec[i];
    sp.method = station_method(rec_eval, i);
    if (rec_eval.solution.stations.at(i).result)
      sp.model = rec_eval.solution.stations.at(i).result->model;
    if (simulate) {
      sp.confirmed_by_simulation = true;
      if (rec[i] != found.servers[i]) sp.method = simulation_method;
    }
    if (found.unjudged[i])
      sp.notes.push_back("theory cannot judge every SLO here; the simulation decides");
    const std::uint32_t c = *rec[i];
    for (std::uint32_t n : {c - 1, c, c + 1}) {
      if (n == 0) continue;
      Servers trial = rec;
      trial[i] = n;
      Evaluation e = n == c ? rec_eval : evaluate_analytic(with_servers(planning, trial), slos);
      if (simulate && (n + 1 == c || (n == c + 1 && !e.analytic_complete))) {
        add_simulation(e, with_servers(planning, trial), slos, sim_plan);
        ++simulations;
      }
      ServerOption opt;
      opt.servers = n;
      opt.verdicts = verdicts_for_station(e, slos, i, true);
      opt.meets = e.meets;
      opt.stable =
          e.simulated ? !e.experiment->stations.at(i).unstable : analytic_stable(e.solution, i);
      sp.around_recommendation.push_back(std::move(opt));
    }
    if (st.patience)
      sp.erlang_c_servers = erlang_c_servers(planning, slos, rec, i, options.max_servers);
    // The wait's distribution before and after, for the report's chart of a changed station.
    if (rec[i] != today[i]) {
      sp.wait_distributions.push_back(
          wait_distribution(planning, i, "today", today_eval.experiment));
      sp.wait_distributions.push_back(
          wait_distribution(with_servers(planning, rec), i, "recommended", rec_eval.experiment));
    }
    out.stations.push_back(std::move(sp));
  }

  // 7. Headroom with the recommendation, and with today's servers.
  progress(control, 5, 6, "headroom");
  out.headroom = compute_headroom(scenario, slos, rec, "recommended", sim_plan, simulate);
  out.headroom_today = compute_headroom(scenario, slos, today, "today", sim_plan, false);

  // 8. Cost.
  if (scenario.cost) out.cost = compare_costs(planning, slos, today, rec, out.notes);
  if (out.cost) {
    for (std::size_t i = 0; i < out.stations.size(); ++i) {
      if (out.stations[i].recommended_servers)
        out.stations[i].cheapest_servers = out.cost->cheapest.servers[i];
    }
  }
  if (simulate || (today_eval.simulated)) {
    out.simulation = SimulationSettings{sim_plan.replications, sim_plan.seed,
                                        scenario.run.confidence, true, simulations};
  }
  progress(control, 6, 6, "done");
  return out;
}

}  // namespace kendall::planner
