// Projected gradient:  x_{k+1} = Π_C(x_k − γ∇f(x_k)),  0 < γ ≤ 1/L.
// Nesterov (2018), §2.2.5; Beck, First-Order Methods in Optimization (2017), §10.4. Every iterate is feasible.
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class ProjectedGradient {
 public:
  struct Params {
    S step;  ///< γ > 0
    void validate() const {
      require(is_finite(step) && step > S(0), "projected-gradient", "step", step, "must be finite and > 0");
    }
  };
  explicit ProjectedGradient(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& oracle) {
    x_ = oracle.project(Vec<S>(x_ - p_.step * oracle.gradient(x_)));
    return p_.step;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_;
};

}  // namespace optcheck
