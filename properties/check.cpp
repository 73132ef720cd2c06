#include "properties/check.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <limits>
#include <rapidcheck/detail/Configuration.h>
#include <sstream>

namespace optcheck {

namespace {
/// RapidCheck's default listener reports to stderr and registers failures for an at-exit "reproduce" banner meant
/// for its own test runners; optcheck reports results itself.
class QuietListener : public rc::detail::TestListener {
 public:
  /// Test cases (not shrink attempts) whose preconditions failed: outside the theorem's hypotheses.
  int discarded = 0;
  void onTestCaseFinished(const rc::detail::CaseDescription& d) override {
    if (d.result.type == rc::detail::CaseResult::Type::Discard) ++discarded;
  }
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};
/// Folds one case into a check's result: its verdict into the merged worst, and its trace, theory and metrics when
/// it is the new worst case. Cases outside the hypotheses (and holding) are left out.
void absorb_case(CheckResult& r, const CaseOutcome& o) {
  if (!o.verdict.applicable && o.verdict.holds) return;
  const bool new_worst = r.worst.worst_iterate < 0 || o.verdict.worst_ratio > r.worst.worst_ratio;
  r.worst.merge(o.verdict);
  if (new_worst) {
    r.worst.metrics = o.verdict.metrics;  // named numbers of one run (iterations, residuals): the worst case's
    r.worst_trace = o.trace;
    r.theory = o.theory;
  }
}
}  // namespace

std::string to_string(Status s) {
  switch (s) {
    case Status::holds: return "holds";
    case Status::violated: return "violated";
    case Status::inconclusive: return "inconclusive";
    case Status::error: return "error";
  }
  return "?";
}

void assert_outcome(const CaseOutcome& o) {
  if (!o.error.empty()) RC_FAIL("error: " + o.error);
  if (!o.verdict.applicable) RC_DISCARD("outside the theorem's hypotheses: " + o.verdict.inconclusive_reason);
  if (!o.verdict.holds) RC_FAIL("violated: " + o.verdict.first_violation_detail + "; worst " + o.verdict.describe_worst());
}

CheckResult run_property(const std::function<CaseOutcome()>& body, const RunParams& params) {
  // RapidCheck prints "Using configuration: seed=<its own random seed>" when its global configuration is first
  // loaded; optcheck passes its seed explicitly, so that line would only mislead. Load it once, silently.
  static const bool configured = [] {
    std::streambuf* saved = std::cerr.rdbuf(nullptr);
    (void)rc::detail::configuration();
    std::cerr.rdbuf(saved);
    return true;
  }();
  (void)configured;
  CheckResult out;
  out.seed = params.seed;
  out.cases_requested = params.cases;
  // Whether the last failing evaluation was an optimizer error: the shrunk counterexample is the last case that
  // failed, so this classifies it (RapidCheck's failure text starts with file:line, not with our marker).
  bool last_failure_is_error = false;
  auto property = [&]() {
    CaseOutcome o = body();
    if (!o.trace.empty()) {  // drawn cases only (not the profile)
      const long last = o.trace.back().t;
      out.horizons.longest = std::max(out.horizons.longest, last);
      ++out.horizons.traced_cases;
      if (last >= 200) ++out.horizons.at_least_200;
    }
    absorb_case(out, o);
    if (!o.error.empty() || !o.verdict.holds) last_failure_is_error = !o.error.empty();
    assert_outcome(o);
  };
  rc::detail::TestParams tp;
  tp.seed = params.seed;
  tp.maxSuccess = params.cases;
  tp.maxSize = params.max_size;
  tp.disableShrinking = !params.shrink;
  rc::detail::TestMetadata meta;
  meta.id = "optcheck";
  QuietListener listener;
  const auto result = rc::detail::checkTestable(property, meta, tp, listener);
  out.discarded = listener.discarded;
  if (result.template is<rc::detail::SuccessResult>()) {
    out.status = Status::holds;
    out.cases = result.template get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.template is<rc::detail::FailureResult>()) {
    const auto& f = result.template get<rc::detail::FailureResult>();
    out.cases = f.numSuccess;
    out.failure = f.description;
    out.status = last_failure_is_error ? Status::error : Status::violated;
    std::ostringstream ce;
    for (const auto& [type, value] : f.counterExample) ce << value << "\n";
    out.counterexample = ce.str();
    if (!out.counterexample.empty()) out.counterexample.pop_back();
  } else if (result.template is<rc::detail::GaveUpResult>()) {
    const auto& g = result.template get<rc::detail::GaveUpResult>();
    out.status = Status::inconclusive;
    out.cases = g.numSuccess;
    out.message = g.description;
  } else {
    out.status = Status::error;
    out.message = result.template get<rc::detail::Error>().description;
  }
  return out;
}

double rate_quantity(const TracePoint& p, const TheoreticalRate& theory) {
  return theory.quantity == "distance" ? p.distance : p.suboptimality;
}

namespace {
double predicted_floor(const TracePoint& p, const TheoreticalRate& theory) {
  return theory.quantity == "distance" ? p.predicted_floor_distance : p.predicted_floor;
}

double median(std::vector<double> v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  return *mid;
}
}  // namespace

std::optional<RateFit> fit_rate(const std::vector<TracePoint>& trace, const TheoreticalRate& theory) {
  if (theory.kind == TheoreticalRate::Kind::none || trace.size() < 3) return std::nullopt;
  const bool linear = theory.kind == TheoreticalRate::Kind::linear;
  std::vector<std::pair<double, double>> pts;
  std::vector<long> ts;
  for (const auto& p : trace) {
    const double y = rate_quantity(p, theory), floor = predicted_floor(p, theory);
    if (!(y > 1e-300) || !std::isfinite(y) || (std::isfinite(floor) && !(y > 10 * floor))) continue;
    if (!linear && p.t < 1) continue;
    pts.emplace_back(linear ? static_cast<double>(p.t) : std::log(static_cast<double>(p.t)), std::log(y));
    ts.push_back(p.t);
  }
  // The asymptotic part: the second half of the qualifying iterates (all of them when there are fewer than 8).
  if (pts.size() >= 8) {
    const auto half = static_cast<std::ptrdiff_t>(pts.size() / 2);
    pts.erase(pts.begin(), pts.begin() + half);
    ts.erase(ts.begin(), ts.begin() + half);
  }
  if (pts.size() < 3) return std::nullopt;
  double mx = 0, my = 0;
  for (const auto& [x, y] : pts) mx += x, my += y;
  mx /= static_cast<double>(pts.size());
  my /= static_cast<double>(pts.size());
  double sxx = 0, sxy = 0;
  for (const auto& [x, y] : pts) sxx += (x - mx) * (x - mx), sxy += (x - mx) * (y - my);
  if (!(sxx > 0)) return std::nullopt;
  const double slope = sxy / sxx;
  double rss = 0;
  for (const auto& [x, y] : pts) rss += std::pow(y - my - slope * (x - mx), 2);
  const double se = std::sqrt(rss / static_cast<double>(pts.size() - 2) / sxx);
  RateFit f;
  f.points = static_cast<long>(pts.size());
  f.first_t = ts.front();
  f.last_t = ts.back();
  if (linear) {
    f.estimate = std::exp(slope);
    f.low = std::exp(slope - 2 * se);
    f.high = std::exp(slope + 2 * se);
  } else {
    f.estimate = slope;
    f.low = slope - 2 * se;
    f.high = slope + 2 * se;
  }
  return f;
}

PrecisionFloor find_floor(const std::vector<TracePoint>& trace, const TheoreticalRate& theory, double u) {
  PrecisionFloor out;
  out.u = u;
  if (trace.empty() || theory.kind == TheoreticalRate::Kind::none) return out;
  const bool on_distance = theory.quantity == "distance";
  const std::size_t T = trace.size() - 1;
  std::vector<double> y(trace.size());
  for (std::size_t i = 0; i < trace.size(); ++i) y[i] = rate_quantity(trace[i], theory);
  out.lowest = *std::min_element(y.begin(), y.end());
  out.scale = on_distance ? trace.front().x_norm + trace.back().x_norm
                          : std::abs(trace.front().f) + std::abs(trace.front().f - trace.front().suboptimality);
  out.scale_is = on_distance ? "||x_0|| + ||x_T||" : "|f(x_0)| + |f*|";
  // t0: the first iterate from which the quantity never falls below half its value there.
  std::vector<double> suffix_min(y.size());
  suffix_min[T] = y[T];
  for (std::size_t i = T; i-- > 0;) suffix_min[i] = std::min(y[i], suffix_min[i + 1]);
  std::size_t t0 = 0;
  while (t0 < T && !(suffix_min[t0] >= y[t0] / 2)) ++t0;
  const double span = static_cast<double>(trace[T].t - trace[t0].t);
  double predicted_decrease = 1;  // the theory's factor over [t0, T]
  if (theory.kind == TheoreticalRate::Kind::linear) predicted_decrease = std::pow(theory.value, span);
  else if (trace[t0].t >= 1)
    predicted_decrease = std::pow(static_cast<double>(trace[T].t) / static_cast<double>(trace[t0].t), theory.value);
  if (span < 20 || !(predicted_decrease <= 0.1)) return out;
  std::vector<double> tail(y.begin() + static_cast<std::ptrdiff_t>(t0), y.end()), predicted;
  for (std::size_t i = t0; i <= T; ++i) {
    const double f = predicted_floor(trace[i], theory);
    if (std::isfinite(f)) predicted.push_back(f);
  }
  out.reached = true;
  out.from_t = trace[t0].t;
  out.value = median(tail);
  out.predicted = predicted.empty() ? std::numeric_limits<double>::quiet_NaN() : median(predicted);
  const double unit = u * out.scale;
  out.in_u = unit > 0 ? out.value / unit : std::numeric_limits<double>::quiet_NaN();
  out.predicted_in_u = unit > 0 ? out.predicted / unit : std::numeric_limits<double>::quiet_NaN();
  return out;
}

void Catalogue::append(const Catalogue& other) {
  entries_.insert(entries_.end(), other.entries_.begin(), other.entries_.end());
  refused_.insert(refused_.end(), other.refused_.begin(), other.refused_.end());
}

void Catalogue::add(std::string theorem, std::string optimizer, std::string problem, Precision precision,
                    int default_cases, std::function<CaseOutcome()> body, ProfiledBody profiled) {
  add(std::move(theorem), std::move(optimizer), std::move(problem), precision, default_cases, std::move(body),
      std::move(profiled.profile));
  entries_.back().replay = std::move(profiled.replay);
}

void Catalogue::add(std::string theorem, std::string optimizer, std::string problem, Precision precision,
                    int default_cases, std::function<CaseOutcome()> body, ProfileBody profile) {
  CheckEntry e{theorem, optimizer, problem, precision, default_cases, body, profile, nullptr, nullptr};
  e.run = [theorem, optimizer, problem, precision, body, profile](const RunParams& p) {
    CheckResult r = run_property(body, p);
    if (profile) {
      ProfileOutcome po = profile(p.seed);
      CaseOutcome& o = po.outcome;
      r.profile_instance = po.instance;
      absorb_case(r, o);
      const bool broke = !o.error.empty() || !o.verdict.holds;
      if (broke && (r.status == Status::holds || r.status == Status::inconclusive)) {
        r.status = o.error.empty() ? Status::violated : Status::error;
        r.failure = "profile run: " + (o.error.empty() ? "violated: " + o.verdict.first_violation_detail : o.error);
        r.counterexample = po.instance;
      }
      if (o.theory.kind != TheoreticalRate::Kind::none) r.theory = o.theory;
      r.profile_trace = std::move(o.trace);
      AdversaryResult& a = po.adversary;
      if (a.ran) {
        const CaseOutcome& best = a.outcome;
        absorb_case(r, best);
        if (!best.verdict.holds && best.error.empty() && (r.status == Status::holds || r.status == Status::inconclusive)) {
          r.status = Status::violated;
          r.failure = "adversarial search: violated: " + best.verdict.first_violation_detail;
          r.counterexample = a.instance;
        }
        a.outcome = CaseOutcome{};  // its verdict is merged; the trace is not kept
        r.adversary = std::move(a);
      }
    }
    const auto& shown = r.profile_trace.empty() ? r.worst_trace : r.profile_trace;
    r.observed_rate = fit_rate(shown, r.theory);
    r.floor = find_floor(shown, r.theory, info(precision).unit_roundoff);
    r.theorem = theorem;
    r.optimizer = optimizer;
    r.problem = problem;
    r.precision = std::string(info(precision).name);
    return r;
  };
  entries_.push_back(std::move(e));
}

}  // namespace optcheck
