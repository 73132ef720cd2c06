// main() for the optcheck benchmarks: runs Google Benchmark, then prints every declared ratio (subject/baseline,
// median over repetitions of the mean time per iteration) and whether it meets its goal.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "bench/ratio.hpp"

namespace optcheck::bench {
namespace {

struct Ratio {
  std::string subject, baseline, why;
  Goal goal;
  double target;
};
std::vector<Ratio>& ratios() {
  static std::vector<Ratio> r;
  return r;
}

/// Console output as usual, plus the seconds per iteration of every (non-aggregate) run, by benchmark name.
class RecordingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs)
      if (r.run_type == Run::RT_Iteration && r.iterations > 0)
        seconds_[r.run_name.function_name + (r.run_name.args.empty() ? "" : "/" + r.run_name.args)].push_back(
            r.real_accumulated_time / static_cast<double>(r.iterations));
  }
  /// Median over repetitions; negative when the benchmark did not run (filtered out).
  double median(const std::string& name) const {
    auto it = seconds_.find(name);
    if (it == seconds_.end() || it->second.empty()) return -1;
    std::vector<double> v = it->second;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  }

 private:
  std::map<std::string, std::vector<double>> seconds_;
};

}  // namespace

bool declare_ratio(std::string subject, std::string baseline, Goal goal, double target, std::string why) {
  ratios().push_back({std::move(subject), std::move(baseline), std::move(why), goal, target});
  return true;
}

}  // namespace optcheck::bench

int main(int argc, char** argv) {
  using namespace optcheck::bench;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  RecordingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  std::printf("\n%-44s %-34s %10s  %s\n", "ratio (subject / baseline)", "baseline", "ratio", "goal");
  int missed = 0;
  for (const Ratio& r : ratios()) {
    const double s = reporter.median(r.subject), b = reporter.median(r.baseline);
    if (s < 0 || b <= 0) continue;
    const double ratio = s / b;
    std::string goal = "-";
    if (r.goal != Goal::none) {
      const bool met = r.goal == Goal::at_most ? ratio <= r.target : ratio >= r.target;
      missed += !met;
      char buf[64];
      std::snprintf(buf, sizeof buf, "%s %g: %s", r.goal == Goal::at_most ? "<=" : ">=", r.target, met ? "met" : "MISSED");
      goal = buf;
    }
    std::printf("%-44s %-34s %10.3g  %s\n", r.subject.c_str(), r.baseline.c_str(), ratio, goal.c_str());
    std::printf("    %s\n", r.why.c_str());
  }
  std::printf("%d goal(s) missed\n", missed);
  return 0;
}
