// Cost of each arithmetic relative to double on the same problem, two ways:
//  - kernel<S>: one GD iteration's arithmetic written out (dense matvec and axpy, n = 32), so that only the scalar
//    type differs: the raw cost per flop of the arithmetic;
//  - check_run<S>: optcheck::run of GD on the same dense quadratic in S (what a check costs per case).
// Instantiated in two translation units: native types, and the multiprecision ones (which compile slowly).
#pragma once

#include <benchmark/benchmark.h>

#include <vector>

#include "optcheck/optimizers/gd.hpp"
#include "optcheck/problems/quadratic.hpp"
#include "optcheck/run/run.hpp"

namespace optcheck::bench {

inline constexpr int kKernelSize = 32;

template <class S>
void kernel(benchmark::State& state) {
  const int n = kKernelSize;
  std::vector<S> A(n * n), x(n), y(n);
  for (int i = 0; i < n; ++i) {
    x[i] = S(1) / S(i + 1);
    for (int j = 0; j < n; ++j) A[i * n + j] = S(1) / S(i + j + 1);  // Hilbert matrix: λmax < π
  }
  const S eta = S(1) / S(4);
  for (auto _ : state) {
    for (int i = 0; i < n; ++i) {
      S s(0);
      for (int j = 0; j < n; ++j) s += A[i * n + j] * x[j];
      y[i] = s;
    }
    for (int i = 0; i < n; ++i) x[i] -= eta * y[i];
    benchmark::DoNotOptimize(x.data());
  }
}

template <class S>
void check_run(benchmark::State& state) {
  std::vector<double> spectrum(kKernelSize);
  for (int i = 0; i < kKernelSize; ++i) spectrum[i] = 1.0 + 9.0 * i / (kKernelSize - 1);
  const DenseQuadratic<S> q({spectrum, 7, 1.0});
  RunOptions<S> options;
  options.horizon = 50;
  for (auto _ : state) {
    Oracle<S> oracle(q);
    GradientDescent<S> gd({S(1) / q.constants().L});
    auto trace = run(gd, oracle, Vec<S>::Zero(q.dim()), options);
    benchmark::DoNotOptimize(trace.records.data());
  }
}

}  // namespace optcheck::bench
