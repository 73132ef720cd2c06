// Eigen::NumTraits for Boost.Multiprecision numbers (expression templates off).
//
// Boost 1.74's <boost/multiprecision/eigen.hpp> lacks NumTraits::infinity() and quiet_NaN(), which Eigen 3.4's
// eigen-solvers need (see ../shared/DESIGN.md, pitfalls). This specialization replaces it; do not include Boost's.
#pragma once

#include <Eigen/Core>
#include <boost/multiprecision/number.hpp>
#include <limits>

namespace Eigen {

template <class Backend>
struct NumTraits<boost::multiprecision::number<Backend, boost::multiprecision::et_off>> {
  using Self = boost::multiprecision::number<Backend, boost::multiprecision::et_off>;
  using Real = Self;
  using NonInteger = Self;
  using Literal = Self;
  using Nested = Self;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 4,
    MulCost = 8
  };
  static Self epsilon() { return std::numeric_limits<Self>::epsilon(); }
  static Self dummy_precision() { return 1000 * epsilon(); }
  static Self highest() { return (std::numeric_limits<Self>::max)(); }
  static Self lowest() { return std::numeric_limits<Self>::lowest(); }
  static Self infinity() { return std::numeric_limits<Self>::infinity(); }
  static Self quiet_NaN() { return std::numeric_limits<Self>::quiet_NaN(); }
  static int digits10() { return std::numeric_limits<Self>::digits10; }
  static int digits() { return std::numeric_limits<Self>::digits; }
};

}  // namespace Eigen
