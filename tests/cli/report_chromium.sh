#!/usr/bin/env bash
# Renders the --report HTML page in headless Chromium and checks that the
# browser sees the chart (one SVG bar per stage/rule) and the highlighted
# removals. Skips (exit 77) when chromium is not installed.
#
#   report_chromium.sh WINNOW REPO
set -u
winnow=$1
repo=$2
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "SKIP: chromium not installed (Debian package chromium; make deps installs it)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

"$winnow" clean "$repo/corpora/sample" "$repo/corpora/wet" -o out/ -q --report report.html || {
  echo "winnow failed"; exit 1; }
# The page must be self-contained: no scripts, no external resources.
if grep -Eiq '<script|<link|@import|src="http|url\(' report.html; then
  echo "report.html refers to external resources or scripts"; exit 1
fi

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
       --disable-background-networking --disable-component-update --disable-sync
       --user-data-dir="$work/profile")
timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$work/report.html" >dom.html 2>browser.log
if [ ! -s dom.html ]; then
  echo "chromium produced no DOM"; cat browser.log; exit 1
fi
status=0
bars=$(grep -o '<rect class="bar"' dom.html | wc -l)
marks=$(grep -o '<del class="rm"' dom.html | wc -l)
echo "bars=$bars marks=$marks"
[ "$bars" -ge 4 ] || { echo "expected a bar per stage/rule, found $bars"; status=1; }
[ "$marks" -ge 10 ] || { echo "expected highlighted removals, found $marks"; status=1; }
grep -q 'id="summary"' dom.html || { echo "no run summary"; status=1; }
grep -q 'data-rule="repeats/reworded_paragraph"' dom.html || { echo "no repeats bar"; status=1; }
grep -q 'title="boilerplate/lexicon"' dom.html || { echo "no lexicon highlight"; status=1; }

timeout 120 "$browser" "${flags[@]}" --window-size=1000,900 --screenshot="$work/shot.png" \
  "file://$work/report.html" >/dev/null 2>>browser.log
if [ ! -s shot.png ]; then
  echo "chromium made no screenshot"; cat browser.log; status=1
fi
exit $status
