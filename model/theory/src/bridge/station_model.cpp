// The single-queue model of one scenario station: which formula applies, exact or labelled
// approximation, or why none does. Long on purpose: one function per discipline family, and
// the helpers they share (the service mix, per-class figures, relabelling), read top to bottom.

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic/approximations.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/priority.hpp"
#include "kendall/model/network/open_network.hpp"
#include "kendall/model/network/qna.hpp"

#include "analytic_bridge.hpp"
#include "scenario_detail.hpp"

namespace kendall::model::detail {

namespace {

bool is_quantile_of(std::string_view name, std::string_view base) {
  return name.size() > base.size() + 2 && name.substr(0, base.size()) == base &&
         name.substr(base.size(), 2) == "_p";
}

bool is_any_quantile(std::string_view name) {
  return is_quantile_of(name, metric::Wq) || is_quantile_of(name, metric::W);
}

void erase_if_metric(Metrics& m, const auto& predicate) {
  std::vector<std::string> drop;
  for (const auto& [name, value] : m.entries()) {
    if (predicate(std::string_view(name))) drop.push_back(name);
  }
  for (const auto& name : drop) m.erase(name);
}

/// Distribution-level metrics that only FIFO order gives (quantiles, service level).
void drop_fifo_distribution(AnalyticResult& r, std::string_view why) {
  bool dropped = false;
  erase_if_metric(r.metrics, [&](std::string_view n) {
    const bool d = is_any_quantile(n) || n == metric::service_level;
    dropped = dropped || d;
    return d;
  });
  for (auto& c : r.classes) {
    erase_if_metric(c.metrics, [](std::string_view n) {
      return is_any_quantile(n) || n == metric::service_level;
    });
  }
  if (dropped) r.notes.push_back(fmt::format("waiting-time quantiles are omitted: {}", why));
}

/// Service time of the classes that visit, as one distribution (the λ-weighted mixture).
struct ServiceMix {
  double lambda = 0.0;
  double mean = 0.0;
  double scv = 1.0;
  /// Every visiting class has exponential service with the same rate.
  bool exponential_same_rate = true;
  /// That rate, exactly as given (1/(1/μ) can differ from μ in the last bit).
  std::optional<double> exponential_rate;
  std::vector<double> class_rate;
  std::vector<double> class_mean;
  std::vector<double> class_second_moment;
  std::vector<bool> visiting;
};

ServiceMix service_mix(const StationSpec& st, const std::vector<double>& rates) {
  ServiceMix mix;
  mix.class_rate = rates;
  mix.class_mean.assign(rates.size(), 0.0);
  mix.class_second_moment.assign(rates.size(), 0.0);
  mix.visiting.assign(rates.size(), false);
  double second = 0.0;
  std::optional<double> first_mean;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    const auto& d = st.service.at(k);
    mix.class_mean[k] = mean(d);
    mix.class_second_moment[k] = variance(d) + mix.class_mean[k] * mix.class_mean[k];
    if (!(rates[k] > 0.0)) continue;
    mix.visiting[k] = true;
    mix.lambda += rates[k];
    mix.mean += rates[k] * mix.class_mean[k];
    second += rates[k] * mix.class_second_moment[k];
    if (!is_exponential(d)) mix.exponential_same_rate = false;
    if (first_mean && std::abs(*first_mean - mix.class_mean[k]) > 1e-12 * *first_mean) {
      mix.exponential_same_rate = false;
    }
    if (!first_mean) first_mean = mix.class_mean[k];
  }
  if (mix.exponential_same_rate) {
    for (std::size_t k = 0; k < rates.size(); ++k) {
      if (!(rates[k] > 0.0)) continue;
      if (const auto* e = std::get_if<dist::Exponential>(&st.service.at(k)))
        mix.exponential_rate = e->rate;
      break;
    }
  }
  std::size_t visiting_count = 0;
  std::size_t only = 0;
  for (std::size_t k = 0; k < rates.size(); ++k) {
    if (mix.visiting[k]) {
      ++visiting_count;
      only = k;
    }
  }
  if (visiting_count == 1) {
    mix.mean = mix.class_mean[only];
    mix.scv = scv(st.service.at(only));
  } else if (mix.lambda > 0.0) {
    mix.mean /= mix.lambda;
    second /= mix.lambda;
    mix.scv = std::max(0.0, second / (mix.mean * mix.mean) - 1.0);
  }
  return mix;
}

bool multi_class(const Scenario& sc) { return sc.classes.size() > 1; }

/// The one service distribution the arriving customers have: the common distribution when
/// all visiting classes share it, the hyperexponential mixture (weights = shares of the
/// arrivals) when they are all exponential, or nothing (then only the mixture's mean and SCV
/// are known).
std::optional<DistributionSpec> single_service(const StationSpec& st, const ServiceMix& mix) {
  std::optional<std::size_t> first;
  bool same = true;
  bool all_exponential = true;
  dist::Hyperexponential h;
  for (std::size_t k = 0; k < mix.visiting.size(); ++k) {
    if (!mix.visiting[k]) continue;
    const auto& d = st.service.at(k);
    if (!first) {
      first = k;
    } else if (!(d == st.service.at(*first))) {
      same = false;
    }
    if (const auto* e = std::get_if<dist::Exponential>(&d)) {
      h.probabilities.push_back(mix.class_rate[k] / mix.lambda);
      h.rates.push_back(e->rate);
    } else {
      all_exponential = false;
    }
  }
  if (!first) return std::nullopt;
  if (same) return st.service.at(*first);
  if (all_exponential) return DistributionSpec{h};
  return std::nullopt;
}

/// Per-class figures at a class-blind station (FIFO, LIFO, random order): every class waits
/// the same Wq on average; W_k = Wq + S_k.
void add_class_blind_classes(const Scenario& sc, const ServiceMix& mix,
                             const std::vector<double>& rates, AnalyticResult& r) {
  if (!multi_class(sc) || !r.stable) return;
  const auto wq = r.metrics.get(metric::Wq);
  for (std::size_t k = 0; k < rates.size(); ++k) {
    ClassMetrics cm{sc.classes[k].name, {}};
    cm.metrics.set(metric::throughput, rates[k] * (r.metrics.get(metric::throughput).value_or(0.0) /
                                                   std::max(mix.lambda, 1e-300)));
    if (rates[k] > 0.0 && wq) {
      const double tk = cm.metrics.at(metric::throughput);
      const double w = *wq + mix.class_mean[k];
      cm.metrics.set(metric::Wq, *wq);
      cm.metrics.set(metric::W, w);
      cm.metrics.set(metric::Lq, tk * *wq);
      cm.metrics.set(metric::L, tk * w);
      if (auto pw = r.metrics.get(metric::p_wait)) cm.metrics.set(metric::p_wait, *pw);
      if (mix.exponential_same_rate) {
        // Same service for every class: the whole waiting-time distribution is shared.
        for (const auto& [name, value] : r.metrics.entries()) {
          if (is_quantile_of(name, metric::Wq) || is_quantile_of(name, metric::W) ||
              name == metric::service_level) {
            cm.metrics.set(name, value);
          }
        }
      }
    } else {
      cm.metrics.set(metric::L, 0.0);
    }
    r.classes.push_back(std::move(cm));
  }
}

/// QNA's one-server waiting time (Whitt 1983, §5): Kingman's Wq times the
/// Kraemer–Langenbach-Belz factor (qna_klb_factor), when it applies.
void apply_klb_factor(AnalyticResult& r, double lambda, double mu, double ca2, double cs2) {
  if (!r.stable) return;
  const auto factor = qna_klb_factor(lambda / mu, ca2, cs2);
  if (!factor) return;
  const double g = *factor;
  const auto wq = r.metrics.get(metric::Wq);
  if (!wq) return;
  const double wq_new = *wq * g;
  r.metrics.set(metric::Wq, wq_new);
  r.metrics.set(metric::Lq, lambda * wq_new);
  r.metrics.set(metric::W, wq_new + 1.0 / mu);
  r.metrics.set(metric::L, lambda * (wq_new + 1.0 / mu));
  r.notes.push_back(fmt::format(
      "QNA's Kraemer-Langenbach-Belz factor {:.4g} applied to Kingman's wait (arrival SCV "
      "below 1)",
      g));
}

/// Relabels a result computed with an exact formula for non-Poisson arrivals.
void mark_poisson_assumed(AnalyticResult& r, const StationInput& in) {
  r.method = method::poisson_assumed;
  r.notes.push_back(
      fmt::format("the arrivals are not Poisson (estimated interarrival SCV {:.3g}, {}), but no "
                  "formula for this "
                  "station uses their variability: the Poisson formula is used as an approximation",
                  in.arrival_scv, in.scv_source));
}

StationAnswer answer(AnalyticResult r, double admitted = 1.0, double served = 1.0) {
  StationAnswer a;
  a.result = std::move(r);
  a.admitted = admitted;
  a.served = served;
  return a;
}

StationAnswer none(std::string reason) {
  StationAnswer a;
  a.reason = std::move(reason);
  return a;
}

AnalyticResult idle(const StationSpec& st, const ServiceMix& mix) {
  AnalyticResult r;
  r.model =
      st.infinite_servers() ? "M/G/inf" : (st.servers && *st.servers == 1 ? "M/G/1" : "M/G/c");
  r.add_param("lambda", 0.0);
  r.add_param("servers", st.servers ? static_cast<double>(*st.servers) : unbounded);
  if (st.servers) r.metrics.set(metric::utilization, 0.0);
  r.metrics.set(metric::L, 0.0);
  r.metrics.set(metric::Lq, 0.0);
  r.metrics.set(metric::throughput, 0.0);
  (void)mix;
  r.notes.push_back("no customer ever reaches this station");
  return r;
}

/// M/M/c (or M/M/1) by the analytic library.
AnalyticResult markovian(double lambda, double mu, std::uint32_t c, const QueryOptions& o) {
  return c == 1 ? mm1(lambda, mu, o) : mmc(lambda, mu, c, o);
}

/// M/M/c priority classes with one exponential service rate μ for every class: the waits of
/// the levels by mmc_priority_waits (analytic/priority.hpp), reported per scenario class.
AnalyticResult mmc_priority(const Scenario& sc, const std::vector<double>& rates, double mu,
                            std::uint32_t c, bool preemptive) {
  double lambda = 0.0;
  for (double v : rates) lambda += v;
  AnalyticResult r = markovian(lambda, mu, c, {});
  erase_if_metric(r.metrics, [](std::string_view n) {
    return is_any_quantile(n) || n == metric::service_level;
  });
  r.model = preemptive ? "M/M/c (preemptive priority)" : "M/M/c (priority)";
  if (!r.stable) return r;
  std::vector<MmcPriorityClass> classes;
  for (std::size_t k = 0; k < rates.size(); ++k)
    classes.push_back({sc.classes[k].priority, rates[k]});
  const std::map<int, double> level_wq = mmc_priority_waits(classes, mu, c, preemptive);
  for (std::size_t k = 0; k < rates.size(); ++k) {
    ClassMetrics cm{sc.classes[k].name, {}};
    cm.metrics.set(metric::throughput, rates[k]);
    if (rates[k] > 0.0) {
      const double wq = std::max(0.0, level_wq.at(sc.classes[k].priority));
      cm.metrics.set(metric::Wq, wq);
      cm.metrics.set(metric::W, wq + 1.0 / mu);
      cm.metrics.set(metric::Lq, rates[k] * wq);
      cm.metrics.set(metric::L, rates[k] * (wq + 1.0 / mu));
    } else {
      cm.metrics.set(metric::L, 0.0);
    }
    r.classes.push_back(std::move(cm));
  }
  r.notes.push_back(
      preemptive
          ? "preemptive-resume priority with one exponential service rate: classes 1..k form "
            "an M/M/c queue of their own"
          : "non-preemptive priority with one exponential service rate (Cobham's formula, "
            "exact for M/M/c)");
  return r;
}

}  // namespace

std::optional<std::uint32_t> constant_schedule(const StationSpec& st) {
  if (!st.server_schedule || st.server_schedule->values.empty()) return std::nullopt;
  const double v0 = st.server_schedule->values.front();
  for (double v : st.server_schedule->values) {
    if (v != v0) return std::nullopt;
  }
  if (!(v0 >= 1.0) || v0 != std::floor(v0)) return std::nullopt;
  return static_cast<std::uint32_t>(v0);
}

std::optional<std::string> loss_unknown_reason(const Scenario& sc, std::size_t i,
                                               const std::vector<bool>& visiting) {
  const auto& st = sc.stations[i];
  const bool delay = st.infinite_servers() && !st.server_schedule;
  if (delay) {
    // Nobody waits (patience never runs out); a capacity makes it the insensitive Erlang loss
    // system, solvable with Poisson arrivals.
    return std::nullopt;
  }
  const bool exp_patience = st.patience && is_exponential(*st.patience);
  if (st.patience && st.capacity) {
    return std::string("it has both a capacity and a patience limit; no closed form covers both");
  }
  if (st.patience && !exp_patience) {
    return fmt::format(
        "its patience is {} — abandonment has a closed form only for exponential patience "
        "(Erlang-A)",
        describe(*st.patience));
  }
  bool exp_same = true;
  std::optional<double> m0;
  for (std::size_t k = 0; k < st.service.size(); ++k) {
    if (k < visiting.size() && !visiting[k]) continue;
    const auto& d = st.service[k];
    if (!is_exponential(d)) exp_same = false;
    if (m0 && std::abs(*m0 - mean(d)) > 1e-12 * *m0) exp_same = false;
    if (!m0) m0 = mean(d);
  }
  if (st.patience && st.discipline == Discipline::ProcessorSharing) {
    return std::string(
        "patience (leaving before service starts) has no meaning under processor sharing, "
        "where every customer is in service at once");
  }
  if (st.patience && !exp_same) {
    return std::string(
        "abandonment has a closed form (Erlang-A) only with exponential service of one rate");
  }
  if (st.capacity && !exp_same && st.discipline != Discipline::ProcessorSharing) {
    return fmt::format(
        "it has a capacity of {} and non-exponential (or class-dependent) service: M/G/c/K "
        "has no closed form",
        *st.capacity);
  }
  return std::nullopt;
}

namespace {

/// One station as a single queue: what every discipline's branch reads.
struct QueueCase {
  const Scenario& sc;
  std::size_t index;
  const StationSpec& st;
  const StationInput& in;
  const ServiceMix& mix;
  double lambda;
  double mu;
  const QueryOptions& o;
};

/// A delay station (infinitely many servers): nobody ever waits.
StationAnswer solve_delay_station(const QueueCase& q) {
  const auto& [sc, i, st, in, mix, lambda, mu, o] = q;
  if (st.capacity) {
    if (!in.poisson) {
      return none(
          fmt::format("an infinite-server station with capacity {} is a loss system (at most {} "
                      "customers at once); "
                      "its blocking probability with non-Poisson arrivals has no closed form",
                      *st.capacity, *st.capacity));
    }
    const auto k = static_cast<std::uint32_t>(std::min<std::uint64_t>(*st.capacity, 4000000000ULL));
    AnalyticResult r = mmcc(lambda, mu, k, o);
    r.model = "M/G/c/c";
    erase_if_metric(r.metrics, [](std::string_view n) { return is_quantile_of(n, metric::W); });
    r.notes.push_back(fmt::format(
        "infinitely many servers but room for {} customers: the Erlang loss system M/G/{}/{}, "
        "whose "
        "blocking probability depends on the service time only through its mean (insensitivity)",
        *st.capacity, k, k));
    const double pb = r.metrics.get(metric::p_block).value_or(0.0);
    return answer(std::move(r), 1.0 - pb, 1.0 - pb);
  }
  // M/M/∞ when the service is exponential (the W distribution is then known), M/G/∞
  // otherwise: the number present is Poisson(λ E[S]) either way (insensitivity).
  AnalyticResult r = mix.exponential_same_rate ? mminf(lambda, mu, o) : mginf(lambda, mu, o);
  if (!in.poisson) {
    r.model = "G/G/inf";
    erase_if_metric(r.metrics, [](std::string_view n) {
      return is_any_quantile(n) || n == metric::busy_servers;
    });
    r.metrics.set(metric::busy_servers, lambda * mix.mean);
    r.notes.push_back(
        "no customer waits at a delay station, so L = λ E[S] and W = E[S] hold exactly whatever "
        "the "
        "arrival process (Little's law)");
  }
  if (st.patience)
    r.notes.push_back("patience is irrelevant here: nobody waits at a delay station");
  if (multi_class(sc)) {
    for (std::size_t k = 0; k < in.class_rates.size(); ++k) {
      ClassMetrics cm{sc.classes[k].name, {}};
      cm.metrics.set(metric::throughput, in.class_rates[k]);
      cm.metrics.set(metric::L, in.class_rates[k] * mix.class_mean[k]);
      if (in.class_rates[k] > 0.0) {
        cm.metrics.set(metric::W, mix.class_mean[k]);
        cm.metrics.set(metric::Wq, 0.0);
      }
      r.classes.push_back(std::move(cm));
    }
  }
  return answer(std::move(r));
}

/// Only the metrics that do not depend on the order of service within the station.
Metrics order_free_metrics(const Metrics& all) {
  Metrics kept;
  for (const auto& [n, v] : all.entries()) {
    if (n == metric::utilization || n == metric::L || n == metric::W || n == metric::throughput ||
        n == metric::p_block || n == metric::busy_servers) {
      kept.set(n, v);
    }
  }
  return kept;
}

/// Processor sharing: insensitive (Kelly's symmetric queue).
StationAnswer solve_processor_sharing(const QueueCase& q, std::uint32_t c) {
  const auto& [sc, i, st, in, mix, lambda, mu, o] = q;
  if (st.patience) return none(*loss_unknown_reason(sc, i, mix.visiting));
  if (st.capacity) {
    AnalyticResult r =
        c == 1 ? mm1k(lambda, mu, *st.capacity, {}) : mmck(lambda, mu, c, *st.capacity, {});
    r.metrics = order_free_metrics(r.metrics);
    r.model = c == 1 ? "M/G/1/K-PS" : "M/G/c/K-PS";
    r.notes.push_back(
        "processor sharing with a capacity is insensitive: L, W and p_block are those of M/M/c/K "
        "with the "
        "same mean service time");
    const double pb = r.metrics.get(metric::p_block).value_or(0.0);
    if (!in.poisson) mark_poisson_assumed(r, in);
    return answer(std::move(r), 1.0 - pb, 1.0 - pb);
  }
  OpenStation os;
  os.name = st.name;
  os.type = OpenStationType::ProcessorSharing;
  os.servers = c;
  os.mean_service = mix.class_mean;
  std::vector<std::string> names;
  for (const auto& cl : sc.classes) names.push_back(cl.name);
  Eigen::RowVectorXd rates(static_cast<Eigen::Index>(in.class_rates.size()));
  for (std::size_t k = 0; k < in.class_rates.size(); ++k)
    rates(static_cast<Eigen::Index>(k)) = in.class_rates[k];
  AnalyticResult r = bcmp_station(os, rates, names, o);
  if (!in.poisson) mark_poisson_assumed(r, in);
  return answer(std::move(r));
}

/// Round robin: with exponential service the number present evolves as in M/M/c.
StationAnswer solve_round_robin(const QueueCase& q, std::uint32_t c) {
  const auto& [sc, i, st, in, mix, lambda, mu, o] = q;
  if (!mix.exponential_same_rate) {
    return none(
        fmt::format("round robin (quantum {}) with {} service: the result depends on the quantum "
                    "and the service "
                    "distribution; no closed form (processor sharing is its small-quantum limit)",
                    st.quantum, describe(st.service.front())));
  }
  if (st.patience) return none("round robin with patience (reneging) has no closed form");
  AnalyticResult r = st.capacity ? (c == 1 ? mm1k(lambda, mu, *st.capacity, {})
                                           : mmck(lambda, mu, c, *st.capacity, {}))
                                 : markovian(lambda, mu, c, {});
  r.metrics = order_free_metrics(r.metrics);
  r.model = st.capacity ? "M/M/c/K-RR" : "M/M/c-RR";
  r.notes.push_back(
      "with exponential service the number present evolves as under FIFO whatever the quantum, so "
      "L and W "
      "are exact; customers wait in several pieces, so Wq and its quantiles do not apply");
  const double pb = r.metrics.get(metric::p_block).value_or(0.0);
  if (!in.poisson) {
    if (!st.capacity) {
      AnalyticResult approx = bridge::gg(lambda, mu, c, in.arrival_scv, 1.0, {});
      approx.model = "G/M/c-RR";
      if (in.scv_from_qna) {
        approx.method = c == 1 ? method::qna_kingman : method::qna_allen_cunneen;
        if (c == 1) apply_klb_factor(approx, lambda, mu, in.arrival_scv, 1.0);
      }
      erase_if_metric(approx.metrics, [](std::string_view n) {
        return n == metric::Wq || n == metric::Lq || n == metric::p_wait || is_any_quantile(n);
      });
      return answer(std::move(approx));
    }
    mark_poisson_assumed(r, in);
  }
  return answer(std::move(r), 1.0 - pb, 1.0 - pb);
}

/// Priority classes of more than one level.
StationAnswer solve_priority(const QueueCase& q, std::uint32_t c, bool preemptive) {
  const auto& [sc, i, st, in, mix, lambda, mu, o] = q;
  if (st.capacity || st.patience) {
    return none("priority classes combined with a capacity or patience have no closed form");
  }
  if (c == 1) {
    AnalyticResult r = bridge::mg1_priority(sc, st, in.class_rates, preemptive, o);
    if (!in.poisson && r.method == method::exact) mark_poisson_assumed(r, in);
    return answer(std::move(r));
  }
  if (!mix.exponential_same_rate) {
    return none(fmt::format(
        "{} servers with priority classes and service that is not exponential with one rate for "
        "all classes: "
        "no closed form (the exact multi-server priority results need one exponential rate)",
        c));
  }
  AnalyticResult r = mmc_priority(sc, in.class_rates, mu, c, preemptive);
  if (!in.poisson) mark_poisson_assumed(r, in);
  return answer(std::move(r));
}

/// FIFO and the other class-blind, size-blind orders (LIFO, random, one priority level).
StationAnswer solve_class_blind_order(const QueueCase& q, std::uint32_t c) {
  const auto& [sc, i, st, in, mix, lambda, mu, o] = q;
  const bool fifo_order = st.discipline == Discipline::Fifo ||
                          st.discipline == Discipline::Priority ||
                          st.discipline == Discipline::PriorityPreemptive;
  const std::string order_note = fmt::format(
      "{} order: the number present and the mean wait are those of FIFO, but the waiting-time "
      "distribution is not",
      discipline_name(st.discipline));

  if (st.patience) {
    if (auto why = loss_unknown_reason(sc, i, mix.visiting)) return none(*why);
    if (!fifo_order)
      return none(fmt::format("abandonment under {} order has no closed form",
                              discipline_name(st.discipline)));
    AnalyticResult r = bridge::erlang_a(lambda, mu, c, mean(*st.patience), o);
    if (!in.poisson) mark_poisson_assumed(r, in);
    add_class_blind_classes(sc, mix, in.class_rates, r);
    const double pa = r.metrics.get(metric::p_abandon).value_or(0.0);
    return answer(std::move(r), 1.0, 1.0 - pa);
  }

  if (st.capacity) {
    if (auto why = loss_unknown_reason(sc, i, mix.visiting)) return none(*why);
    AnalyticResult r =
        c == 1 ? mm1k(lambda, mu, *st.capacity, o) : mmck(lambda, mu, c, *st.capacity, o);
    if (!fifo_order) drop_fifo_distribution(r, order_note);
    if (!in.poisson) mark_poisson_assumed(r, in);
    add_class_blind_classes(sc, mix, in.class_rates, r);
    const double pb = r.metrics.get(metric::p_block).value_or(0.0);
    return answer(std::move(r), 1.0 - pb, 1.0 - pb);
  }

  AnalyticResult r;
  if (in.poisson) {
    if (mix.exponential_same_rate) {
      r = markovian(lambda, mu, c, o);
    } else if (c == 1) {
      if (auto d = single_service(st, mix)) {
        r = bridge::mg1(lambda, *d, o);
      } else {
        r = bridge::mg1(lambda, mix.mean, mix.scv, o);
      }
      if (multi_class(sc) && !single_service(st, mix)) {
        r.notes.push_back(
            "several classes with different service: M/G/1 with their mixture (exact for FIFO: an "
            "arrival's "
            "wait does not depend on its own class)");
      }
    } else {
      r = bridge::mgc(lambda, mu, c, mix.scv, o);
    }
  } else {
    const double cs2 = mix.exponential_same_rate ? 1.0 : mix.scv;
    r = bridge::gg(lambda, mu, c, in.arrival_scv, cs2, o);
    if (in.scv_from_qna) {
      r.method = c == 1 ? method::qna_kingman : method::qna_allen_cunneen;
      if (c == 1) apply_klb_factor(r, lambda, mu, in.arrival_scv, cs2);
    }
    r.notes.push_back(fmt::format("arrival SCV {:.4g} ({})", in.arrival_scv, in.scv_source));
  }
  if (!fifo_order) drop_fifo_distribution(r, order_note);
  add_class_blind_classes(sc, mix, in.class_rates, r);
  return answer(std::move(r));
}

}  // namespace

StationAnswer solve_station_model(const Scenario& sc, std::size_t i, const StationInput& in,
                                  const QueryOptions& o) {
  const StationSpec& st = sc.stations[i];
  const ServiceMix mix = service_mix(st, in.class_rates);
  if (!(mix.lambda > 0.0)) return answer(idle(st, mix));
  const double lambda = mix.lambda;
  const double mu = mix.exponential_rate ? *mix.exponential_rate : 1.0 / mix.mean;
  std::optional<std::uint32_t> servers = st.servers;
  if (st.server_schedule) servers = constant_schedule(st);
  const QueueCase q{sc, i, st, in, mix, lambda, mu, o};

  if (!servers) return solve_delay_station(q);
  const std::uint32_t c = *servers;
  if (st.discipline == Discipline::ProcessorSharing) return solve_processor_sharing(q, c);
  if (st.discipline == Discipline::RoundRobin) return solve_round_robin(q, c);
  if (st.discipline == Discipline::ShortestJobFirst) {
    return none(
        "shortest job first orders customers by their service times; the exact M/G/1 result needs "
        "the whole "
        "service distribution (not just mean and SCV) and is not implemented");
  }
  // Priority levels among the classes that come.
  std::set<int> levels;
  for (std::size_t k = 0; k < in.class_rates.size(); ++k) {
    if (in.class_rates[k] > 0.0) levels.insert(sc.classes[k].priority);
  }
  const bool priority =
      (st.discipline == Discipline::Priority || st.discipline == Discipline::PriorityPreemptive) &&
      levels.size() > 1;
  if (priority) return solve_priority(q, c, st.discipline == Discipline::PriorityPreemptive);
  return solve_class_blind_order(q, c);
}

}  // namespace kendall::model::detail
