// Theorem `robbins-monro` — convergence of SGD with Robbins–Monro steps, checked statistically.
//
// Statement (Bottou, Curtis, Nocedal, SIAM Review 60(2) 2018, Thm 4.7): let F be L-smooth and c-strongly convex
// (2c(F(w) − F*) ≤ ‖∇F(w)‖²), the stochastic gradient unbiased with E‖g − ∇F‖² ≤ M + M_V‖∇F‖², M_G = M_V + 1.
// SGD with α_k = β/(γ + k), β > 1/c, γ > 0, α₁ ≤ 1/(L·M_G) has, for all k ≥ 1,
//   E[F(w_k) − F*] ≤ ν/(γ + k),  ν = max{β²LM/(2(βc − 1)), (γ + 1)(F(w₁) − F*)}.
// Control (Thm 4.6, fixed ᾱ ≤ 1/(L·M_G)): E[F(w_k) − F*] ≤ ᾱLM/(2c) + (1 − ᾱc)^{k−1}(F(w₁) − F* − ᾱLM/(2c)),
// whose floor ᾱLM/(2c) does not vanish. (Robbins & Monro 1951: Σα_k = ∞, Σα_k² < ∞.)
// Exact reference on f = ½(x − x*)ᵀA(x − x*) with noise N(0, σ²I) (M = nσ², M_V = 0): in A's eigenbasis
//   e_{t+1}⁽ⁱ⁾ = (1 − α_tλᵢ)² e_t⁽ⁱ⁾ + α_t²σ²,   E f_t = ½Σᵢ λᵢ e_t⁽ⁱ⁾  (an equality).
// Statistical check, rigorous rather than asymptotic: on that quadratic x_t is exactly Gaussian (a linear recursion
// driven by Gaussian noise), independent across eigendirections, with mean μᵢ,t and variance sᵢ,t² from the same
// recursion; so f(x_t) − f* = ½Σλᵢ(μᵢ + sᵢZᵢ)² and the mean of R independent replicates is a Gaussian term plus a
// weighted χ² term. Laurent & Massart (Ann. Statist. 28(5) 2000, Lemma 1) bound both tails: with x = ln(6T/α),
//   upper: mean − E ≤ σ_G√(2x) + 2‖a‖₂√x + 2‖a‖∞x,   lower: E − mean ≤ σ_G√(2x) + 2‖a‖₂√x,
// σ_G² = Σλᵢ²μᵢ²sᵢ²/R, aᵢ = λᵢsᵢ²/(2R) repeated R times; each inequality then fails with probability ≤ α/(3T) under
// the null hypothesis, so a whole check (T iterates, three tails) raises a false alarm with probability ≤ α.
#pragma once

#include <vector>

#include "optcheck/problems/quadratic.hpp"
#include "theorems/rounding.hpp"
#include "theorems/verdict.hpp"

namespace optcheck::theorems {

struct RobbinsMonro {
  static constexpr const char* id = "robbins-monro";
  static constexpr const char* statement =
      "SGD with a_k = beta/(gamma+k) has E[F(w_k) - F*] <= nu/(gamma+k) (Thm 4.7); with a fixed step the mean "
      "stalls at a floor (Thm 4.6); on quadratics the mean follows the exact second-moment recursion";
  static constexpr const char* hypotheses =
      "F L-smooth, c-strongly convex; unbiased noise with variance <= M; beta > 1/c, beta/(gamma+1) <= 1/L";
  static constexpr const char* citation = "Bottou, Curtis, Nocedal, SIAM Review 60(2) 2018, Thms 4.6-4.7; Robbins & Monro 1951";
};

/// Everything the statistical check needs besides the replicates.
template <class S>
struct SgdExperiment {
  bool diminishing = true;
  S alpha{0}, beta{0}, gamma{0};  ///< schedule (as configured in the optimizer)
  S L{0}, c{0};                   ///< smoothness and strong convexity
  double sigma = 0;               ///< noise standard deviation per coordinate
  double false_alarm = 1e-9;      ///< nominal α of the whole check
  S step_at(long k) const { return diminishing ? S(beta / (gamma + S(k))) : alpha; }
};

/// The exact law of f(x_t) − f* at one iterate (see the header): its mean and the parameters of its tail bounds.
template <class S>
struct SuboptimalityLaw {
  S mean{0};
  double gaussian_variance = 0;  ///< Σλᵢ²μᵢ²sᵢ² (one replicate)
  double chi_l2_squared = 0;     ///< Σ(λᵢsᵢ²/2)²  (one replicate)
  double chi_max = 0;            ///< max λᵢsᵢ²/2
  /// Deviation of the mean of R replicates that is exceeded with probability ≤ e^(−x) per tail (Laurent–Massart).
  double upper_deviation(double R, double x) const {
    return std::sqrt(gaussian_variance / R * 2 * x) + 2 * std::sqrt(chi_l2_squared / R * x) + 2 * chi_max / R * x;
  }
  double lower_deviation(double R, double x) const {
    return std::sqrt(gaussian_variance / R * 2 * x) + 2 * std::sqrt(chi_l2_squared / R * x);
  }
};

/// The law of f(x_t) − f* for t = 0..T from the exact mean/variance recursion in A's eigenbasis, in S:
///   μ_{t+1} = (1 − α_tλ)μ_t,  s²_{t+1} = (1 − α_tλ)²s²_t + α_t²σ²,  E f_t = ½Σλ(μ² + s²).
template <class S>
std::vector<SuboptimalityLaw<S>> suboptimality_law(const DenseQuadratic<S>& q, const Vec<S>& x0,
                                                  const SgdExperiment<S>& e, long T) {
  Vec<S> mu = q.eigenbasis().transpose() * Vec<S>(x0 - *q.constants().x_star);
  Vec<S> var = Vec<S>::Zero(mu.size());
  const auto& lam = q.spec().eigenvalues;
  const S s2 = scalar_cast<S>(e.sigma * e.sigma);
  std::vector<SuboptimalityLaw<S>> out;
  out.reserve(T + 1);
  for (long t = 0; t <= T; ++t) {
    SuboptimalityLaw<S> law;
    for (Eigen::Index i = 0; i < mu.size(); ++i) {
      const S l = scalar_cast<S>(lam[i]);
      law.mean += l * (mu[i] * mu[i] + var[i]) / S(2);
      const double ld = lam[i], m = to_double(mu[i]), v = to_double(var[i]);
      law.gaussian_variance += ld * ld * m * m * v;
      law.chi_l2_squared += (ld * v / 2) * (ld * v / 2);
      law.chi_max = std::max(law.chi_max, ld * v / 2);
    }
    out.push_back(law);
    const S a = e.step_at(t + 1);
    for (Eigen::Index i = 0; i < mu.size(); ++i) {
      const S r = S(1) - a * scalar_cast<S>(lam[i]);
      mu[i] *= r;
      var[i] = r * r * var[i] + a * a * s2;
    }
  }
  return out;
}

/// E[f(x_t) − f*] for t = 0..T (the means of suboptimality_law).
template <class S>
std::vector<S> expected_suboptimality(const DenseQuadratic<S>& q, const Vec<S>& x0, const SgdExperiment<S>& e, long T) {
  std::vector<S> out;
  for (const auto& law : suboptimality_law(q, x0, e, T)) out.push_back(law.mean);
  return out;
}

/// replicates[r] = the trace of replicate r; all start at the same w₁ = x₀.
template <class S>
Verdict check_robbins_monro(const std::vector<Trace<S>>& replicates, const std::vector<SuboptimalityLaw<S>>& law,
                            const SgdExperiment<S>& e, Eigen::Index n) {
  Verdict v;
  const long R = static_cast<long>(replicates.size());
  if (R < 8) {
    v.mark_inconclusive("fewer than 8 replicates");
    return v;
  }
  long T = static_cast<long>(law.size()) - 1;
  for (const auto& tr : replicates) {
    if (!tr.ok()) {
      v.mark_inconclusive("a replicate stopped early: " + to_string(tr.termination) + " " + tr.termination_detail);
      return v;
    }
    T = std::min<long>(T, static_cast<long>(tr.records.size()) - 1);
  }
  const double u = unit_roundoff<S>();
  const double x = std::log(6.0 * static_cast<double>(T) / e.false_alarm);
  const S M = scalar_cast<S>(e.sigma * e.sigma * static_cast<double>(n));
  const S F1 = replicates[0].records[0].suboptimality;
  S nu(0);
  if (e.diminishing) {
    const S a = e.beta * e.beta * e.L * M / (S(2) * (e.beta * e.c - S(1)));
    const S b = (e.gamma + S(1)) * F1;
    nu = a > b ? a : b;
    if (!(e.beta * e.c > S(1)) || !(e.beta / (e.gamma + S(1)) <= S(1) / e.L))
      v.mark_inconclusive("schedule outside Thm 4.7's hypotheses (beta > 1/c, beta/(gamma+1) <= 1/L)");
  } else if (!(e.alpha <= S(1) / e.L)) {
    v.mark_inconclusive("fixed step above 1/L (Thm 4.6's hypothesis)");
  }
  const S floor_bound = e.alpha * e.L * M / (S(2) * e.c);
  const double nd = static_cast<double>(n), Rd = static_cast<double>(R);
  std::vector<double> accumulated(R, 0.0);
  S contraction(1);
  for (long t = 0; t <= T; ++t) {
    S mean(0);
    double numerical = 0;
    for (long r = 0; r < R; ++r) {
      const auto& rec = replicates[r].records;
      mean += rec[t].suboptimality;
      // the noise sample is part of the rounded product α·g̃: one more γ_2 of α·σ√n·(a generous 4 standard deviations)
      if (t > 0)
        accumulated[r] += gradient_step_perturbation(rec[t - 1], rec[t], replicates[r].arithmetic, n) +
                          gamma_k(2, u) * to_double(rec[t].step_size) * 4 * e.sigma * std::sqrt(nd);
      numerical += rec[t].value_error + value_change(rec[t], accumulated[r], to_double(e.L));
    }
    mean /= S(static_cast<int>(R));
    numerical /= Rd;
    // The reference runs in the constructed eigenbasis, which diagonalizes the stored A only to within the Weyl
    // margin (√n·u_S + 4n²·u_build ≤ (4n² + n)·u_S relative), and rounds 4 times per step for t steps.
    const double reference = gamma_k(8 * nd * nd + 2 * nd + 4.0 * static_cast<double>(t) + 4, u) * to_double(law[t].mean);
    const std::string why =
        "Laurent-Massart tail of the exact law of the mean, x = ln(6T/alpha), plus rounding of f, of the trajectory "
        "and of the reference recursion; scale = E f_t";
    const double scale = to_double(law[t].mean) + 1e-300;
    const Slack up = Slack::make(law[t].upper_deviation(Rd, x) + numerical + reference, u, scale, why);
    const Slack down = Slack::make(law[t].lower_deviation(Rd, x) + numerical + reference, u, scale, why);
    const long k = t + 1;  // Bottou's w_k is our record t = k − 1
    if (e.diminishing) {
      v.upper(t, "Thm 4.7: mean <= nu/(gamma+k)", mean, S(nu / (e.gamma + S(k))), up);
      v.bound_curve.emplace_back(t, to_double(S(nu / (e.gamma + S(k)))));
    } else {
      v.upper(t, "Thm 4.6: mean <= floor + (1-a c)^(k-1)(F1 - floor)", mean,
              S(floor_bound + contraction * (F1 - floor_bound)), up);
      v.bound_curve.emplace_back(t, to_double(S(floor_bound + contraction * (F1 - floor_bound))));
      contraction *= S(1) - e.alpha * e.c;
    }
    v.upper(t, "mean <= exact expectation (recursion)", mean, law[t].mean, up, true);
    v.lower(t, "mean >= exact expectation (recursion)", mean, law[t].mean, down, true);
    if (t == T) {
      v.metrics.push_back({"mean_at_T", to_double(mean)});
      v.metrics.push_back({"exact_expectation_at_T", to_double(law[t].mean)});
      if (e.diminishing) v.metrics.push_back({"bound_at_T", to_double(S(nu / (e.gamma + S(k))))});
    }
  }
  v.metrics.push_back({"replicates", Rd});
  v.metrics.push_back({"false_alarm_probability", e.false_alarm});
  if (!e.diminishing) v.metrics.push_back({"floor_thm_4_6", to_double(floor_bound)});
  return v;
}

}  // namespace optcheck::theorems
