// The bias prediction of calibration: with common random numbers, no extra hold predicts no
// bias exactly, and a longer hold predicts a larger Wq — by about what Erlang C says.

#include <catch2/catch.hpp>

#include "kendall/model/analytic/markovian.hpp"
#include "kendall/sim/executor/executor_run.hpp"

#include "testbed_scenarios.hpp"

using namespace kendall;

TEST_CASE("calibration predicts the Wq bias of a longer hold", "[executor][calibration]") {
  auto sc = test::mmc_scenario(0.18, 3, 20000.0);  // rho 0.6, mean service 10
  sc.run.replications = 8;
  const sim::executor::HoldModel none{{0.0}, {0.0}};
  CHECK(*sim::executor::predict_wq_bias(sc, none).wq_bias.at(0) == 0.0);

  // A worker held 0.5 units longer (5%) and a dispatch of 0.1 units.
  const sim::executor::HoldModel hold{{0.5}, {0.1}};
  const auto prediction = sim::executor::predict_wq_bias(sc, hold);
  const double predicted = *prediction.wq_bias.at(0);
  const double erlang = *model::mmc(0.18, 1.0 / 10.5, 3).metrics.get("Wq") -
                        *model::mmc(0.18, 0.1, 3).metrics.get("Wq");
  INFO("predicted " << predicted << ", Erlang C difference " << erlang);
  CHECK(predicted > 0.1);
  // Common random numbers make the difference precise: within 25% of theory's difference plus
  // the dispatch term (at most 0.1).
  CHECK(std::abs(predicted - erlang) <= 0.25 * erlang + 0.1);

  // The summaries behind the two hold models.
  sim::executor::StationOverhead o;
  o.dispatch = {10.0, 100.0, 5000.0, 60.0, 40};
  o.overshoot = {2.0, 50.0, 900.0, 20.0, 40};
  const auto typical = sim::executor::typical_hold({o}, 1e-3);
  const auto mean = sim::executor::mean_hold({o}, 1e-3);
  CHECK(typical.extra_hold.at(0) == Approx(0.012));
  CHECK(mean.extra_hold.at(0) == Approx(0.08));
  CHECK(mean.dispatch.at(0) == Approx(0.06));
}
