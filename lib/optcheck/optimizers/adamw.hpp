// AdamW, decoupled weight decay (Loshchilov & Hutter, ICLR 2019, Alg. 2; order as in PyTorch's AdamW):
//   x ← (1 − ηλ)x;  then Adam's moment update and step with g = ∇f(x_old) (no decay in the gradient).
// With a zero gradient the first step is exactly x₁ = (1 − ηλ)x₀.
#pragma once

#include "optcheck/optimizers/adam.hpp"

namespace optcheck {

template <class S>
class AdamW {
 public:
  struct Params : AdamParams<S> {
    Params() { this->weight_decay = S(1e-2); }
    void validate() const { AdamParams<S>::validate("adamw"); }
  };
  explicit AdamW(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) {
    x_ = x0;
    moments_.reset(x0.size());
  }
  S step(Oracle<S>& oracle) {
    const Vec<S> g = oracle.stochastic_gradient(x_);
    x_ *= S(1) - p_.lr * p_.weight_decay;
    moments_.apply(g, x_, p_.lr, p_.beta1, p_.beta2, p_.eps);
    return p_.lr;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_;
  AdamMoments<S> moments_;
};

}  // namespace optcheck
