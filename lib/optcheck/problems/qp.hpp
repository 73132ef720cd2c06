// Convex quadratic programs built "KKT by construction":
//   minimize ½xᵀPx + qᵀx  subject to  Ax = b,  Gx ≤ h,
// with x*, ν*, λ* chosen first and q, b, h derived from them. Every entry is a small integer, so the instance, its
// solution and its multipliers are exact in every arithmetic with ≥ 16 significand bits (float and wider), and the
// solution is unique: P ≻ 0, the active rows [A; G_active] are linearly independent (LICQ) and λ*ᵢ ≥ 1 on them
// (strict complementarity).
#pragma once

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <cstdint>

#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"

namespace optcheck {

template <class S>
struct ConvexQP {
  Mat<S> P;
  Vec<S> q;
  Mat<S> A;  ///< equality constraints (may have 0 rows)
  Vec<S> b;
  Mat<S> G;  ///< inequality constraints (may have 0 rows)
  Vec<S> h;
  Eigen::Index n() const { return P.rows(); }
};

/// A primal–dual point (x, ν, λ) of a QP.
template <class S>
struct QPSolution {
  Vec<S> x, nu, lambda;
};

struct QPSpec {
  int n = 4;             ///< variables
  int equalities = 1;    ///< rows of A
  int inequalities = 3;  ///< rows of G
  int active = 1;        ///< inequalities active at x* (λ* ≥ 1 on them); equalities + active ≤ n
  std::uint64_t seed = 1;
};

/// Draws an instance (integer data; the seed is advanced until LICQ holds) together with its exact solution.
template <class S>
std::pair<ConvexQP<S>, QPSolution<S>> make_qp(const QPSpec& spec) {
  Rng rng(spec.seed);
  const int n = spec.n, me = spec.equalities, mi = spec.inequalities, na = spec.active;
  auto ints = [&](int rows, int cols, long lo, long hi) {
    Mat<double> M(rows, cols);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j) M(i, j) = static_cast<double>(rng.integer(lo, hi));
    return M;
  };
  Mat<double> A, G;
  for (int attempt = 0;; ++attempt) {
    A = ints(me, n, -3, 3);
    G = ints(mi, n, -3, 3);
    Mat<double> active(me + na, n);
    active << A, G.topRows(na);
    Eigen::FullPivLU<Mat<double>> lu(active);
    if (active.rows() == 0 || lu.rank() == active.rows()) break;
    if (attempt > 100) throw std::runtime_error("make_qp: could not draw linearly independent active rows");
  }
  const Mat<double> Bm = ints(n, n, -2, 2);
  Mat<double> P = Bm.transpose() * Bm;
  P.diagonal().array() += static_cast<double>(rng.integer(1, 3));
  const Vec<double> x = ints(n, 1, -3, 3);
  const Vec<double> nu = ints(me, 1, -3, 3);
  Vec<double> lambda = Vec<double>::Zero(mi), slack = Vec<double>::Zero(mi);
  for (int i = 0; i < mi; ++i) {
    if (i < na) lambda[i] = static_cast<double>(rng.integer(1, 4));
    else slack[i] = static_cast<double>(rng.integer(1, 4));
  }
  const Vec<double> q = -(P * x + A.transpose() * nu + G.transpose() * lambda);
  const Vec<double> b = A * x;
  const Vec<double> h = G * x + slack;
  ConvexQP<S> qp{mat_cast<S>(P), vec_cast<S>(q), mat_cast<S>(A), vec_cast<S>(b), mat_cast<S>(G), vec_cast<S>(h)};
  return {qp, {vec_cast<S>(x), vec_cast<S>(nu), vec_cast<S>(lambda)}};
}

}  // namespace optcheck
