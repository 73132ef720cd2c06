// Closed convex sets with exact projections, and strongly convex quadratics over them with a known KKT point.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

#include "optcheck/problems/qp.hpp"
#include "optcheck/problems/linear_algebra.hpp"

namespace optcheck {

template <class S>
class ConvexSet {
 public:
  virtual ~ConvexSet() = default;
  virtual std::string name() const = 0;
  virtual Vec<S> project(const Vec<S>& x) const = 0;
  /// The set as linear constraints {Ax = b, Gx ≤ h}, for the KKT residuals.
  virtual void as_constraints(Mat<S>& A, Vec<S>& b, Mat<S>& G, Vec<S>& h) const = 0;
};

/// {x : lo ≤ x ≤ hi}; projection is the componentwise clamp (exact in any arithmetic).
template <class S>
class Box : public ConvexSet<S> {
 public:
  Box(Vec<S> lo, Vec<S> hi) : lo_(std::move(lo)), hi_(std::move(hi)) {}
  std::string name() const override { return "box"; }
  Vec<S> project(const Vec<S>& x) const override {
    Vec<S> p = x;
    for (Eigen::Index i = 0; i < x.size(); ++i) p[i] = p[i] < lo_[i] ? lo_[i] : (p[i] > hi_[i] ? hi_[i] : p[i]);
    return p;
  }
  void as_constraints(Mat<S>& A, Vec<S>& b, Mat<S>& G, Vec<S>& h) const override {
    const Eigen::Index n = lo_.size();
    A.resize(0, n);
    b.resize(0);
    G.resize(2 * n, n);
    G << Mat<S>::Identity(n, n), -Mat<S>::Identity(n, n);
    h.resize(2 * n);
    h << hi_, -lo_;
  }

 private:
  Vec<S> lo_, hi_;
};

/// The probability simplex {x ≥ 0, Σx = 1}. Projection by sorting (Held, Wolfe, Crowder 1974; Duchi et al. 2008):
/// x ↦ max(x − τ, 0) with τ chosen so that the result sums to 1.
template <class S>
class Simplex : public ConvexSet<S> {
 public:
  explicit Simplex(Eigen::Index n) : n_(n) {}
  std::string name() const override { return "simplex"; }
  Vec<S> project(const Vec<S>& x) const override {
    std::vector<S> u(x.data(), x.data() + x.size());
    std::sort(u.begin(), u.end(), [](const S& a, const S& b) { return a > b; });
    S cumulative(0), tau(0);
    for (std::size_t k = 0; k < u.size(); ++k) {
      cumulative += u[k];
      const S t = (cumulative - S(1)) / S(static_cast<int>(k + 1));
      if (u[k] - t > S(0)) tau = t;
    }
    Vec<S> p(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) p[i] = x[i] > tau ? S(x[i] - tau) : S(0);
    return p;
  }
  void as_constraints(Mat<S>& A, Vec<S>& b, Mat<S>& G, Vec<S>& h) const override {
    A = Mat<S>::Ones(1, n_);
    b = Vec<S>::Ones(1);
    G = -Mat<S>::Identity(n_, n_);
    h = Vec<S>::Zero(n_);
  }

 private:
  Eigen::Index n_;
};

struct SetProblemSpec {
  enum class Kind { box, simplex } kind = Kind::box;
  int n = 4;
  int active = 2;  ///< coordinates at a bound at x* (box: lower or upper; simplex: zero), with multiplier ≥ 1
  std::uint64_t seed = 1;
};

/// f(x) = ½xᵀPx + qᵀx over a box or the simplex, P = BᵀB + dI with small-integer B, and q set so that a chosen x*
/// (with `active` coordinates on the boundary, multipliers ≥ 1) satisfies the KKT conditions: strongly convex, so x*
/// is the unique minimizer. Box data are integers; the simplex x* uses multiples of 1/8 (exact in S ≥ float).
template <class S>
class SetConstrainedQuadratic : public Problem<S> {
 public:
  explicit SetConstrainedQuadratic(const SetProblemSpec& spec) : spec_(spec) {
    Rng rng(spec.seed);
    const int n = spec.n;
    Mat<double> Bm(n, n);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) Bm(i, j) = static_cast<double>(rng.integer(-2, 2));
    Mat<double> P = Bm.transpose() * Bm;
    P.diagonal().array() += static_cast<double>(rng.integer(1, 3));
    Vec<double> x(n), g(n);  // g = ∇f(x*) = Px* + q
    double nu = 0;
    if (spec.kind == SetProblemSpec::Kind::box) {
      Vec<double> lo(n), hi(n);
      for (int i = 0; i < n; ++i) {
        lo[i] = static_cast<double>(rng.integer(-3, 0));
        hi[i] = lo[i] + static_cast<double>(rng.integer(2, 4));
        if (i < spec.active) {
          const bool upper = rng.integer(0, 1) == 1;
          x[i] = upper ? hi[i] : lo[i];
          const double mult = static_cast<double>(rng.integer(1, 4));
          g[i] = upper ? -mult : mult;  // at hi: ∇f = −λ_hi; at lo: ∇f = λ_lo
        } else {
          x[i] = lo[i] + 1;  // strictly inside (hi − lo ≥ 2)
          g[i] = 0;
        }
      }
      set_ = std::make_shared<Box<S>>(vec_cast<S>(lo), vec_cast<S>(hi));
    } else {
      // support: the n − active free coordinates share mass 1 in multiples of 1/8 (each ≥ 1/8 needs n − active ≤ 8).
      const int free = n - spec.active;
      std::vector<int> eighths(free, 1);
      for (int r = 8 - free; r > 0; --r) eighths[rng.integer(0, free - 1)] += 1;
      nu = static_cast<double>(rng.integer(-3, 3));
      for (int i = 0; i < n; ++i) {
        if (i < spec.active) {
          x[i] = 0;
          g[i] = -nu + static_cast<double>(rng.integer(1, 4));  // ∇f + ν·1 − λ = 0 with λ ≥ 1
        } else {
          x[i] = eighths[i - spec.active] / 8.0;
          g[i] = -nu;
        }
      }
      set_ = std::make_shared<Simplex<S>>(n);
    }
    P_ = mat_cast<S>(P);
    abs_P_ = P.cwiseAbs();
    q_ = vec_cast<S>(Vec<double>(g - P * x));
    const Vec<double> eigenvalues = dense_eigenvalues(P);
    auto& c = this->constants_;
    // P has integer entries ≤ 4n + 3, so double's eigenvalues are accurate to ~n·u·‖P‖; widen by 1e-10 relative.
    c.L = scalar_cast<S>(eigenvalues[n - 1] * (1 + 1e-10));
    c.mu = scalar_cast<S>(eigenvalues[0] * (1 - 1e-10));
    c.convex = true;
    c.x_star = vec_cast<S>(x);
    c.f_star = value(*c.x_star);
    c.f_star_error = value_error(*c.x_star).value(unit_roundoff<S>(), underflow_unit<S>());
  }
  std::string name() const override { return spec_.kind == SetProblemSpec::Kind::box ? "box-qp" : "simplex-qp"; }
  Eigen::Index dim() const override { return P_.rows(); }
  S value(const Vec<S>& x) const override { return S(0.5) * x.dot(P_ * x) + q_.dot(x); }
  Vec<S> gradient(const Vec<S>& x) const override { return P_ * x + q_; }
  ErrorBound value_error(const Vec<S>& x) const override {
    const Vec<double> ax = vec_cast<double>(x).cwiseAbs();
    return {3.0 + 2 * dim(), 0.5 * ax.dot(abs_P_ * ax) + abs_sum(Vec<S>(q_.cwiseProduct(x)))};
  }
  ErrorBound gradient_error(const Vec<S>& x) const override {
    const Vec<double> ax = vec_cast<double>(x).cwiseAbs();
    return {1.0 + dim(), (abs_P_ * ax + vec_cast<double>(q_).cwiseAbs()).norm()};
  }
  const ConvexSet<S>& set() const { return *set_; }
  /// The problem as a QP in standard form (for the KKT residuals).
  ConvexQP<S> as_qp() const {
    ConvexQP<S> qp{P_, q_, {}, {}, {}, {}};
    set_->as_constraints(qp.A, qp.b, qp.G, qp.h);
    return qp;
  }
  const SetProblemSpec& spec() const { return spec_; }

 private:
  SetProblemSpec spec_;
  Mat<S> P_;
  Mat<double> abs_P_;
  Vec<S> q_;
  std::shared_ptr<ConvexSet<S>> set_;
};

}  // namespace optcheck
