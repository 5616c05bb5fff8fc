#pragma once
/// \file
/// M/G/1 with priority classes: independent Poisson streams, class-dependent general service,
/// one server, FIFO within a class, class 1 (first in the list) served first.
///
/// Non-preemptive (head-of-line) priority — Cobham (1954); Gross, Shortle, Thompson & Harris,
/// 4th ed., 2008, ch. 3, priority queue disciplines; Kleinrock, *Queueing Systems* vol. 2, 1976,
/// ch. 3:
///   Wq_k = W0 / ((1 − σ_{k−1})(1 − σ_k)),  W0 = Σ_i λ_i E[S_i²] / 2,  σ_k = Σ_{i≤k} ρ_i.
/// Kleinrock's conservation law holds: Σ_k ρ_k Wq_k = ρ W0/(1 − ρ) (the FCFS M/G/1 value).
///
/// Preemptive-resume priority — Kleinrock vol. 2 ch. 3; Gross et al. ch. 3:
///   W_k = (1/μ_k)/(1 − σ_{k−1}) + R_k / ((1 − σ_{k−1})(1 − σ_k)),  R_k = Σ_{i≤k} λ_i E[S_i²]/2.
/// Here Wq_k is defined as W_k − 1/μ_k, the total time a class-k customer is present but not
/// in service (including preempted periods), so that Lq = λ Wq and L = Lq + ρ hold per
/// class; the time until service *first* starts, R_k/((1 − σ_{k−1})(1 − σ_k)), is reported
/// as `Wq_first`.
///
/// Per-class metrics (in `classes`, class order): utilization (ρ_k), L, Lq, W, Wq,
/// throughput (λ_k), p_wait. Station metrics aggregate the classes (L = Σ L_k,
/// W = L/λ, ...). Unstable total load (σ_P ≥ 1): stable = false; the classes that still
/// have a steady state get their exact metrics — with preemption class k only sees classes
/// 1..k, so it is stable iff σ_k < 1; without preemption classes j < k* (k* the first class
/// with σ_{k*} ≥ 1) are stable with W0 = Σ_{i<k*} λ_i E[S_i²]/2 + (1 − σ_{k*−1}) E[S_k*²] /
/// (2 E[S_k*]) (the server is never idle; the residual-work argument of Cobham's derivation
/// is unchanged). No waiting-time quantiles (not determined by two moments).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kendall/model/analytic_result.hpp"

namespace kendall::model {

/// One customer class of a priority queue.
struct PriorityClass {
  std::string name;
  double lambda = 0.0;        ///< arrival rate of the class (> 0)
  double service_mean = 1.0;  ///< mean service time E[S_k] (> 0)
  double service_scv = 1.0;   ///< SCV of the class's service time (≥ 0); E[S²] = E[S]²(1 + scv)
};

/// Non-preemptive priority M/G/1. model "M/G/1 (priority)"; params lambda (total), mu
/// (1 / overall mean service time), servers = 1, capacity = inf, classes (count).
/// \throws InvalidParameter for an empty class list or invalid class parameters.
[[nodiscard]] AnalyticResult mg1_priority(const std::vector<PriorityClass>& classes,
                                          const QueryOptions& options = {});

/// Preemptive-resume priority M/G/1. model "M/G/1 (preemptive priority)"; params as above.
[[nodiscard]] AnalyticResult mg1_preemptive_priority(const std::vector<PriorityClass>& classes,
                                                     const QueryOptions& options = {});

/// One customer class of an M/M/c priority queue.
struct MmcPriorityClass {
  int level = 1;  ///< priority level; smaller is served first, equal levels share one FIFO line
  double lambda = 0.0;  ///< arrival rate of the class (≥ 0; classes with 0 are left out)
};

/// Mean wait Wq of each priority level of an M/M/c queue in which every class has exponential
/// service of the same rate μ, for a stable total load (Σ λ < cμ); keyed by level.
/// Non-preemptive (Cobham 1954; Gross, Shortle, Thompson & Harris, 4th ed., §3.4.1):
///   Wq_k = [C(c, a) / (cμ)] / [(1 − σ_{k−1})(1 − σ_k)],  σ_k = Σ_{j ≤ k} λ_j / (cμ).
/// Preemptive resume: classes 1..k never see lower classes, so together they form an M/M/c
/// queue with arrival rate Λ_k = Σ_{j ≤ k} λ_j: λ_k W_k = L(Λ_k) − L(Λ_{k−1}), and
/// Wq_k = W_k − 1/μ (time present but not in service).
[[nodiscard]] std::map<int, double> mmc_priority_waits(const std::vector<MmcPriorityClass>& classes,
                                                       double mu, std::uint32_t c, bool preemptive);

}  // namespace kendall::model
