// Property bodies for `descent-lemma`: GD with η = θ·2/L (θ ∈ (0, 1)) and Armijo backtracking, on quadratics,
// rank-deficient least squares, logistic regression, the nonconvex sine sum and Nesterov's worst case.
#pragma once

#include "optcheck/optimizers/gd.hpp"
#include "optcheck/optimizers/gd_armijo.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/descent_lemma.hpp"

namespace optcheck {

/// make(problem, case) returns the optimizer under test.
/// What the descent lemma predicts for the whole run: under PL, the per-step factor 1 − 2μα(1 − Lα/2) for GD and
/// 1 − 2μ·c·min{ᾱ, 2ρ(1 − c)/L} for Armijo (Karimi et al. 2016's argument); for convex f without PL, f − f* =
/// O(1/t) (Nesterov 2018, Thm 2.1.14).
template <class S>
TheoreticalRate descent_rate(const Constants<S>& k, double step, const std::optional<theorems::ArmijoClaim<S>>& armijo) {
  const double L = to_double(k.L), mu = to_double(k.mu_pl);
  if (mu > 0) {
    const double factor =
        armijo ? 1 - 2 * mu * to_double(armijo->sufficient) *
                         std::min(to_double(armijo->initial_step),
                                  2 * to_double(armijo->shrink) * (1 - to_double(armijo->sufficient)) / L)
               : 1 - 2 * mu * step * (1 - L * step / 2);
    return {TheoreticalRate::Kind::linear, factor, "f - f*"};
  }
  if (k.convex) return {TheoreticalRate::Kind::sublinear, -1.0, "f - f*"};
  return {};
}

/// The hyperparameters a case fixes: GD's step η = θ·2/L, or Armijo's (ᾱ = θ·8/L, ρ, c). They are the claim the
/// checks hold the optimizer to (what the optimizer reports about itself is not used).
template <class S>
S descent_step(const Problem<S>& p, const GradientCase& c) {
  return S(scalar_cast<S>(2 * c.step_fraction) / p.constants().L);
}
template <class S>
theorems::ArmijoClaim<S> armijo_claim(const Problem<S>& p, const GradientCase& c) {
  return {S(scalar_cast<S>(8 * c.step_fraction) / p.constants().L), scalar_cast<S>(c.shrink),
          scalar_cast<S>(c.sufficient)};
}

/// make(problem, case) returns the optimizer under test; armijo: it claims Armijo backtracking with the case's
/// armijo_claim (steps recomputed from the iterates), otherwise GD with descent_step (checked against the iterates).
template <class S, class Make>
CaseOutcome descent_lemma_case(const GradientCase& c, Make&& make, bool armijo = false) {
  TheoreticalRate theory;
  const StepSource<S> steps = armijo ? StepSource<S>::line_search()
                                     : StepSource<S>::constant([&c](const Problem<S>& p) { return descent_step(p, c); });
  CaseOutcome o = problem_case<S>(
      c.problem, c.horizon, [&](const Problem<S>& p) { return start_point(p, c.start_seed, c.radius); },
      [&](const Problem<S>& p) { return make(p, c); },
      [&](const Trace<S>& t, const Problem<S>& p) {
        std::optional<theorems::ArmijoClaim<S>> claim;
        if (armijo) claim = armijo_claim(p, c);
        theory = descent_rate(p.constants(), t.records.size() > 1 ? to_double(t.records[1].step_size) : 0.0, claim);
        return theorems::check_descent_lemma(t, p.constants(), p.dim(), claim);
      },
      steps);
  o.theory = theory;
  return o;
}

template <class S>
GradientDescent<S> make_gd_descent(const Problem<S>& p, const GradientCase& c) {
  return GradientDescent<S>({descent_step(p, c)});
}

template <class S>
GradientDescentArmijo<S> make_armijo(const Problem<S>& p, const GradientCase& c) {
  const auto claim = armijo_claim(p, c);
  return GradientDescentArmijo<S>({claim.initial_step, claim.shrink, claim.sufficient});
}

template <class S>
void register_descent_lemma(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  for (const std::string& f : descent_families()) {
    // Profiles at the canonical step η = 1/L (Armijo: ᾱ = 4/L).
    auto canonical = [](GradientCase& c) {
      c.step_fraction = 0.5;
      c.horizon = kProfileHorizon;
    };
    cat.add(theorems::DescentLemma::id, "gd", f, prec, cases,
            [l, f] { return descent_lemma_case<S>(*gen::descent_case(l, false, f), make_gd_descent<S>); },
            make_profile(gen::descent_case(profile_limits(), false, f), canonical,
                         [](const GradientCase& c) { return descent_lemma_case<S>(c, make_gd_descent<S>); }));
    cat.add(theorems::DescentLemma::id, "gd-armijo", f, prec, cases,
            [l, f] { return descent_lemma_case<S>(*gen::descent_case(l, true, f), make_armijo<S>, true); },
            make_profile(gen::descent_case(profile_limits(), true, f), canonical,
                         [](const GradientCase& c) { return descent_lemma_case<S>(c, make_armijo<S>, true); }));
  }
}

}  // namespace optcheck
