// Linear algebra in double, compiled once (linear_algebra.cpp) rather than in every unit that needs it: the largest
// eigenvalue by Spectra's Lanczos solver for large, sparse or matrix-free operators; Eigen's dense eigenvalues,
// condition number and least-squares solve for small matrices. (Spectra 1.0.1 does not compile with multiprecision
// scalars; see DESIGN.md.)
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

// Dense decompositions in double, compiled once here rather than in every unit that includes a problem or theorem.

/// The eigenvalues of a small symmetric matrix, ascending (Eigen's SelfAdjointEigenSolver).
Vec<double> dense_eigenvalues(const Mat<double>& A);
/// The 2-norm condition number σ_max/σ_min of a square matrix (Eigen's JacobiSVD).
double dense_condition_number(const Mat<double>& K);
/// The minimum-norm least-squares solution of J y = rhs (Eigen's complete orthogonal decomposition).
Vec<double> least_squares_solution(const Mat<double>& J, const Vec<double>& rhs);

}  // namespace optcheck
