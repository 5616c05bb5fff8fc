#include "kendall/model/queue_query.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic.hpp"

namespace kendall::model {

namespace {

using Count = KendallNotation::Count;

std::string trim(std::string_view s) {
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool is_infinity(const std::string& s) {
  const std::string l = lower(s);
  return l == "inf" || l == "infinity" || s == "\u221e";
}

std::optional<std::uint64_t> parse_unsigned(const std::string& s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char ch : s) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(ch - '0');
  }
  return v;
}

// c, K or N position: a number, a symbol from `symbols`, inf, or (when allowed) empty.
Count parse_count(const std::string& raw, std::string_view what, std::string_view symbols,
                  bool may_be_empty, std::string_view text) {
  const std::string s = trim(raw);
  if (s.empty()) {
    if (may_be_empty) return Count{};
    throw InvalidParameter(
        fmt::format("Kendall notation '{}': the {} position is empty; expected a number, {} or inf",
                    text, what, symbols));
  }
  if (is_infinity(s)) return Count{Count::Kind::Infinite, 0};
  if (s.size() == 1 && symbols.find(s[0]) != std::string_view::npos) {
    return Count{Count::Kind::Symbol, 0};
  }
  if (auto v = parse_unsigned(s)) return Count{Count::Kind::Number, *v};
  throw InvalidParameter(fmt::format(
      "Kendall notation '{}': '{}' is not a valid {}; expected a whole number, a letter ({}) "
      "or inf",
      text, s, what, symbols));
}

// ---- resolving counts against flags ---------------------------------------------------------

struct Resolved {
  double value = unbounded;  // unbounded when infinite or not given
  bool given = false;        // present in the notation or as a flag
};

std::string show(double v) {
  if (std::isinf(v)) return "inf";
  return fmt::format("{}", v);
}

double checked_count_flag(double v, std::string_view flag) {
  if (std::isinf(v) && v > 0) return v;
  if (!(std::isfinite(v) && v >= 1.0 && v == std::floor(v) && v <= 1e15)) {
    throw InvalidParameter(
        fmt::format("{} must be a whole number >= 1 or inf, got {}", flag, show(v)));
  }
  return v;
}

Resolved resolve(const Count& in_notation, const std::optional<double>& flag,
                 std::string_view flag_name, std::string_view model_for_message) {
  std::optional<double> from_flag;
  if (flag) from_flag = checked_count_flag(*flag, flag_name);
  switch (in_notation.kind) {
    case Count::Kind::Absent:
      if (from_flag) return {*from_flag, true};
      return {unbounded, false};
    case Count::Kind::Symbol:
      if (!from_flag) {
        throw InvalidParameter(fmt::format("{} needs {}", model_for_message, flag_name));
      }
      return {*from_flag, true};
    case Count::Kind::Infinite:
    case Count::Kind::Number: {
      const double v = in_notation.kind == Count::Kind::Infinite
                           ? unbounded
                           : static_cast<double>(in_notation.value);
      if (from_flag && *from_flag != v) {
        throw InvalidParameter(
            fmt::format("'{}' says {} but {} is {}; give it once, or make them agree",
                        model_for_message, show(v), flag_name, show(*from_flag)));
      }
      return {v, true};
    }
  }
  return {unbounded, false};
}

double require_flag(const std::optional<double>& v, std::string_view flag, std::string_view model) {
  if (!v) throw InvalidParameter(fmt::format("{} needs {}", model, flag));
  return *v;
}

std::uint32_t as_servers(double c) {
  if (c > static_cast<double>(std::numeric_limits<std::uint32_t>::max())) {
    throw InvalidParameter(fmt::format("servers = {} is too large; use inf", show(c)));
  }
  return static_cast<std::uint32_t>(c);
}

const char* arrival_letter(KendallNotation::Arrival a) {
  return a == KendallNotation::Arrival::Markovian ? "M" : "G";
}

std::string service_letter(const KendallNotation& n) {
  switch (n.service) {
    case KendallNotation::Service::Markovian:
      return "M";
    case KendallNotation::Service::General:
      return "G";
    case KendallNotation::Service::Deterministic:
      return "D";
    case KendallNotation::Service::Erlang:
      return "E_k";
  }
  return "?";
}

}  // namespace

KendallNotation parse_kendall_notation(std::string_view input) {
  KendallNotation n;
  n.text = trim(input);
  const std::string& text = n.text;
  if (text.empty()) {
    throw InvalidParameter("empty Kendall notation; expected e.g. M/M/1, M/M/c/K, M/G/1, G/G/c");
  }
  std::string base = text;
  if (const auto plus = text.find('+'); plus != std::string::npos) {
    base = text.substr(0, plus);
    const std::string patience = lower(trim(text.substr(plus + 1)));
    if (patience != "m") {
      throw InvalidParameter(fmt::format(
          "Kendall notation '{}': only exponential patience '+M' (Erlang-A) is supported, got "
          "'+{}'",
          text, trim(text.substr(plus + 1))));
    }
    n.abandonment = true;
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const auto slash = base.find('/', start);
    parts.push_back(
        base.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() < 3 || parts.size() > 5) {
    throw InvalidParameter(fmt::format(
        "Kendall notation '{}' has {} parts; expected A/S/c, A/S/c/K or A/S/c/K/N (e.g. M/M/1, "
        "M/M/2/10, M/M/c//N)",
        text, parts.size()));
  }
  const std::string a = lower(trim(parts[0]));
  if (a == "m") {
    n.arrival = KendallNotation::Arrival::Markovian;
  } else if (a == "g" || a == "gi") {
    n.arrival = KendallNotation::Arrival::General;
  } else {
    throw InvalidParameter(fmt::format(
        "Kendall notation '{}': unsupported arrival process '{}'; expected M (Poisson) or G/GI "
        "(general, with --arrival-scv)",
        text, trim(parts[0])));
  }
  const std::string s = lower(trim(parts[1]));
  if (s == "m") {
    n.service = KendallNotation::Service::Markovian;
  } else if (s == "g" || s == "gi") {
    n.service = KendallNotation::Service::General;
  } else if (s == "d") {
    n.service = KendallNotation::Service::Deterministic;
  } else if (!s.empty() && s[0] == 'e') {
    n.service = KendallNotation::Service::Erlang;
    std::string k = s.substr(1);
    if (!k.empty() && k[0] == '_') k = k.substr(1);
    if (!(k.empty() || k == "k")) {
      const auto v = parse_unsigned(k);
      if (!v || *v < 1 || *v > std::numeric_limits<std::uint32_t>::max()) {
        throw InvalidParameter(fmt::format(
            "Kendall notation '{}': '{}' is not a valid Erlang service; expected E_k, Ek or a "
            "phase count such as E3 / E_3",
            text, trim(parts[1])));
      }
      n.erlang_k = static_cast<std::uint32_t>(*v);
    }
  } else {
    throw InvalidParameter(fmt::format(
        "Kendall notation '{}': unsupported service distribution '{}'; expected M, G/GI, D or "
        "E_k",
        text, trim(parts[1])));
  }
  n.servers = parse_count(parts[2], "number of servers", "c, s", false, text);
  if (n.servers.kind == Count::Kind::Number && n.servers.value < 1) {
    throw InvalidParameter(
        fmt::format("Kendall notation '{}': the number of servers must be at least 1", text));
  }
  if (parts.size() >= 4) {
    n.capacity = parse_count(parts[3], "capacity", "K, k", parts.size() == 5, text);
  }
  if (parts.size() == 5) {
    n.population = parse_count(parts[4], "population", "N, n", false, text);
    if (n.population.kind == Count::Kind::Number && n.population.value < 1) {
      throw InvalidParameter(
          fmt::format("Kendall notation '{}': the population must be at least 1", text));
    }
  }
  return n;
}

AnalyticResult solve(const QueueQuery& q, const QueryOptions& options) {
  const KendallNotation n = parse_kendall_notation(q.notation);
  const std::string& name = n.text;
  using Arrival = KendallNotation::Arrival;
  using Service = KendallNotation::Service;

  const Resolved servers = resolve(n.servers, q.servers, "--servers", name);
  const Resolved capacity = resolve(n.capacity, q.capacity, "--capacity", name);
  const Resolved population = resolve(n.population, q.population, "--population", name);
  const bool finite_c = std::isfinite(servers.value);
  const bool finite_K = std::isfinite(capacity.value);
  const bool finite_N = std::isfinite(population.value);
  if (finite_c && finite_K && capacity.value < servers.value) {
    throw InvalidParameter(fmt::format(
        "capacity K = {} is smaller than servers c = {}; K counts waiting plus in-service "
        "customers and must be >= c",
        show(capacity.value), show(servers.value)));
  }

  // Values the notation fixes must not be contradicted by flags.
  if (n.arrival == Arrival::Markovian && q.arrival_scv && *q.arrival_scv != 1.0) {
    throw InvalidParameter(fmt::format(
        "'{}' has Poisson arrivals (scv 1) but --arrival-scv is {}; use G/... for general "
        "arrivals",
        name, *q.arrival_scv));
  }
  std::optional<std::uint32_t> k = n.erlang_k;
  if (n.service == Service::Erlang) {
    if (k && q.erlang_k && *k != *q.erlang_k) {
      throw InvalidParameter(
          fmt::format("'{}' says k = {} but --erlang-k is {}", name, *k, *q.erlang_k));
    }
    if (!k) k = q.erlang_k;
    if (!k) throw InvalidParameter(fmt::format("{} needs --erlang-k (the number of phases)", name));
    if (*k < 1) throw InvalidParameter("--erlang-k must be at least 1");
  } else if (q.erlang_k) {
    throw InvalidParameter(
        fmt::format("--erlang-k only applies to Erlang service (M/E_k/1), not to '{}'", name));
  }
  std::optional<double> fixed_scv;
  switch (n.service) {
    case Service::Markovian:
      fixed_scv = 1.0;
      break;
    case Service::Deterministic:
      fixed_scv = 0.0;
      break;
    case Service::Erlang:
      fixed_scv = 1.0 / *k;
      break;
    case Service::General:
      break;
  }
  if (fixed_scv && q.service_scv && std::fabs(*q.service_scv - *fixed_scv) > 1e-12) {
    throw InvalidParameter(fmt::format(
        "'{}' has service scv {} but --service-scv is {}; use M/G/... for general service", name,
        *fixed_scv, *q.service_scv));
  }
  if (q.patience_mean && !n.abandonment) {
    throw InvalidParameter(fmt::format(
        "--patience-mean only applies to models with abandonment (M/M/c+M), not to '{}'", name));
  }

  // Priority classes: M/G/1 family only; rates come from the classes.
  if (!q.classes.empty()) {
    if (!(n.arrival == Arrival::Markovian && finite_c && servers.value == 1.0 && !finite_K &&
          !finite_N && !n.abandonment)) {
      throw InvalidParameter(fmt::format(
          "priority classes are supported for single-server Poisson queues (M/G/1, M/M/1, "
          "M/D/1, M/E_k/1), not for '{}'",
          name));
    }
    if (q.lambda || q.mu || q.service_scv) {
      throw InvalidParameter(
          "with priority classes, arrival rates and service times come from the classes; "
          "remove --lambda, --mu and --service-scv");
    }
    for (const auto& c : q.classes) {
      if (fixed_scv && std::fabs(c.service_scv - *fixed_scv) > 1e-12) {
        throw InvalidParameter(
            fmt::format("class '{}' has service scv {} but '{}' fixes it to {}; use M/G/1", c.name,
                        c.service_scv, name, *fixed_scv));
      }
    }
    return q.priority == PriorityMode::PreemptiveResume
               ? mg1_preemptive_priority(q.classes, options)
               : mg1_priority(q.classes, options);
  }

  const double lambda = require_flag(q.lambda, "--lambda", name);
  const double mu = require_flag(q.mu, "--mu", name);

  // ---- Markovian service and arrivals: exact birth–death models ----
  if (n.arrival == Arrival::Markovian && n.service == Service::Markovian) {
    if (n.abandonment) {
      if (!finite_c) {
        throw InvalidParameter(fmt::format(
            "'{}' with infinitely many servers has no waiting, so no abandonment; use M/M/inf",
            name));
      }
      if (finite_K || finite_N) {
        throw InvalidParameter(fmt::format(
            "abandonment (+M) is supported without a capacity or population bound (M/M/c+M), "
            "not for '{}'",
            name));
      }
      const double patience = require_flag(q.patience_mean, "--patience-mean", name);
      return erlang_a(lambda, mu, as_servers(servers.value), patience, options);
    }
    if (finite_N) {
      const auto N = static_cast<std::uint64_t>(population.value);
      // Infinitely many servers: every request is served at once, as with c = N.
      const std::uint32_t c = finite_c ? as_servers(std::min(servers.value, population.value))
                                       : as_servers(population.value);
      std::optional<std::uint64_t> K;
      if (finite_K) K = static_cast<std::uint64_t>(capacity.value);
      return mmcn(lambda, mu, c, N, K, options);
    }
    if (!finite_c) {
      if (finite_K) {
        throw InvalidParameter(fmt::format(
            "'{}': a capacity bound with infinitely many servers never binds below c; drop the "
            "capacity or give finite servers",
            name));
      }
      return mminf(lambda, mu, options);
    }
    const std::uint32_t c = as_servers(servers.value);
    if (finite_K) {
      const auto K = static_cast<std::uint64_t>(capacity.value);
      if (K == c) return mmcc(lambda, mu, c, options);
      if (c == 1) return mm1k(lambda, mu, K, options);
      return mmck(lambda, mu, c, K, options);
    }
    if (c == 1) return mm1(lambda, mu, options);
    return mmc(lambda, mu, c, options);
  }

  // ---- everything else: no capacity, population or abandonment ----
  const std::string shape = fmt::format("{}/{}", arrival_letter(n.arrival), service_letter(n));
  if (finite_K || finite_N || n.abandonment) {
    throw InvalidParameter(fmt::format(
        "no analytic model for '{}': capacity bounds, finite populations and abandonment are "
        "supported with Poisson arrivals and exponential service only (M/M/c/K, M/M/c//N, "
        "M/M/c+M)",
        name));
  }
  if (!finite_c) {
    // Insensitive: only the service mean matters, so no --service-scv is needed.
    AnalyticResult r = mginf(lambda, mu, options);
    if (n.arrival == Arrival::General) {
      r.model = "G/G/inf";
      r.notes.push_back(
          "with infinitely many servers nobody waits, so L = lambda/mu and W = 1/mu hold for any "
          "arrival process (Little's law)");
    }
    return r;
  }
  const double scv = fixed_scv ? *fixed_scv : require_flag(q.service_scv, "--service-scv", name);
  const std::uint32_t c = as_servers(servers.value);
  if (n.arrival == Arrival::Markovian) {
    if (c == 1) {
      switch (n.service) {
        case Service::Deterministic:
          return md1(lambda, 1.0 / mu, options);
        case Service::Erlang:
          return mek1(lambda, 1.0 / mu, *k, options);
        default:
          return mg1(lambda, 1.0 / mu, scv, options);
      }
    }
    AnalyticResult r = mgc_allen_cunneen(lambda, mu, c, scv, options);
    if (n.service != Service::General) {
      r.notes.push_back(fmt::format("{}/c treated as M/G/c with service scv {}", shape, scv));
    }
    return r;
  }
  const double ca2 = require_flag(q.arrival_scv, "--arrival-scv", name);
  if (c == 1) return gg1_kingman(lambda, mu, ca2, scv, options);
  return ggc_allen_cunneen(lambda, mu, c, ca2, scv, options);
}

}  // namespace kendall::model
