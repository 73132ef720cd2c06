// RMSProp:  g ← ∇f(x) + λx;  v ← ρv + (1 − ρ)g²;  x ← x − η g/(√v + ε)   (coordinatewise).
// Tieleman & Hinton, COURSERA Neural Networks for Machine Learning, Lecture 6.5 (2012); weight decay as in PyTorch.
#pragma once

#include "optcheck/optimizers/adaptive.hpp"
#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class RmsProp {
 public:
  struct Params {
    S lr{0.01};          ///< η > 0
    S rho{0.99};         ///< ρ ∈ [0, 1)
    S eps{1e-8};         ///< ε ≥ 0
    S weight_decay{0};   ///< λ ≥ 0
    void validate() const {
      require(is_finite(lr) && lr > S(0), "rmsprop", "lr", lr, "must be finite and > 0");
      require(rho >= S(0) && rho < S(1), "rmsprop", "rho", rho, "must lie in [0, 1)");
      require(eps >= S(0), "rmsprop", "eps", eps, "must be >= 0");
      require(weight_decay >= S(0), "rmsprop", "weight_decay", weight_decay, "must be >= 0");
    }
  };
  explicit RmsProp(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) {
    x_ = x0;
    v_ = Vec<S>::Zero(x0.size());
  }
  S step(Oracle<S>& oracle) {
    const Vec<S> g = oracle.stochastic_gradient(x_) + p_.weight_decay * x_;
    for (Eigen::Index i = 0; i < x_.size(); ++i) {
      v_[i] = p_.rho * v_[i] + (S(1) - p_.rho) * g[i] * g[i];
      x_[i] -= p_.lr * adaptive_ratio(g[i], v_[i], p_.eps);
    }
    return p_.lr;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_, v_;
};

}  // namespace optcheck
