// The theorem properties as Boost.Test cases (RC_BOOST_PROP): one test suite per theorem × precision, each case a
// catalogue check (theorem × optimizer × precision). ctest runs one suite per entry (tests/CMakeLists.txt).
// Seeds: RC_PARAMS="seed=N" reproduces a run; a failure prints RC_PARAMS="reproduce=…" to replay it.
#define BOOST_TEST_MODULE optcheck_theorems
#include <boost/test/unit_test.hpp>
#include <rapidcheck/boost_test.h>

#include "properties/check.hpp"

namespace {
/// The property body of a catalogue check, run once inside RapidCheck's property context.
/// Each case picks one of the check's problem families, then runs that entry's body. Bodies draw with *gen, which
/// inside RC_BOOST_PROP draws from the case RapidCheck is generating.
void property_of(const char* theorem, const char* optimizer, optcheck::Precision precision) {
  std::vector<const optcheck::CheckEntry*> entries;
  for (const auto& e : optcheck::catalogue().entries())
    if (e.theorem == theorem && e.optimizer == optimizer && e.precision == precision) entries.push_back(&e);
  RC_ASSERT(!entries.empty());
  const optcheck::CheckEntry* e = *rc::gen::elementOf(entries);
  optcheck::assert_outcome(e->body());
}
}  // namespace

using optcheck::Precision;

#define OPTCHECK_SIX(prec_ident, prec)                                                                          \
  BOOST_AUTO_TEST_SUITE(descent_lemma_##prec_ident)                                                            \
  RC_BOOST_PROP(gd, ()) { property_of("descent-lemma", "gd", prec); }                                           \
  RC_BOOST_PROP(gd_armijo, ()) { property_of("descent-lemma", "gd-armijo", prec); }                             \
  BOOST_AUTO_TEST_SUITE_END()                                                                                  \
  BOOST_AUTO_TEST_SUITE(pl_linear_rate_##prec_ident)                                                           \
  RC_BOOST_PROP(gd, ()) { property_of("pl-linear-rate", "gd", prec); }                                          \
  BOOST_AUTO_TEST_SUITE_END()                                                                                  \
  BOOST_AUTO_TEST_SUITE(gd_stability_##prec_ident)                                                             \
  RC_BOOST_PROP(gd, ()) { property_of("gd-stability", "gd", prec); }                                            \
  BOOST_AUTO_TEST_SUITE_END()                                                                                  \
  BOOST_AUTO_TEST_SUITE(robbins_monro_##prec_ident)                                                            \
  RC_BOOST_PROP(sgd, ()) { property_of("robbins-monro", "sgd", prec); }                                         \
  RC_BOOST_PROP(sgd_constant, ()) { property_of("robbins-monro", "sgd-constant", prec); }                       \
  BOOST_AUTO_TEST_SUITE_END()                                                                                  \
  BOOST_AUTO_TEST_SUITE(kkt_##prec_ident)                                                                      \
  RC_BOOST_PROP(qp_ipm, ()) { property_of("kkt", "qp-ipm", prec); }                                             \
  RC_BOOST_PROP(projected_gradient, ()) { property_of("kkt", "projected-gradient", prec); }                     \
  BOOST_AUTO_TEST_SUITE_END()                                                                                  \
  BOOST_AUTO_TEST_SUITE(nesterov_rate_##prec_ident)                                                            \
  RC_BOOST_PROP(nesterov, ()) { property_of("nesterov-rate", "nesterov", prec); }                               \
  RC_BOOST_PROP(nesterov_sc, ()) { property_of("nesterov-rate", "nesterov-sc", prec); }                         \
  BOOST_AUTO_TEST_SUITE_END()

OPTCHECK_SIX(double, Precision::float64)
OPTCHECK_SIX(float128, Precision::float128)
OPTCHECK_SIX(mpfr50, Precision::mpfr50)
OPTCHECK_SIX(float, Precision::float32)
OPTCHECK_SIX(long_double, Precision::long_double)
