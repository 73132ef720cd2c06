// Property bodies for `robbins-monro`: SGD with α_k = β/(γ + k) (Thm 4.7) and, as the control, a constant step
// (Thm 4.6), on quadratics with additive Gaussian noise; R replicates per case, each with its own noise stream.
#pragma once

#include "optcheck/optimizers/sgd.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/robbins_monro.hpp"

namespace optcheck {

template <class S>
theorems::SgdExperiment<S> sgd_experiment(const DenseQuadratic<S>& q, const SgdCase& c, bool diminishing) {
  theorems::SgdExperiment<S> e;
  e.diminishing = diminishing;
  e.L = q.constants().L;
  e.c = q.constants().mu;
  e.sigma = c.sigma;
  e.beta = scalar_cast<S>(c.beta_factor) / e.c;
  e.gamma = e.beta * e.L * (S(1) + scalar_cast<S>(c.gamma_factor));
  e.alpha = scalar_cast<S>(c.alpha_fraction) / e.L;
  return e;
}

/// make(experiment) returns the optimizer under test (one per replicate); schedule(experiment), when given, sets the
/// schedule a claim fixes (β, γ or ᾱ) in place of the case's.
template <class S, class Make>
CaseOutcome robbins_monro_case(const SgdCase& c, bool diminishing, Make&& make,
                               const std::function<void(theorems::SgdExperiment<S>&)>& schedule = nullptr) {
  const DenseQuadratic<S> q(c.problem);
  theorems::SgdExperiment<S> e = sgd_experiment(q, c, diminishing);
  if (schedule) schedule(e);
  const Vec<S> x0 = start_point(q, c.start_seed, 1.0);
  CaseOutcome o;
  o.problem = q.name();
  std::vector<Trace<S>> replicates;
  RunOptions<S> ro;
  ro.horizon = c.horizon;
  for (int r = 0; r < c.replicates; ++r) {
    Oracle<S> oracle(q);
    oracle.set_noise(c.sigma, c.noise_seed * 1000003ULL + static_cast<std::uint64_t>(r));
    try {
      auto optimizer = make(e);
      replicates.push_back(run(optimizer, oracle, x0, ro));
    } catch (const std::invalid_argument& ex) {
      o.error = std::string("optimizer rejected its hyperparameters: ") + ex.what();
      return o;
    }
    const Trace<S>& t = replicates.back();
    if (t.termination == Termination::stopped) {  // the law of the mean needs every replicate at every k ≤ T
      o.verdict.mark_inconclusive("replicate " + std::to_string(r) + " stopped at t=" +
                                  std::to_string(t.termination_iterate) + " before the horizon " +
                                  std::to_string(c.horizon));
      return o;
    }
    if (t.termination != Termination::horizon) {
      o.error = "replicate " + std::to_string(r) + " ended at t=" + std::to_string(t.termination_iterate) + ": " +
                to_string(t.termination) + " " + t.termination_detail;
      return o;
    }
  }
  o.verdict = theorems::check_robbins_monro(replicates, theorems::suboptimality_law(q, x0, e, c.horizon), e, q.dim());
  // The other fields from replicate 0; f − f* as the replicate mean. The noise, not rounding, sets the floor: the
  // exact stationary expectation for the constant step, none for the diminishing one.
  o.trace = trace_points(replicates.front(), q.constants(), o.verdict);
  double noise_floor = std::numeric_limits<double>::quiet_NaN();
  if (diminishing) {
    o.theory = {TheoreticalRate::Kind::sublinear, -1.0, "f - f*"};
  } else {  // Thm 4.6: linear at 1 − ᾱc down to the floor; lim E f = (ᾱσ²/2) Σ 1/(2 − ᾱλᵢ) exactly
    noise_floor = 0;
    for (double l : c.problem.eigenvalues) noise_floor += 1 / (2 - to_double(e.alpha) * l);
    noise_floor *= to_double(e.alpha) * c.sigma * c.sigma / 2;
    o.verdict.metrics.push_back({"floor_exact", noise_floor});
    o.theory = {TheoreticalRate::Kind::linear, 1 - to_double(e.alpha) * to_double(e.c), "f - f*"};
  }
  for (std::size_t t = 0; t < o.trace.size(); ++t) {
    double mean = 0;
    for (const auto& r : replicates) mean += to_double(r.records[t].suboptimality);
    o.trace[t].suboptimality = mean / static_cast<double>(replicates.size());
    o.trace[t].predicted_floor = noise_floor;
  }
  return o;
}

template <class S>
Sgd<S> make_sgd_diminishing(const theorems::SgdExperiment<S>& e) {
  typename Sgd<S>::Params p;
  p.schedule = Sgd<S>::Schedule::diminishing;
  p.beta = e.beta;
  p.gamma = e.gamma;
  return Sgd<S>(p);
}

template <class S>
Sgd<S> make_sgd_constant(const theorems::SgdExperiment<S>& e) {
  typename Sgd<S>::Params p;
  p.schedule = Sgd<S>::Schedule::constant;
  p.alpha = e.alpha;
  return Sgd<S>(p);
}

template <class S>
void register_robbins_monro(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  const int sgd_cases = std::max(1, cases / 4);  // each case runs R replicates
  auto longer = [](SgdCase& c) {  // three decades of k for the 1/k rate; the constant step reaches its floor
    c.horizon = 1000;
    c.replicates = 32;
  };
  cat.add(theorems::RobbinsMonro::id, "sgd", "quadratic", prec, sgd_cases,
          [l] { return robbins_monro_case<S>(*gen::sgd_case(l), true, make_sgd_diminishing<S>); },
          make_profile(gen::sgd_case(profile_limits()), longer,
                       [](const SgdCase& c) { return robbins_monro_case<S>(c, true, make_sgd_diminishing<S>); }));
  cat.add(theorems::RobbinsMonro::id, "sgd-constant", "quadratic", prec, sgd_cases,
          [l] { return robbins_monro_case<S>(*gen::sgd_case(l), false, make_sgd_constant<S>); },
          make_profile(gen::sgd_case(profile_limits()), longer,
                       [](const SgdCase& c) { return robbins_monro_case<S>(c, false, make_sgd_constant<S>); }));
}

}  // namespace optcheck
