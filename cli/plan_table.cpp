#include "plan_table.hpp"

#include <fmt/format.h>

namespace kendall::cli {

namespace {

using planner::Quantity;

std::string show(double x, Quantity q, const std::string& unit) {
  switch (q) {
    case Quantity::Time:
      return fmt::format("{:.4g} {}", x, unit);
    case Quantity::Rate:
      return fmt::format("{:.4g}/{}", x, unit);
    case Quantity::Probability:
      return fmt::format("{:.3g}%", 100.0 * x);
    case Quantity::Utilization:
      return fmt::format("{:.3f}", x);
    case Quantity::Count:
      return fmt::format("{:.4g}", x);
  }
  return fmt::format("{:.4g}", x);
}

std::string value_text(const planner::SloVerdict& v, const std::string& unit) {
  if (!v.value) return v.reason.empty() ? std::string("—") : fmt::format("— ({})", v.reason);
  std::string s = show(v.value->value, v.quantity, unit);
  if (v.value->simulated) {
    const auto& e = *v.value->simulated;
    // A simulated service level is judged by the Wq quantile at the share ("simulation (Wq_p80 <=
    // 20s)").
    const bool by_quantile = !v.value->simulated_metric.empty();
    const Quantity q = by_quantile ? Quantity::Time : v.quantity;
    s += fmt::format(" [sim {} .. {}]", show(e.ci_low, q, unit), show(e.ci_high, q, unit));
  }
  return s;
}

std::string verdict_line(const planner::SloVerdict& v, const std::string& unit) {
  return fmt::format("{} {}", v.pass ? "PASS" : "FAIL", value_text(v, unit));
}

}  // namespace

std::string plan_table(const planner::PlanResult& p) {
  const std::string& u = p.time_unit;
  std::string out = fmt::format("Capacity plan: {}\n", p.scenario);
  if (p.defaults_assumed) {
    out += "\n!! NO SLO IN THE SCENARIO — planned against these assumed defaults:\n";
    for (const auto& d : p.assumed_defaults) out += "!!   " + d + "\n";
  }
  out += "\nSLOs                                   today                          with the plan\n";
  for (std::size_t k = 0; k < p.slos.size(); ++k) {
    const std::string today = k < p.slos_today.size() ? verdict_line(p.slos_today[k], u) : "";
    out += fmt::format("  {:<36} {:<30} {}\n", p.slos[k].slo, today, verdict_line(p.slos[k], u));
  }
  out += fmt::format(
      "\n{}\n", p.feasible ? "The plan meets every SLO." : "THE PLAN DOES NOT MEET EVERY SLO.");
  out += "\nStations     today  recommended  cheapest  method\n";
  for (const auto& s : p.stations) {
    out += fmt::format("  {:<10} {:>5}  {:>11}  {:>8}  {}{}\n", s.name,
                       s.servers_today ? std::to_string(*s.servers_today) : "inf",
                       s.recommended_servers ? std::to_string(*s.recommended_servers) : "-",
                       s.cheapest_servers ? std::to_string(*s.cheapest_servers) : "-", s.method,
                       s.confirmed_by_simulation ? " (confirmed by simulation)" : "");
    if (s.erlang_c_servers) {
      out += fmt::format(
          "             Erlang C (no abandonment) would say {} servers; Erlang-A ({}) says {}\n",
          *s.erlang_c_servers, s.model, s.recommended_servers.value_or(0));
    }
    for (const auto& o : s.around_recommendation) {
      out += fmt::format("    at {:>4} servers: {}{}\n", o.servers, o.meets ? "meets" : "fails",
                         o.stable ? "" : " (unstable)");
      for (const auto& v : o.verdicts)
        out += fmt::format("        {:<34} {}\n", v.slo, verdict_line(v, u));
    }
    for (const auto& n : s.notes) out += "    note: " + n + "\n";
  }
  auto headroom = [&](const planner::Headroom& h) {
    out += fmt::format("\nHeadroom with {} servers: ", h.configuration);
    if (h.factor) {
      out += fmt::format("all arrival rates can grow {:.3g}x", *h.factor);
      if (!h.breaking_slo.empty()) out += fmt::format("; first to break: {}", h.breaking_slo);
    } else {
      out += "none";
    }
    out += fmt::format(" [{}{}]\n", h.method, h.confirmed_by_simulation ? ", simulated" : "");
    for (const auto& lp : h.load_table) {
      out += fmt::format("    load {:>6.3g}x: {}{}\n", lp.factor, lp.meets ? "meets" : "fails",
                         lp.stable ? "" : " (unstable)");
    }
    for (const auto& n : h.notes) out += "    note: " + n + "\n";
  };
  headroom(p.headroom);
  if (p.headroom_today) headroom(*p.headroom_today);
  if (p.cost) {
    const auto& c = *p.cost;
    out += fmt::format("\nCost per hour ({})\n",
                       c.currency.empty() ? "no currency given" : c.currency);
    for (const auto* cc : {&c.today, &c.smallest, &c.cheapest}) {
      std::string servers;
      for (auto n : cc->servers) servers += fmt::format("{}{}", servers.empty() ? "" : ",", n);
      out += fmt::format(
          "  {:<9} servers [{}]: servers {:.2f} + waiting {:.2f} + lost {:.2f} = {:.2f}{}\n",
          cc->label, servers, cc->servers_per_hour, cc->waiting_per_hour, cc->lost_per_hour,
          cc->total_per_hour, cc->meets ? "" : "  (misses an SLO)");
    }
  }
  if (p.schedule) {
    for (const auto& st : p.schedule->stations) {
      out += fmt::format(
          "\nSchedule for {} (period {:g} {}): today {:.1f} server-hours, plan {:.1f}\n",
          st.station, st.period, u, st.server_hours_today, st.server_hours_recommended);
      out += "    from      to   lambda  today  stationary  plan  simulated\n";
      for (const auto& iv : st.intervals) {
        std::string sim;
        for (const auto& v : iv.simulated)
          sim += fmt::format("{}: {}; ", v.metric, verdict_line(v, u));
        out += fmt::format("  {:>6.4g}  {:>6.4g}  {:>7.3g}  {:>5}  {:>10}  {:>4}  {}\n", iv.start,
                           iv.end, iv.lambda, iv.servers_today, iv.stationary_servers,
                           iv.recommended_servers, sim);
      }
    }
    for (const auto& m : p.schedule->missing) out += "  missing: " + m + "\n";
    for (const auto& n : p.schedule->notes) out += "  note: " + n + "\n";
  }
  if (p.demand) {
    out += "\nUncertain demand\n";
    for (const auto& c : p.demand->cases) {
      std::string servers;
      for (auto n : c.servers) servers += fmt::format("{}{}", servers.empty() ? "" : ",", n);
      // A schedule per case: its server-hours per period, then its peak servers.
      double hours = 0.0;
      for (double h : c.server_hours) hours += h;
      const std::string schedule =
          c.server_hours.empty() ? "" : fmt::format("{:.4g} server-hours, peak ", hours);
      out += fmt::format("  {:<8} {}servers [{}]{}\n", c.label, schedule, servers,
                         c.label == p.demand->worst_case ? "  <- worst case" : "");
    }
  }
  if (p.simulation) {
    out += fmt::format(
        "\nSimulation: {} replications, seed {}, {:g}% intervals, common random numbers, {} "
        "configurations simulated\n",
        p.simulation->replications, p.simulation->seed, 100.0 * p.simulation->confidence,
        p.simulation->configurations_simulated);
  }
  for (const auto& d : p.disagreements) out += "disagreement: " + d + "\n";
  for (const auto& n : p.notes) out += "note: " + n + "\n";
  return out;
}

}  // namespace kendall::cli
