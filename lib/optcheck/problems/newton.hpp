// Damped Newton's method, for the minimizers of the smooth strongly convex families (logistic, log-sum-exp), run in
// build_t (the next wider arithmetic): x ← x − t·H⁻¹g with t halved until f decreases by ≥ t·gᵀH⁻¹g/4 (Boyd &
// Vandenberghe 2004, Alg. 9.5); the full step is taken near x*, where convergence is quadratic. Stops when the step
// is below 16u(1 + ‖x‖).
#pragma once

#include <Eigen/Cholesky>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

template <class B, class Value, class Gradient, class Hessian>
Vec<B> newton_minimize(Vec<B> x, Value&& value, Gradient&& gradient, Hessian&& hessian) {
  for (int it = 0; it < 200; ++it) {
    const Vec<B> g = gradient(x);
    const Vec<B> step = Mat<B>(hessian(x)).ldlt().solve(g);
    const B decrement = g.dot(step), f0 = value(x);
    B t(1);
    for (int k = 0; k < 60 && value(Vec<B>(x - t * step)) > f0 - t * decrement / B(4); ++k) t /= B(2);
    x -= t * step;
    if (t == B(1) && step.norm() <= B(16) * B(unit_roundoff<B>()) * (B(1) + x.norm())) break;
  }
  return x;
}

}  // namespace optcheck
