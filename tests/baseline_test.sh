#!/usr/bin/env bash
# optcheck baseline: record / check / --update on a user's program (tests/baseline_regression.cpp), the injected
# precision regression (bf16 accumulation without master weights) caught, bad baseline files refused (exit 2), the
# record deterministic, and the committed default baseline (reference/baselines/default.json) checked.
# Usage: baseline_test.sh USER_PROGRAM OPTCHECK DEFAULT_BASELINE
set -u
clean="$1" optcheck="$2" default_baseline="$3"
. "$(dirname "$0")/lib.sh"
b="$work/user.json"

expect_exit 0 "record on the clean tree" "$clean" baseline record --file "$b" --jobs 2
expect_exit 0 "check of the clean tree" "$clean" baseline check --file "$b" --jobs 2
grep -q " 0 regression" "$work/out" || fail "clean check: no '0 regression(s)' line: $(tail -3 "$work/out")"
expect_exit 1 "check of the injected regression (no master weights)" env OPTCHECK_INJECT_REGRESSION=1 "$clean" baseline check --file "$b" --jobs 2
grep -q "REGRESSION" "$work/out" || fail "injected regression: no REGRESSION row"
grep "REGRESSION" "$work/out" | head -5
# Every measured metric is in the file, with its reference.
jq -e '[.checks[] | select(.precision == "bf16-mixed") | .metrics.deviation_in_u, .metrics.lowest_in_u, .metrics.worst_ratio]
       | all(. != null)' "$b" >/dev/null || fail "record: a bf16-mixed metric is null"
jq -e '[.checks[] | select(.precision == "bf16-mixed") | .info.reference == "double"] | all' "$b" >/dev/null \
  || fail "record: the bf16-mixed reference is not double"
jq -e '.header.seed == 1 and .header.cases == 20 and (.header.compiler | length > 0) and (.header.command | test("baseline record"))' \
  "$b" >/dev/null || fail "record: header incomplete"

# Deterministic: the same seed records a byte-identical file.
expect_exit 0 "second record" "$clean" baseline record --file "$work/again.json" --jobs 1
sed 's#--file [^"]*#--file F#' "$b" > "$work/a" && sed 's#--file [^"]*#--file F#' "$work/again.json" > "$work/b"
cmp -s "$work/a" "$work/b" && pass || fail "record is not byte-identical across runs (--jobs 2 vs 1)"

# --update: an expected metric made too small fails, --update rewrites it, and the check passes again.
jq '.checks[0].metrics.worst_ratio = 0.0001 | .tolerances.lowest_in_u.relative = 3' "$b" > "$work/tight.json"
expect_exit 1 "check against a tightened baseline" "$clean" baseline check --file "$work/tight.json"
expect_exit 0 "--update" "$clean" baseline check --file "$work/tight.json" --update
expect_exit 0 "check after --update" "$clean" baseline check --file "$work/tight.json"
jq -e '.tolerances.lowest_in_u.relative == 3' "$work/tight.json" >/dev/null && pass \
  || fail "--update did not keep the file's own tolerances"

# Bad baseline files: exit 2, one line naming the file.
printf 'not json' > "$work/bad1.json"
jq '.schema_version = 2' "$b" > "$work/bad2.json"
jq '.checks[0].optimizer = "no-such-optimizer"' "$b" > "$work/bad3.json"
jq '.checks[0].metrics.deviation_in_u = -1' "$b" > "$work/bad4.json"
jq '.checks[0].metrics.deviation_in_u = "big"' "$b" > "$work/bad5.json"
jq 'del(.header.seed)' "$b" > "$work/bad6.json"
jq '.checks = []' "$b" > "$work/bad7.json"
jq '.tolerances.worst_ratio.relative = -1' "$b" > "$work/bad8.json"
head -c 200 "$b" > "$work/bad9.json"
for f in "$work"/bad?.json "$work/missing.json" "$work"; do
  expect_exit 2 "bad baseline $f" "$clean" baseline check --file "$f"
  [ "$(wc -l < "$work/err")" = 1 ] || fail "bad baseline $f: message is not one line: $(cat "$work/err")"
done
expect_exit 2 "bad --name" "$clean" baseline record --name '../x'
expect_exit 2 "unknown precision" "$clean" baseline record --file "$work/x.json" --precision bf17
[ ! -e "$work/x.json" ] || fail "a refused record left a file"

# The committed default baseline holds on this tree.
expect_exit 0 "optcheck baseline check of reference/baselines/default.json" "$optcheck" baseline check --file "$default_baseline"
tail -1 "$work/out"

echo "baseline_test: $passes passed, $failures failed"
[ "$failures" = 0 ]
