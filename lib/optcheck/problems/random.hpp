// Seeded, platform-independent random numbers. std::normal_distribution's output differs between standard
// libraries, so results files would not be reproducible across machines with it; these are specified bit for bit.
#pragma once

#include <cmath>
#include <cstdint>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// SplitMix64 (Steele, Lea, Flood 2014): a 64-bit generator with a fully specified output sequence.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform on (0, 1), 53 random bits.
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  /// Standard normal by Box–Muller (one of the pair is discarded to keep the stream position simple).
  double normal() {
    const double r = std::sqrt(-2.0 * std::log(uniform()));
    return r * std::cos(6.283185307179586 * uniform());
  }
  /// Integer uniform in [lo, hi].
  long integer(long lo, long hi) { return lo + static_cast<long>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }

 private:
  std::uint64_t state_;
};

/// A random orthogonal matrix in B, as a product of n Householder reflectors with Gaussian vectors. Orthogonal to
/// within about 2n·u_B (each reflector is orthogonal to within a few u_B).
template <class B>
Mat<B> random_orthogonal(Eigen::Index n, Rng& rng) {
  Mat<B> Q = Mat<B>::Identity(n, n);
  for (Eigen::Index r = 0; r < n; ++r) {
    Vec<B> v(n);
    for (Eigen::Index i = 0; i < n; ++i) v[i] = B(rng.normal());
    const B vv = v.squaredNorm();
    Q -= (Q * v) * (B(2) / vv * v.transpose());
  }
  return Q;
}

/// A minimizer for the separable test functions: coordinates on a 2^-10 grid in [−1, 1] (exact in every arithmetic).
template <class S>
Vec<S> grid_minimizer(int dim, std::uint64_t seed) {
  Rng rng(seed * 2654435761ULL + 17);
  Vec<S> xs(dim);
  for (int i = 0; i < dim; ++i) xs[i] = scalar_cast<S>(std::ldexp(std::round(std::ldexp(2 * rng.uniform() - 1, 10)), -10));
  return xs;
}

}  // namespace optcheck
