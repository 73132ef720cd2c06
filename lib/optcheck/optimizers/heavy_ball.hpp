// Polyak's heavy ball:  x_{k+1} = x_k − α∇f(x_k) + β(x_k − x_{k−1}),  x_{−1} = x_0.
// Polyak, USSR Comput. Math. Math. Phys. 4(5) (1964). On quadratics with spectrum in [μ, L] it is stable iff
// |β| < 1 and 0 < αλ < 2(1 + β); α* = 4/(√L + √μ)², β* = ((√L − √μ)/(√L + √μ))² give rate (√κ − 1)/(√κ + 1).
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class HeavyBall {
 public:
  struct Params {
    S step;      ///< α > 0
    S momentum;  ///< β ∈ [0, 1)
    void validate() const {
      require(is_finite(step) && step > S(0), "heavy-ball", "step", step, "must be finite and > 0");
      require(momentum >= S(0) && momentum < S(1), "heavy-ball", "momentum", momentum, "must lie in [0, 1)");
    }
  };
  explicit HeavyBall(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) { x_ = previous_ = x0; }
  S step(Oracle<S>& oracle) {
    Vec<S> next = x_ - p_.step * oracle.gradient(x_) + p_.momentum * (x_ - previous_);
    previous_ = std::move(x_);
    x_ = std::move(next);
    return p_.step;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_, previous_;
};

}  // namespace optcheck
