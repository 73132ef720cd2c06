// Theorem `stationarity` — the point a solver returns satisfies the first-order condition to the tolerance the
// solver was asked for.
//
// Statement (Nocedal & Wright, Numerical Optimization, 2nd ed. 2006, Thm 2.2): at a local minimizer x* of a
// continuously differentiable f, ∇f(x*) = 0. A solver cannot return x* exactly; it stops when a test such as
// ‖∇f(x_T)‖₂ ≤ τ holds (GSL's gsl_multimin_test_gradient, NLopt's and Ceres's gradient tolerances). Checked:
//   declared   ‖∇f(x_T)‖₂ ≤ τ + e_g(x_T)       (the claim; e_g the gradient's forward-error bound)
//   measured   k = ‖∇f(x_T)‖₂ / (u·scale_g)    (reported: the multiple of the rounding level u·scale_g, scale_g the
//                                              gradient's error scale, at which it would hold; ≤ the error model's
//                                              k means it holds to rounding)
// The verdict says which held ("holds to rounding" or "holds to the declared tolerance τ"). Where x* is known, the
// distance ‖x_T − x*‖ is reported too (not checked: it depends on the conditioning, which the claim does not fix).
// Hypotheses: f continuously differentiable; the solver claims the gradient test with τ > 0.
#pragma once

#include <cmath>
#include <sstream>

#include "optcheck/problems/problem.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct Stationarity {
  static constexpr const char* id = "stationarity";
  static constexpr const char* statement =
      "the returned point satisfies the declared first-order test ||grad f(x_T)|| <= tau (grad f(x*) = 0 at a "
      "local minimizer); also reported: the multiple of the rounding level at which it holds";
  static constexpr const char* hypotheses = "f continuously differentiable; the solver declares its gradient tolerance tau";
  static constexpr const char* citation = "Nocedal & Wright, Numerical Optimization (2006), Thm 2.2";
};

template <class S>
Verdict check_stationarity(const Problem<S>& p, const Vec<S>& x, double tau, long t) {
  Verdict v;
  const double u = unit_roundoff<S>();
  const double eta = underflow_unit<S>();
  const double n = static_cast<double>(p.dim());
  const S gn = norm2(Vec<S>(p.gradient(x)));
  const ErrorBound e = p.gradient_error(x);
  const double eg = e.value(u, eta * std::sqrt(n));
  std::ostringstream tau_text;
  tau_text << tau;
  const std::string why = "declared tolerance tau = " + tau_text.str() + " + e_g(x_T) (the gradient's error bound)";
  v.upper(t, "||grad f(x_T)|| <= tau (declared)", gn, scalar_cast<S>(tau), Slack::make(eg, u, e.scale, why));
  const double g = to_double(gn);
  v.metrics.push_back({"gradient_norm", g});
  v.metrics.push_back({"gradient_norm_in_u_scale", e.scale > 0 ? g / (u * e.scale) : 0.0});
  if (p.constants().x_star) v.metrics.push_back({"distance", to_double(norm2(Vec<S>(x - p.closest_minimizer(x))))});
  if (g <= eg)
    v.note("holds to rounding: ||grad f(x_T)|| within the gradient's error bound");
  else if (v.holds)
    v.note("holds to the declared tolerance tau = " + tau_text.str() + ", not to rounding");
  return v;
}

}  // namespace optcheck::theorems
