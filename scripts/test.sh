#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build (the test programs too), and run the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh all tests
# Label slow (seed sweeps over hundreds of seeds) is left out; run it with: ctest --test-dir build -L slow
ctest --test-dir build --output-on-failure -j "${OPTCHECK_JOBS:-$(nproc)}" -LE slow "$@"
