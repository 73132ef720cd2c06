// Arithmetic policies: where an optimizer's numbers live (storage), what its step is computed in (compute), and the
// wider type the harness evaluates f and ∇f and checks the theorem in. The native policy is one type for all three.
//
//   policy        storage  compute  harness  gradient handed to the optimizer
//   bf16          bf16     bf16     double   ∇f at the bf16 iterate, rounded to bf16 (a GEMM accumulating in
//                                            fp32 and rounding its output, as tensor cores do)
//   fp16          fp16     fp16     double   the same with fp16
//   bf16-mixed    bf16     float    double   ∇f at the bf16 weights, rounded to float; the step updates float master
//                                            weights, which are rounded to bf16 after each step (Micikevicius et al.,
//                                            "Mixed Precision Training", ICLR 2018, §3.1)
//   fp16-mixed    fp16     float    double   the same with fp16 weights
//   float-double  float    double   double   float weights, double master weights and accumulation
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include "optcheck/scalar/registry.hpp"
#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// How the step x_{k+1} = x_k − α·g of an optimizer is rounded, relative to the harness's arithmetic: what the
/// error bounds of theorems/rounding.hpp are built from. All zero except compute_u/compute_eta for a native run.
struct StepArithmetic {
  double compute_u = 0;    ///< unit roundoff of the type the step is computed in
  double compute_eta = 0;  ///< its underflow unit (half the smallest subnormal)
  double gradient_u = 0;   ///< relative rounding of each gradient coordinate handed to the optimizer (0: exact)
  double parameter_u = 0;  ///< relative rounding of hyperparameters (the step α) converted into the compute type
  double storage_u = 0;    ///< unit roundoff of the stored iterate when narrower than compute (master weights)
  double storage_eta = 0;
  /// The largest finite number of the optimizer's types (compute and storage): what an instance must fit in.
  double max_finite = std::numeric_limits<double>::infinity();
  std::string name;        ///< the policy, for messages

  /// Relative perturbation of an iterate per step from the arithmetic alone (the master copy and the stored weights
  /// differ by storage_u before and after the step): what a stalled run's update must exceed to move x.
  double iterate_u() const { return compute_u + 2 * storage_u; }
  bool native() const { return gradient_u == 0 && parameter_u == 0 && storage_u == 0; }
  std::string describe() const {
    std::ostringstream m;
    m.precision(3);
    m << name << ": step computed with u = " << compute_u;
    if (gradient_u > 0) m << ", gradient rounded with u = " << gradient_u;
    if (parameter_u > 0) m << ", step size rounded with u = " << parameter_u;
    if (storage_u > 0) m << ", weights stored with u = " << storage_u << " (master copy in the compute type)";
    return m.str();
  }
};

template <class S>
StepArithmetic native_arithmetic() {
  StepArithmetic a;
  a.compute_u = unit_roundoff<S>();
  a.compute_eta = underflow_unit<S>();
  a.max_finite = to_double(std::numeric_limits<S>::max());
  a.name = "native";
  return a;
}

/// An arithmetic policy (see the table above). Id is its registry precision; results and reports name it.
template <class Storage, class Compute, class Harness, Precision Id>
struct ArithmeticPolicy {
  using storage = Storage;
  using compute = Compute;
  using harness = Harness;
  static constexpr Precision id = Id;
  static_assert(std::numeric_limits<Storage>::digits <= std::numeric_limits<Compute>::digits,
                "storage must not be wider than compute");
  static_assert(std::numeric_limits<Compute>::digits <= std::numeric_limits<Harness>::digits,
                "the harness must be at least as wide as the compute type");

  static StepArithmetic arithmetic() {
    StepArithmetic a;
    a.compute_u = unit_roundoff<Compute>();
    a.compute_eta = underflow_unit<Compute>();
    if constexpr (!std::is_same_v<Compute, Harness>) {
      a.gradient_u = unit_roundoff<Compute>();
      a.parameter_u = unit_roundoff<Compute>();
    }
    if constexpr (!std::is_same_v<Storage, Compute>) {
      a.storage_u = unit_roundoff<Storage>();
      a.storage_eta = underflow_unit<Storage>();
    }
    a.max_finite = std::min(to_double(std::numeric_limits<Storage>::max()), to_double(std::numeric_limits<Compute>::max()));
    a.name = std::string(info(Id).name);
    return a;
  }
};

namespace policy {
using bf16 = ArithmeticPolicy<optcheck::bf16, optcheck::bf16, double, Precision::bf16>;
using fp16 = ArithmeticPolicy<optcheck::fp16, optcheck::fp16, double, Precision::fp16>;
using bf16_mixed = ArithmeticPolicy<optcheck::bf16, float, double, Precision::bf16_mixed>;
using fp16_mixed = ArithmeticPolicy<optcheck::fp16, float, double, Precision::fp16_mixed>;
using float_double = ArithmeticPolicy<float, double, double, Precision::float_double>;
}  // namespace policy

template <class T>
struct is_arithmetic_policy : std::false_type {};
template <class St, class C, class H, Precision Id>
struct is_arithmetic_policy<ArithmeticPolicy<St, C, H, Id>> : std::true_type {};
template <class T>
constexpr bool is_arithmetic_policy_v = is_arithmetic_policy<T>::value;

}  // namespace optcheck
