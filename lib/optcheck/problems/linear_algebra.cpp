#include "optcheck/problems/linear_algebra.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <Spectra/SymEigsSolver.h>
#include <algorithm>

namespace optcheck {
namespace {
/// Spectra's operator concept: rows(), cols(), perform_op(x, y).
struct FunctionOperator {
  using Scalar = double;
  const std::function<void(const double*, double*)>& op;
  Eigen::Index n;
  mutable long applications = 0;
  Eigen::Index rows() const { return n; }
  Eigen::Index cols() const { return n; }
  void perform_op(const double* x, double* y) const {
    ++applications;
    op(x, y);
  }
};
}  // namespace

LanczosResult lanczos_lambda_max(const std::function<void(const double*, double*)>& op, Eigen::Index n, double tol) {
  LanczosResult r;
  if (n == 1) {
    const double one = 1.0;
    op(&one, &r.lambda_max);
    r.converged = true;
    r.operator_applications = 1;
    return r;
  }
  FunctionOperator fop{op, n};
  // The Krylov basis holds ncv vectors of length n, and each Lanczos step orthogonalizes against all of them: 20 is
  // Spectra's usual choice and the fastest on the clustered spectra gd-stability draws (n = 10⁴: 611 operator
  // applications; 8 vectors need 2461), but for large n that dense work, not the operator, is the cost. So the
  // basis is capped at 64 MiB: n = 10⁶ gets 8 vectors (bench/spectra_bench.cpp: 65 applications instead of 61, and
  // the time of 370 products with the operator instead of 977).
  constexpr Eigen::Index kBasisBytes = Eigen::Index(64) << 20;
  const Eigen::Index ncv =
      std::min<Eigen::Index>(n, std::clamp<Eigen::Index>(kBasisBytes / (Eigen::Index(sizeof(double)) * n), 8, 20));
  Spectra::SymEigsSolver<FunctionOperator> eigs(fop, 1, ncv);
  eigs.init();
  eigs.compute(Spectra::SortRule::LargestAlge, 10000, tol);
  r.converged = eigs.info() == Spectra::CompInfo::Successful;
  if (r.converged) r.lambda_max = eigs.eigenvalues()[0];
  r.operator_applications = fop.applications;
  return r;
}

double dense_lambda_max(const Mat<double>& A) {
  const Vec<double> ev = dense_eigenvalues(A);
  return ev[ev.size() - 1];
}

Vec<double> dense_eigenvalues(const Mat<double>& A) {
  Eigen::SelfAdjointEigenSolver<Mat<double>> es(A, Eigen::EigenvaluesOnly);
  return es.eigenvalues();
}

double dense_condition_number(const Mat<double>& K) {
  Eigen::JacobiSVD<Mat<double>> svd(K);
  const auto& sv = svd.singularValues();
  return sv[0] / sv[sv.size() - 1];
}

Vec<double> least_squares_solution(const Mat<double>& J, const Vec<double>& rhs) {
  return J.completeOrthogonalDecomposition().solve(rhs);
}

}  // namespace optcheck
