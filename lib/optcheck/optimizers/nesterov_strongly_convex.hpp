// Nesterov's method for μ-strongly convex L-smooth f with constant momentum β = (1 − √q)/(1 + √q), q = μ/L:
//   x_{k+1} = y_k − ∇f(y_k)/L;   y_{k+1} = x_{k+1} + β(x_{k+1} − x_k);   y₀ = x₀.
// Nesterov (2018), scheme (2.2.22); d'Aspremont, Scieur, Taylor, Acceleration Methods (2021), Cor. 4.15:
//   f(x_k) − f* ≤ (1 − √q)^k (f(x₀) − f* + (μ/2)‖x₀ − x*‖²).
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class NesterovStronglyConvex {
 public:
  struct Params {
    S L;   ///< smoothness constant
    S mu;  ///< strong-convexity constant, 0 < μ ≤ L
    void validate() const {
      require(is_finite(L) && L > S(0), "nesterov-sc", "L", L, "must be finite and > 0");
      require(mu > S(0) && mu <= L, "nesterov-sc", "mu", mu, "must lie in (0, L]");
    }
    S momentum() const {
      using std::sqrt;
      const S r = sqrt(mu / L);
      return (S(1) - r) / (S(1) + r);
    }
  };
  explicit NesterovStronglyConvex(Params p) : p_(p), beta_(p.momentum()) { p_.validate(); }
  void reset(const Vec<S>& x0) { x_ = y_ = x0; }
  S step(Oracle<S>& oracle) {
    const S eta = S(1) / p_.L;
    Vec<S> x_next = y_ - eta * oracle.gradient(y_);
    y_ = x_next + beta_ * (x_next - x_);
    x_ = std::move(x_next);
    return eta;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  S beta_;
  Vec<S> x_, y_;
};

}  // namespace optcheck
