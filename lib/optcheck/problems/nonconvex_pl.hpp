// The nonconvex PL function f(x) = Σᵢ (xᵢ² + 3 sin² xᵢ) (Karimi, Nutini, Schmidt 2016, §2): L = 8, x* = 0, f* = 0,
// PL with μ* = min_t f'(t)²/(2f(t)) = 0.1755309859… (attained at t ≈ ±2.20171; the paper states μ = 1/32). The sum
// inherits the one-dimensional constants: ‖∇f‖²/(2f) = Σg²/(2Σf) ≥ minᵢ gᵢ²/(2fᵢ).
#pragma once

#include <cstdint>

#include "optcheck/problems/problem.hpp"

namespace optcheck {

/// A certified lower bound on μ* (checked on a fine grid in MPFR by tests/unit_problems.cpp).
inline constexpr double kSinePlMu = 0.17553;

template <class S>
class NonconvexPL : public Problem<S> {
 public:
  explicit NonconvexPL(int n) : n_(n) {
    auto& c = this->constants_;
    c.L = S(8);
    c.mu = S(0);
    c.mu_pl = round_down<S>(static_cast<build_t<S>>(kSinePlMu));
    c.convex = false;
    c.x_star = Vec<S>::Zero(n);
    c.f_star = S(0);
  }
  std::string name() const override { return "sine-pl"; }
  Eigen::Index dim() const override { return n_; }
  S value(const Vec<S>& x) const override {
    using std::sin;
    S f(0);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const S s = sin(x[i]);
      f += x[i] * x[i] + S(3) * s * s;
    }
    return f;
  }
  Vec<S> gradient(const Vec<S>& x) const override {
    using std::sin;
    Vec<S> g(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) g[i] = S(2) * x[i] + S(3) * sin(S(2) * x[i]);
    return g;
  }
  // Each term: x² (1), sin (≤ 1 ulp in glibc, libquadmath, MPFR: counted 2), s² (1), ×3 (1), + (1); the sum of n
  // non-negative terms adds γ_n. Scale: f itself (all terms ≥ 0).
  ErrorBound value_error(const Vec<S>& x) const override {
    return {6.0 + n_, std::abs(to_double(value(x))) * (1 + 1e-3)};
  }
  ErrorBound gradient_error(const Vec<S>& x) const override {
    double s = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double t = to_double(x[i]);
      const double a = 2 * std::abs(t) + 3 * std::abs(std::sin(2 * t));
      s += a * a;
    }
    return {5.0, std::sqrt(s)};
  }

 private:
  int n_;
};

}  // namespace optcheck
