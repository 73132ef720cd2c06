// Optimizers with realistic implementation bugs, for the self-tests: every theorem's property must catch at least
// one of them. Each keeps the correct optimizer's interface and hyperparameters (inside the theorem's regime); only
// the implementation is wrong.
#pragma once

#include "optcheck/optimizers/gd.hpp"
#include "optcheck/optimizers/gd_armijo.hpp"
#include "optcheck/optimizers/nesterov_fista.hpp"
#include "optcheck/optimizers/projected_gradient.hpp"
#include "optcheck/optimizers/qp_interior_point.hpp"
#include "optcheck/optimizers/sgd.hpp"

namespace optcheck::broken {

/// Gradient taken at the wrong point: steps with the gradient of the previous iterate (a pipelining bug).
template <class S>
class StaleGradientDescent {
 public:
  explicit StaleGradientDescent(S step) : step_(step) {}
  void reset(const Vec<S>& x0) {
    x_ = x0;
    stale_.resize(0);
  }
  S step(Oracle<S>& o) {
    const Vec<S> g = o.gradient(x_);
    x_ -= step_ * (stale_.size() ? stale_ : g);
    stale_ = g;
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_, stale_;
};

/// The missing zero_grad(): the gradient buffer accumulates across iterations.
template <class S>
class AccumulatingGradientDescent {
 public:
  explicit AccumulatingGradientDescent(S step) : step_(step) {}
  void reset(const Vec<S>& x0) {
    x_ = x0;
    buffer_ = Vec<S>::Zero(x0.size());
  }
  S step(Oracle<S>& o) {
    buffer_ += o.gradient(x_);
    x_ -= step_ * buffer_;
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_, buffer_;
};

/// Armijo backtracking that shrinks α but then steps with the initial ᾱ (the wrong variable), reporting α.
template <class S>
class ArmijoWrongVariable {
 public:
  using Params = typename GradientDescentArmijo<S>::Params;
  explicit ArmijoWrongVariable(Params p) : p_(p) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    const Vec<S> g = o.gradient(x_);
    const S f0 = o.value(x_), gg = g.squaredNorm();
    S alpha = p_.initial_step;
    for (int i = 0; i < p_.max_backtracks; ++i) {
      if (o.value(Vec<S>(x_ - alpha * g)) <= f0 - p_.sufficient * alpha * gg) break;
      alpha *= p_.shrink;
    }
    x_ -= p_.initial_step * g;  // bug: should be alpha
    return alpha;
  }
  const Vec<S>& x() const { return x_; }
  const Params& params() const { return p_; }

 private:
  Params p_;
  Vec<S> x_;
};

/// A schedule whose squares don't sum: β/√(γ + k) (a "smoother decay" edit of β/(γ + k)).
template <class S>
class SgdSqrtSchedule {
 public:
  SgdSqrtSchedule(S beta, S gamma) : beta_(beta), gamma_(gamma) {}
  void reset(const Vec<S>& w0) {
    w_ = w0;
    k_ = 0;
  }
  S step(Oracle<S>& o) {
    using std::sqrt;
    const S a = beta_ / sqrt(gamma_ + S(++k_));
    w_ -= a * o.stochastic_gradient(w_);
    return a;
  }
  const Vec<S>& x() const { return w_; }

 private:
  S beta_, gamma_;
  Vec<S> w_;
  long k_ = 0;
};

/// A QP solver that returns the inequality multipliers with the wrong sign (λ for Gx ≥ h instead of Gx ≤ h).
template <class S>
QPResult<S> qp_wrong_multiplier_sign(const ConvexQP<S>& qp) {
  QPResult<S> r = QPInteriorPoint<S>().solve(qp);
  r.solution.lambda = -r.solution.lambda;
  return r;
}

/// Projected gradient with the projection applied before the gradient step instead of after it, so the iterate
/// it returns is never projected.
template <class S>
class ProjectBeforeStep {
 public:
  explicit ProjectBeforeStep(S step) : step_(step) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    const Vec<S> p = o.project(x_);
    x_ = p - step_ * o.gradient(p);
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_;
};

/// FISTA with a typo in the t-recursion: t_{k+1} = (1 + √(1 + 4t_k))/2 (t_k where t_k² belongs). t_k then stays
/// below 2, the momentum stalls near 1/2 and the method degrades to an O(1/k) rate.
template <class S>
class FistaTRecursionTypo {
 public:
  explicit FistaTRecursionTypo(S step) : step_(step) {}
  void reset(const Vec<S>& x0) {
    x_ = y_ = x0;
    t_ = S(1);
  }
  S step(Oracle<S>& o) {
    using std::sqrt;
    Vec<S> x_next = y_ - step_ * o.gradient(y_);
    const S t_next = (S(1) + sqrt(S(1) + S(4) * t_)) / S(2);  // bug: 4t_k instead of 4t_k²
    y_ = x_next + ((t_ - S(1)) / t_next) * (x_next - x_);
    x_ = std::move(x_next);
    t_ = t_next;
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_, y_;
  S t_{1};
};

/// Strongly convex Nesterov with the square root forgotten: β = (1 − q)/(1 + q) instead of (1 − √q)/(1 + √q).
template <class S>
class NesterovScMissingSqrt {
 public:
  NesterovScMissingSqrt(S L, S mu) : L_(L), beta_((S(1) - mu / L) / (S(1) + mu / L)) {}
  void reset(const Vec<S>& x0) { x_ = y_ = x0; }
  S step(Oracle<S>& o) {
    Vec<S> x_next = y_ - (S(1) / L_) * o.gradient(y_);
    y_ = x_next + beta_ * (x_next - x_);
    x_ = std::move(x_next);
    return S(1) / L_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S L_, beta_;
  Vec<S> x_, y_;
};

}  // namespace optcheck::broken
