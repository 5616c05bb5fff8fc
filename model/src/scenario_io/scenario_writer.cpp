#include "kendall/model/scenario_writer.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/units.hpp"

#include "write_slo.hpp"

namespace kendall::model {

namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool is_yaml_special_word(std::string_view s) {
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word :
       {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "inf", "nan"}) {
    if (lower == word) return true;
  }
  return false;
}

/// A YAML scalar for a name or text: plain when it is unambiguous, double-quoted otherwise.
std::string yaml_scalar(std::string_view s) {
  const auto plain_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
           c == ' ' || c == '/' || c == '(' || c == ')';
  };
  const bool plain = !s.empty() && std::isalpha(static_cast<unsigned char>(s.front())) &&
                     s.back() != ' ' && std::all_of(s.begin(), s.end(), plain_char) &&
                     !is_yaml_special_word(s);
  if (plain) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

std::string number(double x) { return fmt::format("{}", x); }

class Writer {
 public:
  explicit Writer(const Scenario& s) : s_(s), unit_(s.time_unit) {
    if (!canonical_time_unit(unit_) || *canonical_time_unit(unit_) != unit_) {
      throw InvalidParameter(
          fmt::format("cannot write a scenario with time unit '{}' — expected one of "
                      "ns, us, ms, s, min, h, d",
                      unit_));
    }
    custom_classes_ =
        !(s.classes.size() == 1 && s.classes.front() == CustomerClassSpec{"default", 1});
  }

  std::string write() {
    line(0, fmt::format("# {} — scenario file written by Kendall. Times are in {}.",
                        one_line(s_.name), unit_));
    line(0, "name: " + yaml_scalar(s_.name));
    if (!s_.description.empty()) line(0, "description: " + yaml_scalar(s_.description));
    line(0, "time_unit: " + unit_);
    if (custom_classes_) {
      line(0, "classes:");
      for (const auto& c : s_.classes)
        line(1, fmt::format("- {{name: {}, priority: {}}}", yaml_scalar(c.name), c.priority));
    }
    if (s_.population) {
      line(0, fmt::format("population: {}", *s_.population));
      line(0, "start: " + station(s_.population_start));
    }
    if (!s_.arrivals.empty()) {
      line(0, "arrivals:");
      for (const auto& a : s_.arrivals) write_arrival(a);
    }
    line(0, "stations:");
    for (const auto& st : s_.stations) write_station(st);
    write_run();
    out_ += detail::slo_and_cost_yaml(s_);
    return out_;
  }

 private:
  static std::string one_line(const std::string& text) {
    std::string out = text;
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
  }

  void line(int indent, const std::string& text) {
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  [[nodiscard]] std::string duration(double x) const { return format_duration(x, unit_); }
  [[nodiscard]] std::string rate(double x) const { return format_rate(x, unit_); }

  [[nodiscard]] std::string station(std::size_t i) const {
    if (i >= s_.stations.size()) {
      throw InvalidParameter(
          fmt::format("cannot write a reference to station index {}: there are {} stations", i,
                      s_.stations.size()));
    }
    return yaml_scalar(s_.stations[i].name);
  }
  [[nodiscard]] std::string class_name(std::size_t c) const {
    if (c >= s_.classes.size()) {
      throw InvalidParameter(
          fmt::format("cannot write a reference to class index {}: there are {} classes", c,
                      s_.classes.size()));
    }
    return yaml_scalar(s_.classes[c].name);
  }

  /// A distribution as a flow mapping, every parameter in a form the loader reads back exactly.
  [[nodiscard]] std::string distribution(const DistributionSpec& d) const {
    return std::visit(
        Overloaded{
            [this](const dist::Exponential& e) {
              // The mean when it converts back to the same rate, else the rate itself.
              const double m = 1.0 / e.rate;
              if (1.0 / m == e.rate)
                return fmt::format("{{dist: exponential, mean: {}}}", duration(m));
              return fmt::format("{{dist: exponential, rate: {}}}", rate(e.rate));
            },
            [this](const dist::Deterministic& e) {
              return fmt::format("{{dist: deterministic, value: {}}}", duration(e.value));
            },
            [this](const dist::Erlang& e) {
              return fmt::format("{{dist: erlang, k: {}, mean: {}}}", e.k, duration(e.mean));
            },
            [this](const dist::Gamma& e) {
              return fmt::format("{{dist: gamma, shape: {}, scale: {}}}", number(e.shape),
                                 duration(e.scale));
            },
            [this](const dist::Lognormal& e) {
              return fmt::format("{{dist: lognormal, mean: {}, scv: {}}}", duration(e.mean),
                                 number(e.scv));
            },
            [this](const dist::Hyperexponential& e) {
              std::string phases;
              for (std::size_t i = 0; i < e.rates.size() && i < e.probabilities.size(); ++i) {
                if (i > 0) phases += ", ";
                phases += fmt::format("{{probability: {}, rate: {}}}", number(e.probabilities[i]),
                                      rate(e.rates[i]));
              }
              return fmt::format("{{dist: hyperexponential, phases: [{}]}}", phases);
            },
            [this](const dist::Uniform& e) {
              return fmt::format("{{dist: uniform, min: {}, max: {}}}", duration(e.low),
                                 duration(e.high));
            },
            [this](const dist::Weibull& e) {
              return fmt::format("{{dist: weibull, shape: {}, scale: {}}}", number(e.shape),
                                 duration(e.scale));
            },
            [](const dist::Empirical& e) {
              std::string values;
              for (std::size_t i = 0; i < e.values.size(); ++i) {
                if (i > 0) values += ", ";
                values += number(e.values[i]);
              }
              std::string text =
                  fmt::format("{{dist: empirical, mode: {}",
                              e.mode == dist::EmpiricalMode::Replay ? "replay" : "sample");
              if (e.source != "inline") text += ", source: " + yaml_scalar(e.source);
              text += fmt::format(", values: [{}]}}", values);
              return text;
            },
        },
        d);
  }

  [[nodiscard]] std::string routing(const RoutingSpec& r) const {
    std::string items;
    if (r.policy != RoutingPolicy::Probabilistic) {
      for (const auto& t : r.targets) {
        if (!items.empty()) items += ", ";
        items += t.station ? station(*t.station) : std::string(exit_keyword);
      }
      return fmt::format("{{{}: [{}]}}", routing_policy_name(r.policy), items);
    }
    if (r.targets.empty()) return std::string(exit_keyword);
    if (r.targets.size() == 1 && r.targets.front().station &&
        r.targets.front().probability == 1.0) {
      return station(*r.targets.front().station);  // `next: db` is {db: 1}
    }
    for (const auto& t : r.targets) {
      if (!items.empty()) items += ", ";
      items += fmt::format("{}: {}", t.station ? station(*t.station) : std::string(exit_keyword),
                           number(t.probability));
    }
    return "{" + items + "}";
  }

  /// `key: value` once when every class has the same value, else one line per class.
  template <class T, class Format>
  void per_class(int indent, std::string_view key, const std::vector<T>& values, Format format) {
    if (values.size() != s_.classes.size()) {
      throw InvalidParameter(fmt::format("cannot write {} with {} entries for {} classes", key,
                                         values.size(), s_.classes.size()));
    }
    if (values.empty()) return;
    const bool all_same =
        std::all_of(values.begin(), values.end(), [&](const T& v) { return v == values.front(); });
    if (all_same) {
      line(indent, fmt::format("{}: {}", key, format(values.front())));
      return;
    }
    line(indent, fmt::format("{}:", key));
    for (std::size_t c = 0; c < values.size(); ++c)
      line(indent + 1, fmt::format("{}: {}", class_name(c), format(values[c])));
  }

  void write_piecewise(int indent, const PiecewiseConstant& f, std::string_view list_key,
                       std::string_view value_key, bool values_are_rates) {
    if (f.period) line(indent, "period: " + duration(*f.period));
    line(indent, fmt::format("{}:", list_key));
    for (std::size_t k = 0; k < f.starts.size() && k < f.values.size(); ++k) {
      const std::string value = values_are_rates ? rate(f.values[k]) : number(f.values[k]);
      line(indent + 1,
           fmt::format("- {{from: {}, {}: {}}}", duration(f.starts[k]), value_key, value));
    }
  }

  [[nodiscard]] const RateRange* rate_range_of(const ArrivalSpec& a) const {
    const auto index = static_cast<std::size_t>(&a - s_.arrivals.data());
    for (const auto& r : s_.rate_ranges) {
      if (r.arrival == index) return &r;
    }
    return nullptr;
  }

  void write_arrival(const ArrivalSpec& a) {
    line(1, "- to: " + station(a.station));
    if (custom_classes_) line(2, "class: " + class_name(a.customer_class));
    if (a.rate_profile) {
      line(2, "profile:");
      write_piecewise(3, *a.rate_profile, "rates", "rate", true);
    } else if (const RateRange* r = rate_range_of(a)) {
      line(2, fmt::format("rate: {{low: {}, nominal: {}, high: {}}}", rate(r->low),
                          rate(r->nominal), rate(r->high)));
    } else if (const auto* e = std::get_if<dist::Exponential>(&a.interarrival)) {
      line(2, "rate: " + rate(e->rate));
    } else {
      line(2, "interarrival: " + distribution(a.interarrival));
    }
  }

  void write_station(const StationSpec& st) {
    line(1, "- name: " + yaml_scalar(st.name));
    if (st.server_schedule) {
      line(2, "schedule:");
      write_piecewise(3, *st.server_schedule, "servers", "servers", false);
    } else {
      line(2, st.servers ? fmt::format("servers: {}", *st.servers) : std::string("servers: inf"));
    }
    if (st.capacity) line(2, fmt::format("capacity: {}", *st.capacity));
    if (!st.backlog.empty()) {
      if (st.backlog.size() != s_.classes.size()) {
        throw InvalidParameter(
            fmt::format("cannot write the backlog of station '{}': {} entries for {} classes",
                        st.name, st.backlog.size(), s_.classes.size()));
      }
      if (!custom_classes_) {
        line(2, fmt::format("backlog: {}", st.backlog.front()));
      } else {
        std::string items;
        for (std::size_t c = 0; c < st.backlog.size(); ++c) {
          if (st.backlog[c] == 0) continue;
          if (!items.empty()) items += ", ";
          items += fmt::format("{}: {}", class_name(c), st.backlog[c]);
        }
        if (!items.empty()) line(2, "backlog: {" + items + "}");
      }
    }
    line(2, "discipline: " + std::string(discipline_name(st.discipline)));
    if (st.discipline == Discipline::RoundRobin || st.quantum != 0.0)
      line(2, "quantum: " + duration(st.quantum));
    per_class(2, "service", st.service,
              [this](const DistributionSpec& d) { return distribution(d); });
    per_class(2, "next", st.routing, [this](const RoutingSpec& r) { return routing(r); });
    if (st.balking) {
      line(2, fmt::format("balking: {{threshold: {}, probability: {}}}", st.balking->threshold,
                          number(st.balking->probability)));
    }
    if (st.patience) line(2, "patience: " + distribution(*st.patience));
    if (st.retry) {
      const auto* constant = std::get_if<dist::Deterministic>(&st.retry->backoff);
      const std::string backoff =
          constant ? duration(constant->value) : distribution(st.retry->backoff);
      line(2, fmt::format("retry: {{failure_probability: {}, max_attempts: {}, backoff: {}}}",
                          number(st.retry->failure_probability), st.retry->max_attempts, backoff));
    }
  }

  void write_run() {
    const RunSpec& r = s_.run;
    line(0, "run:");
    if (r.customers) line(1, fmt::format("customers: {}", *r.customers));
    if (r.horizon) line(1, "horizon: " + duration(*r.horizon));
    switch (r.warmup.kind) {
      case WarmupSpec::Kind::Auto:
        line(1, "warmup: auto");
        break;
      case WarmupSpec::Kind::None:
        line(1, "warmup: none");
        break;
      case WarmupSpec::Kind::Customers:
        if (!(r.warmup.amount >= 0.0 && r.warmup.amount == std::floor(r.warmup.amount) &&
              r.warmup.amount < 1.8e19)) {
          throw InvalidParameter(
              fmt::format("cannot write a warm-up of {:g} customers: expected a whole number",
                          r.warmup.amount));
        }
        line(1, fmt::format("warmup: {}", static_cast<std::uint64_t>(r.warmup.amount)));
        break;
      case WarmupSpec::Kind::Time:
        line(1, "warmup: " + duration(r.warmup.amount));
        break;
    }
    line(1, fmt::format("replications: {}", r.replications));
    line(1, fmt::format("seed: {}", r.seed));
    line(1, "confidence: " + number(r.confidence));
    if (r.precision) line(1, "precision: " + number(*r.precision));
    if (r.time_budget_seconds)
      line(1, fmt::format("time_budget: {}s", number(*r.time_budget_seconds)));
    line(1, std::string("ci: ") +
                (r.ci_method == CiMethod::BatchMeans ? "batch_means" : "replications"));
    if (!r.quantiles.empty()) {
      std::string items;
      for (double q : r.quantiles) {
        if (!items.empty()) items += ", ";
        items += number(q);
      }
      line(1, "quantiles: [" + items + "]");
    }
  }

  const Scenario& s_;
  std::string unit_;
  bool custom_classes_ = false;
  std::string out_;
};

}  // namespace

std::string save_scenario_yaml(const Scenario& scenario) { return Writer(scenario).write(); }

void save_scenario_file(const Scenario& scenario, const std::filesystem::path& path) {
  const std::string text = save_scenario_yaml(scenario);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(fmt::format("{}: cannot open for writing", path.string()));
  out << text;
  out.close();
  if (!out) throw Error(fmt::format("{}: could not write the scenario", path.string()));
}

}  // namespace kendall::model
