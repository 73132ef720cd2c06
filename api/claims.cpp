#include "optcheck/claims.hpp"

#include <cmath>
#include <sstream>

#include "api/claim_errors.hpp"

namespace optcheck {

namespace {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

using detail::number;
using detail::require;

bool in_open(double x, double lo, double hi) { return std::isfinite(x) && x > lo && x < hi; }

}  // namespace

std::string describe(const Claim& c) {
  return std::visit(
      Overloaded{
          [](const claim::GradientDescent& g) { return "gradient descent with step " + number(g.step_times_L) + "/L"; },
          [](const claim::Backtracking& b) {
            return "Armijo backtracking from " + number(b.initial_step_times_L) + "/L, shrink " + number(b.shrink) +
                   ", c = " + number(b.sufficient);
          },
          [](const claim::Fista&) { return std::string("FISTA (step 1/L, Beck-Teboulle momentum)"); },
          [](const claim::StronglyConvexNesterov&) {
            return std::string("Nesterov for strongly convex f (step 1/L, momentum (1-sqrt q)/(1+sqrt q))");
          },
          [](const claim::SgdDiminishing& s) {
            return "SGD with a_k = beta/(gamma+k), beta = " + number(s.beta_times_c) + "/c, a_1 = " +
                   number(s.first_step_times_L) + "/L";
          },
          [](const claim::SgdConstant& s) { return "SGD with constant step " + number(s.step_times_L) + "/L"; },
          [](const claim::ProjectedGradient& p) {
            return "projected gradient with step " + number(p.step_times_L) + "/L";
          },
      },
      c);
}

std::vector<std::string> applicable_theorems(const Claim& c) {
  return std::visit(
      Overloaded{
          [](const claim::GradientDescent&) {
            return std::vector<std::string>{"descent-lemma", "pl-linear-rate", "gd-stability"};
          },
          [](const claim::Backtracking&) { return std::vector<std::string>{"descent-lemma"}; },
          [](const claim::Fista&) { return std::vector<std::string>{"nesterov-rate"}; },
          [](const claim::StronglyConvexNesterov&) { return std::vector<std::string>{"nesterov-rate"}; },
          [](const claim::SgdDiminishing&) { return std::vector<std::string>{"robbins-monro"}; },
          [](const claim::SgdConstant&) { return std::vector<std::string>{"robbins-monro"}; },
          [](const claim::ProjectedGradient&) { return std::vector<std::string>{"kkt"}; },
      },
      c);
}

void validate(const Claim& c, const std::string& theorem) {
  const auto applicable = applicable_theorems(c);
  bool known = false;
  std::string list;
  for (const auto& t : applicable) {
    known = known || t == theorem;
    list += (list.empty() ? "" : ", ") + t;
  }
  if (!known) throw ClaimError(describe(c) + ": theorem '" + theorem + "' does not apply to this claim (applies: " + list + ")");
  std::visit(
      Overloaded{
          [&](const claim::GradientDescent& g) {
            const double h = g.step_times_L;
            require(std::isfinite(h) && h > 0, c, theorem, "step_times_L", h, "the step must be finite and > 0");
            if (theorem == "descent-lemma")
              require(h < 2, c, theorem, "step_times_L", h, "sufficient decrease needs eta < 2/L");
            if (theorem == "pl-linear-rate")
              require(h < 2, c, theorem, "step_times_L", h, "the PL rate 1 - 2 mu eta (1 - L eta/2) needs eta < 2/L");
            if (theorem == "gd-stability")
              require(h != 2, c, theorem, "step_times_L", h,
                      "eta = 2/lambda_max is the boundary: the theorem says nothing there");
          },
          [&](const claim::Backtracking& b) {
            require(std::isfinite(b.initial_step_times_L) && b.initial_step_times_L > 0, c, theorem,
                    "initial_step_times_L", b.initial_step_times_L, "the first trial step must be finite and > 0");
            require(in_open(b.shrink, 0, 1), c, theorem, "shrink", b.shrink, "the contraction rho must lie in (0, 1)");
            require(in_open(b.sufficient, 0, 1), c, theorem, "sufficient", b.sufficient,
                    "Armijo's constant c must lie in (0, 1)");
          },
          [](const claim::Fista&) {},
          [](const claim::StronglyConvexNesterov&) {},
          [&](const claim::SgdDiminishing& s) {
            require(std::isfinite(s.beta_times_c) && s.beta_times_c > 1, c, theorem, "beta_times_c", s.beta_times_c,
                    "Thm 4.7 needs beta > 1/c");
            require(std::isfinite(s.first_step_times_L) && s.first_step_times_L > 0 && s.first_step_times_L <= 1, c,
                    theorem, "first_step_times_L", s.first_step_times_L,
                    "Thm 4.7 needs 0 < a_1 = beta/(gamma+1) <= 1/(L M_G) (M_G = 1 here)");
          },
          [&](const claim::SgdConstant& s) {
            require(std::isfinite(s.step_times_L) && s.step_times_L > 0 && s.step_times_L <= 1, c, theorem,
                    "step_times_L", s.step_times_L, "Thm 4.6 needs 0 < a <= 1/(L M_G) (M_G = 1 here)");
          },
          [&](const claim::ProjectedGradient& p) {
            require(std::isfinite(p.step_times_L) && p.step_times_L > 0 && p.step_times_L <= 1, c, theorem,
                    "step_times_L", p.step_times_L, "the projected-gradient contraction needs 0 < gamma <= 1/L");
          },
      },
      c);
}

}  // namespace optcheck
