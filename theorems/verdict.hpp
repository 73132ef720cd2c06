// The result of checking one theorem's inequality at every iterate of a run.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "optcheck/scalar/types.hpp"

namespace optcheck {

/// The slack allowed for rounding at one iterate, kept as k·u·scale with the derivation of k: value = k·u·scale.
struct Slack {
  double value = 0;
  double k = 0;      ///< value/(u·scale)
  double u = 0;      ///< unit roundoff of the arithmetic
  double scale = 0;  ///< the magnitude the slack is relative to (named in derivation)
  std::string derivation;

  static Slack make(double value, double u, double scale, std::string derivation) {
    Slack s;
    s.value = value;
    s.u = u;
    s.scale = scale;
    s.k = (u > 0 && scale > 0) ? value / (u * scale) : 0;
    s.derivation = std::move(derivation);
    return s;
  }
  std::string describe() const {
    std::ostringstream m;
    m.precision(3);
    m << "k·u·scale = " << k << " × " << u << " × " << scale << " = " << value << " (" << derivation << ")";
    return m.str();
  }
};

/// How close the instances came to a bound that is attained on the function class (a "tight" bound of
/// THEOREMS.md): the largest measured/tight_bound over iterates and cases. Reported, never judged: a tight bound
/// need not be the inequality the theorem checks.
struct Tightness {
  double ratio = -1;  ///< < 0: not measured (no tight bound known for this method and class)
  long iterate = -1;
  std::string bound;  ///< which tight bound, with its source

  void record(long t, double measured, double tight_bound, const char* which) {
    if (!(tight_bound > 0) || !std::isfinite(measured)) return;
    const double r = measured / tight_bound;
    if (r > ratio) {
      ratio = r;
      iterate = t;
      bound = which;
    }
  }
  void merge(const Tightness& o) {
    if (o.ratio > ratio) *this = o;
  }
};

struct Verdict {
  bool holds = true;
  bool applicable = true;        ///< false: the run did not meet the theorem's hypotheses (result: inconclusive)
  std::string inconclusive_reason;
  long checks = 0;               ///< inequality evaluations (iterates × inequalities)
  double worst_ratio = 0;        ///< max measured/(bound + slack) (upper) or (bound − slack)/measured (lower)
  long worst_iterate = -1;
  std::string worst_inequality;  ///< which inequality of the theorem
  double worst_measured = 0, worst_bound = 0;
  Slack worst_slack;
  long first_violation = -1;     ///< iterate of the first violation (−1: none)
  std::string first_violation_detail;
  /// Extra named numbers a theorem reports (floors, fitted rates, false-alarm probability …), in insertion order.
  std::vector<std::pair<std::string, double>> metrics;
  /// The theorem's bound on the rate quantity (f − f* or the distance) at each iterate, for plots: (t, bound).
  /// Belongs to one run; merge() leaves it alone.
  std::vector<std::pair<long, double>> bound_curve;
  Tightness tightness;
  /// What a reader must know to interpret the verdict (which tolerance held, an estimated quantity, a check that
  /// was skipped), each once, in first-seen order; merge() takes the union.
  std::vector<std::string> notes;

  /// At most this many distinct notes are kept (a solver whose status names per-case numbers would otherwise add
  /// one per case); the last one kept says that more were left out.
  static constexpr std::size_t kMaxNotes = 12;
  static constexpr const char* kNotesOmitted = "further notes omitted (more than 12 distinct)";

  void note(const std::string& n) {
    if (std::find(notes.begin(), notes.end(), n) != notes.end()) return;
    if (notes.size() + 1 < kMaxNotes)
      notes.push_back(n);
    else if (notes.size() + 1 == kMaxNotes)
      notes.emplace_back(kNotesOmitted);
  }

  /// measured ≤ bound + slack. measured and bound are compared in S (their difference is formed before rounding to
  /// double), so ≥ 100-bit checks keep their accuracy.
  /// consistency = true marks a cross-check whose ratio sits near 1 by construction (an equality checked from
  /// both sides): it can fail the verdict but does not compete for the reported worst ratio.
  template <class S>
  void upper(long t, const char* inequality, const S& measured, const S& bound, const Slack& slack,
             bool consistency = false) {
    const double excess = to_double(S(measured - bound));
    const double m = to_double(measured), b = to_double(bound) + slack.value;
    const double ratio = b > 0 ? std::max(0.0, m / b) : (m <= b ? 0.0 : std::numeric_limits<double>::infinity());
    record(t, inequality, excess > slack.value, consistency ? 0.0 : ratio, m, to_double(bound), slack);
  }
  /// measured ≥ bound − slack.
  template <class S>
  void lower(long t, const char* inequality, const S& measured, const S& bound, const Slack& slack,
             bool consistency = false) {
    const double deficit = to_double(S(bound - measured));
    const double m = to_double(measured), b = to_double(bound) - slack.value;
    const double ratio = m > 0 ? std::max(0.0, b / m) : (b <= 0 ? 0.0 : std::numeric_limits<double>::infinity());
    record(t, inequality, deficit > slack.value, consistency ? 0.0 : ratio, m, to_double(bound), slack);
  }
  void mark_inconclusive(std::string why) {
    if (applicable) inconclusive_reason = std::move(why);
    applicable = false;
  }
  /// Folds another verdict (e.g. another replicate or sub-check) into this one.
  void merge(const Verdict& o) {
    checks += o.checks;
    tightness.merge(o.tightness);
    for (const auto& n : o.notes) note(n);
    if (!o.applicable) mark_inconclusive(o.inconclusive_reason);
    if (!o.holds && holds) {
      holds = false;
      first_violation = o.first_violation;
      first_violation_detail = o.first_violation_detail;
    }
    if (o.worst_ratio > worst_ratio || worst_iterate < 0) {
      worst_ratio = o.worst_ratio;
      worst_iterate = o.worst_iterate;
      worst_inequality = o.worst_inequality;
      worst_measured = o.worst_measured;
      worst_bound = o.worst_bound;
      worst_slack = o.worst_slack;
    }
  }
  std::string describe_worst() const {
    std::ostringstream m;
    m.precision(6);
    m << worst_inequality << " at t=" << worst_iterate << ": measured " << worst_measured << ", bound "
      << worst_bound << ", slack " << worst_slack.describe();
    return m.str();
  }

 private:
  void record(long t, const char* inequality, bool violated, double ratio, double m, double b, const Slack& slack) {
    ++checks;
    if (violated && holds) {
      holds = false;
      first_violation = t;
      std::ostringstream d;
      d.precision(10);
      d << inequality << " violated at t=" << t << ": measured " << m << ", bound " << b << ", slack " << slack.value;
      first_violation_detail = d.str();
    }
    if (violated) ratio = std::max(ratio, std::nextafter(1.0, 2.0));  // a violation always reports a ratio > 1
    if (ratio > worst_ratio || worst_iterate < 0) {
      worst_ratio = ratio;
      worst_iterate = t;
      worst_inequality = inequality;
      worst_measured = m;
      worst_bound = b;
      worst_slack = slack;
    }
  }
};

}  // namespace optcheck
