// Real executors against queueing theory: M/M/c (Erlang C), M/M/c/K (rejections) and
// non-preemptive priority, each executor, a few seconds of wall time per run.
//
// Tolerance: the run's own confidence interval (batch means, 95%) plus what the executor's
// measured overhead explains. A worker is held past the sampled service by its overshoot and
// by the dispatch of the next customer, so the pool really serves at the slower rate
// μ' = 1/(E[S] + δ), δ = mean overshoot + mean dispatch; every customer who found a worker free
// also waits one dispatch. So the tolerance is the interval's half-width plus the distance
// between the theory at μ and at μ' plus one mean dispatch. On a quiet machine δ is tens of
// microseconds against 10 ms; on a machine shared by many busy processes the tail of δ
// (preempted workers) can reach milliseconds, and then the check says so rather than pass
// vacuously: a load within 5% of saturation at μ' makes the run inconclusive (a warning).

#include <catch2/catch.hpp>

#include <cmath>

#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/sim/executor/executor_run.hpp"

#include "testbed_scenarios.hpp"

using namespace kendall;
using sim::executor::ExecutorKind;

namespace {

constexpr double mean_service = 10.0;  // model units (ms at 1 ms per unit)

struct Overhead {
  double delta = 0.0;     // extra hold per customer, model units
  double dispatch = 0.0;  // mean dispatch latency, model units
};

Overhead overhead_of(const sim::executor::ExecutorRun& run) {
  const auto& o = run.overhead.at(0);
  const double f = 1e-6 / run.plan.seconds_per_unit;
  return {(o.dispatch.mean_us + o.overshoot.mean_us) * f, o.dispatch.mean_us * f};
}

}  // namespace

TEST_CASE("M/M/c on each executor agrees with Erlang C", "[executor][theory]") {
  for (ExecutorKind kind : sim::executor::all_kinds()) {
    if (!sim::executor::kind_available(kind)) continue;
    DYNAMIC_SECTION(sim::executor::kind_name(kind)) {
      // c = 3, mean service 10 ms, rho = 0.6: 3 s of wall time, about 540 customers.
      const double lambda = 0.18;
      const std::uint32_t c = 3;
      const auto sc = test::mmc_scenario(lambda, c, 3000.0);
      const auto run = sim::executor::run_on_executor(sc, test::at_1ms(kind));
      REQUIRE(run.plan.seconds_per_unit == Approx(1e-3));
      const auto& o = run.overhead.at(0);
      INFO("dispatch p50 " << o.dispatch.p50_us << " us, p99 " << o.dispatch.p99_us
                           << " us; overshoot p50 " << o.overshoot.p50_us << " us, p99 "
                           << o.overshoot.p99_us << " us");
      REQUIRE(o.dispatch.samples > 300);
      const Overhead extra = overhead_of(run);
      const double mu = 1.0 / mean_service;
      const double mu_held = 1.0 / (mean_service + extra.delta);
      const auto theory = model::mmc(lambda, mu, c);
      const auto& m = run.result.stations.at(0).metrics;
      if (lambda / (c * mu_held) >= 0.95) {
        WARN("inconclusive: the machine held workers " << extra.delta
                                                        << " ms past each service on average");
        continue;
      }
      const auto held = model::mmc(lambda, mu_held, c);
      const double wq_theory = *theory.metrics.get("Wq");
      const auto wq = *m.get("Wq");
      INFO("Wq " << wq.mean << " [" << wq.ci_low << ", " << wq.ci_high << "], Erlang C "
                 << wq_theory << ", at the held rate " << *held.metrics.get("Wq"));
      CHECK(std::abs(wq.mean - wq_theory) <=
            wq.half_width() + std::abs(*held.metrics.get("Wq") - wq_theory) + extra.dispatch);
      const auto rho = *m.get("utilization");
      CHECK(std::abs(rho.mean - 0.6) <= rho.half_width() + lambda * extra.delta / c);
      const auto w = *m.get("W");
      const double w_theory = *theory.metrics.get("W");
      CHECK(std::abs(w.mean - w_theory) <=
            w.half_width() + std::abs(*held.metrics.get("W") - w_theory) + extra.dispatch);
    }
  }
}

TEST_CASE("a bounded queue rejects as M/M/c/K predicts", "[executor][theory]") {
  for (ExecutorKind kind : sim::executor::all_kinds()) {
    if (!sim::executor::kind_available(kind)) continue;
    DYNAMIC_SECTION(sim::executor::kind_name(kind)) {
      // c = 2, K = 4, offered load 1: p_block = 2/9 — the capacity bound does real work.
      const double lambda = 0.2;
      const auto sc = test::mmc_scenario(lambda, 2, 2500.0, 4);
      const auto run = sim::executor::run_on_executor(sc, test::at_1ms(kind));
      const auto theory = model::mmck(lambda, 1.0 / mean_service, 2, 4);
      const double expected = *theory.metrics.get("p_block");
      REQUIRE(expected == Approx(2.0 / 9.0));
      // A worker held longer than sampled rejects more often: M/M/c/K at the held rate.
      const Overhead extra = overhead_of(run);
      const auto held = model::mmck(lambda, 1.0 / (mean_service + extra.delta), 2, 4);
      const auto p_block = *run.result.stations.at(0).metrics.get("p_block");
      INFO("p_block " << p_block.mean << " [" << p_block.ci_low << ", " << p_block.ci_high
                      << "], M/M/c/K " << expected << ", at the held rate "
                      << *held.metrics.get("p_block"));
      CHECK(std::abs(p_block.mean - expected) <=
            p_block.half_width() + std::abs(*held.metrics.get("p_block") - expected));
      CHECK(run.result.stations.at(0).metrics.get("blocked")->mean > 0.0);
    }
  }
}

TEST_CASE("priority order is honoured", "[executor][priority]") {
  for (ExecutorKind kind : sim::executor::all_kinds()) {
    if (!sim::executor::kind_available(kind)) continue;
    DYNAMIC_SECTION(sim::executor::kind_name(kind)) {
      // One worker, two classes of equal load, rho = 0.8: under non-preemptive priority the
      // urgent class waits W0/(1−σ1) and the other W0/((1−σ1)(1−σ)) — five times longer.
      // Mean service 2 ms here, so that 2.5 s see about 1,000 customers.
      auto sc = test::mmc_scenario(0.2, 1, 2500.0);
      sc.stations[0].service = {model::dist::Exponential{0.5}};
      sc.classes = {{"gold", 1}, {"bronze", 2}};
      sc.stations[0].discipline = model::Discipline::Priority;
      auto second = sc.arrivals[0];
      second.customer_class = 1;
      sc.arrivals.push_back(second);
      const auto run = sim::executor::run_on_executor(sc, test::at_1ms(kind));
      const auto& classes = run.result.stations.at(0).classes;
      REQUIRE(classes.size() == 2);
      const auto gold = *classes[0].metrics.get("Wq");
      const auto bronze = *classes[1].metrics.get("Wq");
      INFO("gold Wq " << gold.mean << " [" << gold.ci_low << ", " << gold.ci_high
                      << "], bronze " << bronze.mean << " [" << bronze.ci_low << ", "
                      << bronze.ci_high << "]");
      CHECK(gold.ci_high < bronze.ci_low);
      // Cobham: W0 = λ E[S²]/2 = 0.4 · 8 / 2 = 1.6; gold 1.6/0.6 = 2.67, bronze 1.6/(0.6·0.2)
      // = 13.3.
      CHECK(bronze.mean / gold.mean > 2.0);
    }
  }
}
