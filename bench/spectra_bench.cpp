// λmax by Spectra's Lanczos solver, as gd-stability computes it (optcheck::lanczos_lambda_max, tolerance 1e-12),
// against one product with the same operator. Two sparse operators:
//  - n = 10⁶: the 2-D Laplacian (m = 1000, 5 nonzeros per row) plus 4·e_c e_cᵀ at the centre, so the top
//    eigenvalue is separated (the case the dense gd-stability instances draw);
//  - n = 10⁴: the 2-D Laplacian itself (m = 100), as the sparse gd-stability case draws it: its top eigenvalues are
//    clustered (relative gap ~4·10⁻⁴), the hard case for Lanczos.
// The unperturbed Laplacian with n = 10⁶ (relative gap ~4·10⁻⁶) does not converge within 2000 products even at
// tolerance 1e-6; gd-stability does not draw it.
#include <benchmark/benchmark.h>

#include "bench/ratio.hpp"
#include "optcheck/problems/quadratic.hpp"
#include "optcheck/problems/linear_algebra.hpp"

namespace {

using optcheck::Vec;

struct Operator {
  optcheck::LaplacianQuadratic<double> laplacian;
  double spike;
  void operator()(const double* in, double* out) const {
    laplacian.apply_double(in, out);
    const Eigen::Index c = laplacian.dim() / 2;
    out[c] += spike * in[c];
  }
};

const Operator& op(int grid) {
  static const Operator big{optcheck::LaplacianQuadratic<double>({1000, 0.5, 1}), 4.0};
  static const Operator small{optcheck::LaplacianQuadratic<double>({100, 0.5, 1}), 0.0};
  return grid == 1000 ? big : small;
}

void matvec(benchmark::State& state) {
  const Operator& a = op(static_cast<int>(state.range(0)));
  Vec<double> x = Vec<double>::Ones(a.laplacian.dim()), y(a.laplacian.dim());
  for (auto _ : state) {
    a(x.data(), y.data());
    benchmark::DoNotOptimize(y.data());
  }
}

void lanczos_lambda_max(benchmark::State& state) {
  const Operator& a = op(static_cast<int>(state.range(0)));
  optcheck::LanczosResult r;
  for (auto _ : state) {
    r = optcheck::lanczos_lambda_max(a, a.laplacian.dim(), 1e-12);
    benchmark::DoNotOptimize(r.lambda_max);
  }
  state.counters["operator_applications"] = static_cast<double>(r.operator_applications);
  state.counters["converged"] = r.converged;
}

BENCHMARK(matvec)->ArgName("grid")->Arg(1000)->Arg(100)->Unit(benchmark::kMillisecond);
BENCHMARK(lanczos_lambda_max)->ArgName("grid")->Arg(1000)->Arg(100)->Unit(benchmark::kMillisecond);

const bool declared = [] {
  using optcheck::bench::Goal;
  optcheck::bench::declare_ratio("lanczos_lambda_max/grid:1000", "matvec/grid:1000", Goal::at_most, 200,
                                 "Spectra lambda_max, n = 10^6, separated top eigenvalue, in units of one product");
  optcheck::bench::declare_ratio("lanczos_lambda_max/grid:100", "matvec/grid:100", Goal::none, 0,
                                 "Spectra lambda_max, n = 10^4 Laplacian (clustered top), in units of one product");
  return true;
}();

}  // namespace
