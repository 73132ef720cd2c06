#!/usr/bin/env bash
# End-to-end tests of the optcheck command: exit codes for bad input, results.json content, byte-identical results
# for the same seed, atomic output. Usage: cli_test.sh path/to/optcheck
set -u
bin="$1"
. "$(dirname "$0")/lib.sh"

# Bad input: exit 2 with a one-line message naming the input.
expect_exit 2 "unknown theorem" "$bin" run --theorem no-such-theorem --out "$work/r"
grep -q "no-such-theorem" "$work/err" && pass || fail "message names the unknown theorem"
expect_exit 2 "unknown precision" "$bin" run --precision quad --out "$work/r"
grep -q "quad" "$work/err" && pass || fail "message names the unknown precision"
expect_exit 2 "bad seed" "$bin" run --seed abc --out "$work/r"
grep -q "abc" "$work/err" && pass || fail "message names the bad seed"
expect_exit 2 "cases out of range" "$bin" run --cases 0 --out "$work/r"
expect_exit 2 "unknown flag" "$bin" run --frobnicate
expect_exit 2 "no subcommand" "$bin"
touch "$work/file"
expect_exit 2 "out is a file" "$bin" run --theorem kkt --optimizer qp-ipm --precision double --cases 2 --out "$work/file/x"
[ "$(wc -l <"$work/err")" -le 1 ] && pass || fail "bad input gives a one-line message"
expect_exit 0 "list" "$bin" list
grep -q "robbins-monro" "$work/out" && pass || fail "list names the theorems"

# A small run: every theorem in double and float128, results.json with the documented fields.
expect_exit 0 "small run" "$bin" run --cases 3 --seed 7 --out "$work/a" --quiet
for th in descent-lemma pl-linear-rate gd-stability robbins-monro kkt nesterov-rate; do
  grep -q "\"theorem\": \"$th\"" "$work/a/results.json" && pass || fail "results.json names $th"
done
for field in '"seed": 7' '"status": "holds"' '"worst_ratio"' '"cases"' '"precision": "float128"' '"precision": "double"'; do
  grep -q "$field" "$work/a/results.json" && pass || fail "results.json has $field"
done
grep -q "seed 7" "$work/out" && pass || fail "the run prints its seed"
ls "$work/a" | grep -q tmp && fail "a temporary file was left behind" || pass

grep -q '"problem": "laplacian2d"' "$work/a/results.json" && pass || fail "results.json names the problem family"
[ -s "$work/a/report.md" ] && pass || fail "report.md written"
grep -q '"observed_rate"' "$work/a/results.json" && pass || fail "results.json has observed rates"
grep -q '"theoretical_rate"' "$work/a/results.json" && pass || fail "results.json has theoretical rates"
ls "$work/a/traces/" | grep -q "pl-linear-rate_gd_quadratic_double.csv" && pass || fail "traces/*.csv written"
head -1 "$work/a/traces/pl-linear-rate_gd_quadratic_double.csv" | grep -q "^t,suboptimality,gradient_norm" && pass || fail "trace CSV header"
grep -q "^## nesterov-rate" "$work/a/report.md" && pass || fail "report.md has a section per theorem"
[ -s "$work/a/index.html" ] && pass || fail "index.html written"
for field in '"tightness"' '"precision_floor"' '"in_u"' '"predicted_in_u"' '"profile"' '"plot"' '"bound"'; do
  grep -q "$field" "$work/a/results.json" && pass || fail "results.json has $field"
done
# Every check has status, worst_ratio, observed_rate and theoretical_rate (the rates may be null with a note).
n_checks=$(grep -c '^    {$' "$work/a/results.json")
for key in status worst_ratio observed_rate theoretical_rate tightness precision_floor; do
  n=$(grep -c "^      \"$key\":" "$work/a/results.json")
  [ "$n" = "$n_checks" ] && [ "$n" -gt 0 ] && pass || fail "$key in $n of $n_checks checks"
done

# Reproducibility: the same seed gives a byte-identical results.json, whatever --jobs (the first run used the default).
expect_exit 0 "repeat run" "$bin" run --cases 3 --seed 7 --out "$work/b" --quiet --junit "$work/b/junit.xml" --jobs 1
cmp -s "$work/a/results.json" "$work/b/results.json" && pass || fail "same seed, different results.json (--jobs 1 vs default)"
expect_exit 0 "repeat run, 3 jobs" "$bin" run --cases 3 --seed 7 --out "$work/b3" --quiet --jobs 3
cmp -s "$work/a/results.json" "$work/b3/results.json" && pass || fail "same seed, different results.json (--jobs 3)"
expect_exit 2 "--jobs 0" "$bin" run --jobs 0 --out "$work/x"
grep -q "<testcase classname=\"kkt\"" "$work/b/junit.xml" && pass || fail "JUnit XML has a testcase per check"

# Shards: 1/2 and 2/2 merged give the unsharded results.json byte for byte.
expect_exit 0 "shard 1/2" "$bin" run --cases 3 --seed 7 --shard 1/2 --out "$work/s1" --quiet
expect_exit 0 "shard 2/2" "$bin" run --cases 3 --seed 7 --shard 2/2 --out "$work/s2" --quiet
expect_exit 0 "merge" "$bin" report --merge "$work/s1" "$work/s2" --out "$work/m"
cmp -s "$work/a/results.json" "$work/m/results.json" && pass || fail "merged shards differ from the unsharded run"
[ "$(ls "$work/m/traces" | wc -l)" = "$(ls "$work/a/traces" | wc -l)" ] && pass || fail "merge did not bring every shard's traces"
[ -s "$work/m/index.html" ] && pass || fail "merge writes index.html"
expect_exit 2 "bad shard" "$bin" run --shard 3/2 --out "$work/x"
expect_exit 2 "a shard that selects nothing" "$bin" run --theorem kkt --optimizer qp-ipm --precision double --shard 2/2 --out "$work/x"
grep -q "selects no check" "$work/err" && pass || fail "message says the shard selects nothing"
expect_exit 2 "merge of one shard of two" "$bin" report --merge "$work/s1" --out "$work/x"
grep -q "2/2 missing" "$work/err" && pass || fail "message names the missing shard"
expect_exit 2 "merge of a shard given twice" "$bin" report --merge "$work/s1" "$work/s1" --out "$work/x"
expect_exit 2 "merge of a shard with an unsharded run" "$bin" report --merge "$work/s1" "$work/a" --out "$work/x"
[ -e "$work/x" ] && fail "a refused merge wrote output" || pass
expect_exit 2 "merge of a missing dir" "$bin" report --merge "$work/nowhere" --out "$work/x"
expect_exit 0 "re-render" "$bin" report "$work/a/results.json" --out "$work/r2"
cmp -s "$work/a/report.md" "$work/r2/report.md" && pass || fail "re-rendered report.md differs"

# --out is written as a whole (cli/output_dir.hpp): traces of an earlier selection do not survive a new run.
expect_exit 0 "kkt run" "$bin" run --theorem kkt --precision double --cases 2 --out "$work/st" --quiet
expect_exit 0 "gd run into the same --out" "$bin" run --theorem descent-lemma --optimizer gd --problem quadratic \
  --precision double --cases 2 --out "$work/st" --quiet
[ -z "$(ls "$work/st/traces" | grep -v '^descent-lemma_gd_quadratic_double')" ] && pass ||
  fail "stale traces of the earlier selection: $(ls "$work/st/traces")"
# A directory of other files is refused, not replaced; so is a JUnit file that would overwrite the report.
mkdir -p "$work/user" && echo mine >"$work/user/notes.txt"
expect_exit 2 "--out holding other files" "$bin" run --theorem kkt --precision double --cases 2 --out "$work/user"
[ -f "$work/user/notes.txt" ] && pass || fail "a refused --out lost its files"
expect_exit 2 "--junit naming results.json" "$bin" run --theorem kkt --precision double --cases 2 --out "$work/st" \
  --junit "$work/st/results.json"
ln -s "$work/user/notes.txt" "$work/link.xml"
expect_exit 2 "--junit on a symlink" "$bin" run --theorem kkt --precision double --cases 2 --out "$work/st" --junit "$work/link.xml"
[ "$(cat "$work/user/notes.txt")" = mine ] && pass || fail "--junit wrote through a symlink"
# Two writers: the second is refused while the first runs. A kill -9 mid-run leaves the previous report whole, and
# the next run clears the killed one's staging directory.
slow=(run --theorem nesterov-rate --precision float128 --cases 60 --quiet)
cp "$work/st/results.json" "$work/st-before.json"
"$bin" "${slow[@]}" --out "$work/st" >/dev/null 2>&1 &
writer=$!
sleep 1
expect_exit 2 "a second writer into the same --out" "$bin" run --theorem kkt --precision double --cases 2 --out "$work/st"
grep -q "another optcheck is writing there" "$work/err" && pass || fail "second writer message: $(cat "$work/err")"
kill -9 "$writer"; wait "$writer" 2>/dev/null
cmp -s "$work/st/results.json" "$work/st-before.json" && [ -s "$work/st/index.html" ] && pass ||
  fail "kill -9 mid-run changed the previous report"
ls -a "$work" | grep -q "optcheck-staging" && pass || fail "no staging directory left by the killed run (was it killed mid-run?)"
expect_exit 0 "a run after the kill" "$bin" run --theorem kkt --precision double --cases 2 --out "$work/st" --quiet
ls -a "$work" | grep -q "optcheck-staging" && fail "the killed run's staging directory was not removed" || pass

echo "$passes passed, $failures failed"
[ "$failures" = 0 ]
