#!/usr/bin/env bash
# Quick start, step 2: install what is missing, build, and run the whole test suite with ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --test-dir build --output-on-failure -j "${OPTCHECK_JOBS:-$(nproc)}" "$@"
