// Property bodies for `gd-stability`: GD on dense quadratics (n ≤ 8, separated top eigenvalue) and, in double, the
// sparse 2-D Laplacian with n = m² ≥ 10⁴; η = θ·2/λmax with λmax from Spectra, θ on either side of 1.
#pragma once

#include "optcheck/optimizers/gd.hpp"
#include "optcheck/problems/linear_algebra.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/gd_stability.hpp"

namespace optcheck {

inline constexpr double kLanczosTolerance = 1e-12;

/// make(problem, eta) returns the optimizer under test.
template <class S, class Make>
CaseOutcome gd_stability_case(const StabilityCase& c, Make&& make) {
  std::unique_ptr<QuadraticBase<S>> q;
  if (std::holds_alternative<QuadraticSpec>(c.problem))
    q = std::make_unique<DenseQuadratic<S>>(std::get<QuadraticSpec>(c.problem));
  else
    q = std::make_unique<LaplacianQuadratic<S>>(std::get<LaplacianSpec>(c.problem));
  const LanczosResult lz = lanczos_lambda_max([&](const double* in, double* out) { q->apply_double(in, out); },
                                              q->dim(), kLanczosTolerance);
  CaseOutcome o;
  o.problem = q->name();
  if (!lz.converged) {
    o.error = "Spectra's Lanczos solver did not converge";
    return o;
  }
  Verdict spectrum = theorems::check_lambda_max(lz.lambda_max, kLanczosTolerance, *q);
  if (!q->is_sparse()) {  // Eigen's dense solver as a second, independent source
    const DenseQuadratic<S>& d = static_cast<const DenseQuadratic<S>&>(*q);
    spectrum.merge(theorems::check_lambda_max(dense_lambda_max(mat_cast<double>(d.matrix())), 0.0, *q));
  }
  const bool diverging = c.theta > 1;
  Oracle<S> oracle(*q);
  RunOptions<S> ro;
  ro.horizon = c.horizon;
  ro.track_direction = q->top_eigenvector();
  const S eta = scalar_cast<S>(2 * c.theta / lz.lambda_max);
  const double rho_theory =
      std::max(std::abs(1 - to_double(eta) * to_double(q->lambda_min())), std::abs(1 - to_double(eta) * to_double(q->lambda_max())));
  o = run_case<S>(
      oracle, start_point(*q, c.start_seed, 1.0), ro, [&] { return make(*q, eta); },
      [&](const Trace<S>& t) {
        Verdict v = diverging ? theorems::check_gd_diverges(t, *q) : theorems::check_gd_converges(t, *q);
        v.merge(spectrum);
        v.metrics.push_back({"lambda_max_spectra", lz.lambda_max});
        return v;
      },
      diverging);
  o.theory = {TheoreticalRate::Kind::linear, diverging ? to_double(eta) * lz.lambda_max - 1 : rho_theory, "distance"};
  return o;
}

template <class S>
GradientDescent<S> make_gd_stability(const QuadraticBase<S>&, const S& eta) {
  return GradientDescent<S>({eta});
}

template <class S>
void register_gd_stability(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  for (const std::string& f : stability_families(l))  // the n = 10⁴ Laplacian: a quarter of the cases
    cat.add(theorems::GdStability::id, "gd", f, prec, f == "laplacian2d" ? std::max(1, cases / 4) : cases,
            [l, f] { return gd_stability_case<S>(*gen::stability_case(l, f), make_gd_stability<S>); },
            make_profile(
                gen::stability_case(profile_limits(), f),
                [](StabilityCase& c) {  // a convergent step, η = 0.9·2/λmax, run to the precision floor
                  c.theta = 0.9;
                  c.horizon = kProfileHorizon;
                },
                [](const StabilityCase& c) { return gd_stability_case<S>(c, make_gd_stability<S>); }));
}

}  // namespace optcheck
