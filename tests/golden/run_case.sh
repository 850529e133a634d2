#!/usr/bin/env bash
# Runs one golden CLI case and compares its output with the expectations.
#
#   run_case.sh WINNOW CASE_DIR
#
# CASE_DIR holds:
#   cmd               the arguments after `winnow`, one shell line; it runs in a
#                     scratch copy of CASE_DIR, so inputs are named relatively;
#                     corpora/ links to the repository's corpora/.
#   expected.stdout   what stdout must be, byte for byte
#   expected.exit     the exit code (default 0)
#   expected.stats.json  optional: --stats-json output, with volatile fields masked
#   expected.files    optional: "path" lines; each file the run must create is
#                     compared with expected/<path>
# UPDATE_GOLDEN=1 rewrites the expectations from the actual run instead.
set -u
winnow=$1
case_dir=$(cd "$2" && pwd)
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$case_dir"/. "$work"/
cd "$work"
ln -s "$repo/corpora" corpora  # cases name the bundled corpora relatively

mask_stats() {
  sed -E -e 's/"elapsed_s":[^,}]*/"elapsed_s":"*"/' -e 's/"mb_per_s":[^,}]*/"mb_per_s":"*"/' \
         -e 's/"version":"[^"]*"/"version":"*"/' -e 's/"threads":[0-9]*/"threads":"*"/' \
         -e 's/"(docs_per_s|text_mb_per_s|input_mb_per_s)":[^,}]*/"\1":"*"/g' "$1"
}

status=0
REPO=$repo WINNOW=$winnow bash -c "\"\$WINNOW\" $(cat cmd)" >actual.stdout 2>actual.stderr </dev/null
code=$?
expected_code=0
[ -f "$case_dir/expected.exit" ] && expected_code=$(cat "$case_dir/expected.exit")

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  cp actual.stdout "$case_dir/expected.stdout"
  [ "$code" != 0 ] && echo "$code" >"$case_dir/expected.exit"
  [ -f stats.json ] && mask_stats stats.json >"$case_dir/expected.stats.json"
  if [ -f "$case_dir/expected.files" ]; then
    while read -r f; do
      [ -n "$f" ] || continue
      mkdir -p "$case_dir/expected/$(dirname "$f")"
      cp "$f" "$case_dir/expected/$f"
    done <"$case_dir/expected.files"
  fi
  echo "updated $(basename "$case_dir")"
  exit 0
fi

if [ "$code" != "$expected_code" ]; then
  echo "exit code $code, expected $expected_code"; status=1
fi
if ! diff -u "$case_dir/expected.stdout" actual.stdout; then
  echo "stdout differs"; status=1
fi
if [ -f "$case_dir/expected.stats.json" ]; then
  if ! diff -u "$case_dir/expected.stats.json" <(mask_stats stats.json); then
    echo "stats differ"; status=1
  fi
fi
if [ -f "$case_dir/expected.files" ]; then
  while read -r f; do
    [ -n "$f" ] || continue
    if ! cmp -s "$case_dir/expected/$f" "$f"; then
      echo "file $f differs or is missing"; diff -u "$case_dir/expected/$f" "$f" | head -20; status=1
    fi
  done <"$case_dir/expected.files"
fi
if [ $status != 0 ]; then
  echo "--- stderr ---"; cat actual.stderr
fi
exit $status
