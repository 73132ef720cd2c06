#!/usr/bin/env bash
# Tests under AddressSanitizer + UndefinedBehaviorSanitizer (CMake preset `asan`: -O1 -g1, every finding fatal, leaks
# checked, the built-in catalogue in double only), built into build-asan/. README, section Sanitizers.
# Usage: scripts/sanitize.sh [--ci] [ctest arguments...]      (after scripts/setup.sh)
#   --ci   what .ci/run runs: labels unit, selftest and double (the unit tests, the broken-optimizer and mutant
#          self-tests, the adversarial regression cases, the public API test and the six theorem suites in double),
#          less two groups of Boost.Test cases: the API test's cases under the bf16/fp16 arithmetic policies (label
#          `policy`; emulated bf16/fp16 is most of that test's time under the sanitizers) and the mutant catalogue's
#          correct-optimizer controls (label `control`: the double theorem suites run the same property bodies).
#   (none) also label lowprec (the bf16/fp16 invariants) and the API test's policy cases: before a release, or after
#          touching memory-handling code.
set -euo pipefail
cd "$(dirname "$0")/.."
ci=0
if [ "${1:-}" = "--ci" ]; then
  ci=1
  shift
fi
targets=(unit_core unit_parity selftest_broken mutant_catalogue theorem_properties api_test optcheck_cli)
labels='unit|selftest|double'
if [ $ci = 0 ]; then
  targets+=(lowprec_invariants)
  labels+='|lowprec'
else
  export BOOST_TEST_RUN_FILTERS='!@policy:!@control'
fi
start=$(date +%s)
cmake --preset asan >/dev/null
ninja -C build-asan -j "${OPTCHECK_JOBS:-$(nproc)}" "${targets[@]}"
built=$(date +%s)
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# -FS program_: the targets above are built; skip the tests' build fixtures (tests/CMakeLists.txt).
ctest --test-dir build-asan --output-on-failure -j "${OPTCHECK_JOBS:-$(nproc)}" -L "$labels" -LE slow -FS program_ "$@"
echo "sanitize: clean (build $(( built - start )) s, tests $(( $(date +%s) - built )) s)"
