// Regularized log-sum-exp (the softmax potential): f(x) = log Σᵢ exp(aᵢᵀx − bᵢ) + (λ/2)‖x‖², A ∈ ℝ^{m×n}.
// ∇f = Aᵀp + λx with p = softmax(Ax − b); ∇²f = Aᵀ(diag p − ppᵀ)A + λI, and ‖diag p − ppᵀ‖ ≤ max_i 2pᵢ(1 − pᵢ) ≤ 1/2
// (Gershgorin), so L = λmax(AᵀA)/2 + λ and μ = λ (Boyd & Vandenberghe, Convex Optimization (2004), §3.1.5). Its
// curvature varies with x far more than logistic regression's: along directions where one term dominates, the
// Hessian is λI alone. x* by damped Newton in build_t<S>, f* = f(x*) evaluated in S.
#pragma once

#include <Eigen/Eigenvalues>
#include <cstdint>

#include "optcheck/problems/newton.hpp"
#include "optcheck/problems/problem.hpp"
#include "optcheck/problems/random.hpp"

namespace optcheck {

struct LogSumExpSpec {
  int terms = 8;        ///< m
  int features = 4;     ///< n
  double lambda = 0.1;  ///< ridge μ (a power of two: exact)
  std::uint64_t seed = 1;
};

namespace detail {
/// log Σ exp(zᵢ), shifted by max z so that no exp overflows; and p = softmax(z).
template <class T>
T log_sum_exp(const Vec<T>& z) {
  using std::exp;
  using std::log;
  const T top = z.maxCoeff();
  T s(0);
  for (Eigen::Index i = 0; i < z.size(); ++i) s += exp(T(z[i] - top));
  return top + log(s);
}
template <class T>
Vec<T> softmax(const Vec<T>& z) {
  using std::exp;
  const T top = z.maxCoeff();
  Vec<T> p(z.size());
  for (Eigen::Index i = 0; i < z.size(); ++i) p[i] = exp(T(z[i] - top));
  return p / p.sum();
}
}  // namespace detail

template <class S>
class LogSumExp : public Problem<S> {
  using B = build_t<S>;

 public:
  explicit LogSumExp(const LogSumExpSpec& spec) : spec_(spec) {
    const Eigen::Index m = spec.terms, n = spec.features;
    Rng rng(spec.seed * 6364136223846793005ULL + 1442695040888963407ULL);
    Mat<double> A(m, n);
    Vec<double> b(m);
    for (Eigen::Index i = 0; i < m; ++i) {
      for (Eigen::Index j = 0; j < n; ++j) A(i, j) = std::ldexp(std::round(std::ldexp(rng.normal(), 10)), -10);
      b[i] = std::ldexp(std::round(std::ldexp(rng.normal(), 10)), -10);  // 2^-10 grid: exact in float and wider
    }
    A_ = mat_cast<S>(A);
    b_ = vec_cast<S>(b);
    abs_A_ = A.cwiseAbs();
    abs_b_ = b.cwiseAbs();
    lambda_ = scalar_cast<S>(spec.lambda);
    const Mat<B> Ab = mat_cast<B>(A_);
    const Vec<B> bb = vec_cast<B>(b_);
    const B lam = scalar_cast<B>(lambda_);
    // L from the dense eigenvalue of AᵀA in build_t; margin 4n²·u_build covers the solver's backward error.
    Eigen::SelfAdjointEigenSolver<Mat<B>> es(Mat<B>(Ab.transpose() * Ab), Eigen::EigenvaluesOnly);
    const B lmax = es.eigenvalues()[n - 1] * (B(1) + B(4.0 * n * n) * B(unit_roundoff<B>()));
    auto& c = this->constants_;
    c.L = round_up<S>(lmax / B(2) + lam);
    c.mu = round_down<S>(lam);
    c.mu_pl = c.mu;
    c.convex = true;
    const auto value_b = [&](const Vec<B>& v) { return detail::log_sum_exp<B>(Vec<B>(Ab * v - bb)) + lam / B(2) * v.squaredNorm(); };
    const auto gradient_b = [&](const Vec<B>& v) {
      return Vec<B>(Ab.transpose() * detail::softmax<B>(Vec<B>(Ab * v - bb)) + lam * v);
    };
    const auto hessian_b = [&](const Vec<B>& v) {
      const Vec<B> p = detail::softmax<B>(Vec<B>(Ab * v - bb));
      const Vec<B> Atp = Ab.transpose() * p;
      Mat<B> H = Ab.transpose() * p.asDiagonal() * Ab - Atp * Atp.transpose();
      H.diagonal().array() += lam;
      return H;
    };
    const Vec<B> x = newton_minimize<B>(Vec<B>(Vec<B>::Zero(n)), value_b, gradient_b, hessian_b);
    c.x_star = vec_cast<S>(x);
    c.f_star = value(*c.x_star);
    c.f_star_error = value_error(*c.x_star).value(unit_roundoff<S>(), underflow_unit<S>()) +
                     to_double(c.L) / 2 * std::pow(unit_roundoff<S>() * to_double(x.norm()), 2) * n;
  }
  std::string name() const override { return "log-sum-exp"; }
  Eigen::Index dim() const override { return A_.cols(); }
  S value(const Vec<S>& x) const override {
    return detail::log_sum_exp<S>(Vec<S>(A_ * x - b_)) + lambda_ / S(2) * x.squaredNorm();
  }
  Vec<S> gradient(const Vec<S>& x) const override {
    return Vec<S>(A_.transpose() * detail::softmax<S>(Vec<S>(A_ * x - b_)) + lambda_ * x);
  }
  // zᵢ = aᵢᵀx − bᵢ carries ≤ γ_{n+1}·wᵢ, wᵢ = (|A||x| + |b|)ᵢ; log-sum-exp has ∂/∂zᵢ = pᵢ (Σpᵢ = 1), so that moves f
  // by ≤ γ_{n+1}·max w. The shifted exps (2 each), their sum (γ_m) and the log (2) err relative to the sum: ≤ γ_{m+4}
  // absolute in f; top + log, λ/2‖x‖² (γ_n + 2) and the final add err relative to |terms|. k = n + m + 10 covers every
  // chain; scale = max w + 1 + |top| + |log Σ| + λ/2‖x‖².
  ErrorBound value_error(const Vec<S>& x) const override {
    const Vec<double> w = abs_A_ * vec_cast<double>(x).cwiseAbs() + abs_b_;
    const Vec<double> z = vec_cast<double>(Vec<S>(A_ * x - b_));
    const double lse = detail::log_sum_exp<double>(z);
    return {static_cast<double>(A_.cols() + A_.rows()) + 10,
            w.maxCoeff() + 1 + std::abs(z.maxCoeff()) + std::abs(lse - z.maxCoeff()) +
                to_double(lambda_) / 2 * vec_cast<double>(x).squaredNorm()};
  }
  // pᵢ = exp(zᵢ − top)/Σ: relative error ≤ 2·max|Δz| (shift and normalization) + γ_{m+4}; Aᵀp errs by γ_m relative to
  // |A|ᵀp on top of that; λx by 1 rounding and the sum by 1. With max|Δz| ≤ γ_{n+1}·max w:
  // k = n + m + 10, scale = ‖|A|ᵀp‖·(1 + 2 max w) + λ‖x‖.
  ErrorBound gradient_error(const Vec<S>& x) const override {
    const Vec<double> w = abs_A_ * vec_cast<double>(x).cwiseAbs() + abs_b_;
    const Vec<double> p = detail::softmax<double>(vec_cast<double>(Vec<S>(A_ * x - b_)));
    return {static_cast<double>(A_.cols() + A_.rows()) + 10,
            (abs_A_.transpose() * p).norm() * (1 + 2 * w.maxCoeff()) + to_double(lambda_) * vec_cast<double>(x).norm()};
  }
  const LogSumExpSpec& spec() const { return spec_; }
  const Mat<S>& matrix() const { return A_; }
  const Vec<S>& offsets() const { return b_; }

 private:
  LogSumExpSpec spec_;
  Mat<S> A_;
  Vec<S> b_;
  Mat<double> abs_A_;
  Vec<double> abs_b_;
  S lambda_;
};

}  // namespace optcheck
