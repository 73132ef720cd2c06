#!/usr/bin/env bash
# Installs what is missing (scripts/setup.sh) and builds everything into build/. Idempotent and incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
# 2 parallel jobs: the multiprecision translation units need ~1.5 GB each at peak.
ninja -C build -j "${OPTCHECK_JOBS:-$(nproc)}"
