// Largest eigenvalues in double: Spectra's Lanczos solver for large, sparse or matrix-free operators, Eigen's dense
// solver for small matrices. (Spectra 1.0.1 does not compile with multiprecision scalars; see DESIGN.md.)
#pragma once

#include <functional>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

struct LanczosResult {
  double lambda_max = 0;
  bool converged = false;
  long operator_applications = 0;
};

/// Largest algebraic eigenvalue of a symmetric operator y = op(x) on ℝⁿ by implicitly restarted Lanczos (Spectra
/// SymEigsSolver), relative tolerance tol on the Ritz residual.
LanczosResult lanczos_lambda_max(const std::function<void(const double*, double*)>& op, Eigen::Index n,
                                 double tol = 1e-12);

/// Largest eigenvalue of a small symmetric matrix by Eigen's SelfAdjointEigenSolver.
double dense_lambda_max(const Mat<double>& A);

}  // namespace optcheck
