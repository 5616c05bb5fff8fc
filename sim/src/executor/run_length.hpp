#pragma once
// How long the measured run is in model time, and where its warm-up ends. A real-time run has
// one replication cut into batches, and it must know its end in advance (the snapshots for the
// batches are timed), so a `customers` limit becomes the time in which that many customers
// are expected to arrive.

#include <string>

#include "kendall/model/scenario.hpp"

namespace kendall::sim::executor::detail {

struct RunLength {
  double horizon = 0.0;
};

// horizon: run.horizon, else run.customers (or the DES default) / the total arrival rate.
[[nodiscard]] RunLength run_length(const model::Scenario& scenario, double arrival_rate);

// The warm-up cut in model time: none → 0; a count → count / arrival rate; a time → that time;
// auto → a tenth of the run (MSER needs the whole output, which a real-time run would have to
// keep; a tenth covers the transient of a pool started empty at the loads this testbed runs).
// Never more than half the run.
[[nodiscard]] double warmup_cut(const model::Scenario& scenario, double arrival_rate,
                                double horizon);
[[nodiscard]] std::string warmup_description(const model::Scenario& scenario, double cut);

}  // namespace kendall::sim::executor::detail
