#!/bin/bash
# CPU time of winnow binaries on the same input, runs interleaved so that
# the machine's drift hits every binary alike: the median (and range) of
# user + system seconds of `winnow clean FILE -o OUT -j 1 -q`.
#
#   bench/cpu_compare.sh RUNS FILE WINNOW...
#   bench/cpu_compare.sh 9 first20MB.jsonl /tmp/winnow-before build/release/tools/winnow
#   CLEAN_ARGS="--stages boilerplate" bench/cpu_compare.sh 9 ...   (extra flags)
#
# On this project's shared VM a difference under about 5 % needs more runs
# (or callgrind's instruction counts) to be believed.
set -euo pipefail
if [[ $# -lt 3 ]]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
runs=$1
file=$2
shift 2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
declare -A times
for ((i = 0; i < runs; ++i)); do
  for bin in "$@"; do
    t=$({ /usr/bin/time -f "%U %S" "$bin" clean "$file" -o "$out/out.jsonl" -j 1 -q ${CLEAN_ARGS:-} >/dev/null; } 2>&1 |
        tail -n 1 | awk '{print $1 + $2}')
    times[$bin]="${times[$bin]:-} $t"
  done
done
for bin in "$@"; do
  echo "$bin: $(echo ${times[$bin]} | tr ' ' '\n' | sort -n |
    awk '{a[NR] = $1} END {print "median " a[int((NR + 1) / 2)] " s (" a[1] " .. " a[NR] ", " NR " runs)"}')"
done
