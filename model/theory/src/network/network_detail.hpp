#pragma once
/// \file
/// Internals shared by the network solvers (not part of the public API).

#include <Eigen/Dense>

namespace kendall::model::detail {

/// Solves (I − Pᵀ) x = γ for a routing matrix whose every state is transient (checked by the
/// caller), clipping rounding noise below zero and verifying the residual.
/// \throws InvalidParameter when the system is numerically singular.
[[nodiscard]] Eigen::VectorXd solve_flow(const Eigen::MatrixXd& p, const Eigen::VectorXd& gamma);

}  // namespace kendall::model::detail
