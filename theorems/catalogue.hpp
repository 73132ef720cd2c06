// The theorem catalogue: ids, statements, hypotheses and citations, for listings and reports.
#pragma once

#include <array>

#include "theorems/descent_lemma.hpp"
#include "theorems/gd_stability.hpp"
#include "theorems/kkt.hpp"
#include "theorems/line_search.hpp"
#include "theorems/nesterov_rate.hpp"
#include "theorems/pl_linear_rate.hpp"
#include "theorems/robbins_monro.hpp"
#include "theorems/stationarity.hpp"

namespace optcheck::theorems {

struct TheoremInfo {
  const char* id;
  const char* statement;
  const char* hypotheses;
  const char* citation;
};

template <class T>
constexpr TheoremInfo info_of() {
  return {T::id, T::statement, T::hypotheses, T::citation};
}

/// The six theorems of the built-in suite, then the claims of black-box solvers (checked only for user subjects).
inline constexpr std::array<TheoremInfo, 8> catalogue = {
    info_of<DescentLemma>(), info_of<PlLinearRate>(), info_of<GdStability>(), info_of<RobbinsMonro>(),
    info_of<Kkt>(),          info_of<NesterovRate>(), info_of<LineSearch>(),  info_of<Stationarity>(),
};

}  // namespace optcheck::theorems
