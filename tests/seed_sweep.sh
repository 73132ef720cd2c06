#!/usr/bin/env bash
# ctest `seed_sweep` (label slow; not in scripts/test.sh): the shipped optimizers over many seeds must raise no
# false alarm. Usage: seed_sweep.sh path/to/optcheck [FIRST LAST] [optcheck run flags...]
# Default: seeds 1..200, every shipped check in double (every optimizer x theorem x family: ~10 s per seed).
set -u
bin="$1"; first="${2:-1}"; last="${3:-200}"
shift $(( $# >= 3 ? 3 : $# ))
flags=("$@")
[ ${#flags[@]} -gt 0 ] || flags=(--precision double)
. "$(dirname "$0")/lib.sh"
for seed in $(seq "$first" "$last"); do
  if "$bin" run --quiet --seed "$seed" --out "$work/r" "${flags[@]}" >"$work/out" 2>&1; then
    pass
  else
    fail "seed $seed: $(grep -v '^ *$' "$work/out" | head -5)"
  fi
done
echo "seed sweep ${first}..${last}: $passes passed, $failures failed"
[ "$failures" = 0 ]
