// Benchmarks reported as ratios: a subject and its baseline run in the same process (bench/ratio_main.cpp), so
// machine load and frequency affect both alike. Declare each pair next to its benchmarks.
#pragma once

#include <string>

namespace optcheck::bench {

enum class Goal { at_most, at_least, none };

/// Registers "subject time / baseline time" for the summary table (names as Google Benchmark prints them). A
/// ratio with a goal prints whether it is met; `why` says what the ratio measures.
bool declare_ratio(std::string subject, std::string baseline, Goal goal, double target, std::string why);

}  // namespace optcheck::bench
