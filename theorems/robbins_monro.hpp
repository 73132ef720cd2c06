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
// Statistical check: R independent replicates; at every iterate t the sample mean m_t is compared with the bound
// (one-sided) and with E f_t (two-sided) using a CLT threshold with a Cornish–Fisher skewness correction,
//   m_t ≤ bound_t + (s_t/√R)(z + |skew_t|(z² − 1)/(6√R)),
// z = Φ⁻¹(1 − α/(3T)) (Bonferroni over T iterates and three tails), so the nominal false-alarm probability of a
// whole check is α.
#pragma once

#include <boost/math/distributions/normal.hpp>
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

/// E[f(x_t) − f*] for t = 0..T from the exact second-moment recursion, in S.
template <class S>
std::vector<S> expected_suboptimality(const DenseQuadratic<S>& q, const Vec<S>& x0, const SgdExperiment<S>& e, long T) {
  const Vec<S> c0 = q.eigenbasis().transpose() * Vec<S>(x0 - *q.constants().x_star);
  const auto& lam = q.spec().eigenvalues;
  Vec<S> m = c0.cwiseProduct(c0);
  const S s2 = scalar_cast<S>(e.sigma * e.sigma);
  std::vector<S> out;
  out.reserve(T + 1);
  for (long t = 0; t <= T; ++t) {
    S f(0);
    for (Eigen::Index i = 0; i < m.size(); ++i) f += scalar_cast<S>(lam[i]) * m[i];
    out.push_back(f / S(2));
    const S a = e.step_at(t + 1);
    for (Eigen::Index i = 0; i < m.size(); ++i) {
      const S r = S(1) - a * scalar_cast<S>(lam[i]);
      m[i] = r * r * m[i] + a * a * s2;
    }
  }
  return out;
}

/// replicates[r][t] = the trace of replicate r; all start at the same w₁ = x₀.
template <class S>
Verdict check_robbins_monro(const std::vector<Trace<S>>& replicates, const std::vector<S>& expected,
                            const SgdExperiment<S>& e, Eigen::Index n) {
  Verdict v;
  const long R = static_cast<long>(replicates.size());
  if (R < 8) {
    v.mark_inconclusive("fewer than 8 replicates");
    return v;
  }
  long T = static_cast<long>(expected.size()) - 1;
  for (const auto& tr : replicates) {
    if (!tr.ok()) {
      v.mark_inconclusive("a replicate stopped early: " + to_string(tr.termination) + " " + tr.termination_detail);
      return v;
    }
    T = std::min<long>(T, static_cast<long>(tr.records.size()) - 1);
  }
  const double u = unit_roundoff<S>();
  const double z = boost::math::quantile(boost::math::complement(boost::math::normal(), e.false_alarm / (3.0 * T)));
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
  const double sqrtR = std::sqrt(static_cast<double>(R));
  std::vector<double> accumulated(R, 0.0);
  for (long t = 0; t <= T; ++t) {
    S mean(0);
    double numerical = 0;
    for (long r = 0; r < R; ++r) {
      const auto& rec = replicates[r].records;
      mean += rec[t].suboptimality;
      // the noise sample is part of the rounded product α·g̃: one more γ_2 of α·σ√n·(a generous 4 standard deviations)
      if (t > 0)
        accumulated[r] += gradient_step_perturbation(rec[t - 1], rec[t], u) +
                          gamma_k(2, u) * to_double(rec[t].step_size) * 4 * e.sigma * std::sqrt(double(n));
      numerical += rec[t].value_error + value_change(rec[t], accumulated[r], to_double(e.L));
    }
    mean /= S(static_cast<int>(R));
    numerical /= static_cast<double>(R);
    double m2 = 0, m3 = 0;
    const double md = to_double(mean);
    for (long r = 0; r < R; ++r) {
      const double d = to_double(replicates[r].records[t].suboptimality) - md;
      m2 += d * d;
      m3 += d * d * d;
    }
    const double sd = std::sqrt(m2 / static_cast<double>(R - 1));
    const double skew = m2 > 0 ? (m3 / static_cast<double>(R)) / std::pow(m2 / static_cast<double>(R), 1.5) : 0.0;
    const double stat = sd / sqrtR * (z + std::abs(skew) * (z * z - 1) / (6 * sqrtR));
    const Slack s = Slack::make(stat + numerical, u, md + 1e-300,
                                "statistical: (s/sqrt(R))(z + |skew|(z^2-1)/(6 sqrt(R))), z = Phi^-1(1 - alpha/(3T)), "
                                "plus rounding of f and of the trajectory; scale = sample mean");
    const long k = t + 1;  // Bottou's w_k is our record t = k − 1
    if (e.diminishing) {
      v.upper(t, "Thm 4.7: mean <= nu/(gamma+k)", mean, S(nu / (e.gamma + S(k))), s);
    } else {
      S contraction(1);
      for (long i = 1; i < k; ++i) contraction *= S(1) - e.alpha * e.c;
      v.upper(t, "Thm 4.6: mean <= floor + (1-a c)^(k-1)(F1 - floor)", mean,
              S(floor_bound + contraction * (F1 - floor_bound)), s);
    }
    v.upper(t, "mean <= exact expectation (recursion)", mean, expected[t], s, true);
    v.lower(t, "mean >= exact expectation (recursion)", mean, expected[t], s, true);
    if (t == T) {
      v.metrics.push_back({"mean_at_T", md});
      v.metrics.push_back({"exact_expectation_at_T", to_double(expected[t])});
      if (e.diminishing) v.metrics.push_back({"bound_at_T", to_double(S(nu / (e.gamma + S(k))))});
    }
  }
  v.metrics.push_back({"replicates", static_cast<double>(R)});
  v.metrics.push_back({"false_alarm_probability", e.false_alarm});
  v.metrics.push_back({"z", z});
  if (!e.diminishing) v.metrics.push_back({"floor_thm_4_6", to_double(floor_bound)});
  return v;
}

}  // namespace optcheck::theorems
