// AdaGrad (diagonal):  g ← ∇f(x) + λx;  G ← G + g²;  x ← x − η g/(√G + ε)   (coordinatewise).
// Duchi, Hazan, Singer, JMLR 12 (2011), §1 (diagonal variant); weight decay λ as in PyTorch's Adagrad.
#pragma once

#include "optcheck/optimizers/adaptive.hpp"
#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

template <class S>
class AdaGrad {
 public:
  struct Params {
    S lr{0.01};           ///< η > 0
    S eps{1e-10};         ///< ε ≥ 0
    S weight_decay{0};    ///< λ ≥ 0 (added to the gradient)
    S initial_accumulator{0};
    void validate() const {
      require(is_finite(lr) && lr > S(0), "adagrad", "lr", lr, "must be finite and > 0");
      require(eps >= S(0), "adagrad", "eps", eps, "must be >= 0");
      require(weight_decay >= S(0), "adagrad", "weight_decay", weight_decay, "must be >= 0");
      require(initial_accumulator >= S(0), "adagrad", "initial_accumulator", initial_accumulator, "must be >= 0");
    }
  };
  explicit AdaGrad(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) {
    x_ = x0;
    G_ = Vec<S>::Constant(x0.size(), p_.initial_accumulator);
  }
  S step(Oracle<S>& oracle) {
    const Vec<S> g = oracle.stochastic_gradient(x_) + p_.weight_decay * x_;
    for (Eigen::Index i = 0; i < x_.size(); ++i) {
      G_[i] += g[i] * g[i];
      x_[i] -= p_.lr * adaptive_ratio(g[i], G_[i], p_.eps);
    }
    return p_.lr;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_, G_;
};

}  // namespace optcheck
