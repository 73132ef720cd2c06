#include "properties/check.hpp"

#include <algorithm>
#include <cmath>
#include <iostream>
#include <rapidcheck/detail/Configuration.h>
#include <sstream>

namespace optcheck {

namespace {
/// RapidCheck's default listener reports to stderr and registers failures for an at-exit "reproduce" banner meant
/// for its own test runners; optcheck reports results itself.
class QuietListener : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};
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
  auto property = [&]() {
    CaseOutcome o = body();
    if (o.verdict.applicable || !o.verdict.holds) {
      const bool new_worst = out.worst.worst_iterate < 0 || o.verdict.worst_ratio > out.worst.worst_ratio;
      out.worst.merge(o.verdict);
      if (new_worst) {
        out.worst_trace = std::move(o.trace);
        out.theory = o.theory;
      }
    }
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
  out.observed_rate = fit_rate(out.worst_trace, out.theory, 0.0);
  if (result.template is<rc::detail::SuccessResult>()) {
    out.status = Status::holds;
    out.cases = result.template get<rc::detail::SuccessResult>().numSuccess;
  } else if (result.template is<rc::detail::FailureResult>()) {
    const auto& f = result.template get<rc::detail::FailureResult>();
    out.cases = f.numSuccess;
    out.failure = f.description;
    out.status = f.description.rfind("error: ", 0) == 0 ? Status::error : Status::violated;
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

std::optional<RateFit> fit_rate(const std::vector<TracePoint>& trace, const TheoreticalRate& theory, double floor) {
  if (theory.kind == TheoreticalRate::Kind::none || trace.size() < 3) return std::nullopt;
  const bool on_distance = theory.quantity == "distance";
  const double y0 = on_distance ? trace.front().distance : trace.front().suboptimality;
  // Leave out the precision floor: values below 1e-12 of the start (double) are dominated by rounding.
  const double cut = std::max(floor, 1e-12 * std::abs(y0));
  std::vector<std::pair<double, double>> pts;
  for (const auto& p : trace) {
    const double y = on_distance ? p.distance : p.suboptimality;
    if (!(y > cut) || !std::isfinite(y)) continue;
    if (theory.kind == TheoreticalRate::Kind::sublinear && p.t < 1) continue;
    pts.emplace_back(theory.kind == TheoreticalRate::Kind::linear ? static_cast<double>(p.t)
                                                                   : std::log(static_cast<double>(p.t)),
                     std::log(y));
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
  const double se = pts.size() > 2 ? std::sqrt(rss / static_cast<double>(pts.size() - 2) / sxx) : 0.0;
  RateFit f;
  f.points = static_cast<long>(pts.size());
  if (theory.kind == TheoreticalRate::Kind::linear) {
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

void Catalogue::add(std::string theorem, std::string optimizer, std::string problem, Precision precision,
                    int default_cases, std::function<CaseOutcome()> body) {
  CheckEntry e{theorem, optimizer, problem, precision, default_cases, body, nullptr};
  e.run = [theorem, optimizer, problem, precision, body](const RunParams& p) {
    CheckResult r = run_property(body, p);
    r.theorem = theorem;
    r.optimizer = optimizer;
    r.problem = problem;
    r.precision = std::string(info(precision).name);
    return r;
  };
  entries_.push_back(std::move(e));
}

}  // namespace optcheck
