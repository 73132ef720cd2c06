// Theorem `descent-lemma` — the descent lemma and sufficient decrease for L-smooth f.
//
// Statement (Nesterov, Lectures on Convex Optimization, 2018, Lemma 1.2.3): if ∇f is L-Lipschitz then
//   f(y) ≤ f(x) + ⟨∇f(x), y − x⟩ + (L/2)‖y − x‖²  for all x, y;
// so a gradient step of any size α has  f(x − α∇f(x)) ≤ f(x) − α(1 − Lα/2)‖∇f(x)‖²  (strict decrease for
// 0 < α < 2/L, best α = 1/L). Lower side: f(x − α∇f(x)) ≥ f(x) − α(1 − mα/2)‖∇f(x)‖² with m = μ for μ-strongly
// convex f, m = 0 for convex f, m = −L otherwise. Tight: equality on f = (L/2)‖x‖².
// For Armijo backtracking (ᾱ, shrink ρ, constant c): the accepted α satisfies f(x⁺) ≤ f(x) − cα‖∇f(x)‖² and
// α ≥ min{ᾱ, 2ρ(1 − c)/L} (Nocedal & Wright 2006, §3.1; Nesterov 2018, §1.2.3).
// Hypotheses: f differentiable with L-Lipschitz gradient; no convexity needed.
// Checked at every step k → k+1 of a trace, both sides, with the step size the optimizer reports.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>

#include "optcheck/problems/problem.hpp"
#include "theorems/rounding.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct DescentLemma {
  static constexpr const char* id = "descent-lemma";
  static constexpr const char* statement =
      "f(x - a*grad f(x)) <= f(x) - a(1 - L a/2)||grad f(x)||^2 for L-smooth f (and the matching lower side); "
      "Armijo steps satisfy f(x+) <= f(x) - c a ||grad f||^2 with a >= min(a0, 2 rho (1-c)/L)";
  static constexpr const char* hypotheses = "grad f L-Lipschitz (no convexity); any step size a > 0";
  static constexpr const char* citation = "Nesterov, Lectures on Convex Optimization (2018), Lemma 1.2.3";
};

/// What an Armijo optimizer claims about its line search (checked when given).
template <class S>
struct ArmijoClaim {
  S initial_step, shrink, sufficient;
};

template <class S>
Verdict check_descent_lemma(const Trace<S>& trace, const Constants<S>& c, Eigen::Index n,
                            const std::optional<ArmijoClaim<S>>& armijo = std::nullopt) {
  Verdict v;
  const double u = unit_roundoff<S>();
  const double su = slack_unit(trace);
  const StepArithmetic& arith = trace.arithmetic;
  const double L = to_double(c.L);
  const S m = c.convex ? c.mu : S(-c.L);
  const auto& r = trace.records;
  bool constant_step = !armijo;
  for (std::size_t k = 2; k < r.size(); ++k) constant_step = constant_step && r[k].step_size == r[1].step_size;
  for (std::size_t k = 0; k + 1 < r.size(); ++k) {
    const auto &a = r[k], &b = r[k + 1];
    const S alpha = b.step_size;
    const double ad = to_double(alpha);
    const S gg = a.gradient_norm * a.gradient_norm;
    const S achieved = a.f - b.f;
    // Rounding: both evaluations of f, the computed step's distance from the exact gradient step (moved into f by
    // L-smoothness), and the error of the computed ‖∇f‖² times the largest coefficient it is multiplied by.
    const double delta = gradient_step_perturbation(a, b, trace.arithmetic, n);
    const double fixed = a.value_error + b.value_error + value_change(b, delta, L);
    const double coef = ad * (1 + L * ad / 2);
    const double total = fixed + coef * squared_gradient_norm_error(a, n, u);
    const double scale = std::abs(to_double(a.f)) + std::abs(to_double(b.f)) + coef * to_double(gg);
    const Slack s = Slack::make(total, su, scale,
                                "f evaluated twice (problem error model) + step rounding δ moved through "
                                "L-smoothness + error of ||grad f||^2; scale = |f_k| + |f_k+1| + a(1+La/2)||g||^2");
    const long t = static_cast<long>(b.t);
    const S guaranteed = alpha * (S(1) - c.L * alpha / S(2)) * gg;
    v.upper(t, "quadratic upper bound", guaranteed, achieved, s);
    v.bound_curve.emplace_back(t, to_double(S(a.suboptimality - guaranteed)));
    if (constant_step && c.convex) {
      // GD's exact worst case over convex L-smooth f after N steps of normalized size h = αL ∈ (0, 2).
      const double h = ad * L, N = static_cast<double>(t), R = to_double(r[0].distance);
      const double tight = L * R * R / 2 * std::max(1 / (2 * N * h + 1), std::pow(1 - h, 2 * N));
      v.tightness.record(t, to_double(b.suboptimality), tight,
                         "(L R^2/2) max{1/(2Nh+1), (1-h)^(2N)}, GD's exact worst case on convex L-smooth f (Drori & "
                         "Teboulle 2014, Thm 3.1; Kim 2024 for h in (0, 2))");
    } else if (to_double(achieved) > 100 * total) {  // a decrease far above rounding: the ratio means something
      v.tightness.record(t, to_double(guaranteed), to_double(achieved),
                         "the checked one-step decrease a(1 - La/2)||g||^2 (equality on f = L/2 ||x||^2)");
    }
    v.upper(t, "lower side", achieved, S(alpha * (S(1) - m * alpha / S(2)) * gg), s);
    if (armijo) {
      v.upper(t, "Armijo sufficient decrease", S(armijo->sufficient * alpha * gg), achieved, s);
      // The accepted-step bound assumes the line search saw exact values. The step it rejected last, α/ρ, passed
      // the exact test with margin ≥ (α/ρ)(1 − c − Lα/(2ρ))‖g‖² (L-smoothness); skip steps where that margin is
      // within the evaluation error of the comparison (near 2(1 − c)/L it tends to 0, and at the precision floor
      // rounding decides). Found by a 2000-step float profile: a rejection at 0.93·2(1 − c)/L.
      const S floor_step = std::min(armijo->initial_step, S(S(2) * armijo->shrink * (S(1) - armijo->sufficient) / c.L));
      const S rejected = alpha / armijo->shrink;
      const double margin =
          to_double(S(rejected * (S(1) - armijo->sufficient - c.L * rejected / S(2)) * gg));
      if (alpha >= armijo->initial_step || margin > 8 * (a.value_error + b.value_error) + fixed) {
        // The step is the one recomputed from the iterates (or claimed): it is known to within the step's
        // perturbation δ over ‖g‖ (theorems/gradient_step.hpp), twice for the residual's own evaluation.
        const double gn = to_double(a.gradient_norm);
        const double known_to = gn > 0 ? 2 * delta / gn : 0.0;
        const Slack ss = Slack::make((gamma_k(64, arith.compute_u) + arith.parameter_u) * to_double(floor_step) + known_to, su,
                                     to_double(floor_step),
                                     "up to 60 multiplications by rho in the backtracking loop + 2 delta/||g|| for "
                                     "the step recomputed from the iterates");
        v.lower(t, "Armijo accepted step", alpha, floor_step, ss);
      }
    }
  }
  if (r.size() < 2) v.mark_inconclusive("the run produced no step (" + to_string(trace.termination) + ")");
  return v;
}

}  // namespace optcheck::theorems
