// Long on purpose: the CTMC solver's state graph, its strongly connected classes, GTH and the
// sparse iterative fallback share private types and are one algorithm.

#include "kendall/model/ctmc.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include <Eigen/IterativeLinearSolvers>
#include <Eigen/OrderingMethods>
#include <Eigen/SparseLU>
#include <fmt/format.h>

#include "kendall/error.hpp"

namespace kendall::model {

namespace {

constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();
// Back-substitution rescales when an unnormalised probability exceeds this, so chains whose
// probabilities span more than the double range keep the likely states finite (the states
// ~1e-200 times less likely than the current maximum may underflow to 0, as they would after
// normalisation anyway).
constexpr double rescale_above = 1e200;
constexpr double rescale_by = 1e-200;

using SpMat = Eigen::SparseMatrix<double>;
using SpMatPattern = Eigen::SparseMatrix<double, Eigen::ColMajor, int>;

// Compressed rows of the off-diagonal rates, duplicates merged.
struct Graph {
  std::size_t n = 0;
  std::vector<std::size_t> offsets;  // size n + 1
  std::vector<std::size_t> targets;
  std::vector<double> rates;
};

Graph build_graph(std::size_t n, std::span<const CtmcTransition> transitions) {
  std::vector<CtmcTransition> sorted;
  sorted.reserve(transitions.size());
  for (const auto& t : transitions) {
    if (t.from == t.to || t.rate == 0.0) continue;
    sorted.push_back(t);
  }
  std::sort(sorted.begin(), sorted.end(), [](const CtmcTransition& a, const CtmcTransition& b) {
    return a.from != b.from ? a.from < b.from : a.to < b.to;
  });
  Graph g;
  g.n = n;
  g.offsets.assign(n + 1, 0);
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (!g.targets.empty() && i > 0 && sorted[i].from == sorted[i - 1].from &&
        sorted[i].to == sorted[i - 1].to) {
      g.rates.back() += sorted[i].rate;
      continue;
    }
    g.targets.push_back(sorted[i].to);
    g.rates.push_back(sorted[i].rate);
    ++g.offsets[sorted[i].from + 1];
  }
  std::partial_sum(g.offsets.begin(), g.offsets.end(), g.offsets.begin());
  return g;
}

// Strongly connected components (Tarjan, iterative so 10^6-state chains do not overflow the
// stack). Returns the component of each state and the number of components.
std::pair<std::vector<std::size_t>, std::size_t> strongly_connected(const Graph& g) {
  const std::size_t n = g.n;
  std::vector<std::size_t> index(n, npos), low(n, 0), comp(n, npos);
  std::vector<char> on_stack(n, 0);
  std::vector<std::size_t> stack;
  std::vector<std::pair<std::size_t, std::size_t>> call;  // (state, next edge position)
  std::size_t counter = 0;
  std::size_t components = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != npos) continue;
    call.emplace_back(root, g.offsets[root]);
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      auto& [v, pos] = call.back();
      if (pos < g.offsets[v + 1]) {
        const std::size_t w = g.targets[pos++];
        if (index[w] == npos) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          call.emplace_back(w, g.offsets[w]);
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const std::size_t done = v;
      call.pop_back();
      if (!call.empty()) {
        const std::size_t parent = call.back().first;
        low[parent] = std::min(low[parent], low[done]);
      }
      if (low[done] == index[done]) {
        std::size_t w = npos;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          comp[w] = components;
        } while (w != done);
        ++components;
      }
    }
  }
  return {comp, components};
}

// The states of the unique closed class, in increasing order.
std::vector<std::size_t> closed_class(const Graph& g) {
  const auto [comp, count] = strongly_connected(g);
  std::vector<char> leaks(count, 0);
  for (std::size_t v = 0; v < g.n; ++v) {
    for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      if (comp[g.targets[e]] != comp[v]) leaks[comp[v]] = 1;
    }
  }
  std::vector<std::size_t> closed;
  for (std::size_t c = 0; c < count; ++c) {
    if (!leaks[c]) closed.push_back(c);
  }
  if (closed.size() != 1) {
    // Name one state from each of the first two closed classes.
    std::vector<std::size_t> example;
    for (std::size_t c : closed) {
      for (std::size_t v = 0; v < g.n; ++v) {
        if (comp[v] == c) {
          example.push_back(v);
          break;
        }
      }
      if (example.size() == 2) break;
    }
    throw InvalidParameter(fmt::format(
        "the CTMC has {} closed communicating classes (e.g. the classes of states {} and {}), "
        "so its stationary distribution is not unique; connect them or solve each separately",
        closed.size(), example.at(0), example.at(1)));
  }
  std::vector<std::size_t> members;
  for (std::size_t v = 0; v < g.n; ++v) {
    if (comp[v] == closed[0]) members.push_back(v);
  }
  return members;
}

// GTH state reduction on the dense rate matrix of the closed class.
Eigen::VectorXd solve_gth(const Graph& g, const std::vector<std::size_t>& members,
                          const std::vector<std::size_t>& local) {
  const std::size_t m = members.size();
  std::vector<double> R(m * m, 0.0);
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t v = members[i];
    for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      R[i * m + local[g.targets[e]]] += g.rates[e];
    }
  }
  for (std::size_t n = m - 1; n >= 1; --n) {
    double s = 0.0;
    for (std::size_t j = 0; j < n; ++j) s += R[n * m + j];
    if (!(s > 0.0)) throw Error("GTH reduction met a state with no exit (internal error)");
    for (std::size_t i = 0; i < n; ++i) R[i * m + n] /= s;
    for (std::size_t i = 0; i < n; ++i) {
      const double rin = R[i * m + n];
      if (rin == 0.0) continue;
      double* row_i = &R[i * m];
      const double* row_n = &R[n * m];
      for (std::size_t j = 0; j < n; ++j) row_i[j] += rin * row_n[j];
    }
  }
  Eigen::VectorXd x(static_cast<Eigen::Index>(m));
  x[0] = 1.0;
  for (std::size_t n = 1; n < m; ++n) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += x[static_cast<Eigen::Index>(i)] * R[i * m + n];
    x[static_cast<Eigen::Index>(n)] = s;
    if (s > rescale_above) x.head(static_cast<Eigen::Index>(n + 1)) *= rescale_by;
  }
  return x;
}

// Sparse GTH: the same subtraction-free state reduction on adjacency lists, eliminating
// states in an approximate-minimum-degree order so that fill stays small (banded chains:
// none; 2-D grids: like a sparse Cholesky factor). Eliminating n from the chain adds R[i][n]
// R[n][j] / S_n to R[i][j] for every predecessor i and successor j (S_n = exit rate of n);
// self-loops i == j are dropped, which is what keeps GTH free of subtraction. Back-substitution
// visits the states in reverse elimination order: π_n = Σ_i π_i R[i][n] / S_n over the i remaining
// when n was eliminated.
Eigen::VectorXd solve_sparse_gth(const Graph& g, const std::vector<std::size_t>& members,
                                 const std::vector<std::size_t>& local) {
  const std::size_t m = members.size();
  std::vector<std::vector<std::pair<std::size_t, double>>> out(m);
  std::vector<std::vector<std::size_t>> in(m);
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t v = members[i];
    for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const std::size_t j = local[g.targets[e]];
      out[i].emplace_back(j, g.rates[e]);
      in[j].push_back(i);
    }
  }
  // Static fill-reducing order from Eigen's approximate minimum degree on the symmetrised
  // pattern (Amestoy, Davis & Duff 1996): indices()[k] is the k-th state to eliminate.
  Eigen::PermutationMatrix<Eigen::Dynamic, Eigen::Dynamic, int> amd;
  {
    std::vector<Eigen::Triplet<double>> pattern;
    for (std::size_t i = 0; i < m; ++i) {
      // Eigen's AMD orders nodes without a structural diagonal last, as if dense.
      pattern.emplace_back(static_cast<int>(i), static_cast<int>(i), 1.0);
      for (const auto& [j, rate] : out[i]) {
        pattern.emplace_back(static_cast<int>(i), static_cast<int>(j), 1.0);
      }
    }
    SpMatPattern A(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
    A.setFromTriplets(pattern.begin(), pattern.end());
    Eigen::AMDOrdering<int> ordering;
    ordering(A, amd);
  }
  std::vector<char> gone(m, 0);
  std::vector<std::size_t> order;  // elimination order
  order.reserve(m);
  std::vector<std::size_t> factor_offsets{0};  // per eliminated state: its (i, R[i][n]/S_n)
  std::vector<std::size_t> factor_state;
  std::vector<double> factor_value;
  std::vector<std::size_t> position(m, npos);  // scatter map for one row
  std::vector<std::size_t> preds;
  std::vector<char> mark(m, 0);

  for (std::size_t step = 0; step + 1 < m; ++step) {
    const auto n = static_cast<std::size_t>(amd.indices()[static_cast<Eigen::Index>(step)]);
    // Predecessors still present (in-lists may hold eliminated states: filter, dedupe).
    preds.clear();
    for (std::size_t i : in[n]) {
      if (!gone[i] && !mark[i] && i != n) {
        mark[i] = 1;
        preds.push_back(i);
      }
    }
    for (std::size_t i : preds) mark[i] = 0;
    double S = 0.0;
    for (const auto& [j, rate] : out[n]) S += rate;
    if (!(S > 0.0)) throw Error("sparse GTH met a state with no exit (internal error)");
    for (std::size_t i : preds) {
      auto& row = out[i];
      // Remove i → n and scatter the rest of row i.
      double r_in = 0.0;
      for (std::size_t k = 0; k < row.size();) {
        if (row[k].first == n) {
          r_in = row[k].second;
          row[k] = row.back();
          row.pop_back();
          continue;
        }
        position[row[k].first] = k;
        ++k;
      }
      const double f = r_in / S;
      factor_state.push_back(i);
      factor_value.push_back(f);
      if (f != 0.0) {
        for (const auto& [j, rate] : out[n]) {
          if (j == i) continue;  // a self-loop of i: GTH drops it
          const double add = f * rate;
          if (position[j] != npos) {
            row[position[j]].second += add;
          } else {
            position[j] = row.size();
            row.emplace_back(j, add);
            in[j].push_back(i);
          }
        }
      }
      for (const auto& [j, rate] : row) position[j] = npos;
    }
    for (const auto& [j, rate] : out[n]) {
      auto& list = in[j];  // n is gone
      list.erase(std::remove(list.begin(), list.end(), n), list.end());
    }
    factor_offsets.push_back(factor_state.size());
    gone[n] = 1;
    order.push_back(n);
    std::vector<std::pair<std::size_t, double>>().swap(out[n]);
    std::vector<std::size_t>().swap(in[n]);
  }
  std::size_t last = npos;
  for (std::size_t v = 0; v < m; ++v) {
    if (!gone[v]) last = v;
  }
  Eigen::VectorXd x = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m));
  x[static_cast<Eigen::Index>(last)] = 1.0;
  for (std::size_t k = order.size(); k > 0; --k) {
    const std::size_t n = order[k - 1];
    double s = 0.0;
    for (std::size_t e = factor_offsets[k - 1]; e < factor_offsets[k]; ++e) {
      s += x[static_cast<Eigen::Index>(factor_state[e])] * factor_value[e];
    }
    x[static_cast<Eigen::Index>(n)] = s;
    if (s > rescale_above) x *= rescale_by;  // keep the largest values finite
  }
  return x;
}

// The balance equations of the closed class with state `pin` fixed at 1:
// for every column j ≠ pin, Σ_{i ≠ pin} π_i Q_ij = −Q_pin,j.
void pinned_system(const Graph& g, const std::vector<std::size_t>& members,
                   const std::vector<std::size_t>& local, std::size_t pin, SpMat& B,
                   Eigen::VectorXd& b) {
  const std::size_t m = members.size();
  auto idx = [pin](std::size_t s) { return s < pin ? s : s - 1; };
  std::vector<Eigen::Triplet<double>> entries;
  entries.reserve(g.targets.size() + m);
  b = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(m - 1));
  for (std::size_t i = 0; i < m; ++i) {
    const std::size_t v = members[i];
    double out = 0.0;
    for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) {
      const std::size_t j = local[g.targets[e]];
      out += g.rates[e];
      if (j == pin) continue;
      if (i == pin) {
        b[static_cast<Eigen::Index>(idx(j))] -= g.rates[e];
      } else {
        entries.emplace_back(static_cast<int>(idx(j)), static_cast<int>(idx(i)), g.rates[e]);
      }
    }
    if (i != pin) entries.emplace_back(static_cast<int>(idx(i)), static_cast<int>(idx(i)), -out);
  }
  B.resize(static_cast<Eigen::Index>(m - 1), static_cast<Eigen::Index>(m - 1));
  B.setFromTriplets(entries.begin(), entries.end());
  B.makeCompressed();
}

Eigen::VectorXd insert_pin(const Eigen::VectorXd& y, std::size_t pin) {
  const auto m = y.size() + 1;
  Eigen::VectorXd x(m);
  const auto p = static_cast<Eigen::Index>(pin);
  x.head(p) = y.head(p);
  x[p] = 1.0;
  x.tail(m - 1 - p) = y.tail(m - 1 - p);
  return x;
}

Eigen::VectorXd solve_pinned(const Graph& g, const std::vector<std::size_t>& members,
                             const std::vector<std::size_t>& local, std::size_t pin,
                             CtmcMethod method) {
  SpMat B;
  Eigen::VectorXd b;
  pinned_system(g, members, local, pin, B, b);
  Eigen::VectorXd y;
  if (method == CtmcMethod::Iterative) {
    Eigen::BiCGSTAB<SpMat, Eigen::IncompleteLUT<double>> solver;
    solver.setTolerance(1e-14);
    solver.setMaxIterations(std::max<Eigen::Index>(1000, 10 * B.rows()));
    solver.compute(B);
    if (solver.info() != Eigen::Success) {
      throw Error("CTMC iterative solver: incomplete-LU preconditioner failed");
    }
    y = solver.solve(b);
    if (solver.info() != Eigen::Success) {
      throw Error(fmt::format(
          "CTMC iterative solver did not converge ({} iterations, estimated error {:.3g}); use "
          "the SparseLu method",
          solver.iterations(), solver.error()));
    }
  } else {
    Eigen::SparseLU<SpMat, Eigen::COLAMDOrdering<int>> solver;
    // B is a column-diagonally-dominant M-matrix and so is every Schur complement, so the
    // diagonal is always an acceptable pivot; a low threshold keeps rounding ties from
    // swapping in off-diagonal pivots, which would turn elimination into an unstable
    // three-term recurrence.
    solver.setPivotThreshold(1e-3);
    solver.compute(B);
    if (solver.info() != Eigen::Success) {
      throw Error(
          fmt::format("CTMC sparse LU factorisation failed: {}", solver.lastErrorMessage()));
    }
    y = solver.solve(b);
    // Iterative refinement with the same factors: cheap, and recovers digits lost to pivoting.
    for (int step = 0; step < 2 && y.allFinite(); ++step) {
      const Eigen::VectorXd residual = b - B * y;
      y += solver.solve(residual);
    }
  }
  return insert_pin(y, pin);
}

Eigen::VectorXd solve_sparse(const Graph& g, const std::vector<std::size_t>& members,
                             const std::vector<std::size_t>& local, CtmcMethod method) {
  // Pin the state with the largest exit rate first (often a likely one); if the result shows
  // the pinned state is far less likely than another (or overflowed), pin the most likely
  // state instead and solve again, so all other unknowns are ≤ ~1.
  std::size_t pin = 0;
  double best = -1.0;
  for (std::size_t i = 0; i < members.size(); ++i) {
    const std::size_t v = members[i];
    double out = 0.0;
    for (std::size_t e = g.offsets[v]; e < g.offsets[v + 1]; ++e) out += g.rates[e];
    if (out > best) {
      best = out;
      pin = i;
    }
  }
  Eigen::VectorXd x;
  for (int attempt = 0; attempt < 4; ++attempt) {
    x = solve_pinned(g, members, local, pin, method);
    // The error is small relative to the largest unknown, so a pin far less likely than
    // the most likely state leaves the small unknowns (and the pin's neighbours) inaccurate,
    // possibly negative: pin the state of largest magnitude and solve again.
    std::size_t argmax = pin;
    double largest = 1.0;
    bool overflow = false;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (!std::isfinite(x[i])) {
        argmax = static_cast<std::size_t>(i);  // overflowed: far more likely than the pin
        overflow = true;
      } else if (!overflow && std::fabs(x[i]) > largest) {
        largest = std::fabs(x[i]);
        argmax = static_cast<std::size_t>(i);
      }
    }
    if (!overflow && largest <= 1e3) break;
    pin = argmax;
  }
  return x;
}

Eigen::VectorXd solve_graph(const Graph& g, const CtmcOptions& options) {
  if (g.n == 1) return Eigen::VectorXd::Ones(1);
  const std::vector<std::size_t> members = closed_class(g);
  std::vector<std::size_t> local(g.n, npos);
  for (std::size_t i = 0; i < members.size(); ++i) local[members[i]] = i;
  Eigen::VectorXd x;
  if (members.size() == 1) {
    x = Eigen::VectorXd::Ones(1);
  } else {
    CtmcMethod method = options.method;
    if (method == CtmcMethod::Automatic) {
      method = members.size() <= options.dense_limit ? CtmcMethod::DenseGth : CtmcMethod::SparseGth;
    }
    switch (method) {
      case CtmcMethod::DenseGth:
        x = solve_gth(g, members, local);
        break;
      case CtmcMethod::SparseGth:
        x = solve_sparse_gth(g, members, local);
        break;
      default:
        x = solve_sparse(g, members, local, method);
        break;
    }
  }
  if (!x.allFinite()) throw Error("CTMC solver produced non-finite values");
  const double top = x.maxCoeff();
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (x[i] < 0.0) {
      // Rounding in LU can leave probabilities of ~1e-300 slightly negative; anything
      // larger is a real failure, not rounding.
      if (x[i] < -1e-10 * top) {
        throw Error(fmt::format("CTMC solver produced a negative probability {} at state {}", x[i],
                                members[static_cast<std::size_t>(i)]));
      }
      x[i] = 0.0;
    }
  }
  // Compensated normalisation.
  double sum = 0.0;
  double comp = 0.0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double t = sum + x[i];
    comp += std::fabs(sum) >= std::fabs(x[i]) ? (sum - t) + x[i] : (x[i] - t) + sum;
    sum = t;
  }
  const double total = sum + comp;
  Eigen::VectorXd pi = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(g.n));
  for (std::size_t i = 0; i < members.size(); ++i) {
    pi[static_cast<Eigen::Index>(members[i])] = x[static_cast<Eigen::Index>(i)] / total;
  }
  return pi;
}

void check_transition(std::size_t states, const CtmcTransition& t) {
  if (t.from >= states || t.to >= states) {
    throw InvalidParameter(fmt::format("CTMC transition {} -> {} refers to a state outside 0..{}",
                                       t.from, t.to, states - 1));
  }
  if (!(std::isfinite(t.rate) && t.rate >= 0.0)) {
    throw InvalidParameter(
        fmt::format("CTMC transition {} -> {} has rate {}; rates must be finite and >= 0", t.from,
                    t.to, t.rate));
  }
}

}  // namespace

Ctmc::Ctmc(std::size_t states) : states_(states) {
  if (states == 0) throw InvalidParameter("a CTMC needs at least one state");
}

void Ctmc::add(std::size_t from, std::size_t to, double rate) {
  const CtmcTransition t{from, to, rate};
  check_transition(states_, t);
  if (from == to || rate == 0.0) return;
  transitions_.push_back(t);
}

Eigen::SparseMatrix<double, Eigen::RowMajor> Ctmc::generator() const {
  std::vector<Eigen::Triplet<double>> entries;
  std::vector<double> out(states_, 0.0);
  for (const auto& t : transitions_) {
    entries.emplace_back(static_cast<int>(t.from), static_cast<int>(t.to), t.rate);
    out[t.from] += t.rate;
  }
  for (std::size_t i = 0; i < states_; ++i) {
    entries.emplace_back(static_cast<int>(i), static_cast<int>(i), -out[i]);
  }
  Eigen::SparseMatrix<double, Eigen::RowMajor> Q(static_cast<Eigen::Index>(states_),
                                                 static_cast<Eigen::Index>(states_));
  Q.setFromTriplets(entries.begin(), entries.end());
  return Q;
}

Eigen::VectorXd Ctmc::steady_state(const CtmcOptions& options) const {
  return solve_graph(build_graph(states_, transitions_), options);
}

Eigen::VectorXd ctmc_steady_state(std::size_t states, std::span<const CtmcTransition> transitions,
                                  const CtmcOptions& options) {
  if (states == 0) throw InvalidParameter("a CTMC needs at least one state");
  for (const auto& t : transitions) check_transition(states, t);
  return solve_graph(build_graph(states, transitions), options);
}

Eigen::VectorXd ctmc_steady_state(const Eigen::SparseMatrix<double>& generator,
                                  const CtmcOptions& options) {
  const auto n = static_cast<std::size_t>(generator.rows());
  if (generator.rows() != generator.cols()) {
    throw InvalidParameter(
        fmt::format("a generator must be square, got {} x {}", generator.rows(), generator.cols()));
  }
  if (n == 0) throw InvalidParameter("a CTMC needs at least one state");
  std::vector<CtmcTransition> transitions;
  std::vector<double> diagonal(n, 0.0), row_sum(n, 0.0);
  for (Eigen::Index col = 0; col < generator.outerSize(); ++col) {
    for (Eigen::SparseMatrix<double>::InnerIterator it(generator, col); it; ++it) {
      const auto i = static_cast<std::size_t>(it.row());
      const auto j = static_cast<std::size_t>(it.col());
      if (i == j) {
        diagonal[i] = it.value();
        continue;
      }
      const CtmcTransition t{i, j, it.value()};
      check_transition(n, t);
      row_sum[i] += t.rate;
      if (t.rate != 0.0) transitions.push_back(t);
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double scale = std::max({std::fabs(diagonal[i]), row_sum[i], 1e-300});
    if (std::fabs(diagonal[i] + row_sum[i]) > 1e-9 * scale) {
      throw InvalidParameter(fmt::format(
          "row {} of the generator does not sum to zero: diagonal {} but off-diagonal rates "
          "sum to {}",
          i, diagonal[i], row_sum[i]));
    }
  }
  return solve_graph(build_graph(n, transitions), options);
}

double ctmc_residual(const Ctmc& chain, const Eigen::VectorXd& pi) {
  const auto Q = chain.generator();
  const Eigen::VectorXd r = Q.transpose() * pi;
  double diag = 0.0;
  for (Eigen::Index i = 0; i < Q.rows(); ++i) diag = std::max(diag, std::fabs(Q.coeff(i, i)));
  return diag > 0.0 ? r.cwiseAbs().maxCoeff() / diag : r.cwiseAbs().maxCoeff();
}

}  // namespace kendall::model
