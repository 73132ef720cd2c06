#include "properties/check.hpp"

#include <algorithm>
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
    if (o.verdict.applicable || !o.verdict.holds) out.worst.merge(o.verdict);
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
