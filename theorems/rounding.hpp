// Rounding-error bounds shared by the theorem checkers. Notation: u unit roundoff, γ_k = ku/(1 − ku) (Higham,
// Accuracy and Stability of Numerical Algorithms, 2nd ed., §3.1).
#pragma once

#include "optcheck/run/trace.hpp"

namespace optcheck {

/// Bound on ‖x̂_{k+1} − (x̂_k − α∇f(x̂_k))‖ for a gradient step computed in floating point: the gradient's own error
/// α·e_g, plus one rounding of α·g and one of the subtraction per coordinate, u(α‖ĝ‖ + ‖x̂_{k+1}‖) each (γ_2 total).
/// Underflow adds at most 2η per coordinate (the product and the difference), 2η√n in norm.
template <class S>
double gradient_step_perturbation(const IterationRecord<S>& from, const IterationRecord<S>& to, double u,
                                  Eigen::Index n = 1) {
  const double a = std::abs(to_double(to.step_size));
  return a * from.gradient_error +
         gamma_k(2, u) * (a * (to_double(from.gradient_norm) + from.gradient_error) + to_double(to.x_norm)) +
         2 * underflow_unit<S>() * std::sqrt(static_cast<double>(n));
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

}  // namespace optcheck
