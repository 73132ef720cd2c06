#!/usr/bin/env bash
# Bad input to the optcheck command (label robustness, with cli_test.sh and untrusted_results_test.sh): each gets the
# documented exit code, a one-line message naming the input, and leaves no output behind.
# Usage: robustness_test.sh path/to/optcheck
set -u
bin="$1"
. "$(dirname "$0")/lib.sh"

# bad NAME WORD ARGS...: exit 2, a one-line stderr naming WORD, no --out directory created ($work/x).
bad() {
  local what="$1" word="$2"
  shift 2
  rm -rf "$work/x"
  expect_exit 2 "$what" "$bin" "$@"
  [ "$(wc -l <"$work/err")" -le 1 ] && pass || fail "$what: message is not one line: $(cat "$work/err")"
  grep -qF -- "$word" "$work/err" && pass || fail "$what: message does not name '$word': $(cat "$work/err")"
  [ ! -e "$work/x" ] && pass || fail "$what: left output in --out"
}

small=(--theorem kkt --optimizer qp-ipm --precision double)
bad "negative cases" "--cases" run "${small[@]}" --cases -1 --out "$work/x"
bad "cases 1e99" "--cases" run "${small[@]}" --cases 1e99 --out "$work/x"
bad "cases abc" "abc" run "${small[@]}" --cases abc --out "$work/x"
bad "seed that overflows" "99999999999999999999999" run "${small[@]}" --seed 99999999999999999999999 --out "$work/x"
bad "negative seed" "-5" run "${small[@]}" --seed -5 --out "$work/x"
bad "shard 0/2" "0/2" run "${small[@]}" --shard 0/2 --out "$work/x"
bad "shard a/b" "a/b" run "${small[@]}" --shard a/b --out "$work/x"
bad "unknown optimizer" "no-such-optimizer" run --optimizer no-such-optimizer --out "$work/x"
bad "unknown problem" "no-such-problem" run --problem no-such-problem --out "$work/x"
bad "an optimizer not checked under a policy" "no check" run --precision bf16 --optimizer sgd --out "$work/x"
bad "an unknown precision in a list" "bf17" run --precision double,bf17 --out "$work/x"
bad "an unknown baseline precision" "bf17" baseline record --precision bf17 --file "$work/x/b.json"
bad "selection that matches nothing" "no check" run --theorem kkt --optimizer gd --out "$work/x"

# results files: empty, truncated, binary, wrong schema, wrong types, a missing file.
expect_exit 0 "valid run" "$bin" run "${small[@]}" --cases 3 --seed 4 --quiet --out "$work/v"
: >"$work/empty.json"
head -c 200 "$work/v/results.json" >"$work/truncated.json"
head -c 4096 /dev/urandom >"$work/binary.json"
echo '{"hello": "world"}' >"$work/schema.json"
sed 's/"seed": 4/"seed": "four"/' "$work/v/results.json" >"$work/seedtype.json"
bad "empty results.json" "empty.json" report "$work/empty.json" --out "$work/x"
bad "truncated results.json" "truncated.json" report "$work/truncated.json" --out "$work/x"
bad "binary results.json" "binary.json" report "$work/binary.json" --out "$work/x"
bad "results.json of another schema" "schema.json" report "$work/schema.json" --out "$work/x"
bad "a seed of the wrong type" "seed" report "$work/seedtype.json" --out "$work/x"
bad "a missing results.json" "nowhere.json" report "$work/nowhere.json" --out "$work/x"

# Merges: shards of different seeds.
expect_exit 0 "shard 1/2 seed 4" "$bin" run --precision double --cases 2 --seed 4 --shard 1/2 --quiet --out "$work/s1"
expect_exit 0 "shard 2/2 seed 5" "$bin" run --precision double --cases 2 --seed 5 --shard 2/2 --quiet --out "$work/s2"
bad "merge of shards of different seeds" "seed" report --merge "$work/s1" "$work/s2" --out "$work/x"

# Outputs that cannot be written: a JUnit file on /dev/full (a device), --out under a file.
bad "--junit on /dev/full" "/dev/full" run "${small[@]}" --cases 2 --out "$work/x" --junit /dev/full
touch "$work/plainfile"
bad "--out under a file" "plainfile" run "${small[@]}" --cases 2 --out "$work/plainfile/x"

# replay: an unknown check, a malformed instance, a malformed regression file.
bad "replay of an unknown check" "no-such" replay --theorem no-such --optimizer gd --problem quadratic 'quadratic{}'
bad "replay of a malformed instance" "tau" replay --theorem nesterov-rate --optimizer nesterov --problem huber \
  'huber{n=2, L=1, tau=oops, seed=1} start_seed=1 radius=1 horizon=10'
printf 'nesterov-rate\tnesterov\thuber\n' >"$work/cases.tsv"
bad "replay of a malformed regression file" "cases.tsv:1" replay --cases "$work/cases.tsv"

# A gnuplot that fails: the report is written without plots and says so (exit 0).
export OPTCHECK_GNUPLOT=/bin/false
expect_exit 0 "report with a failing gnuplot" "$bin" report "$work/v/results.json" --out "$work/noplot"
unset OPTCHECK_GNUPLOT
grep -q "Plots skipped" "$work/noplot/index.html" && pass || fail "index.html does not say the plots were skipped"

echo "robustness: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
