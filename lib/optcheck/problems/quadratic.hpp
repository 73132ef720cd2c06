// Strongly convex quadratics f(x) = ½(x − x*)ᵀA(x − x*) with a certified spectrum: a dense one with a prescribed
// spectrum in a random orthogonal basis, and a sparse 2-D Laplacian (n = m², eigenvalues in closed form).
#pragma once

#include <Eigen/SparseCore>
#include <algorithm>
#include <cstdint>
#include <vector>

#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"

namespace optcheck {

/// What every quadratic exposes to the stability theorem: the operator, its extreme eigenpairs from the
/// construction, and a double copy of the operator for Spectra.
template <class S>
class QuadraticBase : public Problem<S> {
 public:
  virtual Vec<S> apply(const Vec<S>& d) const = 0;  ///< A·d in S
  virtual void apply_double(const double* in, double* out) const = 0;
  S lambda_min() const { return lambda_min_; }
  S lambda_max() const { return lambda_max_; }
  /// A certified lower bound on λmax (λmax() is the certified upper bound).
  S lambda_max_lower() const { return lambda_max_lower_; }
  const Vec<S>& top_eigenvector() const { return v_max_; }  ///< unit eigenvector for λmax (from the construction)
  /// Bound on ‖v − v_true‖ for top_eigenvector() (Davis–Kahan: perturbation of A over the spectral gap, plus u_S).
  double top_eigenvector_error() const { return v_max_error_; }
  virtual bool is_sparse() const { return false; }

  S value(const Vec<S>& x) const override {
    const Vec<S> d = x - *this->constants_.x_star;
    return S(0.5) * d.dot(apply(d)) + this->constants_.f_star;
  }
  Vec<S> gradient(const Vec<S>& x) const override { return apply(Vec<S>(x - *this->constants_.x_star)); }
  ErrorBound value_error(const Vec<S>& x) const override {
    const Vec<double> d = vec_cast<double>(Vec<S>(x - *this->constants_.x_star)).cwiseAbs();
    // d = x − x* (1 op), A·d (γ_row), dᵀ(Ad) (γ_n more), ×½ exact, + f* (1 op).
    return {2 + row_length() + static_cast<double>(d.size()),
            0.5 * d.dot(abs_apply(d)) + std::abs(to_double(this->constants_.f_star))};
  }
  ErrorBound gradient_error(const Vec<S>& x) const override {
    const Vec<double> d = vec_cast<double>(Vec<S>(x - *this->constants_.x_star)).cwiseAbs();
    return {1 + row_length(), abs_apply(d).norm()};
  }
  /// One product with A and one with |A| instead of two of each.
  Evaluation<S> evaluate(const Vec<S>& x) const override {
    const Vec<S> d = x - *this->constants_.x_star;
    Vec<S> g = apply(d);
    const S f = S(0.5) * d.dot(g) + this->constants_.f_star;
    const Vec<double> abs_d = vec_cast<double>(d).cwiseAbs();
    const Vec<double> abs_ad = abs_apply(abs_d);
    return {f, std::move(g),
            {2 + row_length() + static_cast<double>(abs_d.size()),
             0.5 * abs_d.dot(abs_ad) + std::abs(to_double(this->constants_.f_star))},
            {1 + row_length(), abs_ad.norm()}};
  }

 protected:
  /// ½|d|ᵀ|A||d| and ‖|A||d|‖ from the absolute operator (both in double).
  virtual Vec<double> abs_apply(const Vec<double>& abs_d) const = 0;
  virtual double row_length() const = 0;  ///< terms in each inner product of A·d
  S lambda_min_{0}, lambda_max_{0}, lambda_max_lower_{0};
  Vec<S> v_max_;
  double v_max_error_ = 0;
};

struct QuadraticSpec {
  std::vector<double> eigenvalues;  ///< prescribed spectrum, all > 0
  std::uint64_t seed = 1;           ///< basis and minimizer
  double x_star_scale = 1;          ///< entries of x* are N(0, x_star_scale²)
};

/// Dense f(x) = ½(x − x*)ᵀA(x − x*), A = Q diag(λ) Qᵀ, Q a random orthogonal matrix (product of Householder
/// reflectors). A is formed in build_t<S> and rounded to S; by Weyl's inequality the eigenvalues of the stored A lie
/// within δ = λmax(√n·u_S + 4n²·u_build) of the prescribed ones, and L, μ are rounded outward by δ.
template <class S>
class DenseQuadratic : public QuadraticBase<S> {
  using B = build_t<S>;

 public:
  explicit DenseQuadratic(const QuadraticSpec& spec) : spec_(spec) {
    const auto n = static_cast<Eigen::Index>(spec.eigenvalues.size());
    Rng rng(spec.seed);
    const Mat<B> Q = random_orthogonal<B>(n, rng);
    Vec<B> lam(n);
    for (Eigen::Index i = 0; i < n; ++i) lam[i] = B(spec.eigenvalues[i]);
    const Mat<B> A = Q * lam.asDiagonal() * Q.transpose();
    A_ = mat_cast<S>(Mat<B>((A + A.transpose()) / B(2)));
    abs_A_ = mat_cast<double>(A_).cwiseAbs();
    const auto [lo, hi] = std::minmax_element(spec.eigenvalues.begin(), spec.eigenvalues.end());
    const B delta = B(*hi) * (B(std::sqrt(double(n)) * unit_roundoff<S>()) + B(4.0 * n * n) * B(unit_roundoff<B>()));
    this->lambda_max_ = round_up<S>(B(*hi) + delta);
    this->lambda_max_lower_ = round_down<S>(B(*hi) - delta);
    this->lambda_min_ = round_down<S>(B(*lo) - delta);
    this->v_max_ = vec_cast<S>(Vec<B>(Q.col(hi - spec.eigenvalues.begin())));
    double second = 0;
    for (double l : spec.eigenvalues)
      if (l < *hi) second = std::max(second, l);
    const double gap = *hi - second;
    this->v_max_error_ = (gap > 0 ? to_double(delta) / gap : 1.0) + 2 * std::sqrt(double(n)) * unit_roundoff<S>();
    Q_ = mat_cast<S>(Q);
    auto& c = this->constants_;
    c.L = this->lambda_max_;
    c.mu = this->lambda_min_;
    c.mu_pl = this->lambda_min_;
    c.convex = true;
    Vec<S> xs(n);
    for (Eigen::Index i = 0; i < n; ++i) xs[i] = scalar_cast<S>(spec.x_star_scale * rng.normal());
    c.x_star = xs;
    c.f_star = S(0);
  }
  std::string name() const override { return "quadratic"; }
  Eigen::Index dim() const override { return A_.rows(); }
  Vec<S> apply(const Vec<S>& d) const override { return A_ * d; }
  void apply_double(const double* in, double* out) const override {
    if (A_double_.size() == 0) A_double_ = mat_cast<double>(A_);
    Eigen::Map<Vec<double>>(out, dim()) = A_double_ * Eigen::Map<const Vec<double>>(in, dim());
  }
  const Mat<S>& matrix() const { return A_; }
  /// The orthogonal basis of the construction (columns are eigenvectors of the prescribed spectrum).
  const Mat<S>& eigenbasis() const { return Q_; }
  const QuadraticSpec& spec() const { return spec_; }

 protected:
  Vec<double> abs_apply(const Vec<double>& abs_d) const override { return abs_A_ * abs_d; }
  double row_length() const override { return static_cast<double>(A_.cols()); }

 private:
  QuadraticSpec spec_;
  Mat<S> A_, Q_;
  Mat<double> abs_A_;
  mutable Mat<double> A_double_;
};

struct LaplacianSpec {
  int grid = 100;          ///< m: the problem has n = m² unknowns
  double shift = 0.5;      ///< σ > 0 added to the diagonal (makes μ = λmin + σ > 0); dyadic, so exact in S
  std::uint64_t seed = 1;  ///< minimizer
};

/// Sparse f(x) = ½(x − x*)ᵀ(Δ_m + σI)(x − x*), Δ_m the 5-point Dirichlet Laplacian on an m×m grid. Its entries
/// (4 + σ, −1) are exact in S, and its eigenvalues are 4 − 2cos(jπ/(m+1)) − 2cos(kπ/(m+1)) + σ, so L and μ are
/// certified by the closed form (evaluated in build_t and rounded outward).
template <class S>
class LaplacianQuadratic : public QuadraticBase<S> {
  using B = build_t<S>;

 public:
  explicit LaplacianQuadratic(const LaplacianSpec& spec) : spec_(spec) {
    const int m = spec.grid;
    const Eigen::Index n = Eigen::Index(m) * m;
    std::vector<Eigen::Triplet<S>> t;
    std::vector<Eigen::Triplet<double>> td;
    auto add = [&](Eigen::Index i, Eigen::Index j, double v) {
      t.emplace_back(i, j, S(v));
      td.emplace_back(i, j, v);
    };
    for (int r = 0; r < m; ++r)
      for (int c = 0; c < m; ++c) {
        const Eigen::Index i = Eigen::Index(r) * m + c;
        add(i, i, 4.0 + spec.shift);
        if (r > 0) add(i, i - m, -1);
        if (r + 1 < m) add(i, i + m, -1);
        if (c > 0) add(i, i - 1, -1);
        if (c + 1 < m) add(i, i + 1, -1);
      }
    A_.resize(n, n);
    A_.setFromTriplets(t.begin(), t.end());
    Ad_.resize(n, n);
    Ad_.setFromTriplets(td.begin(), td.end());
    abs_Ad_ = Ad_.cwiseAbs();
    using std::cos;
    const B pi = boost::math::constants::pi<B>();
    const B c1 = cos(pi / B(m + 1));
    this->lambda_max_ = round_up<S>(B(4) + B(4) * c1 + B(spec.shift));
    this->lambda_max_lower_ = round_down<S>(B(4) + B(4) * c1 + B(spec.shift));
    this->lambda_min_ = round_down<S>(B(4) - B(4) * c1 + B(spec.shift));
    // Top eigenvector: sin(jπ·r/(m+1)) sin(jπ·c/(m+1)) with j = m, normalized.
    Vec<B> v(n);
    for (int r = 0; r < m; ++r)
      for (int c = 0; c < m; ++c) {
        using std::sin;
        v[Eigen::Index(r) * m + c] = sin(B(m) * pi * B(r + 1) / B(m + 1)) * sin(B(m) * pi * B(c + 1) / B(m + 1));
      }
    v /= v.norm();
    this->v_max_ = vec_cast<S>(v);
    // A is exact in S, so only the rounding of v (u_S per entry) and its construction in build_t remain.
    this->v_max_error_ = 2 * unit_roundoff<S>() + 4.0 * double(n) * unit_roundoff<B>();
    auto& k = this->constants_;
    k.L = this->lambda_max_;
    k.mu = this->lambda_min_;
    k.mu_pl = this->lambda_min_;
    Rng rng(spec.seed);
    Vec<S> xs(n);
    for (Eigen::Index i = 0; i < n; ++i) xs[i] = scalar_cast<S>(rng.normal());
    k.x_star = xs;
  }
  std::string name() const override { return "laplacian2d"; }
  Eigen::Index dim() const override { return A_.rows(); }
  bool is_sparse() const override { return true; }
  Vec<S> apply(const Vec<S>& d) const override { return A_ * d; }
  void apply_double(const double* in, double* out) const override {
    Eigen::Map<Vec<double>>(out, dim()) = Ad_ * Eigen::Map<const Vec<double>>(in, dim());
  }
  const LaplacianSpec& spec() const { return spec_; }

 protected:
  Vec<double> abs_apply(const Vec<double>& abs_d) const override {
    return abs_Ad_ * abs_d;
  }
  double row_length() const override { return 5; }

 private:
  LaplacianSpec spec_;
  Eigen::SparseMatrix<S> A_;
  Eigen::SparseMatrix<double> Ad_, abs_Ad_;
};

}  // namespace optcheck
