#!/usr/bin/env bash
# results.json is untrusted input to `optcheck report` (a CI artifact anyone with write access can craft): every string
# that reaches gnuplot, HTML, Markdown, XML or a shell command shown for copying is escaped for that sink, and a file
# that is not what `run` writes is refused with exit 2 naming the field, writing nothing.
# Usage: untrusted_results_test.sh path/to/optcheck
set -u
bin="$1"
. "$(dirname "$0")/lib.sh"
command -v jq >/dev/null || { echo "jq missing (scripts/setup.sh installs it)"; exit 1; }

# A valid results file with rates, floors and plots (gnuplot is used when present: the plots are rendered).
expect_exit 0 "valid run" "$bin" run --theorem pl-linear-rate --precision double --cases 5 --seed 3 --quiet --out "$work/valid"
valid="$work/valid/results.json"

# Injections for every sink in every name, note, failure and message: gnuplot (quotes, backquotes, macros,
# system()), shell ($(), backquotes, quotes), HTML/XML (tags, attributes, entities), Markdown (pipes, fences).
marker="$work/PWNED"
inject="x'\" \`touch $marker\` \$(touch $marker) @m system('touch $marker') ''' \"><script>alert(1)</script><img src=x onerror=alert(2)> | \`\`\`\` & ]]> end"
jq --arg s "$inject" '.checks |= map(.optimizer = ("o" + $s) | .problem = ("p" + $s) | .precision = ("q" + $s)
    | .notes = [$s] | .failure = $s | .message = $s | .counterexample = $s | .status = "violated")' "$valid" >"$work/evil.json"
expect_exit 1 "report on injected names (violated: exit 1)" "$bin" report "$work/evil.json" --out "$work/evil" --junit "$work/evil/junit.xml"
[ ! -e "$marker" ] && pass || fail "an injected string ran a command"
if command -v gnuplot >/dev/null; then  # the names reached gnuplot (titles, keys, the rates plot's labels)
  [ "$(grep -c "<svg" "$work/evil/index.html")" -ge 2 ] && pass || fail "the plots with injected names were rendered"
fi
grep -q "^### violated: ox" "$work/evil/report.md" && pass || fail "report.md renders the injected checks"
for f in results.json report.md index.html junit.xml; do [ -s "$work/evil/$f" ] && pass || fail "report wrote $f"; done
! grep -q "<script>alert" "$work/evil/index.html" && pass || fail "index.html carries a live <script>"
! grep -q "<img src=x" "$work/evil/index.html" && pass || fail "index.html carries a live <img>"
# Outside code fences (where Markdown shows text as it is), no raw HTML.
! awk '/^```/ { fenced = !fenced; next } !fenced' "$work/evil/report.md" | grep -q "<script>alert" && pass ||
  fail "report.md carries raw HTML outside code fences"
! grep -q "<script>alert" "$work/evil/junit.xml" && pass || fail "junit.xml carries a raw tag"
# The replay command is shown for copying: names that are not plain words are single-quoted for the shell.
grep -q -- "--optimizer 'ox'\\\\''" "$work/evil/report.md" && pass || fail "replay command quotes the optimizer for the shell"
# Markdown fences outlast the backticks inside them.
grep -q '^`````$' "$work/evil/report.md" && pass || fail "report.md fences are longer than the backtick runs they hold"
[ -z "$(find "$work" -newer "$work/evil.json" -type f ! -path "$work/evil/*" ! -name out ! -name err ! -name .evil.optcheck-lock)" ] && pass ||
  fail "report wrote outside --out: $(find "$work" -newer "$work/evil.json" -type f ! -path "$work/evil/*")"

# A newline (which would end a gnuplot command or datablock line and start a new one) is refused in names.
jq '.checks[0].problem = "q\nEOD\nsystem(\"touch '"$marker"'\")\n$d0 << EOD"' "$valid" >"$work/newline.json"
expect_exit 2 "newline in a name" "$bin" report "$work/newline.json" --out "$work/nl"
grep -q "checks\[0\].problem" "$work/err" && pass || fail "message names the field: $(cat "$work/err")"
[ ! -e "$work/nl" ] && [ ! -e "$marker" ] && pass || fail "nothing written or run for a refused file"

# Wrong schema: refused with exit 2, a one-line message naming the field, nothing written.
refuse() {  # description jq-filter field-named-in-message
  jq "$2" "$valid" >"$work/bad.json"
  expect_exit 2 "$1" "$bin" report "$work/bad.json" --out "$work/bad"
  grep -qF -- "$3" "$work/err" && pass || fail "$1: message names $3: $(cat "$work/err")"
  [ "$(wc -l <"$work/err")" -le 1 ] && pass || fail "$1: one-line message"
  [ ! -e "$work/bad" ] && pass || fail "$1: nothing written"
  rm -rf "$work/bad"
}
refuse "unknown status" '.checks[0].status = "fine"' "checks[0].status"
refuse "missing status" '.checks[0] |= del(.status)' "checks[0]: missing field 'status'"
refuse "missing worst inequality" '.checks[0].worst |= del(.inequality)' "checks[0].worst: missing field 'inequality'"
refuse "string where a number goes" '.checks[0].worst_ratio = "0.5"' "checks[0].worst_ratio"
refuse "negative count" '.checks[0].cases = -4' "checks[0].cases"
refuse "fractional seed" '.seed = 1.5' "seed"
refuse "checks not an array" '.checks = {}' "checks"
refuse "plot arrays of unequal length" '.checks[0].plot.value |= .[1:]' "checks[0].plot.value"
refuse "unknown rate kind" '.checks[0].theoretical_rate.kind = "fast"' "checks[0].theoretical_rate.kind"
refuse "empty name" '.checks[0].optimizer = ""' "checks[0].optimizer"
refuse "huge name" '.checks[0].optimizer = ("a" * 300)' "checks[0].optimizer"
refuse "unknown theorem" '.checks[0].theorem = "no-such-theorem"' "checks[0].theorem"
refuse "notes not strings" '.checks[0].notes = [1]' "checks[0].notes"
refuse "document not an object" '[.]' "not an optcheck results file"
refuse "another results format" '.schema_version = 2' "schema_version"
refuse "no schema_version" 'del(.schema_version)' "schema_version"
# A per-check field deleted (the renderers read every one): refused naming it, never a failed lookup in a renderer.
refuse "observed_rate deleted" 'del(.checks[0].observed_rate)' "observed_rate"
refuse "precision_floor deleted" 'del(.checks[1].precision_floor)' "precision_floor"
refuse "a reached floor without its value in u" '(.checks[] | select(.precision_floor.reached == true) | .precision_floor) |= del(.in_u)' "precision_floor: missing field 'in_u'"
refuse "an observed rate without a theoretical one" '.checks[0].theoretical_rate = null' "checks[0].observed_rate"
refuse "an adversarial result without its best ratio" 'del(.checks[0].adversarial.best_ratio)' "best_ratio"
# Deep nesting (a parser and its destructor recurse): refused before parsing.
{ printf '{"seed": 1, "checks": [], "x": '; head -c 200000 /dev/zero | tr '\0' '['; } >"$work/deep.json"
expect_exit 2 "deeply nested JSON" "$bin" report "$work/deep.json" --out "$work/deep"
grep -q "nested deeper" "$work/err" && pass || fail "message says why: $(cat "$work/err")"
expect_exit 2 "a directory as results.json" "$bin" report "$work/valid" --out "$work/dir"

# A gnuplot that hangs on every plot (it answers --version): the first plot times out (20 s), the rest are skipped at
# once, the report is still written and lists the failure.
fake="$work/hanging-gnuplot"
printf '#!/bin/sh\n[ "$1" = --version ] && { echo "gnuplot 5.4 patchlevel 4"; exit 0; }\nexec sleep 600\n' >"$fake"
chmod +x "$fake"
start=$(date +%s)
export OPTCHECK_GNUPLOT="$fake"
expect_exit 0 "report with a hanging gnuplot" "$bin" report "$valid" --out "$work/hang"
unset OPTCHECK_GNUPLOT
took=$(( $(date +%s) - start ))
[ "$took" -lt 60 ] && pass || fail "a hanging gnuplot held the report for $took s"
grep -q "timed out after 20 s" "$work/hang/index.html" && pass || fail "index.html does not list the timed-out plot"
[ -s "$work/hang/report.md" ] && pass || fail "report.md not written with a hanging gnuplot"

echo "untrusted results: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
