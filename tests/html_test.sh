#!/usr/bin/env bash
# index.html end to end: optcheck writes it, headless Chromium renders it, and the rendered DOM has the summary, a
# section per theorem, and the plots (inline SVG with drawn paths). Also: without gnuplot the page is still written
# and says the plots were skipped. Exit 77 (ctest: skipped) when Chromium is absent.
# Usage: html_test.sh path/to/optcheck
set -u
bin="$1"
. "$(dirname "$0")/lib.sh"
count() { grep -o -- "$1" "$2" | wc -l; }

# All six theorems in two precisions, few cases (the profiles still run in full).
"$bin" run --seed 3 --cases 5 --precision double --precision float --quiet --out "$work/r" >"$work/run.log" 2>&1
code=$?
[ "$code" = 0 ] && pass || fail "optcheck run exit $code: $(tail -3 "$work/run.log")"
for f in results.json report.md index.html; do
  [ -s "$work/r/$f" ] && pass || fail "$f not written"
done
theorems=$("$bin" list | awk '/^Theorems:/{on=1; next} /^$/{on=0} on && /^  [a-z]/{print $1}')
[ "$(echo "$theorems" | wc -w)" = 6 ] && pass || fail "expected 6 theorems in 'optcheck list', got: $theorems"

chromium_bin=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium_bin" ]; then
  echo "SKIP: Chromium is not installed (scripts/setup.sh installs Debian's chromium); $passes checks passed without it"
  exit 77
fi
profile="$work/chromium-profile"
mkdir -p "$profile"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$profile")
timeout 120 "$chromium_bin" "${flags[@]}" --dump-dom "file://$work/r/index.html" >"$work/dom.html" 2>"$work/chromium.err"
code=$?
[ "$code" = 0 ] && [ -s "$work/dom.html" ] && pass || fail "chromium --dump-dom exit $code: $(tail -3 "$work/chromium.err")"

grep -q '<section id="summary">' "$work/dom.html" && pass || fail "rendered page has no summary section"
rows=$(count '<tr><td><a href="#theorem-' "$work/dom.html")
[ "$rows" -ge 6 ] && pass || fail "summary table has $rows theorem rows, expected >= 6"
for t in $theorems; do
  grep -q "<section class=\"theorem\" id=\"theorem-$t\">" "$work/dom.html" && pass || fail "no section for theorem $t"
done
svgs=$(count '<svg' "$work/dom.html")
convergence=$(count '<figure class="convergence">' "$work/dom.html")
rates=$(count '<figure class="rates">' "$work/dom.html")
[ "$convergence" -ge 10 ] && pass || fail "only $convergence convergence plots rendered"
[ "$rates" -ge 5 ] && pass || fail "only $rates rate plots rendered"
[ "$svgs" -ge $((convergence + rates)) ] && pass || fail "$svgs <svg> elements for $((convergence + rates)) figures"
paths=$(count '<path' "$work/dom.html")
[ "$paths" -ge "$svgs" ] && pass || fail "plots have no drawn paths ($paths paths in $svgs svgs)"
grep -q 'id="plot-failures"' "$work/dom.html" && fail "some plots failed: $(grep -A3 'plot-failures' "$work/dom.html" | head -5)" || pass
grep -q 'Plots skipped' "$work/dom.html" && fail "page says plots were skipped although gnuplot is installed" || pass
# Self-contained: no network references, no scripts.
grep -Eq '<script|src="http|href="http' "$work/r/index.html" && fail "index.html refers to the network or runs scripts" || pass
# Each plot overlays the bound: a legend entry per precision.
grep -q 'double bound' "$work/dom.html" && pass || fail "no bound overlaid in the convergence plots"

# Without gnuplot: the report is still written, says so, and has no plots.
OPTCHECK_GNUPLOT=/nonexistent/gnuplot "$bin" report "$work/r/results.json" --out "$work/noplots" >"$work/noplots.log" 2>&1
code=$?
[ "$code" = 0 ] && pass || fail "report without gnuplot: exit $code"
grep -q 'Plots skipped' "$work/noplots/index.html" && pass || fail "index.html does not say plots were skipped"
[ "$(count '<svg' "$work/noplots/index.html")" = 0 ] && pass || fail "plots present without gnuplot"
grep -q '<section class="theorem" id="theorem-kkt">' "$work/noplots/index.html" && pass || fail "sections missing without gnuplot"

echo "html_test: $passes passed, $failures failed"
[ "$failures" = 0 ]
