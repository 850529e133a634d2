#!/usr/bin/env bash
# Measures a staged run (docs/scale.md) against `winnow clean` on one
# machine: splits a JSONL corpus into SHARDS files, runs `winnow clean` and
# then every task of every step one after the other under GNU time, checks
# the outputs are identical, and prints per step: tasks, wall seconds
# (sum and largest task), CPU seconds (user + system), largest max RSS,
# bytes written; and the
# intermediate bytes per document.
#
#   bench/scale_measure.sh CORPUS.jsonl OUT_DIR [SHARDS=8] [BUCKETS=8] [THREADS=2]
#
# Needs /usr/bin/time (package time). OUT_DIR gets the split input, both
# outputs, the work folder and measure.tsv. With SKIP_CLEAN=1 only the
# staged run is measured (no `winnow clean`, no identity check): for sizes
# where the identity was shown at a smaller size and time is short.
# CLEAN_ARGS adds settings to `winnow clean` only (for example
# CLEAN_ARGS="--memory 8G" at 10 GiB, where the default --memory is too small
# for the single run's corpus index; the staged tasks do not need it).
set -euo pipefail
corpus=$(realpath "$1")
out=$2
shards=${3:-8}
buckets=${4:-8}
threads=${5:-2}
here=$(cd "$(dirname "$0")/.." && pwd)
winnow=${WINNOW:-$here/build/release/tools/winnow}
mkdir -p "$out"
cd "$out"
rm -rf in single staged work measure.tsv
mkdir in
(cd in && split -n "l/$shards" -d -a 3 --additional-suffix=.jsonl "$corpus" part-)
docs=$(cat in/*.jsonl | wc -l)
bytes=$(cat in/*.jsonl | wc -c)
echo "corpus: $bytes bytes, $docs documents, $shards shards, $buckets buckets, -j $threads"

measure() {  # LABEL CMD...
  local label=$1
  shift
  /usr/bin/time -f '%e %M %U %S' -o time.out "$@" >/dev/null 2>err.out || { cat err.out; exit 1; }
  read -r wall rss user sys < time.out
  printf '%s\t%s\t%s\t%s\n' "$label" "$wall" "$rss" "$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" >> measure.tsv
}
skip_clean=${SKIP_CLEAN:-0}
if [ "$skip_clean" != 1 ]; then
  # shellcheck disable=SC2086  # CLEAN_ARGS is a list of words
  measure clean "$winnow" clean in/ -o single/ -q -j "$threads" --stats-json single.json ${CLEAN_ARGS:-}
fi
measure plan "$winnow" stage plan in/ -o staged/ --work work --buckets "$buckets" -q
for step in map1 reduce1 map2 reduce2 cluster filter; do
  n=$(awk -v s=$step '$1 == s {split($2, a, "/"); print a[2]}' <("$winnow" stage info --work work))
  for ((t = 0; t < n; t++)); do
    measure "$step.$t" "$winnow" stage run "$step" --task "$t" --work work -j "$threads" -q
  done
done
"$winnow" stage stats --work work --stats-json staged.json -q
if [ "$skip_clean" != 1 ]; then
  diff -r single staged >/dev/null && echo "outputs identical" || { echo "OUTPUTS DIFFER"; exit 1; }
  python3 "$here/tests/scale/compare_stats.py" single.json staged.json
fi

echo
printf '%-8s %5s %9s %9s %9s %10s %12s\n' step tasks "wall s" "max s" "CPU s" "max RSS MB" "written MB"
for step in clean plan map1 reduce1 map2 reduce2 cluster filter; do
  case $step in
    map1|map2) written=$(du -sb "work/$step" | cut -f1) ;;
    reduce1|reduce2|cluster) written=$(du -sb "work/$step" | cut -f1) ;;
    filter) written=$(du -sb staged | cut -f1) ;;
    clean) [ "$skip_clean" = 1 ] && continue; written=$(du -sb single | cut -f1) ;;
    plan) written=$(stat -c %s work/plan) ;;
  esac
  awk -F'\t' -v s="$step" -v w="$written" '
    { split($1, a, "."); if (a[1] != s) next; n++; sum += $2; cpu += $4; if ($2 > mx) mx = $2; if ($3 > rss) rss = $3 }
    END { printf "%-8s %5d %9.1f %9.1f %9.1f %10.0f %12.1f\n", s, n, sum, mx, cpu, rss / 1024, w / 1e6 }' measure.tsv
done
inter=$(du -scb work/map1 work/reduce1 work/map2 work/reduce2 work/cluster | tail -1 | cut -f1)
echo
echo "intermediate bytes: $inter ($(awk -v i="$inter" -v d="$docs" 'BEGIN {printf "%.0f", i / d}') per document," \
  "$(awk -v i="$inter" -v b="$bytes" 'BEGIN {printf "%.2f", i / b}') per input byte)"
for step in map1 map2; do
  s=$(du -sb "work/$step" | cut -f1)
  echo "  $step: $(awk -v i="$s" -v d="$docs" 'BEGIN {printf "%.0f", i / d}') bytes per document"
done
s=$(du -sb work/map2/*.shingles | awk '{t += $1} END {print t}')
echo "    of which shingle sets: $(awk -v i="$s" -v d="$docs" 'BEGIN {printf "%.0f", i / d}') bytes per document"
