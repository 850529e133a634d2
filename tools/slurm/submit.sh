#!/usr/bin/env bash
# Slurm driver for a staged winnow run (docs/scale.md): submits one job
# array per step (map1, reduce1, map2, reduce2, cluster, filter), chained
# with afterok dependencies, with memory per task from the plan's sizes.
# Only unfinished tasks are submitted, so running it again after a failure
# (or after scancel) resumes the run; completed tasks are never redone.
#
#   winnow stage plan in/ -o out/ --work /shared/work --buckets 64   # once
#   tools/slurm/submit.sh --work /shared/work [--winnow PATH] [--partition P]
#       [--max-parallel N] [--threads N] [--time T] [--wait] [--dry-run]
#
# Prints the job ids ("STEP JOBID ARRAY MEM offset OFFSET", one line per
# array). With --wait,
# returns when every submitted job has left the queue, 0 when every task is
# done (winnow stage info), 1 otherwise. Task logs: WORK/logs/STEP-JOB-INDEX.out.
#
# Memory per task (--mem, MiB) follows the measurements in docs/scale.md
# (about 1.5 x what was measured, to leave headroom):
#   MiB = BASE + (SHARD x largest shard + BUCKET x input / buckets
#                 + INPUT x input bytes) / 2^20
#   map1     150 + 0.25 x shard            (streams its shard)
#   reduce1  100 + 0.1 x input/buckets     (its bucket of line keys)
#   map2     250 + 0.5 x shard + 0.005 x input   (+ the line-frequency table)
#   reduce2  150 + 1.0 x input/buckets     (its bucket of signatures)
#   cluster  150 + 0.06 x input            (all verified pairs and shared hashes)
#   filter   250 + 0.25 x shard + 0.005 x input
# Override with WINNOW_MEM_<STEP>="BASE SHARD BUCKET INPUT".
#
# Array size: Slurm refuses array indices >= MaxArraySize (scontrol show
# config; 1001 by default). A step with more tasks is submitted as several
# arrays of at most that many indices (task = index + offset), and the next
# step depends on all of them. WINNOW_MAX_ARRAY overrides the limit.
#
# Test hook: a file WORK/hold.STEP.TASK makes that task sleep before it
# starts (tests/scale/slurm_test.sh uses it to kill a running map task).
set -euo pipefail

winnow=$(command -v winnow || true)
work=""
partition=""
max_parallel=0
threads=1
time_limit=""
wait_for=0
dry_run=0
while [ $# -gt 0 ]; do
  case $1 in
    --winnow) winnow=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --partition) partition=$2; shift 2 ;;
    --max-parallel) max_parallel=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --time) time_limit=$2; shift 2 ;;
    --wait) wait_for=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "submit.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -n "$work" ] || { echo "submit.sh: --work DIR is required" >&2; exit 2; }
[ -n "$winnow" ] && [ -x "$winnow" ] || { echo "submit.sh: winnow binary not found (--winnow PATH)" >&2; exit 2; }
winnow=$(realpath "$winnow")
work=$(realpath "$work")
[ -f "$work/plan" ] || { echo "submit.sh: $work/plan missing: run 'winnow stage plan' first" >&2; exit 2; }
mkdir -p "$work/logs"

info=$("$winnow" stage info --work "$work")
field() { awk -v k="$1" '$1 == k {print $2}' <<<"$info"; }
pending() { awk -v k="$1" '$1 == k {print $3}' <<<"$info"; }
input_bytes=$(field input_bytes)
largest=$(field largest_shard_bytes)
buckets=$(field buckets)

# MiB for a step (see the table above).
mem_for() {  # STEP
  local var="WINNOW_MEM_${1^^}" spec
  case $1 in
    map1) spec="150 0.25 0 0" ;;
    reduce1) spec="100 0 0.1 0" ;;
    map2) spec="250 0.5 0 0.005" ;;
    reduce2) spec="150 0 1.0 0" ;;
    cluster) spec="150 0 0 0.06" ;;
    filter) spec="250 0.25 0 0.005" ;;
  esac
  spec=${!var:-$spec}
  awk -v sh="$largest" -v in_="$input_bytes" -v nb="$buckets" -v s="$spec" 'BEGIN {
    split(s, p, " ")
    printf "%d", p[1] + (p[2] * sh + p[3] * in_ / nb + p[4] * in_) / 1048576 + 0.5 }'
}

max_array=${WINNOW_MAX_ARRAY:-$(scontrol show config 2>/dev/null | awk '$1 == "MaxArraySize" {print $3}')}
max_array=${max_array:-1001}
# "0-3,7" -> one number a line, and back.
expand() { tr ',' '\n' <<<"$1" | awk -F- '{ if (NF == 2) for (i = $1; i <= $2; i++) print i; else print $1 }'; }
compress() {
  awk 'NR == 1 {s = $1; p = $1; next}
       $1 == p + 1 {p = $1; next}
       {printf "%s%s,", s, (p > s ? "-" p : ""); s = $1; p = $1}
       END {if (NR) printf "%s%s", s, (p > s ? "-" p : "")}'
}

deps=""      # afterok:JOB[:JOB...] of the previous step
all_jobs=""
for step in map1 reduce1 map2 reduce2 cluster filter; do
  tasks=$(pending "$step")
  [ "$tasks" = "-" ] && continue
  mem=$(mem_for "$step")
  ids=$(expand "$tasks")
  step_jobs=""
  for offset in $(awk -v m="$max_array" '{print int($1 / m) * m}' <<<"$ids" | sort -nu); do
    array=$(awk -v o="$offset" -v m="$max_array" '$1 >= o && $1 < o + m {print $1 - o}' <<<"$ids" | compress)
    [ "$max_parallel" -gt 0 ] && array="$array%$max_parallel"
    args=(--parsable --job-name="winnow-$step" --array="$array" --cpus-per-task="$threads"
          --mem="${mem}M" --output="$work/logs/$step-%A-%a.out" --chdir="$PWD"
          --kill-on-invalid-dep=yes)
    [ -n "$partition" ] && args+=(--partition="$partition")
    [ -n "$time_limit" ] && args+=(--time="$time_limit")
    [ -n "$deps" ] && args+=(--dependency="$deps")
    script="#!/bin/sh
task=\$((SLURM_ARRAY_TASK_ID + $offset))
hold=\"$work/hold.$step.\$task\"
while [ -e \"\$hold\" ]; do sleep 1; done
exec \"$winnow\" stage run $step --task \"\$task\" --work \"$work\" -j $threads"
    if [ "$dry_run" = 1 ]; then
      echo "sbatch ${args[*]} (winnow stage run $step --task \$((SLURM_ARRAY_TASK_ID + $offset)))"
      job="DRYRUN"
    else
      job=$(sbatch "${args[@]}" <<<"$script")
      job=${job%%;*}
      echo "$step $job $array ${mem}M offset $offset"
    fi
    step_jobs="$step_jobs:$job"
    all_jobs="$all_jobs${all_jobs:+,}$job"
  done
  deps="afterok$step_jobs"
done
[ -n "$all_jobs" ] || echo "every task is done already"

if [ "$wait_for" = 1 ] && [ -n "$all_jobs" ]; then
  while squeue -h -j "$all_jobs" 2>/dev/null | grep -q .; do sleep 1; done
  "$winnow" stage info --work "$work" | awk 'NF == 3 && $3 != "-" {bad = 1} END {exit bad}'
fi
