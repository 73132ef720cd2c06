# Shared by the shell tests: a scratch directory removed on exit, pass/fail counters, expect_exit.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passes=0
pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
# Runs a command and counts a pass when it exits with the expected code; stdout/stderr land in $work/out, $work/err.
expect_exit() {  # expected-code description command...
  local want="$1" what="$2"
  shift 2
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" = "$want" ]; then pass; else fail "$what: exit $got, expected $want; stderr: $(head -c 300 "$work/err")"; fi
}
