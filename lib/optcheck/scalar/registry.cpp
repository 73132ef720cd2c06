#include "optcheck/scalar/registry.hpp"

#include <cmath>
#include <stdexcept>

namespace optcheck {

const std::vector<PrecisionInfo>& precisions() {
  static const std::vector<PrecisionInfo> table = {
      {Precision::bf16, "bf16", "bfloat16 (Eigen::bfloat16): storage and compute, gradients rounded to bf16", 8, std::ldexp(1.0, -8), PrecisionFamily::lowprec},
      {Precision::fp16, "fp16", "IEEE binary16 (Eigen::half): storage and compute, gradients rounded to fp16", 11, std::ldexp(1.0, -11), PrecisionFamily::lowprec},
      {Precision::float32, "float", "IEEE binary32", 24, std::ldexp(1.0, -24), PrecisionFamily::lowprec},
      {Precision::float64, "double", "IEEE binary64", 53, std::ldexp(1.0, -53), PrecisionFamily::double_},
      {Precision::long_double, "long-double", "x87 80-bit extended", 64, std::ldexp(1.0, -64),
       PrecisionFamily::extended},
      {Precision::float128, "float128", "IEEE binary128 (libquadmath)", 113, std::ldexp(1.0, -113),
       PrecisionFamily::multiprecision},
      {Precision::mpfr50, "mpfr50", "MPFR, 50 decimal digits (168 bits)", 168, std::ldexp(1.0, -168),
       PrecisionFamily::multiprecision},
      // Mixed policies (optcheck/scalar/policy.hpp): u and p are the storage type's.
      {Precision::bf16_mixed, "bf16-mixed", "bf16 weights, float compute and master weights", 8, std::ldexp(1.0, -8),
       PrecisionFamily::lowprec},
      {Precision::fp16_mixed, "fp16-mixed", "fp16 weights, float compute and master weights", 11, std::ldexp(1.0, -11),
       PrecisionFamily::lowprec},
      {Precision::float_double, "float-double", "float weights, double compute and master weights", 24,
       std::ldexp(1.0, -24), PrecisionFamily::lowprec},
  };
  return table;
}

const PrecisionInfo& info(Precision p) {
  for (const auto& i : precisions())
    if (i.id == p) return i;
  throw std::logic_error("unregistered precision");
}

std::optional<Precision> parse_precision(std::string_view name) {
  for (const auto& i : precisions())
    if (i.name == name) return i.id;
  return std::nullopt;
}

std::string precision_names() {
  std::string s;
  for (const auto& i : precisions()) {
    if (!s.empty()) s += ", ";
    s += i.name;
  }
  return s;
}

std::string_view family_name(PrecisionFamily f) {
  switch (f) {
    case PrecisionFamily::lowprec: return "lowprec";
    case PrecisionFamily::double_: return "double";
    case PrecisionFamily::extended: return "extended";
    case PrecisionFamily::multiprecision: return "multiprecision";
  }
  return "?";
}

}  // namespace optcheck
