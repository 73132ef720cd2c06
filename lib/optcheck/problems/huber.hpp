// Separable Huber function f(x) = Σᵢ L·h_τ(xᵢ − x*ᵢ) + (μ/2)‖x − x*‖², h_τ(d) = d²/2 for |d| ≤ τ, τ(|d| − τ/2)
// otherwise. With μ = 0: convex and L-smooth (h_τ'' ∈ {0, 1}), not strongly convex and not PL (‖∇f‖ ≤ Lτ√n while f
// grows without bound); with a ridge μ > 0: μ-strongly convex and (L + μ)-smooth, its curvature jumping between μ
// and L + μ (the strongly convex non-quadratic instance for accelerated methods). Minimizer x* (unique), f* = 0. In one dimension it is the function that attains gradient descent's worst case
// on convex L-smooth f (Drori & Teboulle, Math. Program. 145 (2014), Thm 3.1, with τ = R/(2Nh + 1)); with τ ≪ ‖x₀ − x*‖
// the iterates spend the run on the linear branch, where momentum bugs that stay under the bound on quadratics
// (e.g. FISTA evaluating the gradient at x_k instead of y_k) break the O(1/k²) rate.
#pragma once

#include <cstdint>

#include "optcheck/problems/separable.hpp"

namespace optcheck {

struct HuberSpec {
  int dim = 1;
  double L = 1;      ///< a power of two: exact in every arithmetic
  double tau = 1;    ///< a power of two
  std::uint64_t seed = 0;  ///< x* (coordinates on a 2^-10 grid in [−1, 1])
  double ridge = 0;  ///< μ: 0 or a power of two
};

template <class S>
class Huber : public Separable<S, Huber<S>> {
 public:
  explicit Huber(const HuberSpec& s)
      : Separable<S, Huber<S>>(s.dim, s.seed), spec_(s), L_(scalar_cast<S>(s.L)), tau_(scalar_cast<S>(s.tau)),
        ridge_(scalar_cast<S>(s.ridge)) {
    auto& c = this->constants_;
    c.L = L_ + ridge_;  // sums of powers of two ≥ 2^-10 apart: exact
    c.mu = ridge_;
    c.mu_pl = ridge_;
  }
  std::string name() const override { return "huber"; }
  // Each term: d = x − x* (1), then d·d/2·L (3, the ×/2 and ×L exact for powers of two but counted) or
  // |d| − τ/2 (1) and ×τ×L (2): ≤ 4 relative roundings of a term that is ≥ half its largest part (|d| > τ on the
  // linear branch), so 2·4 relative to the term; the ridge μ·d·d/2 (3) and its addition (1): 2·4 + 4 = 12. The sum
  // of n non-negative terms adds γ_n. Scale: f (terms ≥ 0).
  ErrorBound value_error(const Vec<S>& x) const override {
    return {12.0 + spec_.dim, std::abs(to_double(this->value(x))) * (1 + 1e-3)};
  }
  // g = L·d (2 roundings with the subtraction) or ±Lτ (exact), plus μ·d (2) and the sum (1); relative to ‖(L + μ)d‖.
  ErrorBound gradient_error(const Vec<S>& x) const override {
    return {6.0, this->scaled_distance(x, spec_.L + spec_.ridge)};
  }
  const HuberSpec& spec() const { return spec_; }

  S term(const S& d) const {
    using std::abs;
    const S a = abs(d);
    const S huber = a <= tau_ ? S(L_ * (d * d) / S(2)) : S(L_ * tau_ * (a - tau_ / S(2)));
    return ridge_ > S(0) ? S(huber + ridge_ * (d * d) / S(2)) : huber;
  }
  S derivative(const S& d) const {
    return (d > tau_ ? S(L_ * tau_) : (d < -tau_ ? S(-L_ * tau_) : S(L_ * d))) + ridge_ * d;
  }

 private:
  HuberSpec spec_;
  S L_, tau_, ridge_;
};

}  // namespace optcheck
