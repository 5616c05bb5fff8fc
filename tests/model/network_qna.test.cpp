// Whitt's QNA linkage equations (hand-computed cases) and the list-scheduling makespan.

#include <vector>

#include <catch2/catch.hpp>

#include "kendall/error.hpp"
#include "kendall/model/network/makespan.hpp"
#include "kendall/model/network/qna.hpp"

using Catch::Matchers::WithinRel;
using kendall::model::QnaExternalStream;
using kendall::model::QnaSplitting;
using kendall::model::QnaStation;

TEST_CASE("QNA keeps Poisson flows Poisson through M/M/c stations", "[model][network][qna]") {
  // Tandem with a split: 1 → {2: 0.3, 3: 0.7}, 2 → 3. All exponential, Poisson input.
  std::vector<QnaStation> st(3);
  st[0] = {10.0, 0.5, 1u, 1.0};
  st[1] = {3.0, 0.3, 2u, 1.0};
  st[2] = {10.0, 0.8, 4u, 1.0};
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(3, 3);
  q(0, 1) = 0.3;
  q(0, 2) = 0.7;
  q(1, 2) = 1.0;
  const auto c2 = kendall::model::qna_arrival_scv(st, q, {{0, 10.0, 1.0}});
  for (Eigen::Index j = 0; j < 3; ++j) CHECK_THAT(c2(j), WithinRel(1.0, 1e-12));
}

TEST_CASE("QNA departure, splitting and superposition formulas by hand", "[model][network][qna]") {
  // External renewal stream (SCV 2, rate 1) into station 0 (one server, ρ = 0.5, service SCV
  // 0.5). Station 0 sends 50% to station 1, which also gets a Poisson stream of rate 1.
  std::vector<QnaStation> st(2);
  st[0] = {1.0, 0.5, 1u, 0.5};
  st[1] = {1.5, 0.6, 1u, 1.0};
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(2, 2);
  q(0, 1) = 0.5;
  const auto c2 = kendall::model::qna_arrival_scv(st, q, {{0, 1.0, 2.0}, {1, 1.0, 1.0}});
  CHECK_THAT(c2(0), WithinRel(2.0, 1e-12));
  // Departures of station 0: ρ² x + (1 − ρ²) c_a² with x = 1 + (0.5 − 1) = 0.5.
  const double cd = 0.25 * 0.5 + 0.75 * 2.0;
  const double split = 0.5 * cd + 0.5;
  // Superposition at station 1: shares p = 1/3 (from 0) and 2/3 (external).
  const double p1 = 0.5 / 1.5;
  const double p2 = 1.0 / 1.5;
  const double v = 1.0 / (p1 * p1 + p2 * p2);
  const double w = 1.0 / (1.0 + 4.0 * 0.4 * 0.4 * (v - 1.0));
  CHECK_THAT(c2(1), WithinRel(w * (p1 * split + p2 * 1.0) + 1.0 - w, 1e-12));
}

TEST_CASE("QNA: round robin over k targets divides the SCV by k", "[model][network][qna]") {
  // A Poisson stream through an infinite-server station, then round robin to 4 partitions:
  // each partition sees every 4th arrival of a Poisson process, i.e. Erlang-4 intervals.
  std::vector<QnaStation> st(5);
  st[0] = {8.0, 0.0, std::nullopt, 0.0, QnaSplitting::Cyclic};
  for (std::size_t i = 1; i < 5; ++i) st[i] = {2.0, 0.4, 1u, 0.5};
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(5, 5);
  for (Eigen::Index i = 1; i < 5; ++i) q(0, i) = 0.25;
  const auto c2 = kendall::model::qna_arrival_scv(st, q, {{0, 8.0, 1.0}});
  CHECK_THAT(c2(0), WithinRel(1.0, 1e-12));
  for (Eigen::Index i = 1; i < 5; ++i) CHECK_THAT(c2(i), WithinRel(0.25, 1e-12));
}

TEST_CASE("QNA refuses unstable stations", "[model][network][qna]") {
  std::vector<QnaStation> st(1);
  st[0] = {1.0, 1.0, 1u, 1.0};
  CHECK_THROWS_AS(kendall::model::qna_arrival_scv(st, Eigen::MatrixXd::Zero(1, 1), {{0, 1.0, 1.0}}),
                  kendall::InvalidParameter);
}

TEST_CASE("list scheduling makespan: 5 tasks of 2..6 s on 3 workers finish at 9 s",
          "[model][network][makespan]") {
  const std::vector<double> tasks = {2, 3, 4, 5, 6};
  CHECK(kendall::model::list_schedule_makespan(tasks, 3u) == 9.0);
  CHECK(kendall::model::list_schedule_makespan(tasks, 1u) == 20.0);
  // Two servers: 2 and 3 start at 0; 4 starts at 2 (ends 6), 5 at 3 (ends 8), 6 at 6 (ends 12).
  CHECK(kendall::model::list_schedule_makespan(tasks, 2u) == 12.0);
  CHECK(kendall::model::list_schedule_makespan(tasks, 5u) == 6.0);
  CHECK(kendall::model::list_schedule_makespan(tasks, std::nullopt) == 6.0);
  CHECK(kendall::model::list_schedule_makespan({}, 3u) == 0.0);
  CHECK_THROWS_AS(kendall::model::list_schedule_makespan(tasks, 0u), kendall::InvalidParameter);
  const std::vector<double> bad = {1.0, -2.0};
  CHECK_THROWS_WITH(kendall::model::list_schedule_makespan(bad, 2u), Catch::Contains("#2"));
}
