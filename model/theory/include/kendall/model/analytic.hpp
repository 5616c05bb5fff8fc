#pragma once
/// \file
/// Umbrella header of the analytic single-queue library (docs/models.md). Include the
/// individual headers under kendall/model/analytic/ to keep compile times down.

#include "kendall/model/analytic/approximations.hpp"
#include "kendall/model/analytic/erlang.hpp"
#include "kendall/model/analytic/erlang_a.hpp"
#include "kendall/model/analytic/finite_capacity.hpp"
#include "kendall/model/analytic/finite_source.hpp"
#include "kendall/model/analytic/markovian.hpp"
#include "kendall/model/analytic/mg1.hpp"
#include "kendall/model/analytic/poisson.hpp"
#include "kendall/model/analytic/priority.hpp"
#include "kendall/model/analytic/waiting_time.hpp"
