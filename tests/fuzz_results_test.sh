#!/usr/bin/env bash
# ctest fuzz_results: a valid results.json, then OPTCHECK_FUZZ_MUTANTS (default 2000) seeded mutations of it through
# `optcheck report` (tests/fuzz_results.cpp). Usage: fuzz_results_test.sh path/to/optcheck path/to/fuzz_results
set -u
bin="$1"; fuzz="$2"
. "$(dirname "$0")/lib.sh"
"$bin" run --theorem pl-linear-rate --theorem nesterov-rate --precision double --cases 5 --seed 3 --quiet \
  --out "$work/valid" >/dev/null || { echo "FAIL: the valid run"; exit 1; }
"$fuzz" "$bin" "$work/valid/results.json" "$work/fuzz" "${OPTCHECK_FUZZ_MUTANTS:-2000}" "${OPTCHECK_FUZZ_SEED:-1}"
