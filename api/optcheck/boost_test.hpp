// Boost.Test convenience: OPTCHECK_BOOST_CHECK(results) fails the current test case once per check that does not
// hold, with what failed, the shrunk counterexample and the seed that replays it.
//
//   BOOST_AUTO_TEST_CASE(my_gd_keeps_its_promises) {
//     OPTCHECK_BOOST_CHECK(optcheck::check<double>(my_subject, {.seed = 1}));
//   }
#pragma once

#include <boost/test/unit_test.hpp>

#include "optcheck/check.hpp"

#define OPTCHECK_BOOST_CHECK(results_expression)                                                               \
  do {                                                                                                         \
    const ::optcheck::Results optcheck_results_ = (results_expression);                                        \
    BOOST_TEST_MESSAGE(optcheck_results_.summary());                                                           \
    BOOST_TEST(!optcheck_results_.checks.empty(), "optcheck: no check ran (the claim applies to no theorem?)"); \
    for (const auto& optcheck_check_ : optcheck_results_.checks)                                               \
      BOOST_TEST(optcheck_check_.status == ::optcheck::Status::holds,                                          \
                 optcheck_check_.theorem << " x " << optcheck_check_.optimizer << " x "                        \
                                         << optcheck_check_.problem << " x " << optcheck_check_.precision      \
                                         << ": " << ::optcheck::to_string(optcheck_check_.status) << "; "      \
                                         << optcheck_check_.failure << "; counterexample: "                    \
                                         << optcheck_check_.counterexample << "; replay seed "                 \
                                         << optcheck_check_.seed);                                             \
  } while (false)
