// More optimizers with realistic implementation bugs (the mutant catalogue, tests/mutant_catalogue.cpp). Like
// broken_optimizers.hpp: the correct optimizer's interface and hyperparameters, a wrong implementation.
#pragma once

#include <algorithm>

#include "tests/broken_optimizers.hpp"

namespace optcheck::broken {

/// GD-shaped mutants: x_{k+1} = update(x_k, ∇f(x_k), η, k), reporting the claimed step η.
template <class S, class Update>
class GradientStepBug {
 public:
  GradientStepBug(S step, Update update) : step_(step), update_(std::move(update)) {}
  void reset(const Vec<S>& x0) {
    x_ = x0;
    k_ = 0;
  }
  S step(Oracle<S>& o) {
    const Vec<S> g = o.gradient(x_);
    update_(x_, g, step_, ++k_);
    return step_;
  }
  const Vec<S>& x() const { return x_; }

 private:
  S step_;
  Update update_;
  Vec<S> x_;
  long k_ = 0;
};
template <class S, class Update>
GradientStepBug<S, Update> gradient_step_bug(S step, Update update) {
  return {step, std::move(update)};
}

/// An off-by-one loop bound: for (i = 0; i < n − 1; ++i) x[i] −= η g[i]; the last coordinate never moves.
template <class S>
auto skips_last_coordinate(S step) {
  return gradient_step_bug(step, [](Vec<S>& x, const Vec<S>& g, const S& eta, long) {
    for (Eigen::Index i = 0; i + 1 < x.size(); ++i) x[i] -= eta * g[i];
  });
}

/// A learning-rate scheduler left on under a constant-step claim: from step 100 on, η grows by 1 % per step
/// (a warm-restart schedule attached to the wrong optimizer). The first 100 steps are exactly GD.
template <class S>
auto late_step_drift(S step) {
  return gradient_step_bug(step, [](Vec<S>& x, const Vec<S>& g, const S& eta, long k) {
    x -= (k <= 100 ? eta : S(eta * S(1 + 0.01 * static_cast<double>(k - 100)))) * g;
  });
}

/// A default weight decay nobody switched off: steps with ∇f(x) + 10⁻²x (the minimizer moves away from x*).
template <class S>
auto leftover_weight_decay(S step) {
  return gradient_step_bug(step, [](Vec<S>& x, const Vec<S>& g, const S& eta, long) { x -= eta * Vec<S>(g + S(0.01) * x); });
}

/// A parameter buffer kept in float by a mixed-precision refactor: the iterate is rounded to float after each step.
template <class S>
auto iterate_stored_in_float(S step) {
  return gradient_step_bug(step, [](Vec<S>& x, const Vec<S>& g, const S& eta, long) {
    x -= eta * g;
    for (Eigen::Index i = 0; i < x.size(); ++i) x[i] = S(static_cast<float>(to_double(x[i])));
  });
}

/// Gradient clipping at norm 1 switched on by default (a "safe" training-loop wrapper) under a plain-GD claim.
template <class S>
auto silent_gradient_clipping(S step) {
  return gradient_step_bug(step, [](Vec<S>& x, const Vec<S>& g, const S& eta, long) {
    const S n = norm2(g);
    x -= eta * (n > S(1) ? Vec<S>(g / n) : g);
  });
}

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

/// (1 + β)∇f(x_k) − β∇f(x_{k−1}) in place of ∇f(x_k + β(x_k − x_{k−1})); keeps ∇f(x_k) in g_prev.
template <class S>
Vec<S> extrapolated_gradient(Oracle<S>& o, const Vec<S>& x, const S& beta, Vec<S>& g_prev) {
  const Vec<S> gx = o.gradient(x);
  const Vec<S> g = g_prev.size() ? Vec<S>((S(1) + beta) * gx - beta * g_prev) : gx;
  g_prev = gx;
  return g;
}

/// FISTA with a momentum bug: `step_from_x` takes the gradient step from x_{k−1} instead of y_k; `from_y` extrapolates
/// from the previous extrapolated point, y_{k+1} = x_k + β(x_k − y_k); `gradient_at_x` takes ∇f(x_k) where ∇f(y_k)
/// belongs (a heavy-ball step with FISTA's momentum); `extrapolated_gradient` saves a gradient call by extrapolating
/// the gradients, (1 + β)∇f(x_k) − β∇f(x_{k−1}), instead of evaluating ∇f at y_k = x_k + β(x_k − x_{k−1}) (equal when
/// ∇f is linear: invisible on quadratics); `momentum_index_ahead` updates t before computing the momentum,
/// β_k = (t_{k+1} − 1)/t_{k+1} instead of (t_k − 1)/t_{k+1} (slightly more momentum: under the bound on quadratics);
/// `schedule_k_plus_1` uses the simplified schedule with the wrong constant, β_k = (k − 1)/(k + 1) for (k − 1)/(k + 2)
/// (Chambolle & Dossal's a = 2 < 3, where the O(1/k²) guarantee is lost).
template <class S>
class FistaMomentumBug {
 public:
  enum class Bug { step_from_x, from_y, gradient_at_x, extrapolated_gradient, momentum_index_ahead, schedule_k_plus_1 };
  FistaMomentumBug(S step, Bug bug) : step_(step), bug_(bug) {}
  void reset(const Vec<S>& x0) {
    x_ = y_ = x0;
    g_prev_.resize(0);
    t_ = S(1);
    beta_ = S(0);
    k_ = 0;
  }
  S step(Oracle<S>& o) {
    using std::sqrt;
    const Vec<S> g = bug_ == Bug::extrapolated_gradient ? extrapolated_gradient(o, x_, beta_, g_prev_)
                                                        : o.gradient(bug_ == Bug::gradient_at_x ? x_ : y_);
    Vec<S> x_next = (bug_ == Bug::step_from_x ? x_ : y_) - step_ * g;
    const S t_next = (S(1) + sqrt(S(1) + S(4) * t_ * t_)) / S(2);
    beta_ = ((bug_ == Bug::momentum_index_ahead ? t_next : t_) - S(1)) / t_next;
    if (bug_ == Bug::schedule_k_plus_1) beta_ = S(k_) / S(k_ + 2);  // (k − 1)/(k + 1) at step k = k_ + 1
    ++k_;
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
  long k_ = 0;
};

/// Strongly convex Nesterov with a momentum bug: `gradient_at_x` (heavy ball with Nesterov's β), `from_y`
/// (y_{k+1} = x_{k+1} + β(x_{k+1} − y_k)), `inverted_ratio` (q = L/μ: β = (1 − √κ)/(1 + √κ) < 0),
/// `extrapolated_gradient` ((1 + β)∇f(x_k) − β∇f(x_{k−1}) for ∇f(y_k), as in FistaMomentumBug), `rate_as_momentum`
/// (the contraction factor 1 − √q plugged in as β: more momentum than (1 − √q)/(1 + √q), under the bound on quadratics).
template <class S>
class NesterovScMomentumBug {
 public:
  enum class Bug { gradient_at_x, from_y, inverted_ratio, extrapolated_gradient, rate_as_momentum };
  NesterovScMomentumBug(S L, S mu, Bug bug) : L_(L), bug_(bug) {
    using std::sqrt;
    const S r = bug == Bug::inverted_ratio ? S(sqrt(L / mu)) : S(sqrt(mu / L));
    beta_ = bug == Bug::rate_as_momentum ? S(S(1) - r) : S((S(1) - r) / (S(1) + r));
  }
  void reset(const Vec<S>& x0) {
    x_ = y_ = x0;
    g_prev_.resize(0);
  }
  S step(Oracle<S>& o) {
    const Vec<S> g = bug_ == Bug::extrapolated_gradient ? extrapolated_gradient(o, x_, beta_, g_prev_)
                                                        : o.gradient(bug_ == Bug::gradient_at_x ? x_ : y_);
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
