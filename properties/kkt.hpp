// Property bodies for `kkt`: the interior-point QP solver on KKT-by-construction QPs (residuals and recovery of the
// known x*, ν*, λ*), and projected gradient over boxes and simplices (feasibility at every iterate, KKT residuals
// at the last with multipliers read off the gradient).
#pragma once

#include "optcheck/optimizers/projected_gradient.hpp"
#include "optcheck/optimizers/qp_interior_point.hpp"
#include "properties/cases.hpp"
#include "properties/common.hpp"
#include "theorems/kkt.hpp"

namespace optcheck {

/// solve(qp) returns a QPResult<S> (the solver under test).
template <class S, class Solve>
CaseOutcome kkt_qp_case(const QPCase& c, Solve&& solve) {
  const auto [qp, known] = make_qp<S>(c.problem);
  CaseOutcome o;
  o.problem = "qp";
  QPResult<S> r;
  try {
    r = solve(qp);
  } catch (const std::exception& e) {
    o.error = std::string("solver threw: ") + e.what();
    return o;
  }
  if (!r.converged) {
    o.error = "solver did not converge: " + r.status;
    return o;
  }
  if (r.solution.x.size() != qp.n() || r.solution.nu.size() != qp.A.rows() || r.solution.lambda.size() != qp.G.rows()) {
    o.error = "solver returned vectors of the wrong dimension";
    return o;
  }
  const double k = theorems::kkt_k(qp.n(), qp.A.rows(), qp.G.rows(), c.problem.active);
  o.verdict = theorems::check_kkt(qp, r.solution, r.iterations, k);
  o.verdict.merge(theorems::check_recovery(qp, r.solution, known, k));
  o.verdict.metrics.push_back({"iterations", static_cast<double>(r.iterations)});
  return o;
}

/// Multipliers for a point x of a box or simplex problem, read off g = ∇f(x): the projection of −g onto the
/// normal cone (box: λ_hi = max(−g, 0) at the upper bound, λ_lo = max(g, 0) at the lower; simplex: ν = −mean of g
/// over the support, λ = max(g + ν, 0) off it).
template <class S>
QPSolution<S> multipliers_from_gradient(const SetConstrainedQuadratic<S>& p, const Vec<S>& x) {
  const ConvexQP<S> qp = p.as_qp();
  const Vec<S> g = p.gradient(x);
  const Eigen::Index n = x.size();
  QPSolution<S> s{x, Vec<S>::Zero(qp.A.rows()), Vec<S>::Zero(qp.G.rows())};
  if (p.spec().kind == SetProblemSpec::Kind::box) {
    for (Eigen::Index i = 0; i < n; ++i) {
      if (x[i] == qp.h[i] && g[i] < S(0)) s.lambda[i] = -g[i];            // x ≤ hi active
      if (x[i] == -qp.h[n + i] && g[i] > S(0)) s.lambda[n + i] = g[i];    // −x ≤ −lo active
    }
  } else {
    S sum(0);
    int support = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      if (x[i] > S(0)) {
        sum += g[i];
        ++support;
      }
    const S nu = support ? S(-sum / S(support)) : S(0);
    s.nu[0] = nu;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!(x[i] > S(0)) && g[i] + nu > S(0)) s.lambda[i] = g[i] + nu;
  }
  return s;
}

/// make(problem) returns the projected-gradient optimizer under test, which claims the step γ = h/L (h ∈ (0, 1]).
template <class S, class Make>
CaseOutcome kkt_projected_gradient_case(const SetCase& c, Make&& make, double step_times_L = 1) {
  const SetConstrainedQuadratic<S> p(c.problem);
  Oracle<S> oracle(p);
  oracle.set_feasible_set(&p.set());
  const ConvexQP<S> qp = p.as_qp();
  const double u = unit_roundoff<S>();
  const double L = to_double(p.constants().L), mu = to_double(p.constants().mu);
  // PG with γ = h/L, h ≤ 1, contracts ‖x − x*‖ by max(|1 − γμ|, |1 − γL|) = 1 − hμ/L.
  const double rho = 1 - step_times_L * mu / L;
  const Vec<S> x0 = p.set().project(start_point(p, c.start_seed, 2.0));
  const double R = to_double(norm2(Vec<S>(x0 - *p.constants().x_star)));
  // Horizon: enough steps for ρ^T·R to fall to u·R (plus identification of the active set), at most 20000.
  const long T = std::min<long>(20000, static_cast<long>(std::ceil(std::log(u) / std::log(rho))) + 20);
  RunOptions<S> ro;
  ro.horizon = T;
  const double kf = theorems::kkt_k(qp.n(), qp.A.rows(), qp.G.rows(), qp.n());
  Verdict feasibility;
  Vec<S> last = x0;
  ro.on_iterate = [&](long t, const Vec<S>& x) {
    last = x;
    const QPSolution<S> at{x, Vec<S>::Zero(qp.A.rows()), Vec<S>::Zero(qp.G.rows())};
    const auto r = theorems::kkt_residuals(qp, at);
    const Slack s = Slack::make(gamma_k(kf, u) * r.primal_scale, u, r.primal_scale,
                                "projection rounding: k = 6N + n + m + 2 over the constraint scale");
    feasibility.upper(t, "primal feasibility of every iterate", r.primal, S(0), s);
  };
  CaseOutcome o = run_case<S>(
      oracle, x0, ro, [&] { return make(p); },
      [&](const Trace<S>& t) {
        Verdict v = feasibility;
        // Optimization error at T: ‖x_T − x*‖ ≤ ρ^T R moves the stationarity residual by ≤ L·ρ^T·R once the
        // active set is identified (strict complementarity guarantees it for ρ^T R < min λ*/L); factor 4 for the
        // multiplier estimate on both sides.
        const double opt_err = 4 * L * std::pow(rho, static_cast<double>(T)) * R;
        v.merge(theorems::check_kkt(qp, multipliers_from_gradient(p, last), t.records.back().t, kf, opt_err,
                                    "; + 4 L rho^T R for the optimization error at the horizon"));
        for (const auto& rec : t.records)  // the contraction of the distance, for plots (not a checked claim)
          v.bound_curve.emplace_back(rec.t, std::pow(rho, static_cast<double>(rec.t)) * R);
        return v;
      });
  o.theory = {TheoreticalRate::Kind::linear, rho, "distance"};
  return o;
}

template <class S>
ProjectedGradient<S> make_projected_gradient(const SetConstrainedQuadratic<S>& p) {
  return ProjectedGradient<S>({S(S(1) / p.constants().L)});
}

template <class S>
void register_kkt(Catalogue& cat, Precision prec, int cases) {
  const CaseLimits l = limits_for(prec);
  cat.add(theorems::Kkt::id, "qp-ipm", "qp", prec, cases,
          [l] { return kkt_qp_case<S>(*gen::qp_case(l), solve_qp_ipm<S>); });
  for (const std::string& f : set_families())
    cat.add(theorems::Kkt::id, "projected-gradient", f, prec, std::max(1, cases / 2),
            [l, f] { return kkt_projected_gradient_case<S>(*gen::set_case(l, f), make_projected_gradient<S>); },
            make_profile(gen::set_case(profile_limits(), f), [](SetCase&) {},
                         [](const SetCase& c) { return kkt_projected_gradient_case<S>(c, make_projected_gradient<S>); }));
}

}  // namespace optcheck
