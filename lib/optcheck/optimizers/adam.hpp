// Adam with L2 weight decay folded into the gradient (Kingma & Ba, ICLR 2015, Alg. 1; decay as in PyTorch's Adam):
//   g ← ∇f(x) + λx;  m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;
//   m̂ = m/(1 − β₁ᵗ);  v̂ = v/(1 − β₂ᵗ);  x ← x − η m̂/(√v̂ + ε).
#pragma once

#include "optcheck/optimizers/adaptive.hpp"
#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

/// The moment estimates and the bias-corrected step shared by Adam and AdamW (they differ only in where the
/// weight decay enters).
template <class S>
struct AdamMoments {
  Vec<S> m, v;
  long t = 0;  ///< steps taken: an integer, never a narrow float (see bias_correction)
  void reset(Eigen::Index n) {
    m = Vec<S>::Zero(n);
    v = Vec<S>::Zero(n);
    t = 0;
  }
  /// Updates the moments with g and subtracts the bias-corrected step from x.
  void apply(const Vec<S>& g, Vec<S>& x, const S& lr, const S& beta1, const S& beta2, const S& eps) {
    ++t;
    const S c1 = bias_correction(beta1, t), c2 = bias_correction(beta2, t);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      m[i] = beta1 * m[i] + (S(1) - beta1) * g[i];
      v[i] = beta2 * v[i] + (S(1) - beta2) * g[i] * g[i];
      x[i] -= lr * adaptive_ratio(S(m[i] / c1), S(v[i] / c2), eps);
    }
  }
};

template <class S>
struct AdamParams {
  /// The same hyperparameters for Adam::Params or AdamW::Params.
  template <class P>
  static P with(const S& lr, const S& beta1, const S& beta2, const S& eps, const S& weight_decay) {
    P p;
    p.lr = lr;
    p.beta1 = beta1;
    p.beta2 = beta2;
    p.eps = eps;
    p.weight_decay = weight_decay;
    return p;
  }

  S lr{1e-3};          ///< η > 0
  S beta1{0.9};        ///< β₁ ∈ [0, 1)
  S beta2{0.999};      ///< β₂ ∈ [0, 1)
  S eps{1e-8};         ///< ε ≥ 0
  S weight_decay{0};   ///< λ ≥ 0
  void validate(const char* who) const {
    require(is_finite(lr) && lr > S(0), who, "lr", lr, "must be finite and > 0");
    require(beta1 >= S(0) && beta1 < S(1), who, "beta1", beta1, "must lie in [0, 1)");
    require(beta2 >= S(0) && beta2 < S(1), who, "beta2", beta2, "must lie in [0, 1) (bf16 rounds 0.999 to 1)");
    require(eps >= S(0), who, "eps", eps, "must be >= 0");
    require(weight_decay >= S(0), who, "weight_decay", weight_decay, "must be >= 0");
  }
};

template <class S>
class Adam {
 public:
  struct Params : AdamParams<S> {
    void validate() const { AdamParams<S>::validate("adam"); }
  };
  explicit Adam(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) {
    x_ = x0;
    moments_.reset(x0.size());
  }
  S step(Oracle<S>& oracle) {
    const Vec<S> g = oracle.stochastic_gradient(x_) + p_.weight_decay * x_;
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
