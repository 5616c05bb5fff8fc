#include "kendall/planner/json.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "kendall/planner/quantity.hpp"

namespace kendall::planner {

namespace {

using nlohmann::ordered_json;

void put(ordered_json& j, const char* key, double x) {
  if (std::isfinite(x)) j[key] = x;
}

ordered_json estimate(const sim::Estimate& e) {
  ordered_json j;
  put(j, "mean", e.mean);
  put(j, "ci_low", e.ci_low);
  put(j, "ci_high", e.ci_high);
  return j;
}

ordered_json verdict(const SloVerdict& v) {
  ordered_json j;
  j["slo"] = v.slo;
  j["metric"] = v.metric;
  if (!v.station.empty()) j["station"] = v.station;
  j["quantity"] = std::string(quantity_name(v.quantity));
  j[v.upper_bound ? "below" : "above"] = v.bound;
  if (v.wait_at_most) j["wait_at_most"] = *v.wait_at_most;
  if (v.value) {
    put(j, "value", v.value->value);
    if (v.value->analytic) {
      put(j, "analytic", *v.value->analytic);
      j["analytic_method"] = v.value->analytic_method;
    }
    if (v.value->simulated) j["simulated"] = estimate(*v.value->simulated);
    j["method"] = v.value->method;
  }
  j["pass"] = v.pass;
  if (v.assumed) j["assumed"] = true;
  if (!v.reason.empty()) j["reason"] = v.reason;
  return j;
}

ordered_json verdicts(const std::vector<SloVerdict>& vs) {
  ordered_json a = ordered_json::array();
  for (const auto& v : vs) a.push_back(verdict(v));
  return a;
}

ordered_json strings(const std::vector<std::string>& xs) {
  ordered_json a = ordered_json::array();
  for (const auto& x : xs) a.push_back(x);
  return a;
}

ordered_json headroom(const Headroom& h) {
  ordered_json j;
  j["configuration"] = h.configuration;
  if (h.factor) put(j, "factor", *h.factor);
  if (!h.bottleneck.empty()) j["bottleneck"] = h.bottleneck;
  if (!h.breaking_slo.empty()) j["breaking_slo"] = h.breaking_slo;
  j["method"] = h.method;
  j["confirmed_by_simulation"] = h.confirmed_by_simulation;
  ordered_json table = ordered_json::array();
  for (const auto& p : h.load_table) {
    ordered_json row;
    row["factor"] = p.factor;
    row["meets"] = p.meets;
    row["stable"] = p.stable;
    row["slos"] = verdicts(p.verdicts);
    table.push_back(row);
  }
  j["load_table"] = table;
  if (!h.notes.empty()) j["notes"] = strings(h.notes);
  return j;
}

ordered_json configuration_cost(const ConfigurationCost& c) {
  ordered_json j;
  j["servers"] = c.servers;
  put(j, "servers_per_hour", c.servers_per_hour);
  put(j, "waiting_per_hour", c.waiting_per_hour);
  put(j, "lost_per_hour", c.lost_per_hour);
  put(j, "total_per_hour", c.total_per_hour);
  j["meets"] = c.meets;
  return j;
}

}  // namespace

std::string plan_to_json(const PlanResult& p) {
  ordered_json j;
  j["scenario"] = p.scenario;
  if (!p.source_file.empty()) j["source_file"] = p.source_file;
  j["time_unit"] = p.time_unit;
  j["feasible"] = p.feasible;
  j["defaults_assumed"] = p.defaults_assumed;
  if (p.defaults_assumed) j["assumed_defaults"] = strings(p.assumed_defaults);
  j["slos"] = verdicts(p.slos);
  j["slos_today"] = verdicts(p.slos_today);
  ordered_json stations = ordered_json::array();
  for (const auto& s : p.stations) {
    ordered_json st;
    st["name"] = s.name;
    if (s.servers_today) st["servers"] = *s.servers_today;
    else st["servers"] = "inf";
    if (s.recommended_servers) st["recommended_servers"] = *s.recommended_servers;
    if (s.cheapest_servers) st["cheapest_servers"] = *s.cheapest_servers;
    if (!s.method.empty()) st["method"] = s.method;
    if (!s.model.empty()) st["model"] = s.model;
    st["confirmed_by_simulation"] = s.confirmed_by_simulation;
    if (s.erlang_c_servers) st["erlang_c_servers"] = *s.erlang_c_servers;
    ordered_json around = ordered_json::array();
    for (const auto& o : s.around_recommendation) {
      ordered_json row;
      row["servers"] = o.servers;
      row["meets"] = o.meets;
      row["stable"] = o.stable;
      row["slos"] = verdicts(o.verdicts);
      around.push_back(row);
    }
    st["around_recommendation"] = around;
    if (!s.notes.empty()) st["notes"] = strings(s.notes);
    stations.push_back(st);
  }
  j["stations"] = stations;
  j["headroom"] = headroom(p.headroom);
  if (p.headroom_today) j["headroom_today"] = headroom(*p.headroom_today);
  if (p.cost) {
    ordered_json c;
    if (!p.cost->currency.empty()) c["currency"] = p.cost->currency;
    c["today"] = configuration_cost(p.cost->today);
    c["smallest"] = configuration_cost(p.cost->smallest);
    c["cheapest"] = configuration_cost(p.cost->cheapest);
    c["method"] = p.cost->method;
    j["cost"] = c;
  }
  if (p.schedule) {
    ordered_json sch;
    ordered_json sts = ordered_json::array();
    for (const auto& st : p.schedule->stations) {
      ordered_json s;
      s["station"] = st.station;
      s["period"] = st.period;
      put(s, "server_hours_today", st.server_hours_today);
      put(s, "server_hours_recommended", st.server_hours_recommended);
      ordered_json ivs = ordered_json::array();
      for (const auto& iv : st.intervals) {
        ordered_json r;
        r["start"] = iv.start;
        r["end"] = iv.end;
        put(r, "lambda", iv.lambda);
        r["servers_today"] = iv.servers_today;
        r["stationary_servers"] = iv.stationary_servers;
        r["recommended_servers"] = iv.recommended_servers;
        r["meets"] = iv.meets;
        r["stationary"] = verdicts(iv.stationary);
        r["simulated"] = verdicts(iv.simulated);
        ivs.push_back(r);
      }
      s["intervals"] = ivs;
      sts.push_back(s);
    }
    sch["stations"] = sts;
    sch["simulated"] = p.schedule->simulated;
    sch["correction_rounds"] = p.schedule->correction_rounds;
    sch["missing"] = strings(p.schedule->missing);
    sch["notes"] = strings(p.schedule->notes);
    j["schedule"] = sch;
  }
  if (p.demand) {
    ordered_json d;
    ordered_json cases = ordered_json::array();
    for (const auto& c : p.demand->cases) {
      ordered_json r;
      r["label"] = c.label;
      r["arrival_rates"] = c.arrival_rates;
      r["servers"] = c.servers;
      r["feasible"] = c.feasible;
      cases.push_back(r);
    }
    d["cases"] = cases;
    d["worst_case"] = p.demand->worst_case;
    d["notes"] = strings(p.demand->notes);
    j["demand"] = d;
  }
  if (p.simulation) {
    ordered_json s;
    s["replications"] = p.simulation->replications;
    s["seed"] = p.simulation->seed;
    s["confidence"] = p.simulation->confidence;
    s["common_random_numbers"] = p.simulation->common_random_numbers;
    s["configurations_simulated"] = p.simulation->configurations_simulated;
    j["simulation"] = s;
  }
  j["disagreements"] = strings(p.disagreements);
  j["notes"] = strings(p.notes);
  return j.dump(2) + "\n";
}

std::string sweep_to_json(const SweepResult& s) {
  ordered_json j;
  j["scenario"] = s.scenario;
  if (!s.source_file.empty()) j["source_file"] = s.source_file;
  j["time_unit"] = s.time_unit;
  ordered_json axes = ordered_json::array();
  for (const auto& a : s.axes) {
    ordered_json x;
    x["parameter"] = a.parameter;
    x["station"] = a.station;
    x["field"] = a.field;
    x["values"] = a.values;
    axes.push_back(x);
  }
  j["axes"] = axes;
  j["replications"] = s.replications;
  j["seed"] = s.seed;
  j["confidence"] = s.confidence;
  j["common_random_numbers"] = s.common_random_numbers;
  j["simulated"] = s.simulated;
  j["complete"] = s.complete;
  ordered_json points = ordered_json::array();
  for (const auto& p : s.points) {
    ordered_json pt;
    pt["coordinates"] = p.coordinates;
    pt["stable"] = p.stable;
    pt["finished"] = p.finished;
    ordered_json sts = ordered_json::array();
    for (const auto& st : p.stations) {
      ordered_json r;
      r["name"] = st.name;
      if (st.analytic) {
        ordered_json a;
        a["method"] = st.analytic->method;
        a["model"] = st.analytic->model;
        a["stable"] = st.analytic->stable;
        ordered_json m;
        for (const auto& [name, value] : st.analytic->metrics.entries()) put(m, name.c_str(), value);
        a["metrics"] = m;
        r["analytic"] = a;
      } else if (!st.analytic_reason.empty()) {
        r["analytic_reason"] = st.analytic_reason;
      }
      if (st.simulated) {
        ordered_json m;
        for (const auto& [name, e] : st.simulated->metrics.entries()) m[name] = estimate(e);
        if (st.simulated->unstable) m["unstable"] = true;
        r["simulated"] = m;
      }
      sts.push_back(r);
    }
    pt["stations"] = sts;
    ordered_json net;
    if (!p.network_analytic.empty()) {
      ordered_json a;
      a["method"] = p.network_method;
      ordered_json m;
      for (const auto& [name, value] : p.network_analytic.entries()) put(m, name.c_str(), value);
      a["metrics"] = m;
      net["analytic"] = a;
    }
    if (!p.network_simulated.empty()) {
      ordered_json m;
      for (const auto& [name, e] : p.network_simulated.entries()) m[name] = estimate(e);
      net["simulated"] = m;
    }
    pt["network"] = net;
    if (!p.notes.empty()) pt["notes"] = strings(p.notes);
    points.push_back(pt);
  }
  j["points"] = points;
  j["notes"] = strings(s.notes);
  return j.dump(2) + "\n";
}

}  // namespace kendall::planner
