#!/usr/bin/env bash
# Quick start, step 1: install what is missing, build, and run the default theorem suite (six theorems × their
# optimizers × {double, float128}), writing optcheck-report/results.json. Exit code: optcheck's (0 = all hold).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
exec build/optcheck run --out optcheck-report "$@"
