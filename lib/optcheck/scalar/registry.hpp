// The registry of precision names: the one place where names used by the command line, results files and tests
// are tied to scalar types and their unit roundoff.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optcheck {

/// Scalar types, and the mixed policies of optcheck/scalar/policy.hpp (named after their storage type).
enum class Precision { bf16, fp16, float32, float64, long_double, float128, mpfr50, bf16_mixed, fp16_mixed, float_double };

/// Which family a precision belongs to (ctest labels and cost tiers).
enum class PrecisionFamily { lowprec, double_, extended, multiprecision };

struct PrecisionInfo {
  Precision id;
  std::string_view name;         ///< as written on the command line and in results.json
  std::string_view description;  ///< human-readable
  int significand_bits;          ///< p, including the implicit bit
  double unit_roundoff;          ///< u = 2^-p (of the storage type, for a mixed policy)
  PrecisionFamily family;
};

const std::vector<PrecisionInfo>& precisions();
const PrecisionInfo& info(Precision p);
std::optional<Precision> parse_precision(std::string_view name);
std::string precision_names();  ///< comma-separated, for messages
std::string_view family_name(PrecisionFamily f);

}  // namespace optcheck
