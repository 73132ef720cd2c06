// Gradient descent with a constant step:  x_{k+1} = x_k − η ∇f(x_k).
// Nesterov, Lectures on Convex Optimization (2018), §1.2.3.
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class GradientDescent {
 public:
  struct Params {
    S step;  ///< η > 0
    void validate() const { require(is_finite(step) && step > S(0), "gd", "step", step, "must be finite and > 0"); }
  };
  explicit GradientDescent(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& oracle) {
    x_ -= p_.step * oracle.gradient(x_);
    return p_.step;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_;
};

}  // namespace optcheck
