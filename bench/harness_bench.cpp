// Harness overhead: gradient descent driven by optcheck::run (which records f, ‖∇f‖, the distance to x* and the
// error models' bounds at every iterate) against bare Eigen loops doing the same iterations, in double.
#include <benchmark/benchmark.h>

#include "bench/ratio.hpp"
#include "optcheck/optimizers/gd.hpp"
#include "optcheck/problems/quadratic.hpp"
#include "optcheck/run/run.hpp"

namespace {

using optcheck::Vec;
constexpr long kIterations = 200;

optcheck::DenseQuadratic<double> dense_problem(long n) {
  std::vector<double> spectrum(n);
  for (long i = 0; i < n; ++i) spectrum[i] = 1.0 + 99.0 * i / double(n - 1);
  return optcheck::DenseQuadratic<double>({spectrum, 7, 1.0});
}

/// x ← x − η A(x − x*): what the optimizer alone costs.
void bare_gd(benchmark::State& state) {
  const auto q = dense_problem(state.range(0));
  const Vec<double> xs = *q.constants().x_star;
  const double eta = 1 / q.constants().L;
  for (auto _ : state) {
    Vec<double> x = Vec<double>::Zero(q.dim());
    for (long t = 0; t < kIterations; ++t) x -= eta * (q.matrix() * (x - xs));
    benchmark::DoNotOptimize(x.data());
  }
}

/// The same loop also computing what a check reads at each iterate: f(x_t), ‖∇f(x_t)‖, ‖x_t − x*‖; with kCertified,
/// also the certified rounding bounds the harness records: |A||x_t − x*| (a second product, |A| in double),
/// ½|d|ᵀ|A||d| for f and ‖|A||d|‖ for ∇f. What is left between bare_gd_certified and optcheck_run is the harness's
/// bookkeeping (oracle, records, termination checks).
template <bool kCertified>
void bare_gd_observing(benchmark::State& state) {
  const auto q = dense_problem(state.range(0));
  const Vec<double> xs = *q.constants().x_star;
  const optcheck::Mat<double> abs_A = kCertified ? optcheck::Mat<double>(q.matrix().cwiseAbs()) : optcheck::Mat<double>();
  const double eta = 1 / q.constants().L;
  std::vector<double> f(kIterations + 1), g(kIterations + 1), d(kIterations + 1), ef(kIterations + 1),
      eg(kIterations + 1);
  for (auto _ : state) {
    Vec<double> x = Vec<double>::Zero(q.dim());
    for (long t = 0; t <= kIterations; ++t) {
      const Vec<double> r = x - xs;
      const Vec<double> grad = q.matrix() * r;
      f[t] = 0.5 * r.dot(grad);
      g[t] = grad.norm();
      d[t] = r.norm();
      if constexpr (kCertified) {
        const Vec<double> abs_r = r.cwiseAbs();
        const Vec<double> abs_ar = abs_A * abs_r;
        ef[t] = 0.5 * abs_r.dot(abs_ar);
        eg[t] = abs_ar.norm();
      }
      if (t < kIterations) x -= eta * grad;
    }
    benchmark::DoNotOptimize(f.data());
    benchmark::DoNotOptimize(ef.data());
    benchmark::DoNotOptimize(eg.data());
  }
}
void bare_gd_observed(benchmark::State& state) { bare_gd_observing<false>(state); }
void bare_gd_certified(benchmark::State& state) { bare_gd_observing<true>(state); }

/// optcheck::run: GradientDescent through the oracle, every iterate observed into a Trace (with the error models).
void optcheck_run(benchmark::State& state) {
  const auto q = dense_problem(state.range(0));
  optcheck::RunOptions<double> options;
  options.horizon = kIterations;
  for (auto _ : state) {
    optcheck::Oracle<double> oracle(q);
    optcheck::GradientDescent<double> gd({1 / q.constants().L});
    auto trace = optcheck::run(gd, oracle, Vec<double>::Zero(q.dim()), options);
    benchmark::DoNotOptimize(trace.records.data());
  }
}

BENCHMARK(bare_gd)->Arg(10)->Arg(100)->Arg(500);
BENCHMARK(bare_gd_observed)->Arg(10)->Arg(100)->Arg(500);
BENCHMARK(bare_gd_certified)->Arg(10)->Arg(100)->Arg(500);
BENCHMARK(optcheck_run)->Arg(10)->Arg(100)->Arg(500);

using optcheck::bench::Goal;
const bool declared = [] {
  for (const char* n : {"10", "100", "500"}) {
    const std::string s = n;
    optcheck::bench::declare_ratio("optcheck_run/" + s, "bare_gd_observed/" + s, Goal::at_most, 1.2,
                                   "harness vs a bare loop computing the same iterates and f, |grad f|, |x - x*| (n = " + s + ")");
    optcheck::bench::declare_ratio("optcheck_run/" + s, "bare_gd_certified/" + s, Goal::none, 0,
                                   "harness vs the same bare loop also computing the certified rounding bounds (n = " + s + ")");
    optcheck::bench::declare_ratio("optcheck_run/" + s, "bare_gd/" + s, Goal::none, 0,
                                   "harness vs the optimizer's own loop, no observation (n = " + s + ")");
  }
  return true;
}();

}  // namespace
