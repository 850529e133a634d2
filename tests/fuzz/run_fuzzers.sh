#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time and prints, per target, the
# executions per second and the total executions.
#
#   run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]
#
# BUILD_DIR is the fuzz preset's build folder (build/fuzz). Each target starts
# from its seeds in tests/fuzz/<target>/ plus what earlier runs found
# (BUILD_DIR/fuzz-corpus/<target>/, kept between runs, never written back to
# the source tree). A crash stops that target, leaves the input in
# BUILD_DIR/fuzz-artifacts/ and makes the script exit 1 after the others ran.
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(jsonl_reader wet_reader compressed_input segmenter normalizer cleaner)
fi
mkdir -p "$build/fuzz-artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
summary=$(printf '%-18s %10s %14s %8s\n' target 'execs/s' 'total execs' status)
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/${t}_fuzzer"
  [ -x "$bin" ] || { echo "run_fuzzers: $bin is not built" >&2; exit 1; }
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus"
  log="$build/fuzz-artifacts/$t.log"
  echo "fuzzing $t for ${seconds}s (log: $log)" >&2
  status=ok
  if ! "$bin" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$t-" "$corpus" "$here/$t" >"$log" 2>&1; then
    status=FAILED
    failed+=("$t")
    grep -E 'ERROR|Check failed|runtime error|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  summary+=$(printf '\n%-18s %10s %14s %8s' "$t" "${rate:-?}" "${execs:-?}" "$status")
done
echo "$summary"
if [ ${#failed[@]} -gt 0 ]; then
  echo "run_fuzzers: failed: ${failed[*]} (inputs in $build/fuzz-artifacts/)" >&2
  exit 1
fi
