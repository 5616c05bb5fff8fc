// Identities every stable model must satisfy between its own numbers (DESIGN.md: Little's
// law holds between our numbers): L = λ_eff W, Lq = λ_eff Wq, L = Lq + (mean number in
// service), utilization = busy/c, quantiles ordered, service level consistent with p_wait.
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "kendall/model/analytic.hpp"

using namespace kendall::model;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

struct Case {
  std::string label;
  std::function<AnalyticResult(const QueryOptions&)> solve;
  double mu;       // service rate, for L − Lq = λ_eff/μ
  double servers;  // c, or 0 when utilization is not per server
};

std::vector<Case> cases() {
  return {
      {"M/M/1", [](auto& o) { return mm1(0.9, 1.0, o); }, 1.0, 1},
      {"M/M/c", [](auto& o) { return mmc(17.0, 2.0, 10, o); }, 2.0, 10},
      {"M/M/c/K", [](auto& o) { return mmck(25.0, 2.0, 10, 40, o); }, 2.0, 10},
      {"M/M/1/K", [](auto& o) { return mm1k(1.3, 1.0, 25, o); }, 1.0, 1},
      {"M/M/c/c", [](auto& o) { return mmcc(9.0, 1.0, 10, o); }, 1.0, 10},
      {"M/M/inf", [](auto& o) { return mminf(9.0, 1.5, o); }, 1.5, 0},
      {"M/M/c//N", [](auto& o) { return mmcn(0.3, 1.0, 4, 30, std::nullopt, o); }, 1.0, 4},
      {"M/M/c/K/N", [](auto& o) { return mmcn(0.3, 1.0, 4, 30, 12, o); }, 1.0, 4},
      {"M/G/1", [](auto& o) { return mg1(0.7, 1.0, 3.0, o); }, 1.0, 1},
      {"M/D/1", [](auto& o) { return md1(0.7, 1.0, o); }, 1.0, 1},
      {"M/E_k/1", [](auto& o) { return mek1(0.7, 1.0, 4, o); }, 1.0, 1},
      {"G/G/1", [](auto& o) { return gg1_kingman(0.7, 1.0, 2.0, 0.5, o); }, 1.0, 1},
      {"G/G/c", [](auto& o) { return ggc_allen_cunneen(7.0, 1.0, 8, 2.0, 0.5, o); }, 1.0, 8},
      {"M/G/c", [](auto& o) { return mgc_allen_cunneen(7.0, 1.0, 8, 0.5, o); }, 1.0, 8},
      {"M/G/inf", [](auto& o) { return mginf(7.0, 1.0, o); }, 1.0, 0},
  };
}

}  // namespace

TEST_CASE("Little's law and L = Lq + lambda_eff/mu for every model", "[analytic][identities]") {
  QueryOptions o;
  o.sla = 1.5;
  o.quantiles = {0.25, 0.5, 0.75, 0.9, 0.99};
  for (const auto& c : cases()) {
    INFO(c.label);
    const auto r = c.solve(o);
    REQUIRE(r.stable);
    const auto& m = r.metrics;
    const double x = m.at("throughput");
    CHECK_THAT(m.at("L"), WithinRel(x * m.at("W"), 1e-12));
    CHECK_THAT(m.at("Lq"), WithinAbs(x * m.at("Wq"), 1e-12 * m.at("L")));
    CHECK_THAT(m.at("L"), WithinRel(m.at("Lq") + x / c.mu, 1e-11));
    if (m.has("busy_servers")) CHECK_THAT(m.at("busy_servers"), WithinRel(x / c.mu, 1e-11));
    if (c.servers > 0) CHECK_THAT(m.at("utilization"), WithinRel(x / (c.servers * c.mu), 1e-11));
    // Quantiles are non-decreasing in p; W quantiles exceed Wq quantiles.
    double last_wq = 0.0;
    for (double p : o.quantiles) {
      const auto wq = m.get(quantile_name("Wq", p));
      if (!wq) continue;
      CHECK(*wq >= last_wq);
      last_wq = *wq;
      if (const auto w = m.get(quantile_name("W", p))) CHECK(*w > *wq);
    }
    // Service level ≥ P(no wait) = 1 − p_wait (the atom at zero).
    if (m.has("service_level") && m.has("p_wait")) {
      CHECK(m.at("service_level") >= 1.0 - m.at("p_wait") - 1e-15);
      CHECK(m.at("service_level") <= 1.0);
    }
    for (const auto& [name, value] : m.entries()) CHECK(std::isfinite(value));
    const bool approximate = c.label == "G/G/1" || c.label == "G/G/c" || c.label == "M/G/c";
    CHECK(r.method.rfind(approximate ? "approximation (" : "exact", 0) == 0);
  }
}

TEST_CASE("Erlang-A and priority identities (abandonment and classes)", "[analytic][identities]") {
  const auto a = erlang_a(12.0, 1.0, 10, 2.0);
  const auto& m = a.metrics;
  CHECK_THAT(m.at("L"), WithinRel(12.0 * m.at("W"), 1e-12));
  CHECK_THAT(m.at("Lq"), WithinRel(12.0 * m.at("Wq"), 1e-12));
  CHECK_THAT(m.at("L"), WithinRel(m.at("Lq") + m.at("busy_servers"), 1e-12));
  CHECK_THAT(m.at("throughput"), WithinRel(1.0 * m.at("busy_servers"), 1e-12));
  const auto p = mg1_priority({{"a", 0.2, 1.0, 0.5}, {"b", 0.5, 1.0, 1.5}});
  double L = 0.0;
  for (const auto& cl : p.classes) {
    const auto& cm = cl.metrics;
    CHECK_THAT(cm.at("L"), WithinRel(cm.at("throughput") * cm.at("W"), 1e-13));
    L += cm.at("L");
  }
  CHECK_THAT(p.metrics.at("L"), WithinRel(L, 1e-13));
  CHECK_THAT(p.metrics.at("L"), WithinRel(0.7 * p.metrics.at("W"), 1e-13));
}
