// Self-tests (label `selftest`): each theorem's property catches a broken optimizer with a realistic bug, reports it
// as violated (not as an error) with a shrunk counterexample, and does so reproducibly from the seed; the correct
// optimizer holds on the same seed.
#define BOOST_TEST_MODULE optcheck_selftest
#include <boost/test/unit_test.hpp>

#include "properties/descent_lemma.hpp"
#include "properties/gd_stability.hpp"
#include "properties/kkt.hpp"
#include "properties/nesterov_rate.hpp"
#include "properties/pl_linear_rate.hpp"
#include "properties/robbins_monro.hpp"
#include "tests/broken_optimizers.hpp"

using namespace optcheck;
using S = double;

namespace {
const CaseLimits kLimits = limits_for(Precision::float64);

/// The broken body must be violated with a counterexample, deterministically; the correct body must hold.
void expect_caught(const char* what, const std::function<CaseOutcome()>& broken,
                   const std::function<CaseOutcome()>& correct, int cases = 100) {
  RunParams p;
  p.seed = 12345;
  p.cases = cases;
  const CheckResult bad = run_property(broken, p);
  BOOST_TEST_MESSAGE(what << ": " << to_string(bad.status) << " after " << bad.cases << " passing cases; shrunk to: "
                          << bad.counterexample << "\n  " << bad.failure);
  BOOST_TEST_INFO(what);
  BOOST_CHECK_EQUAL(to_string(bad.status), "violated");
  BOOST_CHECK(!bad.counterexample.empty());
  BOOST_CHECK(bad.failure.find("violated:") != std::string::npos);
  BOOST_CHECK_GT(bad.worst.worst_ratio, 1.0);
  const CheckResult again = run_property(broken, p);
  BOOST_CHECK_EQUAL(again.counterexample, bad.counterexample);  // same seed, same shrunk counterexample
  const CheckResult good = run_property(correct, p);
  BOOST_TEST_INFO(what << " (correct optimizer): " << good.failure);
  BOOST_CHECK_EQUAL(to_string(good.status), "holds");
}
}  // namespace

BOOST_AUTO_TEST_CASE(descent_lemma_catches_stale_gradient) {
  expect_caught(
      "descent-lemma x gradient at the previous iterate",
      [] {
        return descent_lemma_case<S>(*gen::descent_case(kLimits, false), [](const Problem<S>& p, const GradientCase& c) {
          return broken::StaleGradientDescent<S>(2 * c.step_fraction / p.constants().L);
        });
      },
      [] { return descent_lemma_case<S>(*gen::descent_case(kLimits, false), make_gd_descent<S>); });
}

BOOST_AUTO_TEST_CASE(descent_lemma_catches_armijo_stepping_with_the_wrong_variable) {
  expect_caught(
      "descent-lemma x Armijo stepping with the initial step",
      [] {
        return descent_lemma_case<S>(*gen::descent_case(kLimits, true), [](const Problem<S>& p, const GradientCase& c) {
          return broken::ArmijoWrongVariable<S>({8 * c.step_fraction / p.constants().L, c.shrink, c.sufficient});
        }, true);
      },
      [] { return descent_lemma_case<S>(*gen::descent_case(kLimits, true), make_armijo<S>, true); });
}

BOOST_AUTO_TEST_CASE(pl_linear_rate_catches_missing_zero_grad) {
  expect_caught(
      "pl-linear-rate x gradient buffer never zeroed",
      [] {
        return pl_linear_rate_case<S>(*gen::pl_case(kLimits), [](const Problem<S>& p, const GradientCase&) {
          return broken::AccumulatingGradientDescent<S>(1 / p.constants().L);
        });
      },
      [] { return pl_linear_rate_case<S>(*gen::pl_case(kLimits), make_gd_pl<S>); });
}

BOOST_AUTO_TEST_CASE(gd_stability_catches_stale_gradient) {
  CaseLimits dense = kLimits;
  dense.sparse = false;  // keep the self-test fast: dense quadratics only
  expect_caught(
      "gd-stability x gradient at the previous iterate",
      [dense] {
        return gd_stability_case<S>(*gen::stability_case(dense), [](const QuadraticBase<S>&, const S& eta) {
          return broken::StaleGradientDescent<S>(eta);
        });
      },
      [dense] { return gd_stability_case<S>(*gen::stability_case(dense), make_gd_stability<S>); });
}

BOOST_AUTO_TEST_CASE(robbins_monro_catches_a_schedule_whose_squares_do_not_sum) {
  expect_caught(
      "robbins-monro x beta/sqrt(gamma+k)",
      [] {
        return robbins_monro_case<S>(*gen::sgd_case(kLimits), true, [](const theorems::SgdExperiment<S>& e) {
          return broken::SgdSqrtSchedule<S>(e.beta, e.gamma);
        });
      },
      [] { return robbins_monro_case<S>(*gen::sgd_case(kLimits), true, make_sgd_diminishing<S>); }, 20);
}

BOOST_AUTO_TEST_CASE(kkt_catches_a_multiplier_with_the_wrong_sign) {
  expect_caught(
      "kkt x QP solver returning -lambda",
      [] { return kkt_qp_case<S>(*gen::qp_case(kLimits), broken::qp_wrong_multiplier_sign<S>); },
      [] { return kkt_qp_case<S>(*gen::qp_case(kLimits), solve_qp_ipm<S>); });
}

BOOST_AUTO_TEST_CASE(kkt_catches_a_skipped_projection) {
  expect_caught(
      "kkt x projection applied before the step",
      [] {
        return kkt_projected_gradient_case<S>(*gen::set_case(kLimits), [](const SetConstrainedQuadratic<S>& p) {
          return broken::ProjectBeforeStep<S>(1 / p.constants().L);
        });
      },
      [] { return kkt_projected_gradient_case<S>(*gen::set_case(kLimits), make_projected_gradient<S>); });
}

BOOST_AUTO_TEST_CASE(nesterov_rate_catches_a_t_recursion_typo) {
  expect_caught(
      "nesterov-rate x t_{k+1} = (1 + sqrt(1 + 4 t_k))/2",
      [] {
        // On Nesterov's worst case, where the typo's slower t_k shows (ratio ~1.03).
        return nesterov_case<S>(*gen::accelerated_case(kLimits, false, "nesterov-worst-case"), false,
                                [](const Problem<S>& p) { return broken::FistaTRecursionTypo<S>(1 / p.constants().L); });
      },
      [] { return nesterov_case<S>(*gen::accelerated_case(kLimits, false, "nesterov-worst-case"), false, make_fista<S>); });
}

BOOST_AUTO_TEST_CASE(nesterov_rate_catches_a_missing_square_root) {
  expect_caught(
      "nesterov-rate (strongly convex) x momentum (1 - q)/(1 + q)",
      [] {
        return nesterov_case<S>(*gen::accelerated_case(kLimits, true), true, [](const Problem<S>& p) {
          return broken::NesterovScMissingSqrt<S>(p.constants().L, p.constants().mu);
        });
      },
      [] { return nesterov_case<S>(*gen::accelerated_case(kLimits, true), true, make_nesterov_sc<S>); });
}
