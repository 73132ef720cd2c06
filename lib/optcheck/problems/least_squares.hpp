// Rank-deficient least squares f(x) = ½‖A(x − x*)‖²: L-smooth and PL (μ_PL = σ_min⁺(A)²) but not strongly convex.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"

namespace optcheck {

struct LeastSquaresSpec {
  int rows = 8;                          ///< m
  int cols = 6;                          ///< n
  std::vector<double> singular_values;   ///< the r = rank nonzero singular values (r < n, r ≤ m)
  std::uint64_t seed = 1;
};

/// A = U_r Σ W Eᵀ: U_r (m×r) orthonormal columns, W (r×r) orthogonal, E (n×r) selects r of the n coordinates at
/// random. The other n − r columns of A are exactly zero in every arithmetic, so the rank deficiency (and the
/// minimizer set x* + span{unselected coordinates}) is exact; the nonzero singular values are certified by Weyl's
/// inequality with δ = σmax(√r·u_S + 4n²·u_build).
template <class S>
class LeastSquares : public Problem<S> {
  using B = build_t<S>;

 public:
  explicit LeastSquares(const LeastSquaresSpec& spec) : spec_(spec) {
    const Eigen::Index m = spec.rows, n = spec.cols, r = static_cast<Eigen::Index>(spec.singular_values.size());
    Rng rng(spec.seed);
    const Mat<B> U = random_orthogonal<B>(m, rng).leftCols(r);
    const Mat<B> W = random_orthogonal<B>(r, rng);
    std::vector<Eigen::Index> cols(n);
    for (Eigen::Index i = 0; i < n; ++i) cols[i] = i;
    for (Eigen::Index i = n - 1; i > 0; --i) std::swap(cols[i], cols[rng.integer(0, i)]);  // Fisher–Yates
    selected_.assign(n, false);
    Vec<B> sig(r);
    for (Eigen::Index i = 0; i < r; ++i) sig[i] = B(spec.singular_values[i]);
    const Mat<B> block = U * sig.asDiagonal() * W;  // m × r
    Mat<B> A = Mat<B>::Zero(m, n);
    for (Eigen::Index j = 0; j < r; ++j) {
      A.col(cols[j]) = block.col(j);
      selected_[cols[j]] = true;
    }
    A_ = mat_cast<S>(A);
    abs_A_ = mat_cast<double>(A_).cwiseAbs();
    const auto [lo, hi] = std::minmax_element(spec.singular_values.begin(), spec.singular_values.end());
    const B delta = B(*hi) * (B(std::sqrt(double(r)) * unit_roundoff<S>()) + B(4.0 * n * n) * B(unit_roundoff<B>()));
    auto& c = this->constants_;
    c.L = round_up<S>((B(*hi) + delta) * (B(*hi) + delta));
    c.mu = S(0);
    c.mu_pl = round_down<S>((B(*lo) - delta) * (B(*lo) - delta));
    c.convex = true;
    Vec<S> xs(n);
    for (Eigen::Index i = 0; i < n; ++i) xs[i] = scalar_cast<S>(rng.normal());
    c.x_star = xs;
    c.f_star = S(0);
  }
  std::string name() const override { return "least-squares"; }
  Eigen::Index dim() const override { return A_.cols(); }
  S value(const Vec<S>& x) const override {
    const Vec<S> r = A_ * Vec<S>(x - *this->constants_.x_star);
    return S(0.5) * r.squaredNorm();
  }
  Vec<S> gradient(const Vec<S>& x) const override {
    return A_.transpose() * Vec<S>(A_ * Vec<S>(x - *this->constants_.x_star));
  }
  ErrorBound value_error(const Vec<S>& x) const override {
    const Vec<double> r = abs_A_ * vec_cast<double>(Vec<S>(x - *this->constants_.x_star)).cwiseAbs();
    return {2.0 + A_.cols() + A_.rows(), 0.5 * r.squaredNorm()};  // x − x*, A·d (γ_n), ‖r‖² (γ_m)
  }
  ErrorBound gradient_error(const Vec<S>& x) const override {
    const Vec<double> r = abs_A_ * vec_cast<double>(Vec<S>(x - *this->constants_.x_star)).cwiseAbs();
    return {1.0 + A_.cols() + A_.rows(), (abs_A_.transpose() * r).norm()};
  }
  /// The residual A(x − x*) and its bound |A||x − x*| computed once each.
  Evaluation<S> evaluate(const Vec<S>& x) const override {
    const Vec<S> d = x - *this->constants_.x_star;
    const Vec<S> r = A_ * d;
    const Vec<double> abs_r = abs_A_ * vec_cast<double>(d).cwiseAbs();
    return {S(S(0.5) * r.squaredNorm()), Vec<S>(A_.transpose() * r),
            {2.0 + A_.cols() + A_.rows(), 0.5 * abs_r.squaredNorm()},
            {1.0 + A_.cols() + A_.rows(), (abs_A_.transpose() * abs_r).norm()}};
  }
  /// The minimizer set is x* + span{e_j : column j of A is zero}; the closest point keeps x's free coordinates.
  Vec<S> closest_minimizer(const Vec<S>& x) const override {
    Vec<S> m = *this->constants_.x_star;
    for (Eigen::Index j = 0; j < m.size(); ++j)
      if (!selected_[j]) m[j] = x[j];
    return m;
  }
  const LeastSquaresSpec& spec() const { return spec_; }

 private:
  LeastSquaresSpec spec_;
  Mat<S> A_;
  Mat<double> abs_A_;
  std::vector<bool> selected_;
};

}  // namespace optcheck
