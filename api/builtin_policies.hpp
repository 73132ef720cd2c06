// The built-in optimizers under an arithmetic policy (optcheck/scalar/policy.hpp), registered through the public API
// exactly as a user's optimizer is: gradient descent with step 1/L, FISTA, and strongly convex Nesterov, each on
// every theorem and problem family its claim applies to. (Backtracking, SGD and projected gradient are left out:
// their checks model native arithmetic only, see policy_supports in optcheck/check.hpp.)
#pragma once

#include "optcheck/check.hpp"
#include "optcheck/optimizers/gd.hpp"
#include "optcheck/optimizers/nesterov_fista.hpp"
#include "optcheck/optimizers/nesterov_strongly_convex.hpp"

namespace optcheck {

template <class Policy>
void register_builtin_policy(Catalogue& c) {
  auto gd = [](const auto& s) { return GradientDescent<std::decay_t<decltype(s.L)>>({s.step}); };
  auto fista = [](const auto& s) { return NesterovFista<std::decay_t<decltype(s.L)>>({s.step}); };
  auto nesterov_sc = [](const auto& s) {
    return NesterovStronglyConvex<std::decay_t<decltype(s.L)>>({s.L, s.mu});
  };
  register_subject<Policy>(c, subject("gd", claim::GradientDescent{1.0}, gd));
  register_subject<Policy>(c, subject("nesterov", claim::Fista{}, fista));
  register_subject<Policy>(c, subject("nesterov-sc", claim::StronglyConvexNesterov{}, nesterov_sc));
}

}  // namespace optcheck
