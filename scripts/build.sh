#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh) and builds into build/: the default targets (library, command,
# catalogue), or the ninja targets given (scripts/test.sh: `all tests`, the test programs too). Idempotent and
# incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
# 2 parallel jobs: the multiprecision translation units need ~1.5 GB each at peak.
ninja -C build -j "${OPTCHECK_JOBS:-$(nproc)}" "$@"
