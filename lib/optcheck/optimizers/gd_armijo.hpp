// Gradient descent with Armijo backtracking: start from ᾱ and shrink α ← ρα until
//   f(x − α∇f(x)) ≤ f(x) − c·α‖∇f(x)‖²,  then  x_{k+1} = x_k − α∇f(x_k).
// Armijo (1966); Nocedal & Wright, Numerical Optimization (2006), Alg. 3.1. Any α ≤ 2(1 − c)/L is accepted, so the
// accepted α ≥ min{ᾱ, 2ρ(1 − c)/L} on an L-smooth f.
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class GradientDescentArmijo {
 public:
  struct Params {
    S initial_step;       ///< ᾱ > 0
    S shrink{0.5};        ///< ρ ∈ (0, 1)
    S sufficient{1e-4};   ///< c ∈ (0, 1)
    int max_backtracks = 60;
    void validate() const {
      require(is_finite(initial_step) && initial_step > S(0), "gd-armijo", "initial_step", initial_step, "must be > 0");
      require(shrink > S(0) && shrink < S(1), "gd-armijo", "shrink", shrink, "must lie in (0, 1)");
      require(sufficient > S(0) && sufficient < S(1), "gd-armijo", "sufficient", sufficient, "must lie in (0, 1)");
      require(max_backtracks > 0, "gd-armijo", "max_backtracks", max_backtracks, "must be > 0");
    }
  };
  explicit GradientDescentArmijo(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& oracle) {
    const Vec<S> g = oracle.gradient(x_);
    const S f0 = oracle.value(x_);
    const S gg = g.squaredNorm();
    S alpha = p_.initial_step;
    for (int i = 0; i < p_.max_backtracks; ++i) {
      if (oracle.value(Vec<S>(x_ - alpha * g)) <= f0 - p_.sufficient * alpha * gg) break;
      alpha *= p_.shrink;
    }
    x_ -= alpha * g;
    return alpha;
  }
  const Vec<S>& x() const { return x_; }
  const Params& params() const { return p_; }

 private:
  Params p_;
  Vec<S> x_;
};

}  // namespace optcheck
