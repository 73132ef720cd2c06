// Theorem `line-search` — the conditions a line search promises, checked on each recorded step of a search-direction
// method (steepest descent, conjugate gradient, BFGS, L-BFGS, Newton with a line search).
//
// Statement (Nocedal & Wright, Numerical Optimization, 2nd ed. 2006, §3.1, (3.6a), (3.6b), (3.7b)): a line search
// with constants 0 ≤ c₁ < c₂ < 1 returns x_{k+1} = x_k + s_k, s_k = α_k p_k with p_k a descent direction, such that
//   descent direction   ⟨∇f(x_k), s_k⟩ ≤ 0
//   monotone decrease   f(x_{k+1}) ≤ f(x_k)
//   Armijo (c₁)         f(x_{k+1}) ≤ f(x_k) + c₁⟨∇f(x_k), s_k⟩
//   Wolfe (c₂)          ⟨∇f(x_{k+1}), s_k⟩ ≥ c₂⟨∇f(x_k), s_k⟩
//   strong Wolfe (c₂)   |⟨∇f(x_{k+1}), s_k⟩| ≤ c₂|⟨∇f(x_k), s_k⟩|
// Each condition involves only (x_k, x_{k+1}), so it is checked on the recorded iterates with f and ∇f evaluated by
// optcheck: neither α_k nor p_k (what the solver would report about itself) is used. Lemma 3.1 of the same section
// guarantees that steps satisfying (strong) Wolfe exist for f smooth and bounded below along the ray; Zoutendijk's
// theorem (Thm 3.2) turns them into convergence.
// Backtracking (N&W Algorithm 3.1 and the paragraph after it): a method that claims backtracking tries a first step,
// and while the trial fails Armijo (c₁) replaces it by ρ times itself with ρ ∈ [ρ_lo, ρ_hi] ⊂ (0, 1) ("the contraction
// factor ρ is allowed to vary at each iteration of the line search; we need only ensure that ρ ∈ [ρ_lo, ρ_hi]"),
// accepting the first trial that passes; the first trial may change from step to step. Checked on the points the
// solver evaluated between recording x_k and x_{k+1} that lie on the ray from x_k through x_{k+1} (each trial's
// position s_j along the step is measured by optcheck, so no α is trusted): every trial before the accepted one fails
// Armijo (an acceptable trial was not rejected — the step is not needlessly short), and consecutive trials shrink by a
// factor in [ρ_lo, ρ_hi]. Points off the ray (another direction, a finite difference) are not trials and are skipped.
// Hypotheses: f continuously differentiable and bounded below (every family drawn is L-smooth and bounded below).
// Tolerances: the two evaluations of f carry e_f(x_k) + e_f(x_{k+1}) (the problem's forward-error bounds); an inner
// product ⟨ĝ, s⟩ computed in n terms carries γ_n|ĝ|ᵀ|s| (Higham 2002, §3.1) plus e_g‖s‖ (Cauchy–Schwarz with the
// gradient's error bound e_g); each inequality's slack is the sum of the errors of the terms on both sides, twice:
// the solver decided the condition in its own arithmetic (exact value within one error bound of its computed one),
// and optcheck recomputes it in its own (within one more); and the solver's step αp differs from the recorded
// s_k = x_{k+1} − x_k by the rounding of x_k + αp, which moves ⟨g, s⟩ by at most u|g|ᵀ|x_{k+1}|.
#pragma once

#include <cmath>
#include <vector>

#include "optcheck/problems/problem.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct LineSearch {
  static constexpr const char* id = "line-search";
  static constexpr const char* statement =
      "every step s_k = x_k+1 - x_k of a line search: <grad f(x_k), s_k> <= 0, f(x_k+1) <= f(x_k), Armijo "
      "f(x_k+1) <= f(x_k) + c1 <grad f(x_k), s_k>, Wolfe <grad f(x_k+1), s_k> >= c2 <grad f(x_k), s_k> (strong: "
      "|<grad f(x_k+1), s_k>| <= c2 |<grad f(x_k), s_k>|), as claimed";
  static constexpr const char* hypotheses = "f continuously differentiable and bounded below; 0 <= c1 < c2 < 1";
  static constexpr const char* citation = "Nocedal & Wright, Numerical Optimization (2006), Sec. 3.1, (3.6), (3.7)";
};

/// The conditions a line-search method claims for every step (c₁ = 0: monotone decrease only; c₂ = 0: no
/// curvature condition).
struct LineSearchConditions {
  double sufficient = 0;  ///< c₁
  double curvature = 0;   ///< c₂ (0: none)
  bool strong = false;    ///< strong Wolfe instead of Wolfe
};

/// A backtracking line search's contraction range: each rejected trial α is replaced by ρα, ρ ∈ [least, most].
struct ContractionRange {
  double least = 0.5;  ///< ρ_lo > 0
  double most = 0.5;   ///< ρ_hi ∈ [ρ_lo, 1)
};

/// The rounding error of ⟨ĝ, s⟩ for s = x₊ − x_k: twice (the solver's evaluation and ours) γ_n|ĝ|ᵀ|s| + e_g‖s‖, plus
/// the rounding of the solver's x_k + αp, u|ĝ|ᵀ|x₊|.
template <class S>
double inner_product_error(const Vec<S>& g, const Vec<S>& s, const Vec<S>& x_next, double eg, double u) {
  const double n = static_cast<double>(g.size());
  const Vec<S> g_abs = g.cwiseAbs();
  return 2 * (gamma_k(n, u) * to_double(g_abs.dot(Vec<S>(s.cwiseAbs()))) + eg * to_double(norm2(s))) +
         u * to_double(g_abs.dot(Vec<S>(x_next.cwiseAbs())));
}

/// xs: the recorded iterates x_0 … x_T (x_0 the starting point).
template <class S>
Verdict check_line_search(const Problem<S>& p, const std::vector<Vec<S>>& xs, const LineSearchConditions& claim) {
  Verdict v;
  const double u = unit_roundoff<S>();
  const double eta = underflow_unit<S>();
  const double n = static_cast<double>(p.dim());
  const S c1 = scalar_cast<S>(claim.sufficient), c2 = scalar_cast<S>(claim.curvature);
  const std::string why_f = "2 (e_f(x_k) + e_f(x_k+1)): f's forward error, in the solver's evaluation and in ours";
  const std::string why_ip =
      "2 (gamma_n |g|.|s| + e_g ||s||) + u |g|.|x_k+1| for each inner product <g, s> (the solver's and ours, and the "
      "rounding of the step)";
  if (xs.empty()) return v;
  S f_prev = p.value(xs[0]);
  Vec<S> g_prev = p.gradient(xs[0]);
  double ef_prev = p.value_error(xs[0]).value(u, eta);
  double eg_prev = p.gradient_error(xs[0]).value(u, eta * std::sqrt(n));
  for (std::size_t k = 0; k + 1 < xs.size(); ++k) {
    const long t = static_cast<long>(k + 1);
    const S f = p.value(xs[k + 1]);
    const Vec<S> g = p.gradient(xs[k + 1]);
    const double ef = p.value_error(xs[k + 1]).value(u, eta);
    const double eg = p.gradient_error(xs[k + 1]).value(u, eta * std::sqrt(n));
    const Vec<S> s = xs[k + 1] - xs[k];
    const double s_norm = to_double(norm2(s));
    const S slope = g_prev.dot(s), slope_next = g.dot(s);  // ⟨∇f(x_k), s_k⟩, ⟨∇f(x_k+1), s_k⟩
    const double slope_err = inner_product_error(g_prev, s, xs[k + 1], eg_prev, u);
    const double slope_next_err = inner_product_error(g, s, xs[k + 1], eg, u);
    const double fs = std::abs(to_double(f)) + std::abs(to_double(f_prev));
    const double f_err = 2 * (ef + ef_prev);
    v.upper(t, "descent direction <grad f(x_k), s_k> <= 0", slope, S(0),
            Slack::make(slope_err, u, to_double(norm2(g_prev)) * s_norm, why_ip));
    // Monotone decrease as a difference (f may have either sign); Armijo and Wolfe with both sides positive, so that
    // the reported ratio says how close the accepted step came to the condition's boundary (1: on it).
    v.upper(t, "monotone decrease f(x_k+1) - f(x_k) <= 0", S(f - f_prev), S(0), Slack::make(f_err, u, fs, why_f));
    if (claim.sufficient > 0)
      v.lower(t, "Armijo f(x_k) - f(x_k+1) >= c1 |<grad f(x_k), s_k>|", S(f_prev - f), S(-c1 * slope),
              Slack::make(f_err + claim.sufficient * slope_err, u, fs, why_f + " + c1 x (" + why_ip + ")"));
    if (claim.curvature > 0) {
      const double err = slope_next_err + claim.curvature * slope_err;
      const Slack sl = Slack::make(err, u, to_double(norm2(g)) * s_norm + to_double(norm2(g_prev)) * s_norm,
                                   "both inner products: " + why_ip);
      using std::abs;
      if (claim.strong)
        v.upper(t, "strong Wolfe |<grad f(x_k+1), s_k>| <= c2 |<grad f(x_k), s_k>|", S(abs(slope_next)),
                S(c2 * abs(slope)), sl);
      else
        v.upper(t, "Wolfe -<grad f(x_k+1), s_k> <= c2 |<grad f(x_k), s_k>|", S(-slope_next), S(-c2 * slope), sl);
    }
    f_prev = f;
    g_prev = g;
    ef_prev = ef;
    eg_prev = eg;
  }
  return v;
}

/// Backtracking on each recorded step (see the header): trials[k] holds the points the solver evaluated between
/// recording x_k and x_{k+1}, in order. Steps whose accepted point is not among them are skipped and counted.
template <class S>
Verdict check_backtracking(const Problem<S>& p, const std::vector<Vec<S>>& xs,
                           const std::vector<std::vector<Vec<S>>>& trials, double sufficient, ContractionRange rho) {
  Verdict v;
  const double u = unit_roundoff<S>();
  const double eta = underflow_unit<S>();
  const double n = static_cast<double>(p.dim());
  const S c1 = scalar_cast<S>(sufficient);
  const std::string why_f = "2 (e_f(x_k) + e_f(t)): f's forward error, in the solver's evaluation and in ours";
  const std::string why_s =
      "the position s = <t - x_k, p>/<p, p> of a trial t on the step p = x_k+1 - x_k is off by at most e_s = 2u "
      "(||t|| + ||x_k|| + s (||x_k+1|| + ||x_k||))/||p|| + gamma_n s (the solver's rounding of x_k + alpha d and our "
      "subtraction); a ratio r = s_j/s_j-1 by (e_s(j) + r e_s(j-1))/s_j-1 + 2u r";
  long trials_checked = 0, steps_unmatched = 0;
  for (std::size_t k = 0; k + 1 < xs.size() && k < trials.size(); ++k) {
    const long t = static_cast<long>(k + 1);
    const Vec<S>& x = xs[k];
    const Vec<S> step = xs[k + 1] - x;
    const double step_norm = to_double(norm2(step));
    if (!(step_norm > 0)) continue;
    const double x_norm = to_double(norm2(x)), next_norm = to_double(norm2(xs[k + 1]));
    const S step_max = max_abs(step);
    const Vec<S> step_scaled = step / step_max;
    // The trials on the ray from x_k through x_k+1, each with its position s (1: the accepted point) and error e_s.
    struct Trial {
      const Vec<S>* point;
      double s, e_s;
    };
    std::vector<Trial> ray;
    bool matched = false;
    for (const Vec<S>& trial : trials[k]) {
      const Vec<S> d = trial - x;
      const double s = to_double(S(d.dot(step_scaled) / step_scaled.squaredNorm() / step_max));
      const double trial_norm = to_double(norm2(trial));
      const double e_s = 2 * u * (trial_norm + x_norm + std::abs(s) * (next_norm + x_norm)) / step_norm +
                         gamma_k(n, u) * std::abs(s);
      if (!(s > e_s)) continue;  // x_k itself, or behind it
      // Off the ray by more than the rounding of the two points: another direction, not a trial.
      const double off = to_double(max_abs(Vec<S>(d - scalar_cast<S>(s) * step)));
      const double off_bound = 8 * u * (to_double(max_abs(trial)) + to_double(max_abs(x)) +
                                        s * (to_double(max_abs(xs[k + 1])) + to_double(max_abs(x))));
      if (off > off_bound) continue;
      if (!ray.empty() && std::abs(s - ray.back().s) <= e_s + ray.back().e_s) continue;  // the same trial again
      ray.push_back({&trial, s, e_s});
      if (std::abs(s - 1) <= e_s) {
        matched = true;
        break;
      }
    }
    if (!matched) {
      ++steps_unmatched;
      continue;
    }
    const S f = p.value(x);
    const Vec<S> g = p.gradient(x);
    const double ef = p.value_error(x).value(u, eta);
    const double eg = p.gradient_error(x).value(u, eta * std::sqrt(n));
    for (std::size_t j = 0; j < ray.size(); ++j) {
      const Trial& tr = ray[j];
      ++trials_checked;
      if (j > 0) {
        const Trial& before = ray[j - 1];
        const double r = tr.s / before.s;
        const double e_r = (tr.e_s + r * before.e_s) / before.s + 2 * u * r;
        const Slack sl = Slack::make(e_r, u, r, why_s);
        const bool exact = rho.least == rho.most;  // a fixed factor: an equality checked from both sides
        v.lower(t, "backtracking contraction s_j / s_j-1 >= rho_lo", S(r), scalar_cast<S>(rho.least), sl, exact);
        v.upper(t, "backtracking contraction s_j / s_j-1 <= rho_hi", S(r), scalar_cast<S>(rho.most), sl, exact);
      }
      if (j + 1 == ray.size()) continue;  // the accepted trial: its Armijo condition is checked on the step
      // A rejected trial fails Armijo: its decrease f(x_k) - f(t) stays below c1 |<grad f(x_k), t - x_k>|.
      const Vec<S> d = *tr.point - x;
      const S ft = p.value(*tr.point);
      const double eft = p.value_error(*tr.point).value(u, eta);
      const S slope = g.dot(d);
      const double fs = std::abs(to_double(f)) + std::abs(to_double(ft));
      v.upper(t, "backtracking: a rejected trial t fails Armijo, f(x_k) - f(t) < c1 |<grad f(x_k), t - x_k>|",
              S(f - ft), S(-c1 * slope),
              Slack::make(2 * (ef + eft) + sufficient * inner_product_error(g, d, *tr.point, eg, u), u, fs,
                          why_f + " + c1 x the inner product's error"));
    }
  }
  v.metrics.push_back({"backtracking_trials", static_cast<double>(trials_checked)});
  v.metrics.push_back({"backtracking_steps_unmatched", static_cast<double>(steps_unmatched)});
  if (steps_unmatched > 0)
    v.note("backtracking not checked on some steps (metric backtracking_steps_unmatched): the accepted point is not "
           "among the points the solver evaluated on that step's ray");
  return v;
}

}  // namespace optcheck::theorems
