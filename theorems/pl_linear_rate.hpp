// Theorem `pl-linear-rate` — linear convergence of gradient descent under the Polyak–Łojasiewicz inequality.
//
// Statement (Karimi, Nutini, Schmidt, ECML-PKDD 2016, Thm 1): if ∇f is L-Lipschitz, argmin f ≠ ∅ and
// ½‖∇f(x)‖² ≥ μ(f(x) − f*) for all x, gradient descent with step 1/L satisfies
//   f(x_k) − f* ≤ (1 − μ/L)^k (f(x₀) − f*).
// The proof (descent lemma + PL) gives, for any step α ∈ (0, 2/L), the per-step factor ρ(α) = 1 − 2μα(1 − Lα/2),
// which is 1 − μ/L at α = 1/L; the check uses ρ(α_k) with the step actually taken.
// Hypotheses: L-smooth, PL with constant μ, a minimizer exists; no convexity (the sine test function is nonconvex).
// Rounding: the computed trajectory is an exact trajectory with a perturbation δ_j per step, so
//   F_{j+1} ≤ ρ_j F_j + ε_j,  ε_j = ‖∇f(x̂_{j+1})‖δ_j + (L/2)δ_j²,
// and the slack at k is Σ_j (Π_{i>j} ρ_i) ε_j plus the evaluation errors of f̂_k, f̂_0 and f*.
#pragma once

#include "optcheck/problems/problem.hpp"
#include "theorems/rounding.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct PlLinearRate {
  static constexpr const char* id = "pl-linear-rate";
  static constexpr const char* statement =
      "f(x_k) - f* <= (1 - mu/L)^k (f(x_0) - f*) for gradient descent with step 1/L on L-smooth mu-PL f";
  static constexpr const char* hypotheses = "grad f L-Lipschitz; 1/2||grad f||^2 >= mu (f - f*); argmin nonempty";
  static constexpr const char* citation = "Karimi, Nutini, Schmidt, ECML-PKDD 2016, Thm 1";
};

template <class S>
Verdict check_pl_linear_rate(const Trace<S>& trace, const Constants<S>& c) {
  Verdict v;
  const double su = slack_unit(trace);
  const double L = to_double(c.L), mu = to_double(c.mu_pl);
  const auto& r = trace.records;
  if (r.empty() || !(c.mu_pl > S(0))) {
    v.mark_inconclusive("no PL constant certified for this problem");
    return v;
  }
  S factor(1);              // Π ρ_j
  double accumulated = 0;   // Σ_j (Π_{i>j} ρ_i) ε_j
  const double f_star_err = c.f_star_error;
  for (std::size_t k = 1; k < r.size(); ++k) {
    const S alpha = r[k].step_size;
    const S rho = S(1) - S(2) * c.mu_pl * alpha * (S(1) - c.L * alpha / S(2));
    if (!(rho >= S(0) && rho < S(1))) {
      v.mark_inconclusive("step size outside (0, 2/L): the rate is not a contraction");
      return v;
    }
    factor *= rho;
    accumulated = to_double(rho) * accumulated + value_change(r[k], gradient_step_perturbation(r[k - 1], r[k], trace.arithmetic, trace.dimension), L);
    const double slack = accumulated + to_double(factor) * (r[0].value_error + f_star_err) + r[k].value_error + f_star_err;
    const Slack s = Slack::make(slack, su, std::abs(to_double(r[k].f)) + std::abs(to_double(c.f_star)),
                                "per-step rounding delta_j propagated by the contraction (sum rho^(k-1-j) eps_j) "
                                "+ errors of f(x_k), f(x_0), f*; scale = |f(x_k)| + |f*|");
    v.upper(r[k].t, "PL linear rate", r[k].suboptimality, S(factor * r[0].suboptimality), s);
    v.bound_curve.emplace_back(r[k].t, to_double(S(factor * r[0].suboptimality)));
    // At α = 1/L the exact one-step worst case over L-smooth μ-PL f is 2(L − μ)/(2L + μ) < 1 − μ/L.
    // (only where f − f* is far above the rounding slack, so that the ratio is not rounding noise)
    if (std::abs(to_double(alpha) * L - 1) <= 8 * su && to_double(r[k].suboptimality) > 100 * slack) {
      const double tight_rate = 2 * (L - mu) / (2 * L + mu);
      v.tightness.record(r[k].t, to_double(r[k].suboptimality) / to_double(r[k - 1].suboptimality), tight_rate,
                         "one-step rate 2(L - mu)/(2L + mu) at step 1/L, exact for L-smooth mu-PL f "
                         "(Abbaszadehpeivasti, de Klerk, Zamani, Optim. Lett. 2023, Thm 3)");
    }
  }
  return v;
}

}  // namespace optcheck::theorems
