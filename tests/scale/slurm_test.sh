#!/usr/bin/env bash
# The staged run on a real (single-node) Slurm cluster: brings the cluster
# up (tests/scale/slurm_cluster.sh), submits the pipeline with
# tools/slurm/submit.sh on 4 shards and 4 buckets, kills one running task
# of the map2 array and checks that nothing after it ran (afterok), submits
# again and checks that the run completes with output byte-identical to
# `winnow clean` and equal statistics, then shuts the cluster down.
#
#   slurm_test.sh WINNOW SOURCE_DIR
#
# Exit 77 (skipped) when the cluster cannot start here (no packages, not
# root), unless WINNOW_REQUIRE_SLURM=1 (CI), which makes that a failure.
set -euo pipefail
winnow=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
. "$src/tests/scale/slurm_cluster.sh"
cleanup() {
  slurm_stop
  rm -rf "$tmp"
}
trap cleanup EXIT
cd "$tmp"
start=$(date +%s)
say() { echo "[$(( $(date +%s) - start ))s] $*"; }

rc=0
slurm_start "$tmp/cluster" || rc=$?
if [ "$rc" != 0 ]; then
  if [ "$rc" = 77 ] && [ "${WINNOW_REQUIRE_SLURM:-0}" != 1 ]; then
    echo "SKIPPED: no single-node Slurm cluster here (see above)"
    exit 77
  fi
  echo "FAILED: the Slurm cluster did not start"
  exit 1
fi
say "cluster up: $(sinfo -h -o '%P %T %c CPUs %m MiB')"
if command -v ss >/dev/null; then
  ss -ltnp 2>/dev/null | grep -E 'slurm' | awk '{print "  listening: " $4 " " $6}' || true
fi

python3 "$src/tests/scale/make_corpus.py" in --files 4 --docs 400
"$winnow" clean in/ -o single/ -q -j 2 --stats-json single.json
"$winnow" stage plan in/ -o staged/ --work work --buckets 4 -q

submit() { "$src/tools/slurm/submit.sh" --winnow "$winnow" --work work --threads 1 "$@"; }

# First submission, with map2 task 1 held so that it can be killed while
# it runs.
touch work/hold.map2.1
submit | tee jobs1.txt
map2_job=$(awk '$1 == "map2" {print $2}' jobs1.txt)
for i in $(seq 1 240); do
  [ "$(squeue -h -j "${map2_job}_1" -t RUNNING -o %T 2>/dev/null)" = RUNNING ] && break
  sleep 0.5
done
[ "$(squeue -h -j "${map2_job}_1" -t RUNNING -o %T)" = RUNNING ] || {
  echo "map2 task 1 never ran"; squeue; exit 1; }
say "map2 task 1 running (job ${map2_job}_1): scancel"
scancel "${map2_job}_1"
for i in $(seq 1 240); do
  squeue -h -u root 2>/dev/null | grep -q . || break
  sleep 0.5
done
squeue -h -u root | grep -q . && { echo "jobs left in the queue"; squeue; exit 1; }
"$winnow" stage info --work work | tee info1.txt
grep -q '^map2 3/4 1$' info1.txt
grep -q '^reduce2 0/4 0-3$' info1.txt
grep -q '^filter 0/4 0-3$' info1.txt
[ ! -e staged ] || { echo "output written although map2 failed"; exit 1; }
say "after the kill: map2 3/4 done, nothing after it ran (afterok)"

# Resubmit: only the killed task and the later steps run. With the array
# size limited to 3, steps of 4 tasks go as two arrays each (indices 0-2
# and 0 with offset 3), and each step waits for both arrays of the last.
rm work/hold.map2.1
WINNOW_MAX_ARRAY=3 submit --wait | tee jobs2.txt
grep -q '^map2 [0-9]* 1 .* offset 0$' jobs2.txt
grep -q '^reduce2 [0-9]* 0-2 .* offset 0$' jobs2.txt
grep -q '^reduce2 [0-9]* 0 .* offset 3$' jobs2.txt
! grep -qE '^(map1|reduce1) ' jobs2.txt
"$winnow" stage info --work work
say "resubmitted run complete"

diff -r single staged
"$winnow" stage stats --work work --stats-json staged.json -q
python3 "$src/tests/scale/compare_stats.py" single.json staged.json
for f in work/logs/*.out; do
  [ "$f" = "work/logs/map2-$map2_job-1.out" ] && continue  # the task killed on purpose
  if grep -q 'error' "$f"; then echo "$f:"; cat "$f"; exit 1; fi
done
say "ok: Slurm staged run identical to winnow clean; cluster shutting down"
