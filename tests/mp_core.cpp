#define BOOST_TEST_MODULE optcheck_mp_parity
#include "tests/parity.hpp"
#include "theorems/descent_lemma.hpp"

using namespace optcheck;


BOOST_AUTO_TEST_CASE(parity_float128) { optcheck::test::run_parity_suite<optcheck::float128>(); }
BOOST_AUTO_TEST_CASE(closed_form_gd_float128) { optcheck::test::run_closed_form_gd<optcheck::float128>(); }
BOOST_AUTO_TEST_CASE(closed_form_gd_mpfr50) { optcheck::test::run_closed_form_gd<optcheck::mpfr50>(); }

BOOST_AUTO_TEST_CASE(descent_lemma_is_tight_on_isotropic_quadratic) {
  // f = (L/2)‖x‖²: equality in the descent lemma for every step, so the worst ratio is 1 (to rounding).
  QuadraticSpec spec{{4, 4, 4}, 1, 0};
  DenseQuadratic<mpfr50> q(spec);
  Oracle<mpfr50> oracle(q);
  GradientDescent<mpfr50> gd({mpfr50(1) / q.constants().L});
  RunOptions<mpfr50> ro;
  ro.horizon = 3;
  const auto tr = run(gd, oracle, Vec<mpfr50>::Ones(3), ro);
  const Verdict v = theorems::check_descent_lemma(tr, q.constants(), 3);
  BOOST_CHECK(v.holds);
  BOOST_CHECK_CLOSE(v.worst_ratio, 1.0, 1e-10);
}

