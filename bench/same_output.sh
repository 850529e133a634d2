#!/bin/bash
# Do two winnow binaries write the same bytes? The check every speed change
# of issue 6 passed before it was committed.
#
#   bench/same_output.sh OLD_WINNOW NEW_WINNOW [CORPUS.jsonl]
#
# Runs both binaries with --annotate on the first 4,800 documents of CORPUS
# (default: build/bench-corpus/corpus-100MiB.jsonl, the standard corpus of
# bench/e2e.py) under four settings (default -j 2, -j 1, --stages corpus,
# --normalize none), and on every *.input.txt of the boilerplate
# evaluation's development pages (../shared/eval/boilerplate/dev, when it is
# there), then compares the outputs byte for byte. The stats files are
# compared without their run-dependent fields (elapsed time, speed, output
# paths). Exit status 0 when everything is the same, 1 otherwise.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
old=$(realpath "$1")
new=$(realpath "$2")
corpus=${3:-$root/build/bench-corpus/corpus-100MiB.jsonl}
eval_dev=$root/../shared/eval/boilerplate/dev
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

head -n 4800 "$corpus" > "$work/sample.jsonl"
if [[ -d $eval_dev ]]; then
  for set in "$eval_dev"/*/; do
    name=$(basename "$set")
    mkdir -p "$work/eval/$name"
    cp "$set"/*.input.txt "$work/eval/$name/"
  done
else
  echo "same_output: $eval_dev not found; checking the corpus sample only" >&2
fi

run() {  # run BINARY OUTDIR
  local bin=$1 out=$2
  mkdir -p "$out"
  "$bin" clean "$work/sample.jsonl" -o "$out/default.jsonl" --annotate -q -j 2 \
    --stats-json "$out/default.stats.json"
  "$bin" clean "$work/sample.jsonl" -o "$out/j1.jsonl" -q -j 1
  "$bin" clean "$work/sample.jsonl" -o "$out/corpus.jsonl" -q -j 2 --stages corpus --annotate
  "$bin" clean "$work/sample.jsonl" -o "$out/nonorm.jsonl" -q -j 2 --normalize none --annotate
  if [[ -d $work/eval ]]; then
    for set in "$work"/eval/*/; do
      "$bin" clean "$set" -o "$out/eval-$(basename "$set")/" --annotate -q -j 2
    done
  fi
  # Drop what differs between any two runs.
  python3 - "$out/default.stats.json" <<'PY'
import json, sys
path = sys.argv[1]
stats = json.load(open(path))
for key in ("elapsed_s", "mb_per_s", "throughput", "inputs", "outputs"):
    stats.pop(key, None)
json.dump(stats, open(path, "w"), sort_keys=True, indent=1)
PY
}

run "$old" "$work/old"
run "$new" "$work/new"
if diff -r -q "$work/old" "$work/new"; then
  echo "same_output: identical ($(find "$work/old" -type f | wc -l) files)"
else
  echo "same_output: outputs differ" >&2
  exit 1
fi
