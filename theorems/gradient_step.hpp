// Claim conformance `gradient-step` — the iterates are gradient steps x_{k+1} = x_k − α_k∇f(x_k) with the step the
// claim fixes (constant η) or, for line searches, some α_k > 0 recomputed from the iterates.
//
// Not a theorem but the premise of the descent lemma and the PL rate: a method that reports one step and takes
// another must be flagged, not judged against its own report. The step used by those checks is therefore the
// claimed one, or α_k = ⟨x_k − x_{k+1}, ĝ_k⟩/‖ĝ_k‖² (the least-squares step along −ĝ_k), and the residual
//   ‖x_{k+1} − x_k + α_k ĝ_k‖  ≤  γ_{n+6}(‖x_{k+1}‖ + ‖x_k‖ + 2α_k‖ĝ_k‖) + α_k e_g + 4η√n
// is checked at every step, ĝ_k the harness's gradient at x_k (e_g its error bound). Where the optimizer computed
// x_{k+1} = fl(x_k − fl(α fl(g))), its rounding is γ_2(α‖ĝ‖ + ‖x_{k+1}‖) per Higham §3.1, the residual's own
// evaluation γ_{n+3}(…), and the recomputed α moves the residual by at most as much (the least-squares step is the
// minimizer of the residual over α); the sum is bounded by the slack above. η: underflow unit.
#pragma once

#include <optional>
#include <vector>

#include "optcheck/problems/problem.hpp"
#include "theorems/rounding.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

/// The step sizes the other checks should use (index k: the step from x_{k−1} to x_k; 0 at k = 0), and the verdict
/// on whether the iterates are gradient steps with them.
template <class S>
struct GradientSteps {
  std::vector<S> steps;
  Verdict verdict;
};

/// xs: the iterates x_0 … x_T of the run (as recorded by the harness). claimed: the constant step the claim fixes,
/// or nothing for a line search (then α_k is recomputed and must be > 0).
template <class S>
GradientSteps<S> check_gradient_steps(const Problem<S>& p, const std::vector<Vec<S>>& xs,
                                      const std::optional<S>& claimed,
                                      const StepArithmetic& arithmetic = native_arithmetic<S>()) {
  GradientSteps<S> out;
  out.steps.assign(xs.size(), S(0));
  const double u = unit_roundoff<S>();
  const double n = static_cast<double>(p.dim());
  const double eta = underflow_unit<S>();
  for (std::size_t k = 0; k + 1 < xs.size(); ++k) {
    const Vec<S> g = p.gradient(xs[k]);
    const Vec<S> d = xs[k] - xs[k + 1];
    // α = ⟨d, ĝ⟩/‖ĝ‖² with both scaled by max|ĝ_i| first: near the minimizer ‖ĝ‖² underflows long before ĝ does.
    const S gmax = max_abs(g);
    const S gg = gmax > S(0) ? S(Vec<S>(g / gmax).squaredNorm()) : S(0);
    S alpha = claimed ? *claimed : (gg > S(0) ? S(S(Vec<S>(d / gmax).dot(Vec<S>(g / gmax))) / gg) : S(0));
    out.steps[k + 1] = alpha;
    const long t = static_cast<long>(k + 1);
    if (!claimed && gg > S(0) && !(alpha >= S(0))) {
      out.verdict.upper(t, "step along -grad f(x_k) (alpha_k >= 0)", S(-alpha), S(0),
                        Slack::make(0, u, 1, "a line search moves along -grad f"));
      continue;
    }
    const double a = std::abs(to_double(alpha));
    const double gn = to_double(norm2(g));
    const double eg = p.gradient_error(xs[k]).value(u, eta * std::sqrt(n));
    const double scale = to_double(norm2(xs[k + 1])) + to_double(norm2(xs[k])) + 2 * a * gn;
    const Slack s =
        arithmetic.native()
            ? Slack::make(gamma_k(n + 6, u) * scale + a * eg + 4 * eta * std::sqrt(n), u, scale,
                          "gamma_{n+6}: the step's rounding (gamma_2) + the residual's evaluation (gamma_{n+3}); "
                          "+ alpha e_g; scale = ||x_k+1|| + ||x_k|| + 2 alpha ||g||")
            : Slack::make(gamma_k(n + 3, u) * scale + 2 * eta * std::sqrt(n) + a * eg +
                              step_perturbation(arithmetic, a, gn, eg, to_double(norm2(xs[k])),
                                                to_double(norm2(xs[k + 1])), n),
                          std::max(u, arithmetic.compute_u + arithmetic.storage_u), scale,
                          "the step's rounding under the arithmetic policy (theorems/rounding.hpp) + the residual's "
                          "evaluation (gamma_{n+3}) + alpha e_g; scale = ||x_k+1|| + ||x_k|| + 2 alpha ||g||");
    out.verdict.upper(t, claimed ? "x_k+1 = x_k - eta grad f(x_k) with the claimed eta" : "x_k+1 = x_k - a_k grad f(x_k)",
                      norm2(Vec<S>(xs[k + 1] - xs[k] + alpha * g)), S(0), s, /*consistency=*/true);
  }
  return out;
}

/// Replaces the step sizes in a trace's records by the given ones (the optimizer's reports are never used).
template <class S>
void use_steps(Trace<S>& trace, const std::vector<S>& steps) {
  for (auto& r : trace.records)
    if (r.t >= 0 && static_cast<std::size_t>(r.t) < steps.size()) r.step_size = steps[static_cast<std::size_t>(r.t)];
}

}  // namespace optcheck::theorems
