// Running a theorem property with RapidCheck and summarizing it as one check result (the unit of results.json).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <rapidcheck.h>
#include <sstream>
#include <string>
#include <vector>

#include "optcheck/run/trace.hpp"
#include "optcheck/scalar/registry.hpp"
#include "theorems/verdict.hpp"

namespace optcheck {

/// One iterate of a case's trace, in double (for traces/*.csv, plots, rate fits and floors; never for checks).
struct TracePoint {
  long t;
  double f, suboptimality, gradient_norm, step_norm, x_norm, distance, step_size;
  /// The theorem's bound on the plotted quantity at t (NaN where the theorem gives none).
  double bound = std::numeric_limits<double>::quiet_NaN();
  /// The error model's prediction of where progress stops, for f − f* and for the distance (NaN: no prediction).
  /// f − f*: the evaluation error of f(x_t) − f*, plus the stall e²/(2μ_PL) (convex f without PL: e‖x_t − x*‖), plus
  /// the weight grid (L/2)(u‖x_t‖)²; e = the gradient's error bound + u‖x_t‖/η (the rounding of the update, as a
  /// gradient error; η the largest step of the run, since a line search stalled at the floor takes vanishing steps).
  /// Distance: e/μ + u‖x_t‖ (μ > 0).
  double predicted_floor = std::numeric_limits<double>::quiet_NaN();
  double predicted_floor_distance = std::numeric_limits<double>::quiet_NaN();
};

/// What the theory predicts for the quantity the theorem bounds.
struct TheoreticalRate {
  enum class Kind { none, linear, sublinear } kind = Kind::none;
  double value = 0;          ///< linear: contraction factor per iterate; sublinear: exponent of t
  std::string quantity;      ///< "f - f*" or "distance"
};

/// What one property case produced: the theorem's verdict, or an error (the optimizer threw, returned NaN/Inf or
/// the wrong dimension where the theorem promises finite iterates).
struct CaseOutcome {
  Verdict verdict;
  std::string error;  ///< non-empty: an error, not a theorem violation
  std::string problem;  ///< problem family of the case
  std::vector<TracePoint> trace;  ///< the case's iterates (the mean over replicates for SGD)
  TheoreticalRate theory;
};

/// An adversarial search for a check: a cheap ascent on the worst ratio over instance parameters (see
/// make_profile). Its best instance is a regression case: shown in results.json and the report, and a best ratio
/// above 1 is a violation like any case's.
struct AdversaryResult {
  bool ran = false;
  double start_ratio = 0;  ///< the best of the random draws the search started from
  double best_ratio = 0;
  int evaluations = 0, improvements = 0;
  std::string instance;  ///< the best instance, as showValue prints it
  CaseOutcome outcome;   ///< of the best instance
};

/// The trace of a run as TracePoints, with the theorem's bound curve (from its verdict) and the error model's
/// floor predictions (from the problem's constants and the records' error bounds).
template <class S>
std::vector<TracePoint> trace_points(const Trace<S>& trace, const Constants<S>& c, const Verdict& verdict) {
  // An update below u‖x‖ (the optimizer's arithmetic: compute, and storage with master weights) may be lost.
  const double u = std::max(unit_roundoff<S>(), trace.arithmetic.iterate_u());
  const double mu_pl = to_double(c.mu_pl), mu = to_double(c.mu);
  double step = 0;
  for (const auto& r : trace.records) step = std::max(step, to_double(r.step_size));
  std::vector<TracePoint> out;
  out.reserve(trace.records.size());
  for (const auto& r : trace.records) {
    TracePoint p{r.t, to_double(r.f), to_double(r.suboptimality), to_double(r.gradient_norm), to_double(r.step_norm),
                 to_double(r.x_norm), to_double(r.distance), to_double(r.step_size)};
    const double update_error = step > 0 ? u * p.x_norm / step : 0.0;
    const double e = r.gradient_error + update_error;
    // Stalled where ‖∇f‖ ≤ e: f − f* ≤ e²/(2μ_PL) under PL, else (the convex families) ≤ ⟨∇f, x − x*⟩ ≤ e‖x − x*‖.
    const double stall = mu_pl > 0 ? e * e / (2 * mu_pl) : (std::isfinite(p.distance) ? e * p.distance : 0.0);
    // The iterate itself lies on a grid of spacing ~u‖x‖: up to (L/2)(u‖x‖)² above f* even at the nearest point.
    const double grid = 0.5 * to_double(c.L) * (u * p.x_norm) * (u * p.x_norm);
    p.predicted_floor = r.value_error + c.f_star_error + stall + grid;
    if (mu > 0) p.predicted_floor_distance = e / mu + u * p.x_norm;
    out.push_back(p);
  }
  for (const auto& [t, b] : verdict.bound_curve)
    if (t >= 0 && static_cast<std::size_t>(t) < out.size() && out[static_cast<std::size_t>(t)].t == t)
      out[static_cast<std::size_t>(t)].bound = b;
  return out;
}

/// The quantity a theoretical rate is about, read off a trace point (f − f* or the distance to the minimizers).
double rate_quantity(const TracePoint& p, const TheoreticalRate& theory);

/// Least-squares fit of the observed (asymptotic) rate on a trace: linear kind → contraction factor exp(slope of
/// log y over t); sublinear → slope of log y over log t (t ≥ 1). Fitted on the second half of the iterates that
/// lie above the precision floor (10× the error model's predicted floor, and above 1e-300), so that neither the
/// transient nor rounding dominates. Returns {estimate, low, high} with ±2 standard errors, or nothing when fewer
/// than 3 points qualify.
struct RateFit {
  double estimate = 0, low = 0, high = 0;
  long points = 0, first_t = 0, last_t = 0;
};
std::optional<RateFit> fit_rate(const std::vector<TracePoint>& trace, const TheoreticalRate& theory);

/// Where progress stopped on a trace. Reached when, from some iterate t0 on, the quantity never again falls below
/// half its value at t0, while the theoretical rate predicted at least a 10× decrease over [t0, T] and T − t0 ≥ 20.
/// The floor is the median of the quantity over [t0, T]; in units of u it is floor/(u·scale) with scale =
/// |f(x_0)| + |f*| for f − f* and ‖x_0‖ + ‖x_T‖ for the distance. predicted: the median of the error model's floor
/// over the same iterates.
struct PrecisionFloor {
  bool reached = false;
  long from_t = -1;
  double value = 0, in_u = 0, predicted = 0, predicted_in_u = 0, scale = 0, u = 0;
  double lowest = 0;  ///< smallest value of the quantity on the trace (also when the floor was not reached)
  std::string scale_is;
};
PrecisionFloor find_floor(const std::vector<TracePoint>& trace, const TheoreticalRate& theory, double u);

/// Asserts a case outcome inside a RapidCheck property: errors and violations fail (and shrink), cases outside
/// the theorem's hypotheses are discarded.
void assert_outcome(const CaseOutcome& o);

enum class Status { holds, violated, inconclusive, error };
std::string to_string(Status s);
/// s left-aligned in a column of `width`, and always followed by at least one space (long optimizer names).
inline std::string column(const std::string& s, std::size_t width) {
  return s.size() < width ? s + std::string(width - s.size(), ' ') : s + " ";
}
inline std::ostream& operator<<(std::ostream& os, Status s) { return os << to_string(s); }

struct RunParams {
  std::uint64_t seed = 1;
  int cases = 100;
  int max_size = 100;
  bool shrink = true;
};

struct CheckResult {
  std::string theorem, optimizer, precision;
  std::string problem;  ///< the problem family the check draws from
  Status status = Status::holds;
  int cases = 0;            ///< successful cases before the verdict (RapidCheck's numSuccess)
  int cases_requested = 0;  ///< RunParams::cases (the case sizes RapidCheck draws depend on it)
  int discarded = 0;        ///< cases drawn but outside the theorem's hypotheses (not counted in `cases`)
  /// Horizons measured on the traces (the last iterate each case ran, not the horizon it asked for), over every case
  /// evaluated with a trace (shrink attempts included; the profile is not a drawn case).
  struct Horizons {
    long longest = -1;
    int traced_cases = 0, at_least_200 = 0;
  } horizons;
  std::uint64_t seed = 0;
  Verdict worst;               ///< merged over every case run (the worst ratio and where; tightness)
  std::vector<TracePoint> worst_trace;  ///< the trace of the case with the worst ratio
  TheoreticalRate theory;               ///< of the profile case (of the worst case when there is no profile)
  std::string profile_instance;         ///< the profile case (see CheckEntry::profile)
  std::vector<TracePoint> profile_trace;
  std::optional<RateFit> observed_rate; ///< fitted on the profile trace
  PrecisionFloor floor;                 ///< on the profile trace
  AdversaryResult adversary;   ///< the adversarial search (ran = false for checks without one)
  std::string counterexample;  ///< the shrunk failing instance (violated / error)
  std::string failure;         ///< what failed on it
  std::string message;         ///< inconclusive or internal-error explanation
};

/// Runs body (which draws with *gen, runs, checks and returns a CaseOutcome) as a RapidCheck property.
CheckResult run_property(const std::function<CaseOutcome()>& body, const RunParams& params);

/// The profile of a check: one representative instance (drawn from the run's seed, the same in every precision),
/// with the theorem's canonical hyperparameters and a long horizon, run to show the convergence curve, the
/// observed rate and the precision floor. Its verdict counts like any case's. The adversarial search runs with it.
struct ProfileOutcome {
  CaseOutcome outcome;
  std::string instance;  ///< the case, as RapidCheck's showValue prints it
  AdversaryResult adversary;
};
using ProfileBody = std::function<ProfileOutcome(std::uint64_t seed)>;
/// Runs the check on one given instance, in the text showValue prints (parse_case reads it back; a malformed
/// instance throws std::invalid_argument naming the field).
using ReplayBody = std::function<CaseOutcome(const std::string& instance)>;
/// What make_profile builds: the profile (with its adversarial search) and the replay of a shown instance.
struct ProfiledBody {
  ProfileBody profile;
  ReplayBody replay;
};

/// Draws one value of a generator outside a property, deterministically from seed (RapidCheck's nominal size).
template <class T>
T sample_case(const rc::Gen<T>& g, std::uint64_t seed) {
  return g(rc::Random(seed)).value();
}

/// Evaluations of the adversarial search per check: random draws it starts from, then single-parameter moves.
inline constexpr int kAdversaryDraws = 8, kAdversaryMoves = 24;

/// Adversarial search: the best of kAdversaryDraws random cases (seeded by the run's seed), then greedy ascent —
/// kAdversaryMoves times, perturb one parameter of the best case (perturb(case, rng), found by argument-dependent
/// lookup: hyperparameters inside the theorem's hypotheses, horizon, start, problem seed) and keep the move when the
/// worst ratio rises. Cases that error or fall outside the hypotheses score −∞.
template <class Case, class Body>
AdversaryResult adversarial_search(const rc::Gen<Case>& gen, const Body& body, std::uint64_t seed) {
  AdversaryResult a;
  a.ran = true;
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + 0xAD5E);
  auto score = [](const CaseOutcome& o) {
    return o.error.empty() && o.verdict.applicable && o.verdict.worst_iterate >= 0 ? o.verdict.worst_ratio
                                                                                   : -std::numeric_limits<double>::infinity();
  };
  std::optional<Case> best;
  double best_score = -std::numeric_limits<double>::infinity();
  auto consider = [&](const Case& c) {
    CaseOutcome o = body(c);
    ++a.evaluations;
    const double s = score(o);
    if (!best || s > best_score) {
      if (best) ++a.improvements;
      best = c;
      best_score = s;
      a.outcome = std::move(o);
      return true;
    }
    return false;
  };
  for (int i = 0; i < kAdversaryDraws; ++i) consider(sample_case(gen, seed * 1000003ULL + static_cast<std::uint64_t>(i)));
  a.improvements = 0;
  a.start_ratio = best_score;
  for (int i = 0; i < kAdversaryMoves; ++i) {
    Case c = *best;
    perturb(c, rng);
    consider(c);
  }
  a.best_ratio = best_score;
  std::ostringstream shown;
  showValue(*best, shown);
  a.instance = shown.str();
  return a;
}

/// A profile from a case generator: draw, adjust (canonical hyperparameters, long horizon), run; and the check's
/// adversarial search over the same generator and body.
template <class Case, class Adjust, class Body>
ProfiledBody make_profile(rc::Gen<Case> gen, Adjust adjust, Body body) {
  ProfileBody profile = [gen, adjust, body](std::uint64_t seed) {
    Case c = sample_case(gen, seed);
    adjust(c);
    std::ostringstream shown;
    showValue(c, shown);
    return ProfileOutcome{body(c), shown.str(), adversarial_search(gen, body, seed)};
  };
  ReplayBody replay = [body](const std::string& instance) {
    Case c;
    parse_case(instance, c);
    return body(c);
  };
  return {std::move(profile), std::move(replay)};
}

/// Iterations of a profile run: enough for double's floor at the rates drawn, affordable in MPFR.
inline constexpr int kProfileHorizon = 2000;

/// A registered check: theorem × optimizer × problem family × precision, with the property that runs it.
struct CheckEntry {
  std::string theorem, optimizer, problem;
  Precision precision;
  int default_cases;  ///< cost-aware default (multiprecision runs fewer cases)
  std::function<CaseOutcome()> body;  ///< one property case (draws with *gen; call inside a RapidCheck property)
  ProfileBody profile;                ///< may be empty
  ReplayBody replay;                  ///< may be empty (checks without a profile)
  std::function<CheckResult(const RunParams&)> run;
};

class Catalogue {
 public:
  void add(std::string theorem, std::string optimizer, std::string problem, Precision precision, int default_cases,
           std::function<CaseOutcome()> body, ProfileBody profile = nullptr);
  void add(std::string theorem, std::string optimizer, std::string problem, Precision precision, int default_cases,
           std::function<CaseOutcome()> body, ProfiledBody profiled);
  const std::vector<CheckEntry>& entries() const { return entries_; }
  /// Adds every check (and refusal) of another catalogue, e.g. the built-in checks next to a user's.
  void append(const Catalogue& other);
  /// A registration that was refused (a claim outside a theorem's hypotheses), kept so that a command built on this
  /// catalogue can report it as bad input (exit 2) instead of dying before main().
  void refuse(std::string why) { refused_.push_back(std::move(why)); }
  const std::vector<std::string>& refused() const { return refused_; }

 private:
  std::vector<CheckEntry> entries_;
  std::vector<std::string> refused_;
};

/// Every check optcheck ships (all theorems × optimizers × registered precisions).
const Catalogue& catalogue();

}  // namespace optcheck
