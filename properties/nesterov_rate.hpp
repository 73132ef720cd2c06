// Property bodies for `nesterov-rate`: FISTA on convex problems (quadratics up to κ = 10⁵, rank-deficient least
// squares, logistic regression, Nesterov's worst-case tridiagonal quadratic), and the constant-momentum method on
// strongly convex ones.
#pragma once

#include "optcheck/optimizers/nesterov_fista.hpp"
#include "optcheck/optimizers/nesterov_strongly_convex.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/nesterov_rate.hpp"

namespace optcheck {

template <class S, class Make>
CaseOutcome nesterov_case(const AcceleratedCase& c, bool strongly_convex, Make&& make) {
  TheoreticalRate theory{TheoreticalRate::Kind::sublinear, -2.0, "f - f*"};
  CaseOutcome o = problem_case<S>(
      c.problem, c.horizon,
      [&](const Problem<S>& p) {
        // Nesterov's worst case starts at 0 (as in the lower-bound construction); the others at a random point.
        return std::holds_alternative<WorstCaseSpec>(c.problem) ? Vec<S>(Vec<S>::Zero(p.dim()))
                                                                : start_point(p, c.start_seed, c.radius);
      },
      make,
      [&](const Trace<S>& t, const Problem<S>& p) {
        if (strongly_convex)
          theory = {TheoreticalRate::Kind::linear,
                    1 - std::sqrt(to_double(p.constants().mu) / to_double(p.constants().L)), "f - f*"};
        return strongly_convex ? theorems::check_nesterov_strongly_convex_rate(t, p.constants())
                               : theorems::check_fista_rate(t, p.constants());
      });
  o.theory = theory;
  return o;
}

template <class S>
NesterovFista<S> make_fista(const Problem<S>& p) {
  return NesterovFista<S>({S(S(1) / p.constants().L)});
}

template <class S>
NesterovStronglyConvex<S> make_nesterov_sc(const Problem<S>& p) {
  return NesterovStronglyConvex<S>({p.constants().L, p.constants().mu});
}

template <class S>
void register_nesterov_rate(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  auto longer = [](AcceleratedCase& c) { c.horizon = kProfileHorizon; };
  for (const std::string& f : accelerated_families(false))
    cat.add(theorems::NesterovRate::id, "nesterov", f, prec, cases,
            [l, f] { return nesterov_case<S>(*gen::accelerated_case(l, false, f), false, make_fista<S>); },
            make_profile(gen::accelerated_case(profile_limits(), false, f), longer,
                         [](const AcceleratedCase& c) { return nesterov_case<S>(c, false, make_fista<S>); }));
  for (const std::string& f : accelerated_families(true))
    cat.add(theorems::NesterovRate::id, "nesterov-sc", f, prec, cases,
            [l, f] { return nesterov_case<S>(*gen::accelerated_case(l, true, f), true, make_nesterov_sc<S>); },
            make_profile(gen::accelerated_case(profile_limits(), true, f), longer,
                         [](const AcceleratedCase& c) { return nesterov_case<S>(c, true, make_nesterov_sc<S>); }));
}

}  // namespace optcheck
