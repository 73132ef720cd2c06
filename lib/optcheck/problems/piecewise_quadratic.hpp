// Separable piecewise quadratic f(x) = Σᵢ φ(xᵢ − x*ᵢ) whose curvature switches L → μ → L along each axis:
//   φ(d) = L d²/2                                  for |d| < a,
//          μ d²/2 + (L − μ) a |d| − (L − μ) a²/2    for a ≤ |d| < 2a,
//          L d²/2 − (L − μ) a |d| + 3 (L − μ) a²/2  for |d| ≥ 2a.
// φ is C¹ with φ'' ∈ {μ, L}: f is μ-strongly convex and L-smooth, minimizer x* (unique), f* = 0. With a = 1, L = 25,
// μ = 1 it is the function on which the heavy-ball method with its optimal quadratic tuning fails to converge
// (Lessard, Recht & Packard, "Analysis and design of optimization algorithms via integral quadratic constraints",
// SIAM J. Optim. 26(1), 2016, §4.6), the standard example of a momentum method that holds its rate on every quadratic
// and loses it on a strongly convex non-quadratic function. Drawn with a between R/8 and R/2 (R = ‖x₀ − x*‖), where
// iterates cross the curvature switches throughout the transient.
#pragma once

#include <cstdint>

#include "optcheck/problems/separable.hpp"

namespace optcheck {

struct PiecewiseQuadraticSpec {
  int dim = 1;
  double L = 1;            ///< outer curvature, a power of two
  double mu = 1;           ///< band curvature, L/2^j: exact in every arithmetic
  double kink = 1;         ///< a, a power of two
  std::uint64_t seed = 0;  ///< x* (coordinates on a 2^-10 grid in [−1, 1])
};

template <class S>
class PiecewiseQuadratic : public Separable<S, PiecewiseQuadratic<S>> {
 public:
  explicit PiecewiseQuadratic(const PiecewiseQuadraticSpec& s)
      : Separable<S, PiecewiseQuadratic<S>>(s.dim, s.seed), spec_(s), L_(scalar_cast<S>(s.L)), mu_(scalar_cast<S>(s.mu)),
        a_(scalar_cast<S>(s.kink)) {
    auto& c = this->constants_;
    c.L = L_;
    c.mu = mu_;
    c.mu_pl = mu_;
  }
  std::string name() const override { return "piecewise-quadratic"; }
  // A term: d = x − x* (1), then at most 6 more roundings (d², the products with μ, L − μ, a, the two sums). On the
  // middle and outer branches the absolute values of its parts sum to at most 11/3 of the term (the worst point is
  // |d| = 2a: parts 2La² + 2(L − μ)a² + 3(L − μ)a²/2 ≤ 11La²/2 against a value ≥ 3La²/2), so 4·7 = 28 relative to
  // the term; the sum of n non-negative terms adds γ_n. Scale: f.
  ErrorBound value_error(const Vec<S>& x) const override {
    return {28.0 + spec_.dim, std::abs(to_double(this->value(x))) * (1 + 1e-3)};
  }
  // φ'(d): at most 5 roundings with d; the parts (L|d| or μ|d|, and (L − μ)a ≤ L|d|) sum to at most 2L|d|.
  ErrorBound gradient_error(const Vec<S>& x) const override { return {5.0, this->scaled_distance(x, 2 * spec_.L)}; }
  const PiecewiseQuadraticSpec& spec() const { return spec_; }

  S term(const S& d) const {
    using std::abs;
    const S x = abs(d), gap = L_ - mu_;
    if (x < a_) return L_ * (d * d) / S(2);
    if (x < S(2) * a_) return mu_ * (x * x) / S(2) + gap * a_ * x - gap * (a_ * a_) / S(2);
    return L_ * (x * x) / S(2) - gap * a_ * x + S(3) * gap * (a_ * a_) / S(2);
  }
  S derivative(const S& d) const {
    using std::abs;
    const S x = abs(d), gap = L_ - mu_;
    if (x < a_) return L_ * d;
    const S m = x < S(2) * a_ ? S(mu_ * x + gap * a_) : S(L_ * x - gap * a_);
    return d < S(0) ? S(-m) : m;
  }

 private:
  PiecewiseQuadraticSpec spec_;
  S L_, mu_, a_;
};

}  // namespace optcheck
