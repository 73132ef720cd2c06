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
    // The solver's step αp and the recorded s differ by the rounding of x_k + αp, u|x_k+1| per component.
    const Vec<S> x_abs = xs[k + 1].cwiseAbs();
    const double slope_err = 2 * gamma_k(n, u) * to_double(Vec<S>(g_prev.cwiseAbs()).dot(Vec<S>(s.cwiseAbs()))) +
                             2 * eg_prev * s_norm + u * to_double(Vec<S>(g_prev.cwiseAbs()).dot(x_abs));
    const double slope_next_err =
        2 * (gamma_k(n, u) * to_double(Vec<S>(g.cwiseAbs()).dot(Vec<S>(s.cwiseAbs()))) + eg * s_norm) +
        u * to_double(Vec<S>(g.cwiseAbs()).dot(x_abs));
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

}  // namespace optcheck::theorems
