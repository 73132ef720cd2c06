// What the adaptive methods (AdaGrad, RMSProp, Adam, AdamW) share: the coordinatewise ratio numerator/(√v + ε).
#pragma once

#include <cmath>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// numerator/(√v + ε), and exactly 0 when the numerator is 0. Where v = 0 too (a zero gradient from a zero state)
/// the plain quotient is 0/0 = NaN whenever ε is 0, and ε is 0 more often than it looks: fp16 rounds Adam's
/// ε = 10⁻⁸ to 0 (its smallest subnormal is 6·10⁻⁸), the bug optax shipped. A zero gradient must give a zero
/// update and a finite state in every arithmetic.
template <class S>
S adaptive_ratio(const S& numerator, const S& v, const S& eps) {
  using std::sqrt;
  if (numerator == S(0)) return S(0);
  return numerator / (sqrt(v) + eps);
}

/// Adam's bias correction 1 − βᵗ, from the integer step count t, evaluated in build_t<S> (at least long double)
/// and rounded once to S: within u_S·(1 − βᵗ) + 4u_B·βᵗ. The running product βᵗ = β·β·… kept in S instead gains
/// up to u_S per step: in fp16 (β₂ = 0.999 → 0.99902) it gives 1 − βᵗ = 0.2314 at t = 237 against 0.2067 (12 % off;
/// tests/lowprec_invariants.cpp), and a step counter kept in bf16 stops at 256 (256 + 1 rounds to 256).
template <class S>
S bias_correction(const S& beta, long t) {
  using B = build_t<S>;
  using std::pow;
  return scalar_cast<S>(B(1) - pow(scalar_cast<B>(beta), B(t)));
}

}  // namespace optcheck
