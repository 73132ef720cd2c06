// Theorem `nesterov-rate` — the O(1/k²) rate of Nesterov's accelerated gradient, and its strongly convex variant.
//
// Statement (Beck & Teboulle, SIAM J. Imaging Sci. 2(1) 2009, Thm 4.4, with g = 0): for convex L-smooth f, FISTA
// (y₁ = x₀, t₁ = 1, x_k = y_k − ∇f(y_k)/L, t_{k+1} = (1 + √(1 + 4t_k²))/2, y_{k+1} = x_k + ((t_k − 1)/t_{k+1})(x_k − x_{k−1}))
// satisfies  f(x_k) − f* ≤ L‖x₀ − x*‖²/(2t_k²) ≤ 2L‖x₀ − x*‖²/(k + 1)²  for every minimizer x*.
// Strongly convex (d'Aspremont, Scieur, Taylor, Acceleration Methods, 2021, Cor. 4.15): with constant momentum
// (1 − √q)/(1 + √q), q = μ/L:  f(x_k) − f* ≤ (1 − √q)^k (f(x₀) − f* + (μ/2)‖x₀ − x*‖²).
// Hypotheses: f convex, L-smooth, a minimizer exists (μ-strongly convex for the second).
// Rounding: accelerated methods accumulate oracle and rounding errors linearly in k (Devolder, Glineur, Nesterov,
// Math. Program. 146 (2014), Thm 4 / §6), so the slack at k is e_f(x_k) + e(f*) + (k + 1)·max_{j≤k} ε_j, with ε_j the
// effect on f of the step's rounding (as in the descent lemma, with the momentum term counted in δ_j).
#pragma once

#include "optcheck/problems/problem.hpp"
#include "theorems/rounding.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct NesterovRate {
  static constexpr const char* id = "nesterov-rate";
  static constexpr const char* statement =
      "FISTA: f(x_k) - f* <= L R^2/(2 t_k^2) <= 2 L R^2/(k+1)^2; strongly convex variant: f(x_k) - f* <= "
      "(1 - sqrt(mu/L))^k (f(x_0) - f* + mu/2 R^2)";
  static constexpr const char* hypotheses = "f convex and L-smooth (mu-strongly convex for the variant); R = ||x0 - x*||";
  static constexpr const char* citation =
      "Beck & Teboulle, SIAM J. Imaging Sci. 2(1) 2009, Thm 4.4; d'Aspremont, Scieur, Taylor (2021), Cor. 4.15";
};

namespace detail {
/// The slack of the accelerated-method checks at record k, given the running maximum of ε_j.
/// δ_k bounds the distance of x_k from the exact gradient step from the exact extrapolation y_{k−1}: natively the
/// gradient's error at y (2e_g) and γ_4 of the extrapolation and the step. Under an arithmetic policy
/// (optcheck/scalar/policy.hpp) also: the gradient handed to the optimizer rounded (u_g‖∇f(y)‖, with
/// α‖∇f(y)‖ ≤ ‖x_k − x_{k−1}‖ + ‖x_{k−1} − x_{k−2}‖ + 2αe_g), α rounded (u_p, the same bound), the steps in u_c, and
/// master weights: y is extrapolated from master copies within u_s of the stored x_{k−1}, x_{k−2}, the gradient
/// is taken at y rounded to storage (moved by αL through the step), and x_k is stored within u_s of its master.
template <class S>
Slack accelerated_slack(const Trace<S>& trace, std::size_t k, double& running_max, double L, double f_star_error) {
  const auto& r = trace.records;
  const StepArithmetic& p = trace.arithmetic;
  const double n = static_cast<double>(trace.dimension);
  const double a = to_double(r[k].step_size);
  const double eg = r[k - 1].gradient_error;
  const double steps = to_double(r[k].step_norm) + to_double(r[k - 1].step_norm);  // ≥ α‖∇f(y)‖ − 2αe_g
  const double y_norm = 2 * to_double(r[k - 1].x_norm) + to_double(r[k >= 2 ? k - 2 : k - 1].x_norm);
  const double handed = steps + 2 * a * eg;  // bound on α‖∇f(y)‖
  const double storage =
      p.storage_u > 0 ? p.storage_u / (1 - p.storage_u) * ((1 + a * L) * y_norm + to_double(r[k].x_norm)) : 0.0;
  const double delta = a * 2 * eg + (p.gradient_u + p.parameter_u) * handed +
                       gamma_k(4, p.compute_u) * (to_double(r[k].x_norm) + 2 * to_double(r[k - 1].x_norm) +
                                                  to_double(r[k].step_norm) +
                                                  a * (to_double(r[k - 1].gradient_norm) + to_double(r[k].gradient_norm))) +
                       storage + 4 * (p.compute_eta + p.storage_eta) * std::sqrt(n);
  running_max = std::max(running_max, value_change(r[k], delta, L));
  const double value = r[k].value_error + r[0].value_error + 2 * f_star_error + static_cast<double>(k + 1) * running_max;
  return Slack::make(value, slack_unit(trace), std::abs(to_double(r[k].f)) + std::abs(to_double(r[0].f)),
                     "e_f(x_k) + e_f(x_0) + 2 e(f*) + (k+1) max_j eps_j (linear error accumulation of accelerated "
                     "methods); scale = |f(x_k)| + |f(x_0)|");
}
}  // namespace detail

template <class S>
Verdict check_fista_rate(const Trace<S>& trace, const Constants<S>& c) {
  Verdict v;
  const auto& r = trace.records;
  if (!trace.ok()) v.mark_inconclusive("run stopped early: " + to_string(trace.termination) + " " + trace.termination_detail);
  if (r.size() < 2) return v;
  const S R2 = r[0].distance * r[0].distance;
  S t(1);
  double running = 0;
  double worst_loose = 0;
  for (std::size_t k = 1; k < r.size(); ++k) {
    const Slack s = detail::accelerated_slack(trace, k, running, to_double(c.L), c.f_star_error);
    v.upper(r[k].t, "f - f* <= L R^2/(2 t_k^2)", r[k].suboptimality, S(c.L * R2 / (S(2) * t * t)), s);
    v.bound_curve.emplace_back(r[k].t, to_double(S(c.L * R2 / (S(2) * t * t))));
    const S loose = S(S(2) * c.L * R2 / (S(static_cast<int>(k + 1)) * S(static_cast<int>(k + 1))));
    worst_loose = std::max(worst_loose, to_double(r[k].suboptimality) / (to_double(loose) + s.value));
    v.upper(r[k].t, "f - f* <= 2 L R^2/(k+1)^2", r[k].suboptimality, loose, s);
    using std::sqrt;
    t = (S(1) + sqrt(S(1) + S(4) * t * t)) / S(2);
  }
  v.metrics.push_back({"worst_ratio_2LR2_over_k1sq", worst_loose});
  return v;
}

template <class S>
Verdict check_nesterov_strongly_convex_rate(const Trace<S>& trace, const Constants<S>& c) {
  Verdict v;
  const auto& r = trace.records;
  if (!trace.ok()) v.mark_inconclusive("run stopped early: " + to_string(trace.termination) + " " + trace.termination_detail);
  if (!(c.mu > S(0))) v.mark_inconclusive("no strong-convexity constant certified");
  if (r.size() < 2 || !v.applicable) return v;
  using std::sqrt;
  const S rate = S(1) - sqrt(c.mu / c.L);
  const S start = r[0].suboptimality + c.mu / S(2) * r[0].distance * r[0].distance;
  S factor(1);
  double running = 0;
  for (std::size_t k = 1; k < r.size(); ++k) {
    factor *= rate;
    const Slack s = detail::accelerated_slack(trace, k, running, to_double(c.L), c.f_star_error);
    v.upper(r[k].t, "f - f* <= (1-sqrt(q))^k (f0 - f* + mu/2 R^2)", r[k].suboptimality, S(factor * start), s);
    v.bound_curve.emplace_back(r[k].t, to_double(S(factor * start)));
  }
  return v;
}

}  // namespace optcheck::theorems
