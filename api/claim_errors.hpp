// Internal to the api library (not installed): the wording of a refused claim, shared by claims.cpp and
// black_box.cpp.
#pragma once

#include <sstream>
#include <string>

#include "optcheck/claims.hpp"

namespace optcheck::detail {

/// A hyperparameter as the user wrote it (17 significant digits).
inline std::string number(double x) {
  std::ostringstream o;
  o.precision(17);
  o << x;
  return o.str();
}

/// Throws "<claim>: <name> = <value> is outside the hypotheses of <theorem>: <hypothesis>" unless ok.
template <class C>
void require(bool ok, const C& c, const std::string& theorem, const char* name, double value, const char* hypothesis) {
  if (ok) return;
  throw ClaimError(describe(c) + ": " + name + " = " + number(value) + " is outside the hypotheses of " + theorem +
                   ": " + hypothesis);
}

}  // namespace optcheck::detail
