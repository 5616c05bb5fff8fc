// Real executors against queueing theory: M/M/c (Erlang C), M/M/c/K (rejections) and
// non-preemptive priority, each executor, a few seconds of wall time per run.
//
// Tolerance: the run's own confidence interval (batch means, 95%) plus what the executor's
// measured overhead can explain — every wait includes one dispatch latency, and a worker held
// past the sampled service by overshoot + dispatch raises the load: Wq of M/M/c at ρ = 0.6
// moves by less than 4× the relative change of the service time (dWq/Wq ≈ dS/S · (1 + 1/(1−ρ))
// for small changes, 3.5 at ρ = 0.6).

#include <catch2/catch.hpp>

#include <cmath>

#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/sim/executor/executor_run.hpp"

#include "testbed_scenarios.hpp"

using namespace kendall;
using sim::executor::ExecutorKind;

namespace {

double overhead_model(const sim::executor::StationOverhead& o, double seconds_per_unit) {
  return (o.dispatch.mean_us + o.overshoot.mean_us) * 1e-6 / seconds_per_unit;
}

}  // namespace

TEST_CASE("M/M/c on each executor agrees with Erlang C", "[executor][theory]") {
  for (ExecutorKind kind : sim::executor::all_kinds()) {
    if (!sim::executor::kind_available(kind)) continue;
    DYNAMIC_SECTION(sim::executor::kind_name(kind)) {
      // c = 3, mean service 10 ms, rho = 0.6: 3 s of wall time, about 540 customers.
      const double lambda = 0.18;
      const auto sc = test::mmc_scenario(lambda, 3, 3000.0);
      const auto run = sim::executor::run_on_executor(sc, test::at_1ms(kind));
      const auto theory = model::mmc(lambda, 0.1, 3);
      const auto& m = run.result.stations.at(0).metrics;
      const double spu = run.plan.seconds_per_unit;
      REQUIRE(spu == Approx(1e-3));
      const auto& o = run.overhead.at(0);
      INFO("dispatch p50 " << o.dispatch.p50_us << " us, p99 " << o.dispatch.p99_us
                           << " us; overshoot p50 " << o.overshoot.p50_us << " us, p99 "
                           << o.overshoot.p99_us << " us");
      REQUIRE(o.dispatch.samples > 300);
      const double delta = overhead_model(o, spu);  // extra hold per customer, model units
      const double wq_theory = *theory.metrics.get("Wq");
      const auto wq = *m.get("Wq");
      INFO("Wq " << wq.mean << " [" << wq.ci_low << ", " << wq.ci_high << "], Erlang C "
                 << wq_theory);
      CHECK(std::abs(wq.mean - wq_theory) <=
            wq.half_width() + o.dispatch.mean_us * 1e-6 / spu + 4.0 * wq_theory * delta / 10.0);
      const auto rho = *m.get("utilization");
      CHECK(std::abs(rho.mean - 0.6) <= rho.half_width() + 0.6 * delta / 10.0 + 1e-3);
      const auto w = *m.get("W");
      CHECK(std::abs(w.mean - *theory.metrics.get("W")) <=
            w.half_width() + 1.5 * delta + 4.0 * wq_theory * delta / 10.0);
      // The executor's own cost is small against a 10 ms service at this scale.
      CHECK(o.dispatch.p50_us < 2000.0);
      CHECK(o.overshoot.p50_us < 2000.0);
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
      const auto theory = model::mmck(lambda, 0.1, 2, 4);
      const auto p_block = *run.result.stations.at(0).metrics.get("p_block");
      const double expected = *theory.metrics.get("p_block");
      INFO("p_block " << p_block.mean << " [" << p_block.ci_low << ", " << p_block.ci_high
                      << "], M/M/c/K " << expected);
      REQUIRE(expected == Approx(2.0 / 9.0));
      // A worker busy a little longer than sampled rejects a little more often.
      const double delta = overhead_model(run.overhead.at(0), run.plan.seconds_per_unit);
      CHECK(std::abs(p_block.mean - expected) <= p_block.half_width() + 2.0 * delta / 10.0 + 0.01);
      const auto blocked = *run.result.stations.at(0).metrics.get("blocked");
      CHECK(blocked.mean > 0.0);
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
