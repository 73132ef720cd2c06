// The instances each theorem's property draws: problem, starting point, horizon and the hyperparameters, all inside
// the theorem's hypotheses. Shown (RapidCheck's showValue) as the counterexample when a check fails.
#pragma once

#include <random>

#include "optcheck/scalar/registry.hpp"
#include "properties/instances.hpp"

namespace optcheck {

/// descent-lemma and pl-linear-rate: a smooth problem, a step fraction θ and a start.
struct GradientCase {
  AnyProblemSpec problem;
  double step_fraction = 0.5;  ///< descent-lemma: η = θ·2/L (GD) or ᾱ = θ·8/L (Armijo); pl-linear-rate: η = θ/L
  double shrink = 0.5;         ///< Armijo ρ
  double sufficient = 1e-4;    ///< Armijo c
  std::uint64_t start_seed = 0;
  double radius = 1;
  int horizon = 10;
};

/// gd-stability: a quadratic (dense, or sparse Laplacian), η = θ·2/λmax with θ on either side of 1.
struct StabilityCase {
  std::variant<QuadraticSpec, LaplacianSpec> problem;
  double theta = 0.5;
  std::uint64_t start_seed = 0;
  int horizon = 10;
};

/// robbins-monro: a quadratic, noise σ, a schedule, replicates.
struct SgdCase {
  QuadraticSpec problem;
  double sigma = 0.5;
  double beta_factor = 2;    ///< β = beta_factor / c  (> 1/c)
  double gamma_factor = 0;   ///< γ = βL(1 + gamma_factor)  (so α₁ = β/(γ + 1) < 1/L)
  double alpha_fraction = 0.5;  ///< constant schedule: ᾱ = alpha_fraction / L
  std::uint64_t noise_seed = 0;
  std::uint64_t start_seed = 0;
  int horizon = 100;
  int replicates = 32;
};

/// kkt with the QP solver.
struct QPCase {
  QPSpec problem;
};

/// kkt with projected gradient.
struct SetCase {
  SetProblemSpec problem;
  std::uint64_t start_seed = 0;
};

/// nesterov-rate: a convex problem and a start.
struct AcceleratedCase {
  AnyProblemSpec problem;
  std::uint64_t start_seed = 0;
  double radius = 1;
  int horizon = 20;
};

void showValue(const GradientCase& c, std::ostream& os);
void showValue(const StabilityCase& c, std::ostream& os);
void showValue(const SgdCase& c, std::ostream& os);
void showValue(const QPCase& c, std::ostream& os);
void showValue(const SetCase& c, std::ostream& os);
void showValue(const AcceleratedCase& c, std::ostream& os);

/// Reads a case back from the text showValue prints (properties/replay.cpp). Throws std::invalid_argument naming the
/// field that is missing, malformed or out of range.
void parse_case(const std::string& text, GradientCase& c);
void parse_case(const std::string& text, StabilityCase& c);
void parse_case(const std::string& text, SgdCase& c);
void parse_case(const std::string& text, QPCase& c);
void parse_case(const std::string& text, SetCase& c);
void parse_case(const std::string& text, AcceleratedCase& c);

/// One move of the adversarial search (adversarial_search in check.hpp): changes one parameter of the case, staying
/// inside the theorem's hypotheses and the ranges the generators draw from.
void perturb(GradientCase& c, std::mt19937_64& rng);
void perturb(StabilityCase& c, std::mt19937_64& rng);
void perturb(SgdCase& c, std::mt19937_64& rng);
void perturb(QPCase& c, std::mt19937_64& rng);
void perturb(SetCase& c, std::mt19937_64& rng);
void perturb(AcceleratedCase& c, std::mt19937_64& rng);

/// Sizes of the draws; multiprecision runs use smaller ones (cost ≈ 600× double per flop for float128).
struct CaseLimits {
  int max_dim = 8;
  int max_horizon = 10000;     ///< longest horizon drawn (see gen::horizon: 3 in 5 cases run ≥ 200 iterates)
  int sparse_horizon = 300;    ///< longest horizon on the n = 10⁴ Laplacian
  int worst_case_dim = 241;    ///< largest p of Nesterov's worst-case function (the worst case for (p − 1)/2 steps)
  int replicates = 64;
  int sgd_horizon = 300;
  bool sparse = true;  ///< include the n ≥ 10⁴ Laplacian in gd-stability
};
CaseLimits limits_for(Precision p);
/// The limits profiles draw with: the same in every precision (so every precision profiles the same instance).
CaseLimits profile_limits();

/// The problem families each property draws from (the `problem` of a check).
std::vector<std::string> descent_families();
std::vector<std::string> pl_families();
std::vector<std::string> stability_families(const CaseLimits& l);
std::vector<std::string> accelerated_families(bool strongly_convex);
std::vector<std::string> set_families();

namespace gen {
/// Horizons are drawn for coverage, independently of RapidCheck's size ramp (which would draw a long horizon only in
/// a run's last cases): with probability 3/5 log-uniform in [200, max_horizon], else log-uniform in [1, 200).
/// Shrinks toward 1.
rc::Gen<int> horizon(int max_horizon);
/// Every case generator draws at RapidCheck's full size from the first case on: the ramp is for shrinking.
inline constexpr int kFullSize = 100;
/// family "" draws from every family of the property; otherwise from that one only.
rc::Gen<GradientCase> descent_case(const CaseLimits& l, bool armijo, const std::string& family = "");
rc::Gen<GradientCase> pl_case(const CaseLimits& l, const std::string& family = "");
rc::Gen<StabilityCase> stability_case(const CaseLimits& l, const std::string& family = "");
rc::Gen<SgdCase> sgd_case(const CaseLimits& l);
rc::Gen<QPCase> qp_case(const CaseLimits& l);
rc::Gen<SetCase> set_case(const CaseLimits& l, const std::string& family = "");
rc::Gen<AcceleratedCase> accelerated_case(const CaseLimits& l, bool strongly_convex, const std::string& family = "");
}  // namespace gen

}  // namespace optcheck
