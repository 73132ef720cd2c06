#!/usr/bin/env bash
# The unit, selftest and double-precision theorem tests under AddressSanitizer + UndefinedBehaviorSanitizer (CMake
# preset `asan`: -O1 -g, every UB check fatal, the built-in catalogue in double only). Builds into build-asan/.
# Usage: scripts/sanitize.sh            (after scripts/setup.sh). About 40 minutes on 2 cores: not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset asan >/dev/null
targets=(unit_core unit_parity lowprec_invariants selftest_broken mutant_catalogue theorem_properties api_test optcheck_cli)
ninja -C build-asan -j "${OPTCHECK_JOBS:-$(nproc)}" "${targets[@]}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Labels unit, selftest, double and lowprec: the unit tests, the broken-optimizer and mutant self-tests, the
# adversarial regression cases, the public API tests, the six theorem suites in double and the bf16/fp16 invariants.
ctest --test-dir build-asan --output-on-failure -j "${OPTCHECK_JOBS:-$(nproc)}" -L 'unit|selftest|double|lowprec' -LE slow "$@"
