// L2-regularized logistic regression f(x) = (1/m)Σᵢ log(1 + exp(−yᵢ aᵢᵀx)) + (λ/2)‖x‖²: L = λmax(AᵀA)/(4m) + λ,
// μ = λ; x* by Newton's method in build_t<S> (quadratic convergence to u_build), f* = f(x*) evaluated in S.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <cstdint>

#include "optcheck/problems/newton.hpp"
#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"

namespace optcheck {

struct LogisticSpec {
  int samples = 20;      ///< m
  int features = 5;      ///< n
  double lambda = 0.1;   ///< L2 weight (dyadic values keep it exact)
  std::uint64_t seed = 1;
};

namespace detail {
/// log(1 + exp(z)) without overflow: max(z, 0) + log1p(exp(−|z|)).
template <class T>
T softplus(const T& z) {
  using std::exp;
  using std::log1p;
  using std::abs;
  const T a = abs(z);
  return (z > T(0) ? z : T(0)) + log1p(exp(-a));
}
template <class T>
T sigmoid(const T& z) {
  using std::exp;
  if (z >= T(0)) return T(1) / (T(1) + exp(-z));
  const T e = exp(z);
  return e / (T(1) + e);
}
template <class T>
T logistic_value(const Mat<T>& Y, const T& lambda, const Vec<T>& x) {
  const Vec<T> z = Y * x;  // zᵢ = yᵢ aᵢᵀx
  T s(0);
  for (Eigen::Index i = 0; i < z.size(); ++i) s += softplus<T>(-z[i]);
  return s / T(static_cast<int>(Y.rows())) + lambda / T(2) * x.squaredNorm();
}
template <class T>
Vec<T> logistic_gradient(const Mat<T>& Y, const T& lambda, const Vec<T>& x) {
  const Vec<T> z = Y * x;
  Vec<T> w(z.size());
  for (Eigen::Index i = 0; i < z.size(); ++i) w[i] = -sigmoid<T>(-z[i]);
  return Vec<T>(Y.transpose() * w) / T(static_cast<int>(Y.rows())) + lambda * x;
}
}  // namespace detail

template <class S>
class Logistic : public Problem<S> {
  using B = build_t<S>;

 public:
  explicit Logistic(const LogisticSpec& spec) : spec_(spec) {
    const Eigen::Index m = spec.samples, n = spec.features;
    Rng rng(spec.seed);
    Vec<double> w_true(n);
    for (Eigen::Index j = 0; j < n; ++j) w_true[j] = rng.normal();
    Mat<double> Y(m, n);  // rows yᵢaᵢᵀ; labels from a planted model with 10% flips
    for (Eigen::Index i = 0; i < m; ++i) {
      Vec<double> a(n);
      for (Eigen::Index j = 0; j < n; ++j) a[j] = rng.normal();
      double y = a.dot(w_true) >= 0 ? 1.0 : -1.0;
      if (rng.uniform() < 0.1) y = -y;
      Y.row(i) = y * a.transpose();
    }
    Y_ = mat_cast<S>(Y);  // doubles are exact in every S ≥ double; narrower S rounds here, once
    abs_Y_ = mat_cast<double>(Y_).cwiseAbs();
    lambda_ = scalar_cast<S>(spec.lambda);
    const Mat<B> Yb = mat_cast<B>(Y_);
    const B lam = scalar_cast<B>(lambda_);
    // L from the dense eigenvalue of YᵀY in build_t; margin 4n²·u_build covers the solver's backward error.
    Eigen::SelfAdjointEigenSolver<Mat<B>> es(Mat<B>(Yb.transpose() * Yb), Eigen::EigenvaluesOnly);
    const B lmax = es.eigenvalues()[n - 1] * (B(1) + B(4.0 * n * n) * B(unit_roundoff<B>()));
    auto& c = this->constants_;
    c.L = round_up<S>(lmax / (B(4) * B(static_cast<int>(m))) + lam);
    c.mu = round_down<S>(lam);
    c.mu_pl = c.mu;
    c.convex = true;
    const Vec<B> x = newton_minimize<B>(
        Vec<B>(Vec<B>::Zero(n)), [&](const Vec<B>& v) { return detail::logistic_value<B>(Yb, lam, v); },
        [&](const Vec<B>& v) { return detail::logistic_gradient<B>(Yb, lam, v); },
        [&](const Vec<B>& v) {
          const Vec<B> z = Yb * v;
          Vec<B> d(m);
          for (Eigen::Index i = 0; i < m; ++i) {
            const B s = detail::sigmoid<B>(z[i]);
            d[i] = s * (B(1) - s);
          }
          Mat<B> H = Yb.transpose() * d.asDiagonal() * Yb / B(static_cast<int>(m));
          H.diagonal().array() += lam;
          return H;
        });
    c.x_star = vec_cast<S>(x);
    c.f_star = value(*c.x_star);
    c.f_star_error = value_error(*c.x_star).value(unit_roundoff<S>(), underflow_unit<S>()) +
                     to_double(c.L) / 2 * std::pow(unit_roundoff<S>() * to_double(x.norm()), 2) * n;
  }
  std::string name() const override { return "logistic"; }
  Eigen::Index dim() const override { return Y_.cols(); }
  S value(const Vec<S>& x) const override { return detail::logistic_value<S>(Y_, lambda_, x); }
  Vec<S> gradient(const Vec<S>& x) const override { return detail::logistic_gradient<S>(Y_, lambda_, x); }
  // zᵢ = yᵢaᵢᵀx (γ_n); softplus (max, exp, log1p, add: 4 correctly-rounded-to-1-ulp ops counted 2 each, and its
  // derivative bounded by 1 carries z's error); the mean (γ_m + 1); λ/2‖x‖² (γ_n + 2); final add.
  ErrorBound value_error(const Vec<S>& x) const override {
    const Vec<double> ax = abs_Y_ * vec_cast<double>(x).cwiseAbs();
    const double m = static_cast<double>(Y_.rows());
    double sp = 0;
    const Vec<double> z = vec_cast<double>(Vec<S>(Y_ * x));
    for (Eigen::Index i = 0; i < z.size(); ++i) sp += detail::softplus<double>(-z[i]);
    const double xx = vec_cast<double>(x).squaredNorm();
    return {10.0 + Y_.cols() + m, (ax.sum() + sp) / m + to_double(lambda_) / 2 * xx};
  }
  ErrorBound gradient_error(const Vec<S>& x) const override {
    const Vec<double> ax = abs_Y_ * vec_cast<double>(x).cwiseAbs();
    const double m = static_cast<double>(Y_.rows());
    // sigmoid has derivative ≤ 1/4: error in zᵢ (γ_n·axᵢ) moves it by ≤ axᵢ/4; its own evaluation ≤ 4 ops.
    const Vec<double> w = (ax / 4).array() + 1.0;
    return {8.0 + Y_.cols() + m, (abs_Y_.transpose() * w).norm() / m + to_double(lambda_) * vec_cast<double>(x).norm()};
  }
  const LogisticSpec& spec() const { return spec_; }

 private:
  LogisticSpec spec_;
  Mat<S> Y_;
  Mat<double> abs_Y_;
  S lambda_;
};

}  // namespace optcheck
