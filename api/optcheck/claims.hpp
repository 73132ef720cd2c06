// What a user's optimizer claims to be. A claim names the method and fixes its hyperparameters in the units the
// theorems are stated in (a step as a multiple of 1/L, β as a multiple of 1/c), so that one claim holds on every
// instance optcheck draws; the factory of a Subject is handed the concrete values for each instance (a Setting).
// optcheck derives from the claim which theorems apply, and refuses a claim outside a theorem's hypotheses with a
// ClaimError naming the hyperparameter and the hypothesis.
#pragma once

#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// A claim outside the hypotheses of a theorem it is to be checked against, or an unknown theorem.
struct ClaimError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

namespace claim {

/// Gradient descent x_{k+1} = x_k − η∇f(x_k) with η = step_times_L / L.
/// Theorems: descent-lemma (needs 0 < ηL < 2), pl-linear-rate (0 < ηL < 2), gd-stability (ηL ≠ 2; above 2 the
/// theorem predicts divergence along the top eigenvector, and that is what is checked).
struct GradientDescent {
  double step_times_L = 1;
};

/// Armijo backtracking from a fixed first trial: α ← ᾱ, α ← ρα until f(x − α∇f) ≤ f(x) − cα‖∇f‖², ᾱ = initial/L.
/// Theorem: descent-lemma (sufficient decrease and the accepted-step bound α ≥ min{ᾱ, 2ρ(1 − c)/L}).
struct Backtracking {
  double initial_step_times_L = 4;
  double shrink = 0.5;      ///< ρ ∈ (0, 1)
  double sufficient = 1e-4; ///< c ∈ (0, 1)
};

/// FISTA / Nesterov's accelerated gradient with step 1/L and Beck–Teboulle's momentum t_{k+1} = (1 + √(1 + 4t_k²))/2.
/// Theorem: nesterov-rate (convex families).
struct Fista {};

/// Nesterov's method for μ-strongly convex f with constant momentum (1 − √q)/(1 + √q), q = μ/L, step 1/L.
/// Theorem: nesterov-rate (strongly convex families).
struct StronglyConvexNesterov {};

/// SGD with α_k = β/(γ + k): β = beta_times_c / c, and γ set so that α₁ = first_step_times_L / L.
/// Theorem: robbins-monro (needs β > 1/c and α₁ ≤ 1/(L·M_G), M_G = 1 for the additive noise drawn).
struct SgdDiminishing {
  double beta_times_c = 2;
  double first_step_times_L = 0.5;
};

/// SGD with a constant step ᾱ = step_times_L / L. Theorem: robbins-monro, Thm 4.6 (needs ᾱ ≤ 1/(L·M_G)).
struct SgdConstant {
  double step_times_L = 0.5;
};

/// Projected gradient x_{k+1} = Π_C(x_k − γ∇f(x_k)), γ = step_times_L / L; the projection is oracle.project(x).
/// Theorem: kkt on boxes and simplices (needs 0 < γL ≤ 1).
struct ProjectedGradient {
  double step_times_L = 1;
};

}  // namespace claim

using Claim = std::variant<claim::GradientDescent, claim::Backtracking, claim::Fista, claim::StronglyConvexNesterov,
                           claim::SgdDiminishing, claim::SgdConstant, claim::ProjectedGradient>;

/// "gradient descent with step 1/L", for messages and reports.
std::string describe(const Claim& c);

/// The theorems a claim can be checked against, in catalogue order.
std::vector<std::string> applicable_theorems(const Claim& c);

/// Throws ClaimError unless the claim satisfies the hypotheses of `theorem` (and the theorem applies to it).
void validate(const Claim& c, const std::string& theorem);

/// What the factory of a Subject is handed for one drawn instance: the instance's certified constants and the
/// concrete hyperparameters the claim fixes. Fields a claim does not use are 0.
template <class S>
struct Setting {
  S L{0};               ///< certified smoothness constant of the instance (an upper bound)
  S mu{0};              ///< strong-convexity constant (a lower bound; 0 when not strongly convex)
  Eigen::Index dim = 0; ///< n
  S step{0};            ///< η (gradient descent, projected gradient, constant SGD), ᾱ (backtracking), 1/L (FISTA)
  S shrink{0};          ///< backtracking ρ
  S sufficient{0};      ///< backtracking c
  S beta{0}, gamma{0};  ///< SGD schedule α_k = β/(γ + k)

  Setting() = default;
  /// The same setting with every constant rounded to S (an arithmetic policy hands its compute type the setting
  /// drawn in the harness type).
  template <class From>
  explicit Setting(const Setting<From>& s)
      : L(scalar_cast<S>(s.L)), mu(scalar_cast<S>(s.mu)), dim(s.dim), step(scalar_cast<S>(s.step)),
        shrink(scalar_cast<S>(s.shrink)), sufficient(scalar_cast<S>(s.sufficient)), beta(scalar_cast<S>(s.beta)),
        gamma(scalar_cast<S>(s.gamma)) {}
};

}  // namespace optcheck
