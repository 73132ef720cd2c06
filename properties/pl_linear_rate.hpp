// Property bodies for `pl-linear-rate`: GD with γ = 1/L on PL problems (nonconvex sine sum, rank-deficient least
// squares, strongly convex quadratics, logistic regression).
#pragma once

#include "optcheck/optimizers/gd.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/pl_linear_rate.hpp"

namespace optcheck {

template <class S, class Make>
CaseOutcome pl_linear_rate_case(const GradientCase& c, Make&& make) {
  const auto problem = make_problem<S>(c.problem);
  Oracle<S> oracle(*problem);
  RunOptions<S> ro;
  ro.horizon = c.horizon;
  return run_case<S>(
      oracle, start_point(*problem, c.start_seed, c.radius), ro, [&] { return make(*problem, c); },
      [&](const Trace<S>& t) { return theorems::check_pl_linear_rate(t, problem->constants()); });
}

template <class S>
GradientDescent<S> make_gd_pl(const Problem<S>& p, const GradientCase& c) {
  return GradientDescent<S>({S(scalar_cast<S>(c.step_fraction) / p.constants().L)});
}

template <class S>
void register_pl_linear_rate(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  cat.add(theorems::PlLinearRate::id, "gd", prec, cases,
          [l] { return pl_linear_rate_case<S>(*gen::pl_case(l), make_gd_pl<S>); });
}

}  // namespace optcheck
