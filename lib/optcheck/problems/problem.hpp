// The problem interface: an objective with certified constants and a forward-error model for its evaluation.
#pragma once

#include <optional>
#include <string>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// Higham's γ_k = k·u/(1 − k·u): the relative error bound of k successive rounded operations.
inline double gamma_k(double k, double u) { return k * u / (1.0 - k * u); }

/// A forward-error bound |computed − exact| ≤ γ_k·scale + k·η, kept as its parts so that reports can print where
/// the slack comes from. η is the absolute error an operation can commit by underflowing (Higham 2002, §2.1:
/// fl(x op y) = (x op y)(1 + δ) + η, |η| ≤ denorm_min/2); it matters once iterates approach the subnormal range.
struct ErrorBound {
  double k = 0;      ///< number of rounded operations on the longest dependency chain
  double scale = 0;  ///< magnitude the errors are relative to (sums of absolute values)
  double value(double u, double eta) const { return gamma_k(k, u) * scale + k * eta; }
};

/// Certified constants of one problem instance, computed in build_t<S> and rounded outward.
template <class S>
struct Constants {
  S L;                  ///< ∇f is L-Lipschitz (an upper bound)
  S mu{0};              ///< strong-convexity modulus (a lower bound; 0 when not strongly convex)
  S mu_pl{0};           ///< Polyak–Łojasiewicz constant: ½‖∇f‖² ≥ μ_PL (f − f*)  (0 when not certified)
  bool convex = true;
  std::optional<Vec<S>> x_star;  ///< a minimizer (the closest to the start where the set of minimizers is larger)
  S f_star{0};
  double f_star_error = 0;  ///< |f_star − f*| bound (0 when f* is exact in S)
};

/// What the harness records of f at one point: f(x), ∇f(x) and the error bounds of both (Problem::evaluate).
template <class S>
struct Evaluation {
  S value;
  Vec<S> gradient;
  ErrorBound value_error, gradient_error;
};

template <class S>
class Problem {
 public:
  virtual ~Problem() = default;
  virtual std::string name() const = 0;
  virtual Eigen::Index dim() const = 0;
  virtual S value(const Vec<S>& x) const = 0;
  virtual Vec<S> gradient(const Vec<S>& x) const = 0;
  /// |fl(f(x)) − f(x)| ≤ value_error(x).value(u, η)
  virtual ErrorBound value_error(const Vec<S>& x) const = 0;
  /// ‖fl(∇f(x)) − ∇f(x)‖₂ ≤ gradient_error(x).value(u, η)·(√n for η: one underflow per coordinate)
  virtual ErrorBound gradient_error(const Vec<S>& x) const = 0;
  /// The four above at one point, in one call: what the harness records at every iterate. Override it where they
  /// share work (a quadratic's A(x − x*) serves f and ∇f, |A||x − x*| both error bounds); the result must be exactly
  /// value(x), gradient(x), value_error(x) and gradient_error(x) (unit_core checks it for every family).
  virtual Evaluation<S> evaluate(const Vec<S>& x) const {
    return {value(x), gradient(x), value_error(x), gradient_error(x)};
  }
  /// The minimizer closest to x (equal to constants().x_star when the minimizer is unique).
  virtual Vec<S> closest_minimizer(const Vec<S>& x) const { (void)x; return *constants_.x_star; }

  const Constants<S>& constants() const { return constants_; }

 protected:
  Constants<S> constants_;
};

/// Rounds an upper bound computed in a wider type B to S, nudged up by 2u_S so it stays an upper bound.
template <class S, class B>
S round_up(const B& upper) {
  return scalar_cast<S>(upper * (1 + 2 * static_cast<B>(unit_roundoff<S>())));
}
/// Rounds a lower bound (≥ 0) computed in a wider type B to S, nudged down by 2u_S.
template <class S, class B>
S round_down(const B& lower) {
  if (lower <= 0) return S(0);
  return scalar_cast<S>(lower * (1 - 2 * static_cast<B>(unit_roundoff<S>())));
}

template <class S>
double abs_sum(const Vec<S>& v) {
  double s = 0;
  for (Eigen::Index i = 0; i < v.size(); ++i) s += std::abs(to_double(v[i]));
  return s;
}

}  // namespace optcheck
