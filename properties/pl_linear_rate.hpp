// Property bodies for `pl-linear-rate`: GD with γ = 1/L on PL problems (nonconvex sine sum, rank-deficient least
// squares, strongly convex quadratics, logistic regression).
#pragma once

#include "optcheck/optimizers/gd.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/pl_linear_rate.hpp"

namespace optcheck {

/// The step the case fixes: η = θ/L (θ = 1 is the theorem's 1/L).
template <class S>
S pl_step(const Problem<S>& p, const GradientCase& c) {
  return S(scalar_cast<S>(c.step_fraction) / p.constants().L);
}

template <class S, class Make>
CaseOutcome pl_linear_rate_case(const GradientCase& c, Make&& make) {
  TheoreticalRate theory;
  CaseOutcome o = problem_case<S>(
      c.problem, c.horizon, [&](const Problem<S>& p) { return start_point(p, c.start_seed, c.radius); },
      [&](const Problem<S>& p) { return make(p, c); },
      [&](const Trace<S>& t, const Problem<S>& p) {
        theory = {TheoreticalRate::Kind::linear, 1 - to_double(p.constants().mu_pl) / to_double(p.constants().L), "f - f*"};
        return theorems::check_pl_linear_rate(t, p.constants());
      },
      StepSource<S>::constant([&c](const Problem<S>& p) { return pl_step(p, c); }));
  o.theory = theory;
  return o;
}

template <class S>
GradientDescent<S> make_gd_pl(const Problem<S>& p, const GradientCase& c) {
  return GradientDescent<S>({pl_step(p, c)});
}

template <class S>
void register_pl_linear_rate(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  for (const std::string& f : pl_families())
    cat.add(theorems::PlLinearRate::id, "gd", f, prec, cases,
            [l, f] { return pl_linear_rate_case<S>(*gen::pl_case(l, f), make_gd_pl<S>); },
            make_profile(
                gen::pl_case(profile_limits(), f),
                [](GradientCase& c) {  // the theorem's step 1/L
                  c.step_fraction = 1;
                  c.horizon = kProfileHorizon;
                },
                [](const GradientCase& c) { return pl_linear_rate_case<S>(c, make_gd_pl<S>); }));
}

}  // namespace optcheck
