#define BOOST_TEST_MODULE optcheck_unit_parity
#include "tests/parity.hpp"

BOOST_AUTO_TEST_CASE(parity_float) { optcheck::test::run_parity_suite<float>(); }
BOOST_AUTO_TEST_CASE(parity_double) { optcheck::test::run_parity_suite<double>(); }
BOOST_AUTO_TEST_CASE(closed_form_gd_float) { optcheck::test::run_closed_form_gd<float>(); }
BOOST_AUTO_TEST_CASE(closed_form_gd_double) { optcheck::test::run_closed_form_gd<double>(); }
