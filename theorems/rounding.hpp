// Rounding-error bounds shared by the theorem checkers. Notation: u unit roundoff, γ_k = ku/(1 − ku) (Higham,
// Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1).
#pragma once

#include <algorithm>
#include <cmath>

#include "optcheck/run/trace.hpp"

namespace optcheck {

/// Bound on ‖x̂_{k+1} − (x̂_k − α∇f(x̂_k))‖ for a gradient step computed in floating point. Natively (one type S):
/// the gradient's own error α·e_g, plus one rounding of α·g and one of the subtraction per coordinate,
/// γ_2(α‖ĝ‖ + ‖x̂_{k+1}‖) (Higham §3.1); underflow adds at most 2η per coordinate, 2η√n in norm. Under an arithmetic
/// policy (optcheck/scalar/policy.hpp) the optimizer also receives ĝ rounded to its compute type (e_in = e_g +
/// u_g‖ĝ‖), rounds α into it (u_p), computes the step with its own u_c and η_c, and with master weights starts from
/// a master copy within u_s of x̂_k and stores x̂_{k+1} within u_s of the master: + u_s/(1 − u_s)(‖x̂_k‖ + ‖x̂_{k+1}‖).
/// a: |α|; g: ‖ĝ_k‖; e_g: its error bound; x_from, x_to: ‖x̂_k‖, ‖x̂_{k+1}‖.
inline double step_perturbation(const StepArithmetic& s, double a, double g, double e_g, double x_from, double x_to,
                                double n) {
  const double e_in = e_g + s.gradient_u * g;       // error of the gradient the optimizer received
  const double handed = (1 + s.gradient_u) * g + e_g;  // bound on its norm (and on ‖∇f(x̂_k)‖)
  const double ag = a * (1 + s.parameter_u) * handed;
  const double storage = s.storage_u > 0 ? s.storage_u / (1 - s.storage_u) * (x_from + x_to) : 0.0;
  return a * e_in + a * s.parameter_u * handed + gamma_k(2, s.compute_u) * (ag + (1 + 2 * s.storage_u) * x_to) +
         storage + 2 * (s.compute_eta + s.storage_eta) * std::sqrt(n);
}

template <class S>
double gradient_step_perturbation(const IterationRecord<S>& from, const IterationRecord<S>& to,
                                  const StepArithmetic& arithmetic, Eigen::Index n = 1) {
  return step_perturbation(arithmetic, std::abs(to_double(to.step_size)), to_double(from.gradient_norm),
                           from.gradient_error, to_double(from.x_norm), to_double(to.x_norm), static_cast<double>(n));
}

/// Bound on |f(x̂) − f(x̃)| when ‖x̂ − x̃‖ ≤ δ, from L-smoothness around x̂: ‖∇f(x̂)‖δ + (L/2)δ².
template <class S>
double value_change(const IterationRecord<S>& at, double delta, double L) {
  return (to_double(at.gradient_norm) + at.gradient_error) * delta + L / 2 * delta * delta;
}

/// Bound on |fl(‖v‖²) − ‖v̂‖²| for the computed gradient norm: e_g from the gradient, γ_{n+1} from the sum of squares.
template <class S>
double squared_gradient_norm_error(const IterationRecord<S>& at, Eigen::Index n, double u) {
  const double g = to_double(at.gradient_norm), e = at.gradient_error;
  return 2 * g * e + e * e + gamma_k(static_cast<double>(n) + 1, u) * (g + e) * (g + e) +
         (static_cast<double>(n) + 1) * underflow_unit<S>();
}

/// The unit roundoff a slack is printed in (k·u·scale): S's, or the arithmetic policy's when that is coarser (the
/// slack is then dominated by the optimizer's rounding, not the harness's).
template <class S>
double slack_unit(const Trace<S>& trace) {
  return std::max({unit_roundoff<S>(), trace.arithmetic.compute_u, trace.arithmetic.storage_u});
}

}  // namespace optcheck
