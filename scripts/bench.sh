#!/usr/bin/env bash
# Builds and runs the benchmarks (bench/, Google Benchmark). Each prints its timings, then a table of ratios
# (subject / baseline, measured in the same process) with the goal each ratio has. Keep the machine otherwise idle.
# Usage: scripts/bench.sh [--jobs-suite]   (--jobs-suite adds the default suite with --jobs 1 and 2: ~4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
ninja -C build optcheck_bench optcheck_bench_jobs >/dev/null
build/bench/optcheck_bench --benchmark_repetitions=3 --benchmark_min_time=0.2
if [ "${1:-}" = "--jobs-suite" ]; then build/bench/optcheck_bench_jobs; fi
