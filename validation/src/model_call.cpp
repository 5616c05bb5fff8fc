#include "kendall/validation/model_call.hpp"

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "kendall/error.hpp"
#include "kendall/model/analytic.hpp"
#include "kendall/model/queue_query.hpp"

namespace kendall::validation {

namespace {

class Args {
 public:
  Args(const ModelCall& call, std::set<std::string> allowed)
      : call_(call), allowed_(std::move(allowed)) {
    for (const auto& [name, value] : call.args) {
      if (allowed_.count(name) == 0) {
        std::string list;
        for (const auto& a : allowed_) list += (list.empty() ? "" : ", ") + a;
        throw InvalidParameter(fmt::format("model '{}' has no argument '{}' (arguments: {})",
                                           call.name, name, list.empty() ? "none" : list));
      }
    }
  }

  [[nodiscard]] std::optional<double> optional(const std::string& name) const {
    for (const auto& [key, value] : call_.args) {
      if (key == name) return value;
    }
    return std::nullopt;
  }

  [[nodiscard]] double get(const std::string& name) const {
    if (auto v = optional(name)) return *v;
    throw InvalidParameter(fmt::format("model '{}' needs the argument '{}'", call_.name, name));
  }

  [[nodiscard]] std::uint64_t count(const std::string& name) const {
    const double v = get(name);
    if (!(v >= 0.0) || v != std::floor(v) || v > 1e15) {
      throw InvalidParameter(
          fmt::format("model '{}': '{}' must be a whole number, got {}", call_.name, name, v));
    }
    return static_cast<std::uint64_t>(v);
  }

  [[nodiscard]] std::uint32_t servers(const std::string& name = "servers") const {
    const std::uint64_t c = count(name);
    if (c > 0xFFFFFFFFu)
      throw InvalidParameter(fmt::format("model '{}': '{}' is too large", call_.name, name));
    return static_cast<std::uint32_t>(c);
  }

 private:
  const ModelCall& call_;
  std::set<std::string> allowed_;
};

model::AnalyticResult single_metric(std::string model_name, std::string_view metric, double value,
                                    std::vector<std::pair<std::string, double>> params) {
  model::AnalyticResult r;
  r.model = std::move(model_name);
  for (auto& [k, v] : params) r.add_param(k, v);
  r.metrics.set(metric, value);
  return r;
}

double erlang_b_load(std::uint32_t c, double target) {
  if (!(target > 0.0 && target < 1.0)) {
    throw InvalidParameter(fmt::format("erlang_b_load: p_block must be in (0, 1), got {}", target));
  }
  // B(c, a) increases from 0 (a = 0) to 1 (a → ∞): bracket, then bisect to full precision.
  double lo = 0.0;
  double hi = 1.0;
  while (model::erlang_b(c, hi) < target) {
    lo = hi;
    hi *= 2.0;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-15 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (model::erlang_b(c, mid) < target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

model::AnalyticResult query(const ModelCall& call, const model::QueryOptions& options) {
  const Args a(call, {"lambda", "mu", "servers", "capacity", "population", "arrival_scv",
                      "service_scv", "patience_mean", "erlang_k", "preemptive"});
  model::QueueQuery q;
  q.notation = call.notation;
  if (q.notation.empty())
    throw InvalidParameter("model 'query' needs a notation, e.g. notation: M/M/4");
  q.lambda = a.optional("lambda");
  q.mu = a.optional("mu");
  q.servers = a.optional("servers");
  q.capacity = a.optional("capacity");
  q.population = a.optional("population");
  q.arrival_scv = a.optional("arrival_scv");
  q.service_scv = a.optional("service_scv");
  q.patience_mean = a.optional("patience_mean");
  if (a.optional("erlang_k")) q.erlang_k = static_cast<std::uint32_t>(a.count("erlang_k"));
  q.classes = call.classes;
  if (a.optional("preemptive").value_or(0.0) != 0.0)
    q.priority = model::PriorityMode::PreemptiveResume;
  return model::solve(q, options);
}

/// A name call_model accepts, with its arguments and what it calls (for the error message).
struct ModelFunctionInfo {
  std::string name;
  /// Arguments, e.g. "lambda, mu, servers"; optional ones in brackets.
  std::string arguments;
  /// The library function it calls.
  std::string calls;
};

using Function = std::function<model::AnalyticResult(const ModelCall&, const model::QueryOptions&)>;

struct Entry {
  ModelFunctionInfo info;
  Function run;
};

const std::vector<Entry>& registry() {
  static const std::vector<Entry> entries = {
      {{"mm1", "lambda, mu", "model::mm1"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu"});
         return model::mm1(a.get("lambda"), a.get("mu"), o);
       }},
      {{"mmc", "lambda, mu, servers", "model::mmc"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers"});
         return model::mmc(a.get("lambda"), a.get("mu"), a.servers(), o);
       }},
      {{"mminf", "lambda, mu", "model::mminf"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu"});
         return model::mminf(a.get("lambda"), a.get("mu"), o);
       }},
      {{"mmck", "lambda, mu, servers, capacity", "model::mmck"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers", "capacity"});
         return model::mmck(a.get("lambda"), a.get("mu"), a.servers(), a.count("capacity"), o);
       }},
      {{"mm1k", "lambda, mu, capacity", "model::mm1k"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "capacity"});
         return model::mm1k(a.get("lambda"), a.get("mu"), a.count("capacity"), o);
       }},
      {{"mmcc", "lambda, mu, servers", "model::mmcc"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers"});
         return model::mmcc(a.get("lambda"), a.get("mu"), a.servers(), o);
       }},
      {{"mmcn", "lambda, mu, servers, population, [capacity]", "model::mmcn"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers", "population", "capacity"});
         std::optional<std::uint64_t> k;
         if (a.optional("capacity")) k = a.count("capacity");
         return model::mmcn(a.get("lambda"), a.get("mu"), a.servers(), a.count("population"), k, o);
       }},
      {{"mg1", "lambda, service_mean, service_scv", "model::mg1 (Pollaczek-Khinchine)"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "service_mean", "service_scv"});
         return model::mg1(a.get("lambda"), a.get("service_mean"), a.get("service_scv"), o);
       }},
      {{"md1", "lambda, service_time", "model::md1"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "service_time"});
         return model::md1(a.get("lambda"), a.get("service_time"), o);
       }},
      {{"mek1", "lambda, service_mean, k", "model::mek1"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "service_mean", "k"});
         return model::mek1(a.get("lambda"), a.get("service_mean"),
                            static_cast<std::uint32_t>(a.count("k")), o);
       }},
      {{"erlang_a", "lambda, mu, servers, patience_mean", "model::erlang_a"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers", "patience_mean"});
         return model::erlang_a(a.get("lambda"), a.get("mu"), a.servers(), a.get("patience_mean"),
                                o);
       }},
      {{"gg1_kingman", "lambda, mu, arrival_scv, service_scv", "model::gg1_kingman"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "arrival_scv", "service_scv"});
         return model::gg1_kingman(a.get("lambda"), a.get("mu"), a.get("arrival_scv"),
                                   a.get("service_scv"), o);
       }},
      {{"ggc_allen_cunneen", "lambda, mu, servers, arrival_scv, service_scv",
        "model::ggc_allen_cunneen"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers", "arrival_scv", "service_scv"});
         return model::ggc_allen_cunneen(a.get("lambda"), a.get("mu"), a.servers(),
                                         a.get("arrival_scv"), a.get("service_scv"), o);
       }},
      {{"mgc_allen_cunneen", "lambda, mu, servers, service_scv", "model::mgc_allen_cunneen"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu", "servers", "service_scv"});
         return model::mgc_allen_cunneen(a.get("lambda"), a.get("mu"), a.servers(),
                                         a.get("service_scv"), o);
       }},
      {{"mginf", "lambda, mu", "model::mginf"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {"lambda", "mu"});
         return model::mginf(a.get("lambda"), a.get("mu"), o);
       }},
      {{"mg1_priority", "classes", "model::mg1_priority (Cobham)"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {});
         return model::mg1_priority(c.classes, o);
       }},
      {{"mg1_preemptive_priority", "classes", "model::mg1_preemptive_priority"},
       [](const ModelCall& c, const model::QueryOptions& o) {
         const Args a(c, {});
         return model::mg1_preemptive_priority(c.classes, o);
       }},
      {{"erlang_b", "servers, load", "model::erlang_b"},
       [](const ModelCall& c, const model::QueryOptions&) {
         const Args a(c, {"servers", "load"});
         return single_metric("Erlang B", model::metric::p_block,
                              model::erlang_b(a.servers(), a.get("load")),
                              {{"servers", a.get("servers")}, {"load", a.get("load")}});
       }},
      {{"erlang_c", "servers, load", "model::erlang_c"},
       [](const ModelCall& c, const model::QueryOptions&) {
         const Args a(c, {"servers", "load"});
         return single_metric("Erlang C", model::metric::p_wait,
                              model::erlang_c(a.servers(), a.get("load")),
                              {{"servers", a.get("servers")}, {"load", a.get("load")}});
       }},
      {{"erlang_b_load", "servers, p_block", "inverse of model::erlang_b by bisection"},
       [](const ModelCall& c, const model::QueryOptions&) {
         const Args a(c, {"servers", "p_block"});
         return single_metric("Erlang B (inverse)", "load",
                              erlang_b_load(a.servers(), a.get("p_block")),
                              {{"servers", a.get("servers")}, {"p_block", a.get("p_block")}});
       }},
      {{"query",
        "notation, [lambda, mu, servers, capacity, population, arrival_scv, service_scv, "
        "patience_mean, erlang_k, preemptive], [classes]",
        "model::solve (Kendall notation front end)"},
       query},
  };
  return entries;
}

}  // namespace

model::AnalyticResult call_model(const ModelCall& call, const model::QueryOptions& options) {
  for (const auto& e : registry()) {
    if (e.info.name == call.name) return e.run(call, options);
  }
  std::string list;
  for (const auto& e : registry()) list += (list.empty() ? "" : ", ") + e.info.name;
  throw InvalidParameter(fmt::format("unknown model '{}' (models: {})", call.name, list));
}

}  // namespace kendall::validation
