#include "kendall/report/plan_json.hpp"

#include "kendall/planner/quantity.hpp"
#include "kendall/report/json.hpp"

namespace kendall::report {

using json = nlohmann::ordered_json;

namespace {

json metric_value(const planner::MetricValue& v) {
  json out = {{"value", v.value}, {"method", v.method}};
  if (v.analytic) {
    out["analytic"] = *v.analytic;
    out["analytic_method"] = v.analytic_method;
  }
  if (v.simulated) out["simulated"] = to_json(*v.simulated);
  if (!v.simulated_metric.empty()) out["simulated_metric"] = v.simulated_metric;
  return out;
}

json verdicts(const std::vector<planner::SloVerdict>& list) {
  json out = json::array();
  for (const auto& v : list) out.push_back(to_json(v));
  return out;
}

json strings(const std::vector<std::string>& list) {
  json out = json::array();
  for (const auto& s : list) out.push_back(s);
  return out;
}

json headroom(const planner::Headroom& h) {
  json out = json::object();
  if (h.factor) out["factor"] = *h.factor;
  out["bottleneck"] = h.bottleneck;
  out["breaking_slo"] = h.breaking_slo;
  if (!h.interval.empty()) out["interval"] = h.interval;
  out["method"] = h.method;
  out["configuration"] = h.configuration;
  out["confirmed_by_simulation"] = h.confirmed_by_simulation;
  json table = json::array();
  for (const auto& p : h.load_table) {
    table.push_back({{"factor", p.factor},
                     {"meets", p.meets},
                     {"stable", p.stable},
                     {"verdicts", verdicts(p.verdicts)}});
  }
  out["load_table"] = table;
  out["notes"] = strings(h.notes);
  return out;
}

json wait_distribution(const planner::WaitDistribution& d) {
  json out = {{"configuration", d.configuration}, {"servers", d.servers}, {"stable", d.stable}};
  if (d.analytic_p_wait) out["analytic_p_wait"] = *d.analytic_p_wait;
  if (!d.analytic.empty()) {
    out["analytic_method"] = d.analytic_method;
    json curve = json::array();
    for (const auto& q : d.analytic) curve.push_back({{"level", q.level}, {"value", q.value}});
    out["analytic"] = curve;
  }
  if (d.simulated_p_wait) out["simulated_p_wait"] = to_json(*d.simulated_p_wait);
  if (!d.simulated.empty()) {
    json points = json::array();
    for (const auto& q : d.simulated) {
      json point = to_json(q.estimate);
      point["level"] = q.level;
      points.push_back(point);
    }
    out["simulated"] = points;
  }
  return out;
}

json configuration_cost(const planner::ConfigurationCost& c) {
  return {{"label", c.label},
          {"servers", c.servers},
          {"servers_per_hour", c.servers_per_hour},
          {"waiting_per_hour", c.waiting_per_hour},
          {"lost_per_hour", c.lost_per_hour},
          {"total_per_hour", c.total_per_hour},
          {"meets", c.meets}};
}

}  // namespace

json to_json(const planner::SloVerdict& v) {
  json out = {{"slo", v.slo},         {"metric", v.metric},
              {"station", v.station}, {"quantity", std::string(planner::quantity_name(v.quantity))},
              {"bound", v.bound},     {"upper_bound", v.upper_bound}};
  if (v.wait_at_most) out["wait_at_most"] = *v.wait_at_most;
  out["pass"] = v.pass;
  if (v.value) out["value"] = metric_value(*v.value);
  out["assumed"] = v.assumed;
  if (!v.reason.empty()) out["reason"] = v.reason;
  return out;
}

json to_json(const planner::PlanResult& plan) {
  json out = json::object();
  out["scenario"] = plan.scenario;
  out["source_file"] = plan.source_file;
  out["time_unit"] = plan.time_unit;
  out["defaults_assumed"] = plan.defaults_assumed;
  out["assumed_defaults"] = strings(plan.assumed_defaults);
  out["feasible"] = plan.feasible;
  out["slos"] = verdicts(plan.slos);
  out["slos_today"] = verdicts(plan.slos_today);
  json stations = json::array();
  for (const auto& s : plan.stations) {
    json entry = {{"name", s.name}};
    entry["servers"] = s.servers_today ? json(*s.servers_today) : json("inf");
    if (s.recommended_servers) entry["recommended_servers"] = *s.recommended_servers;
    if (s.cheapest_servers) entry["cheapest_servers"] = *s.cheapest_servers;
    entry["method"] = s.method;
    entry["confirmed_by_simulation"] = s.confirmed_by_simulation;
    if (!s.model.empty()) entry["model"] = s.model;
    if (s.erlang_c_servers) entry["erlang_c_servers"] = *s.erlang_c_servers;
    json around = json::array();
    for (const auto& o : s.around_recommendation) {
      around.push_back({{"servers", o.servers},
                        {"meets", o.meets},
                        {"stable", o.stable},
                        {"verdicts", verdicts(o.verdicts)}});
    }
    entry["around_recommendation"] = around;
    if (!s.wait_distributions.empty()) {
      json waits = json::array();
      for (const auto& d : s.wait_distributions) waits.push_back(wait_distribution(d));
      entry["wait_distributions"] = waits;
    }
    entry["notes"] = strings(s.notes);
    stations.push_back(std::move(entry));
  }
  out["stations"] = stations;
  out["headroom"] = headroom(plan.headroom);
  if (plan.headroom_today) out["headroom_today"] = headroom(*plan.headroom_today);
  if (plan.cost) {
    out["cost"] = {{"currency", plan.cost->currency},
                   {"today", configuration_cost(plan.cost->today)},
                   {"smallest", configuration_cost(plan.cost->smallest)},
                   {"cheapest", configuration_cost(plan.cost->cheapest)},
                   {"method", plan.cost->method}};
  }
  if (plan.schedule) {
    json stations_schedule = json::array();
    for (const auto& st : plan.schedule->stations) {
      json intervals = json::array();
      for (const auto& i : st.intervals) {
        intervals.push_back({{"start", i.start},
                             {"end", i.end},
                             {"lambda", i.lambda},
                             {"servers_today", i.servers_today},
                             {"stationary_servers", i.stationary_servers},
                             {"recommended_servers", i.recommended_servers},
                             {"meets", i.meets},
                             {"stationary", verdicts(i.stationary)},
                             {"simulated", verdicts(i.simulated)}});
      }
      stations_schedule.push_back({{"station", st.station},
                                   {"period", st.period},
                                   {"server_hours_today", st.server_hours_today},
                                   {"server_hours_recommended", st.server_hours_recommended},
                                   {"intervals", intervals}});
    }
    out["schedule"] = {{"stations", stations_schedule},
                       {"correction_rounds", plan.schedule->correction_rounds},
                       {"simulated", plan.schedule->simulated},
                       {"missing", strings(plan.schedule->missing)},
                       {"notes", strings(plan.schedule->notes)}};
  }
  if (plan.demand) {
    json cases = json::array();
    for (const auto& c : plan.demand->cases) {
      json entry = {{"label", c.label},
                    {"arrival_rates", c.arrival_rates},
                    {"servers", c.servers},
                    {"feasible", c.feasible}};
      if (!c.server_hours.empty()) entry["server_hours"] = c.server_hours;
      cases.push_back(std::move(entry));
    }
    out["demand"] = {{"cases", cases},
                     {"worst_case", plan.demand->worst_case},
                     {"notes", strings(plan.demand->notes)}};
  }
  if (plan.simulation) {
    out["simulation"] = {{"replications", plan.simulation->replications},
                         {"seed", plan.simulation->seed},
                         {"confidence", plan.simulation->confidence},
                         {"common_random_numbers", plan.simulation->common_random_numbers},
                         {"configurations_simulated", plan.simulation->configurations_simulated}};
  }
  out["disagreements"] = strings(plan.disagreements);
  out["notes"] = strings(plan.notes);
  return out;
}

json to_json(const planner::SweepResult& sweep) {
  json out = json::object();
  out["scenario"] = sweep.scenario;
  out["source_file"] = sweep.source_file;
  out["time_unit"] = sweep.time_unit;
  json axes = json::array();
  for (const auto& a : sweep.axes) {
    axes.push_back({{"parameter", a.parameter},
                    {"station", a.station},
                    {"field", a.field},
                    {"values", a.values}});
  }
  out["axes"] = axes;
  out["replications"] = sweep.replications;
  out["seed"] = sweep.seed;
  out["confidence"] = sweep.confidence;
  out["common_random_numbers"] = sweep.common_random_numbers;
  out["simulated"] = sweep.simulated;
  out["complete"] = sweep.complete;
  json points = json::array();
  for (const auto& p : sweep.points) {
    json stations = json::array();
    for (const auto& s : p.stations) {
      json entry = {{"name", s.name}};
      if (s.analytic) {
        entry["analytic"] = analytic_block(*s.analytic);
      } else if (!s.analytic_reason.empty()) {
        entry["analytic_reason"] = s.analytic_reason;
      }
      if (s.simulated) entry["simulated"] = simulated_block(*s.simulated);
      stations.push_back(std::move(entry));
    }
    json network = json::object();
    if (!p.network_analytic.empty()) {
      network["analytic"] = to_json(p.network_analytic);
      network["method"] = p.network_method;
    }
    if (!p.network_simulated.empty()) network["simulated"] = to_json(p.network_simulated);
    points.push_back({{"coordinates", p.coordinates},
                      {"stable", p.stable},
                      {"finished", p.finished},
                      {"stations", stations},
                      {"network", network},
                      {"notes", strings(p.notes)}});
  }
  out["points"] = points;
  out["notes"] = strings(sweep.notes);
  return out;
}

}  // namespace kendall::report
