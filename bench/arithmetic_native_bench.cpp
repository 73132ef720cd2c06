#ifdef OPTCHECK_HAVE_QD
#include <qd/dd_real.h>
#endif

#include "bench/arithmetic.hpp"
#include "bench/ratio.hpp"

namespace optcheck::bench {
namespace {

BENCHMARK(kernel<float>);
BENCHMARK(kernel<double>);
BENCHMARK(kernel<long double>);
#ifdef OPTCHECK_HAVE_QD
// QD's double-double (106-bit significand, libqd-dev): a candidate ≥ 100-bit reference cheaper than float128.
BENCHMARK(kernel<dd_real>);
#endif
BENCHMARK(check_run<float>);
BENCHMARK(check_run<double>);
BENCHMARK(check_run<long double>);

const bool declared = [] {
  declare_ratio("kernel<float>", "kernel<double>", Goal::none, 0, "float arithmetic per flop vs double");
  declare_ratio("kernel<long double>", "kernel<double>", Goal::none, 0, "x87 long double per flop vs double");
  declare_ratio("kernel<dd_real>", "kernel<double>", Goal::at_most, 50,
                "QD double-double (106 bits) per flop vs double: worth a reference tier if <= 50x");
  declare_ratio("check_run<float>", "check_run<double>", Goal::none, 0, "optcheck::run of GD, float vs double");
  declare_ratio("check_run<long double>", "check_run<double>", Goal::none, 0,
                "optcheck::run of GD, long double vs double");
  return true;
}();

}  // namespace
}  // namespace optcheck::bench
