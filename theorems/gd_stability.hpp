// Theorem `gd-stability` — the step-size threshold of gradient descent on quadratics.
//
// Statement: for f(x) = ½(x − x*)ᵀA(x − x*) with spectrum in [λmin, λmax], λmin > 0, gradient descent has
//   x_{k+1} − x* = (I − ηA)(x_k − x*),
// so it converges from every x₀ iff 0 < η < 2/λmax, with ‖x_k − x*‖ ≤ ρ(η)^k ‖x₀ − x*‖,
// ρ(η) = max(|1 − ηλmin|, |1 − ηλmax|); for η > 2/λmax the component along the top eigenvector v grows by exactly
// |1 − ηλmax| per step. (Nesterov 2018, §1.2.3 and Thm 2.1.15; Polyak, Introduction to Optimization, 1987, §1.4.)
// Hypotheses: A symmetric positive definite; constant step η.
// Checked at every iterate: the convergent side as ‖x_k − x*‖ ≤ ρ^k‖x₀ − x*‖ + slack; the divergent side step by
// step as |⟨x_{k+1} − x*, v⟩| ≥ (ηλmax⁻ − 1)|⟨x_k − x*, v⟩| − slack, λmax⁻ a certified lower bound on λmax.
// λmax itself comes from Spectra (Lanczos) and is cross-checked against the construction's certified interval and,
// on small problems, Eigen's dense solver.
#pragma once

#include "optcheck/problems/quadratic.hpp"
#include "theorems/rounding.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct GdStability {
  static constexpr const char* id = "gd-stability";
  static constexpr const char* statement =
      "on a quadratic, GD converges iff 0 < eta < 2/lambda_max, at factor max|1 - eta*lambda| per step; for eta > "
      "2/lambda_max the top-eigenvector component grows by |1 - eta*lambda_max| per step";
  static constexpr const char* hypotheses = "f = 1/2 (x-x*)^T A (x-x*), A symmetric positive definite; constant step";
  static constexpr const char* citation = "Nesterov, Lectures on Convex Optimization (2018), Thm 2.1.15; Polyak (1987) §1.4";
};

/// Convergent side (η < 2/λmax).
template <class S>
Verdict check_gd_converges(const Trace<S>& trace, const QuadraticBase<S>& q) {
  Verdict v;
  const double u = unit_roundoff<S>();
  const double n = static_cast<double>(q.dim());
  const auto& r = trace.records;
  if (!trace.ok()) v.mark_inconclusive("run stopped early: " + to_string(trace.termination) + " " + trace.termination_detail);
  if (r.size() < 2) return v;
  const S eta = r[1].step_size;
  using std::abs;
  const S rho = std::max(abs(S(1) - eta * q.lambda_min()), abs(S(1) - eta * q.lambda_max()));
  const double dist_err = gamma_k(n + 2, u);  // fl(x − x*) then the 2-norm
  S factor(1);
  double accumulated = 0;
  for (std::size_t k = 1; k < r.size(); ++k) {
    factor *= rho;
    accumulated = to_double(rho) * accumulated + gradient_step_perturbation(r[k - 1], r[k], trace.arithmetic, q.dim());
    const double slack = accumulated + dist_err * (to_double(r[k].distance) + to_double(factor * r[0].distance));
    const Slack s = Slack::make(slack, slack_unit(trace), to_double(r[k].distance) + to_double(factor * r[0].distance),
                                "per-step rounding delta_j propagated by rho^(k-1-j) + gamma_(n+2) for the computed "
                                "distances; scale = ||x_k - x*|| + rho^k ||x_0 - x*||");
    v.upper(r[k].t, "contraction rho(eta)^k", r[k].distance, S(factor * r[0].distance), s);
    v.bound_curve.emplace_back(r[k].t, to_double(S(factor * r[0].distance)));
    if (to_double(r[k].distance) > 100 * slack)
      v.tightness.record(r[k].t, to_double(r[k].distance), to_double(S(factor * r[0].distance)),
                       "the checked rho(eta)^k ||x_0 - x*|| (attained along the eigenvector of the extreme eigenvalue)");
  }
  return v;
}

/// Divergent side (η > 2/λmax), on the component along the top eigenvector (RunOptions::track_direction).
template <class S>
Verdict check_gd_diverges(const Trace<S>& trace, const QuadraticBase<S>& q) {
  Verdict v;
  const double u = unit_roundoff<S>();
  const double n = static_cast<double>(q.dim());
  const auto& r = trace.records;
  if (r.size() < 2) {
    v.mark_inconclusive("the run produced no step");
    return v;
  }
  const S eta = r[1].step_size;
  const S growth = eta * q.lambda_max_lower() - S(1);
  if (!(growth > S(1))) {
    v.mark_inconclusive("eta*lambda_max <= 2: not in the divergent regime");
    return v;
  }
  const double ev = q.top_eigenvector_error();
  const double g = to_double(growth);
  {  // the distance is at least the component along v_max, which grows by g per step: a lower bound, for plots
    using std::abs;
    S lower = abs(r[0].direction_component);
    for (std::size_t k = 1; k < r.size(); ++k) v.bound_curve.emplace_back(r[k].t, to_double(lower *= growth));
  }
  for (std::size_t k = 1; k < r.size(); ++k) {
    using std::abs;
    const S prev = abs(r[k - 1].direction_component), next = abs(r[k].direction_component);
    // The step's rounding δ_k; the eigenvector's error ε_v over both distances (it enters c_k and c_{k+1}); the
    // dot products (γ_{n+1}); λmax's certified interval is already in λmax⁻.
    const double d0 = to_double(r[k - 1].distance), d1 = to_double(r[k].distance);
    const double slack = gradient_step_perturbation(r[k - 1], r[k], trace.arithmetic, q.dim()) + ev * ((g + 2) * d0 + d1) +
                         gamma_k(n + 2, u) * (g * d0 + d1);
    const Slack s = Slack::make(slack, slack_unit(trace), d1 + g * d0,
                                "step rounding delta_k + eigenvector error (Davis-Kahan) x distances + gamma_(n+2) "
                                "for the projections; scale = ||x_k+1 - x*|| + growth ||x_k - x*||");
    v.lower(r[k].t, "growth |1 - eta*lambda_max| along v_max", next, S(growth * prev), s);
    if (to_double(next) > 100 * slack)
      v.tightness.record(r[k].t, to_double(S(growth * prev)), to_double(next),
                       "the checked growth |1 - eta*lambda_max| per step (exact along v_max)");
  }
  return v;
}

/// λmax computed in double (Spectra's Lanczos, or Eigen's dense solver with tol = 0) against the certified interval
/// [λmax⁻, λmax⁺] of the construction, widened by the solver's relative tolerance and by double's own errors: the
/// operator rounded to double (√n·u‖A‖) and the solver's backward error p(n)·u‖A‖ (Golub & Van Loan, Matrix
/// Computations, 4th ed., §8.3: p a modest polynomial; taken as 8n²), i.e. γ_{8n²+4n}·λmax.
template <class S>
Verdict check_lambda_max(double computed_lambda, double tol, const QuadraticBase<S>& q, long t = 0) {
  Verdict v;
  const double lo = to_double(q.lambda_max_lower()), hi = to_double(q.lambda_max());
  const double u = unit_roundoff<double>(), n = static_cast<double>(q.dim());
  const double slack_v = tol * hi + gamma_k(8 * n * n + 4 * n, u) * hi;
  const Slack s = Slack::make(slack_v, u, hi,
                              "solver tolerance tol*lambda + gamma_(8n^2+4n)*lambda: A rounded to double and the "
                              "solver's backward error p(n)u||A||");
  const double spectra_lambda = computed_lambda;
  v.upper<double>(t, "Spectra lambda_max <= certified upper", spectra_lambda, hi, s, true);
  v.lower<double>(t, "Spectra lambda_max >= certified lower", spectra_lambda, lo, s, true);
  return v;
}

}  // namespace optcheck::theorems
