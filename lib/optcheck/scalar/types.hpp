// The scalar types optcheck runs optimizers in, and what every layer needs to know about them.
#pragma once

#include <Eigen/Core>
#include <boost/multiprecision/float128.hpp>
#include <boost/multiprecision/mpfr.hpp>
#include <cmath>
#include <limits>
#include <type_traits>

#include "optcheck/scalar/eigen_multiprecision.hpp"

namespace optcheck {

using bf16 = Eigen::bfloat16;
using fp16 = Eigen::half;
using float128 = boost::multiprecision::number<boost::multiprecision::float128_backend, boost::multiprecision::et_off>;
/// MPFR with 50 decimal digits (166-bit significand), expression templates off so that Eigen can use it.
using mpfr50 = boost::multiprecision::number<boost::multiprecision::mpfr_float_backend<50>, boost::multiprecision::et_off>;

template <class S>
using Vec = Eigen::Matrix<S, Eigen::Dynamic, 1>;
template <class S>
using Mat = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>;

/// Unit roundoff u = β^(1−p)/2: the largest relative error of one correctly rounded operation.
template <class S>
double unit_roundoff();


/// True for types whose significand is at least 100 bits (the "essentially exact" tier).
template <class S>
constexpr bool is_multiprecision_v = std::numeric_limits<S>::digits >= 100;

/// True for the 16-bit storage types, whose Eigen support stops at basic arithmetic.
template <class S>
constexpr bool is_half_width_v = std::is_same_v<S, bf16> || std::is_same_v<S, fp16>;

/// The type in which problem data and certified constants for a run in S are computed: never narrower than
/// long double, and S itself when S is wider. Boost.Math's rule: the reference is at least as wide as the type tested.
template <class S>
using build_t = std::conditional_t<(std::numeric_limits<S>::digits > std::numeric_limits<long double>::digits), S,
                                   long double>;

/// Converts between any two of optcheck's scalars (the 16-bit types go through float, mp types through their own
/// conversions).
template <class To, class From>
To scalar_cast(const From& x) {
  if constexpr (std::is_same_v<To, From>) {
    return x;
  } else if constexpr (is_half_width_v<From>) {
    return scalar_cast<To>(static_cast<float>(x));
  } else if constexpr (is_half_width_v<To>) {
    return To(static_cast<float>(x));
  } else if constexpr (std::is_arithmetic_v<To>) {
    return static_cast<To>(x);
  } else {
    return To(x);
  }
}

/// u = 2^(−p) from the significand width p = numeric_limits<S>::digits. (Not from epsilon(): Eigen 3.4.0's
/// numeric_limits<Eigen::half>::epsilon() is 2^−13 instead of 2^−10; tests/unit_core.cpp pins this.)
template <class S>
double unit_roundoff() {
  return std::ldexp(1.0, -std::numeric_limits<S>::digits);
}

/// The largest absolute error of one operation that underflows: denorm_min/2 (0 in double for MPFR, whose exponent
/// range is far below double's).
template <class S>
double underflow_unit() {
  // Higham's η is half the smallest subnormal; for double that half is not representable (it rounds to 0), so
  // double uses the smallest subnormal itself (a bound twice as large). Types whose subnormals lie below double's
  // range give 0: their slacks are compared in double, where such differences vanish too.
  const double smallest = scalar_cast<double>(std::numeric_limits<S>::denorm_min());
  return smallest / 2 > 0 ? smallest / 2 : smallest;
}

/// Double approximation of any scalar (for reports: never for checks in S).
template <class S>
double to_double(const S& x) {
  return scalar_cast<double>(x);
}

template <class To, class From>
Vec<To> vec_cast(const Vec<From>& v) {
  Vec<To> out(v.size());
  for (Eigen::Index i = 0; i < v.size(); ++i) out[i] = scalar_cast<To>(v[i]);
  return out;
}

template <class To, class From>
Mat<To> mat_cast(const Mat<From>& m) {
  Mat<To> out(m.rows(), m.cols());
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i) out(i, j) = scalar_cast<To>(m(i, j));
  return out;
}

/// Finite test that works for every scalar: x − x is 0 for finite x and NaN for NaN and ±Inf.
template <class S>
bool is_finite(const S& x) {
  return (x - x) == S(0);
}

template <class S>
bool all_finite(const Vec<S>& v) {
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!is_finite(v[i])) return false;
  return true;
}

/// Largest |v_i| (0 for an empty vector; NaN/Inf propagate as Inf-or-NaN comparisons allow).
template <class S>
S max_abs(const Vec<S>& v) {
  using std::abs;
  S m(0);
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    const S a = abs(v[i]);
    if (!(a <= m)) m = a;  // NaN wins
  }
  return m;
}

/// Euclidean norm accumulated in S, scaled by max|v_i| as in LAPACK's dnrm2 so that squares neither underflow
/// (iterates near 1e-160 in double) nor overflow. (Eigen's norm() does not support the 16-bit types' sqrt.)
/// float, double and long double first try Σv_i² unscaled (Eigen's vectorized sum): every term is ≥ 0, so a finite
/// sum means no partial sum overflowed, and a sum ≥ min_normal/ε² means the squares that underflowed (each off by at
/// most the smallest subnormal) change it by less than n·ε³ relative. Either way the result is within the bound of
/// any summation order, γ_(n+1)·‖v‖ (Higham 2002, §3.1), with fewer roundings than the scaled loop (no division). The
/// scaled loop remains for the rest: tiny, huge, NaN or infinite vectors, and the other scalars. In a sparse check
/// (the Laplacian, 5 products per coordinate) the scaled loop's divisions cost more than the product with A.
template <class S>
S norm2(const Vec<S>& v) {
  using std::sqrt;
  if constexpr (std::is_floating_point_v<S>) {
    using limits = std::numeric_limits<S>;
    constexpr S kSmallestSafeSum = limits::min() / (limits::epsilon() * limits::epsilon());
    const S s = v.squaredNorm();
    if (s >= kSmallestSafeSum && s <= limits::max()) return sqrt(s);
  }
  const S m = max_abs(v);
  if (!(m > S(0)) || !is_finite(m)) return m;
  S s(0);
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    const S r = v[i] / m;
    s += r * r;
  }
  return m * sqrt(s);
}

}  // namespace optcheck
