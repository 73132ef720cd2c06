// Lion (Chen et al., "Symbolic Discovery of Optimization Algorithms", NeurIPS 2023, Alg. 2):
//   c ← β₁m + (1 − β₁)g;  x ← x − η(sign(c) + λx);  m ← β₂m + (1 − β₂)g.
// Every coordinate moves by exactly η (plus the decay) unless c is 0 there; sign(0) = 0, so a zero gradient from a
// zero state takes no step.
#pragma once

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class Lion {
 public:
  struct Params {
    S lr{1e-4};           ///< η > 0
    S beta1{0.9};         ///< β₁ ∈ [0, 1]: interpolation for the update direction
    S beta2{0.99};        ///< β₂ ∈ [0, 1): momentum decay
    S weight_decay{0};    ///< λ ≥ 0, decoupled (scaled by η)
    void validate() const {
      require(is_finite(lr) && lr > S(0), "lion", "lr", lr, "must be finite and > 0");
      require(beta1 >= S(0) && beta1 <= S(1), "lion", "beta1", beta1, "must lie in [0, 1]");
      require(beta2 >= S(0) && beta2 < S(1), "lion", "beta2", beta2, "must lie in [0, 1)");
      require(weight_decay >= S(0), "lion", "weight_decay", weight_decay, "must be >= 0");
    }
  };
  explicit Lion(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) {
    x_ = x0;
    m_ = Vec<S>::Zero(x0.size());
  }
  S step(Oracle<S>& oracle) {
    const Vec<S> g = oracle.stochastic_gradient(x_);
    for (Eigen::Index i = 0; i < x_.size(); ++i) {
      const S c = p_.beta1 * m_[i] + (S(1) - p_.beta1) * g[i];
      const S direction = c > S(0) ? S(1) : c < S(0) ? S(-1) : S(0);
      x_[i] -= p_.lr * (direction + p_.weight_decay * x_[i]);
      m_[i] = p_.beta2 * m_[i] + (S(1) - p_.beta2) * g[i];
    }
    return p_.lr;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_, m_;
};

}  // namespace optcheck
