// Shared helpers for hyperparameter validation: every violation names the parameter and the value.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// Throws std::invalid_argument("<optimizer>: <name> = <value> <requirement>") unless ok.
template <class T>
void require(bool ok, const char* optimizer, const char* name, const T& value, const char* requirement) {
  if (ok) return;
  std::ostringstream m;
  m << optimizer << ": " << name << " = " << to_double(value) << " " << requirement;
  throw std::invalid_argument(m.str());
}

}  // namespace optcheck
