#include "bench/arithmetic.hpp"
#include "bench/ratio.hpp"

namespace optcheck::bench {
namespace {

BENCHMARK(kernel<float128>);
BENCHMARK(kernel<mpfr50>);
BENCHMARK(check_run<float128>);
BENCHMARK(check_run<mpfr50>);

const bool declared = [] {
  declare_ratio("kernel<float128>", "kernel<double>", Goal::none, 0, "float128 (libquadmath) per flop vs double");
  declare_ratio("kernel<mpfr50>", "kernel<double>", Goal::none, 0, "MPFR 168 bits per flop vs double");
  declare_ratio("check_run<float128>", "check_run<double>", Goal::none, 0, "optcheck::run of GD, float128 vs double");
  declare_ratio("check_run<mpfr50>", "check_run<double>", Goal::none, 0, "optcheck::run of GD, MPFR vs double");
  return true;
}();

}  // namespace
}  // namespace optcheck::bench
