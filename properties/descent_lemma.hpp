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
template <class S, class Make>
CaseOutcome descent_lemma_case(const GradientCase& c, Make&& make) {
  return problem_case<S>(
      c.problem, c.horizon, [&](const Problem<S>& p) { return start_point(p, c.start_seed, c.radius); },
      [&](const Problem<S>& p) { return make(p, c); },
      [&](const Trace<S>& t, const Problem<S>& p) {
        using Opt = std::decay_t<decltype(make(p, c))>;
        std::optional<theorems::ArmijoClaim<S>> claim;
        if constexpr (requires(const Opt& o) { o.params().sufficient; }) {
          const auto prm = make(p, c).params();
          claim = theorems::ArmijoClaim<S>{prm.initial_step, prm.shrink, prm.sufficient};
        }
        return theorems::check_descent_lemma(t, p.constants(), p.dim(), claim);
      });
}

template <class S>
GradientDescent<S> make_gd_descent(const Problem<S>& p, const GradientCase& c) {
  return GradientDescent<S>({S(scalar_cast<S>(2 * c.step_fraction) / p.constants().L)});
}

template <class S>
GradientDescentArmijo<S> make_armijo(const Problem<S>& p, const GradientCase& c) {
  typename GradientDescentArmijo<S>::Params prm{S(scalar_cast<S>(8 * c.step_fraction) / p.constants().L),
                                                scalar_cast<S>(c.shrink), scalar_cast<S>(c.sufficient)};
  return GradientDescentArmijo<S>(prm);
}

template <class S>
void register_descent_lemma(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  for (const std::string& f : descent_families()) {
    cat.add(theorems::DescentLemma::id, "gd", f, prec, cases,
            [l, f] { return descent_lemma_case<S>(*gen::descent_case(l, false, f), make_gd_descent<S>); });
    cat.add(theorems::DescentLemma::id, "gd-armijo", f, prec, cases,
            [l, f] { return descent_lemma_case<S>(*gen::descent_case(l, true, f), make_armijo<S>); });
  }
}

}  // namespace optcheck
