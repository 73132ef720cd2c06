// SGD with gradient clipping by global norm (Pascanu, Mikolov & Bengio, ICML 2013, Alg. 2; PyTorch's
// clip_grad_norm_):  g ← g·min(1, τ/‖g‖);  x ← x − ηg.
// ‖g‖ is computed scaled by max|gᵢ| (as LAPACK's xNRM2), so that ‖g‖² never overflows or underflows the arithmetic:
// in fp16 the unscaled squared norm of a gradient with ‖g‖ = 300 is 9·10⁴ > 65504 = Inf, and g·τ/Inf = 0 would
// silently freeze training. A gradient with a NaN or infinite coordinate has no direction: clip() throws.
#pragma once

#include <stdexcept>

#include "optcheck/optimizers/params.hpp"
#include "optcheck/run/oracle.hpp"

namespace optcheck {

/// ‖g‖₂ without overflow or harmful underflow: max|gᵢ|·‖g/max|gᵢ|‖₂.
template <class S>
S scaled_norm(const Vec<S>& g) {
  using std::abs;
  using std::sqrt;
  S largest(0);
  for (Eigen::Index i = 0; i < g.size(); ++i) largest = abs(g[i]) > largest ? abs(g[i]) : largest;
  if (largest == S(0)) return S(0);
  S sum(0);
  for (Eigen::Index i = 0; i < g.size(); ++i) {
    const S r = g[i] / largest;
    sum += r * r;
  }
  return largest * sqrt(sum);
}

/// g·min(1, τ/‖g‖): unchanged when ‖g‖ ≤ τ (so a zero gradient stays zero), zero when τ = 0.
template <class S>
Vec<S> clip_by_norm(const Vec<S>& g, const S& tau) {
  if (!all_finite(g)) throw std::domain_error("clip_by_norm: the gradient has a NaN or infinite coordinate");
  const S norm = scaled_norm(g);
  if (norm <= tau) return g;
  return Vec<S>(g * (tau / norm));
}

template <class S>
class ClippedSgd {
 public:
  struct Params {
    S lr{0.01};   ///< η > 0
    S tau{1};     ///< clipping threshold τ ≥ 0
    void validate() const {
      require(is_finite(lr) && lr > S(0), "clipped-sgd", "lr", lr, "must be finite and > 0");
      require(is_finite(tau) && tau >= S(0), "clipped-sgd", "tau", tau, "must be finite and >= 0");
    }
  };
  explicit ClippedSgd(Params p) : p_(p) { p_.validate(); }
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& oracle) {
    x_ -= p_.lr * clip_by_norm<S>(oracle.stochastic_gradient(x_), p_.tau);
    return p_.lr;
  }
  const Vec<S>& x() const { return x_; }

 private:
  Params p_;
  Vec<S> x_;
};

}  // namespace optcheck
