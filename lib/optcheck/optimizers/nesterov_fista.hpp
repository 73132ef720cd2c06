// Nesterov's accelerated gradient in the FISTA form (Beck & Teboulle, SIAM J. Imaging Sci. 2(1) 2009, Thm 4.4,
// with g = 0):  y₁ = x₀, t₁ = 1;
//   x_k = y_k − ∇f(y_k)/L;   t_{k+1} = (1 + √(1 + 4t_k²))/2;   y_{k+1} = x_k + ((t_k − 1)/t_{k+1})(x_k − x_{k−1}).
// For convex L-smooth f:  f(x_k) − f* ≤ L‖x₀ − x*‖²/(2t_k²) ≤ 2L‖x₀ − x*‖²/(k + 1)².
// t_{k+1} is evaluated as ½ + t_k·√(1 + (½/t_k)²), the same number without forming 4t_k², which overflows fp16
// (max 65504) at t_k ≈ 128, k ≈ 256, and turns every later iterate into NaN.
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class NesterovFista {
 public:
  struct Params {
    S step;  ///< 1/L
    void validate() const { require(is_finite(step) && step > S(0), "nesterov", "step", step, "must be finite and > 0"); }
  };
  explicit NesterovFista(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) {
    x_ = y_ = x0;
    t_ = S(1);
  }
  S step(Oracle<S>& oracle) {
    using std::sqrt;
    Vec<S> x_next = y_ - p_.step * oracle.gradient(y_);
    const S r = S(0.5) / t_;
    const S t_next = S(0.5) + t_ * sqrt(S(1) + r * r);
    y_ = x_next + ((t_ - S(1)) / t_next) * (x_next - x_);
    x_ = std::move(x_next);
    t_ = t_next;
    return p_.step;
  }
  const Vec<S>& x() const { return x_; }
  /// t_k for the iterate x_k currently held (t₁ = 1 after the first step).
  S t() const { return t_; }

 private:
  Params p_;
  Vec<S> x_, y_;
  S t_{1};
};

}  // namespace optcheck
