// More optimizers with realistic implementation bugs (the mutant catalogue, tests/mutant_catalogue.cpp). Like
// broken_optimizers.hpp: the correct optimizer's interface and hyperparameters, a wrong implementation.
#pragma once

#include <algorithm>

#include "tests/broken_optimizers.hpp"

namespace optcheck::broken {

/// An off-by-one loop bound: for (i = 0; i < n − 1; ++i) x[i] −= η g[i]; the last coordinate never moves.
template <class S>
class SkipsLastCoordinate {
 public:
  explicit SkipsLastCoordinate(S step) : step_(step) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    const Vec<S> g = o.gradient(x_);
    for (Eigen::Index i = 0; i + 1 < x_.size(); ++i) x_[i] -= step_ * g[i];
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_;
};

/// A learning-rate scheduler left on under a constant-step claim: from step 100 on, η grows by 1 % per step
/// (a warm-restart schedule attached to the wrong optimizer). The first 100 steps are exactly GD.
template <class S>
class LateStepDrift {
 public:
  explicit LateStepDrift(S step) : step_(step) {}
  void reset(const Vec<S>& x0) {
    x_ = x0;
    k_ = 0;
  }
  S step(Oracle<S>& o) {
    ++k_;
    const S eta = k_ <= 100 ? step_ : S(step_ * S(1 + 0.01 * static_cast<double>(k_ - 100)));
    x_ -= eta * o.gradient(x_);
    return step_;  // reports the claimed step
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_;
  long k_ = 0;
};

/// A default weight decay nobody switched off: steps with ∇f(x) + 10⁻²x (the minimizer moves away from x*).
template <class S>
class LeftoverWeightDecay {
 public:
  explicit LeftoverWeightDecay(S step) : step_(step) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    x_ -= step_ * Vec<S>(o.gradient(x_) + S(0.01) * x_);
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_;
};

/// A parameter buffer kept in float by a mixed-precision refactor: the iterate is rounded to float after each step.
template <class S>
class IterateStoredInFloat {
 public:
  explicit IterateStoredInFloat(S step) : step_(step) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    x_ -= step_ * o.gradient(x_);
    for (Eigen::Index i = 0; i < x_.size(); ++i) x_[i] = S(static_cast<float>(to_double(x_[i])));
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_;
};

/// Gradient clipping at norm 1 switched on by default (a "safe" training-loop wrapper) under a plain-GD claim.
template <class S>
class SilentGradientClipping {
 public:
  explicit SilentGradientClipping(S step) : step_(step) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    Vec<S> g = o.gradient(x_);
    const S n = norm2(g);
    if (n > S(1)) g /= n;
    x_ -= step_ * g;
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Vec<S> x_;
};

/// Armijo backtracking with variations of its acceptance test: `sign` flips the sufficient-decrease term
/// (f(x − αg) ≤ f(x) + cα‖g‖², accepting increases); `unsquared` uses ‖g‖ where ‖g‖² belongs.
template <class S>
class ArmijoWrongTest {
 public:
  using Params = typename GradientDescentArmijo<S>::Params;
  enum class Bug { sign, unsquared };
  ArmijoWrongTest(Params p, Bug bug) : p_(p), bug_(bug) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    using std::sqrt;
    const Vec<S> g = o.gradient(x_);
    const S f0 = o.value(x_), gg = g.squaredNorm();
    const S decrease = bug_ == Bug::sign ? S(-gg) : S(sqrt(gg));
    S alpha = p_.initial_step;
    for (int i = 0; i < p_.max_backtracks; ++i) {
      if (o.value(Vec<S>(x_ - alpha * g)) <= f0 - p_.sufficient * alpha * decrease) break;
      alpha *= p_.shrink;
    }
    x_ -= alpha * g;
    return alpha;
  }
  const Vec<S>& x() const { return x_; }
  const Params& params() const { return p_; }

 private:
  Params p_;
  Bug bug_;
  Vec<S> x_;
};

/// SGD whose schedule is wrong: `frozen_counter` never advances k (the increment sits in a branch that is not taken:
/// a constant step β/(γ + 1)); `squared` decays as β/(γ + k)² (Σα_k < ∞: the iterates stall).
template <class S>
class SgdWrongSchedule {
 public:
  enum class Bug { frozen_counter, squared };
  SgdWrongSchedule(S beta, S gamma, Bug bug) : beta_(beta), gamma_(gamma), bug_(bug) {}
  void reset(const Vec<S>& w0) {
    w_ = w0;
    k_ = 0;
  }
  S step(Oracle<S>& o) {
    if (bug_ == Bug::squared) ++k_;
    const S d = gamma_ + S(bug_ == Bug::squared ? k_ : 1);
    const S a = bug_ == Bug::squared ? S(beta_ * gamma_ / (d * d)) : S(beta_ / d);
    w_ -= a * o.stochastic_gradient(w_);
    return a;
  }
  const Vec<S>& x() const { return w_; }

 private:
  S beta_, gamma_;
  Bug bug_;
  Vec<S> w_;
  long k_ = 0;
};

/// A QP wrapper that forgets to copy the equality multipliers out of the solver (ν returned as zeros).
template <class S>
QPResult<S> qp_drops_equality_multipliers(const ConvexQP<S>& qp) {
  QPResult<S> r = QPInteriorPoint<S>().solve(qp);
  r.solution.nu.setZero();
  return r;
}

/// A QP solver with an iteration cap of 3 that reports the unfinished interior-point iterate as converged.
template <class S>
QPResult<S> qp_reports_unfinished_iterate(const ConvexQP<S>& qp) {
  typename QPInteriorPoint<S>::Params p;
  p.max_iterations = 3;
  QPResult<S> r = QPInteriorPoint<S>(p).solve(qp);
  r.converged = true;
  return r;
}

/// Projected gradient with a hand-written "projection": the simplex one clips at 0 and renormalizes to sum 1 (not
/// the Euclidean projection, whose fixed points are the KKT points); the box one clamps the upper bound only.
template <class S>
class WrongProjection {
 public:
  enum class Bug { clip_and_renormalize, upper_bound_only };
  WrongProjection(S step, Bug bug, Vec<S> upper) : step_(step), bug_(bug), upper_(std::move(upper)) {}
  void reset(const Vec<S>& x0) { x_ = x0; }
  S step(Oracle<S>& o) {
    Vec<S> z = x_ - step_ * o.gradient(x_);
    if (bug_ == Bug::clip_and_renormalize) {
      z = z.cwiseMax(S(0));
      const S sum = z.sum();
      x_ = sum > S(0) ? Vec<S>(z / sum) : Vec<S>(Vec<S>::Constant(z.size(), S(1) / S(static_cast<int>(z.size()))));
    } else {
      x_ = z.cwiseMin(upper_);
    }
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Bug bug_;
  Vec<S> upper_, x_;
};

/// FISTA with a momentum bug: `step_from_x` takes the gradient step from x_{k−1} instead of y_k; `from_y` extrapolates
/// from the previous extrapolated point, y_{k+1} = x_k + β(x_k − y_k); `gradient_at_x` takes ∇f(x_k) where ∇f(y_k)
/// belongs (a heavy-ball step with FISTA's momentum); `extrapolated_gradient` saves a gradient call by extrapolating
/// the gradients, (1 + β)∇f(x_k) − β∇f(x_{k−1}), instead of evaluating ∇f at y_k = x_k + β(x_k − x_{k−1}) (equal when
/// ∇f is linear: invisible on quadratics).
template <class S>
class FistaMomentumBug {
 public:
  enum class Bug { step_from_x, from_y, gradient_at_x, extrapolated_gradient };
  FistaMomentumBug(S step, Bug bug) : step_(step), bug_(bug) {}
  void reset(const Vec<S>& x0) {
    x_ = y_ = x0;
    g_prev_.resize(0);
    t_ = S(1);
    beta_ = S(0);
  }
  S step(Oracle<S>& o) {
    using std::sqrt;
    Vec<S> g;
    if (bug_ == Bug::extrapolated_gradient) {
      const Vec<S> gx = o.gradient(x_);
      g = g_prev_.size() ? Vec<S>((S(1) + beta_) * gx - beta_ * g_prev_) : gx;
      g_prev_ = gx;
    } else {
      g = o.gradient(bug_ == Bug::gradient_at_x ? x_ : y_);
    }
    Vec<S> x_next = (bug_ == Bug::step_from_x ? x_ : y_) - step_ * g;
    const S t_next = (S(1) + sqrt(S(1) + S(4) * t_ * t_)) / S(2);
    beta_ = (t_ - S(1)) / t_next;
    y_ = x_next + beta_ * (x_next - (bug_ == Bug::from_y ? y_ : x_));
    x_ = std::move(x_next);
    t_ = t_next;
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Bug bug_;
  Vec<S> x_, y_, g_prev_;
  S t_{1}, beta_{0};
};

/// Strongly convex Nesterov with a momentum bug: `gradient_at_x` (heavy ball with Nesterov's β), `from_y`
/// (y_{k+1} = x_{k+1} + β(x_{k+1} − y_k)), `inverted_ratio` (q = L/μ: β = (1 − √κ)/(1 + √κ) < 0),
/// `extrapolated_gradient` ((1 + β)∇f(x_k) − β∇f(x_{k−1}) for ∇f(y_k), as in FistaMomentumBug).
template <class S>
class NesterovScMomentumBug {
 public:
  enum class Bug { gradient_at_x, from_y, inverted_ratio, extrapolated_gradient };
  NesterovScMomentumBug(S L, S mu, Bug bug) : L_(L), bug_(bug) {
    using std::sqrt;
    const S r = bug == Bug::inverted_ratio ? S(sqrt(L / mu)) : S(sqrt(mu / L));
    beta_ = (S(1) - r) / (S(1) + r);
  }
  void reset(const Vec<S>& x0) {
    x_ = y_ = x0;
    g_prev_.resize(0);
  }
  S step(Oracle<S>& o) {
    Vec<S> g;
    if (bug_ == Bug::extrapolated_gradient) {
      const Vec<S> gx = o.gradient(x_);
      g = g_prev_.size() ? Vec<S>((S(1) + beta_) * gx - beta_ * g_prev_) : gx;
      g_prev_ = gx;
    } else {
      g = o.gradient(bug_ == Bug::gradient_at_x ? x_ : y_);
    }
    Vec<S> x_next = y_ - (S(1) / L_) * g;
    y_ = x_next + beta_ * (x_next - (bug_ == Bug::from_y ? y_ : x_));
    x_ = std::move(x_next);
    return S(1) / L_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S L_;
  Bug bug_;
  S beta_;
  Vec<S> x_, y_, g_prev_;
};

}  // namespace optcheck::broken
