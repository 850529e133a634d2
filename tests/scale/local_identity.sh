#!/usr/bin/env bash
# The staged run's local driver against `winnow clean`: byte-identical
# output and equal statistics on a corpus of 4 files (one gzip) with
# copies, near copies, shared paragraphs and sentence runs across files;
# then reruns skip completed tasks, a lost output is redone from its task
# alone, and damaged intermediate files are errors, never wrong output.
#
#   local_identity.sh WINNOW SOURCE_DIR
set -euo pipefail
winnow=$(realpath "$1")
src=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
python3 "$src/tests/scale/make_corpus.py" in --files 4 --docs 400

"$winnow" clean in/ -o single/ -q -j 2 --stats-json single.json
"$winnow" stage plan in/ -o staged/ --work work --buckets 4 -q
"$winnow" stage local --work work -j 2 -q --stats-json staged.json
diff -r single staged
python3 "$src/tests/scale/compare_stats.py" single.json staged.json
echo "ok: staged output identical to winnow clean"

# Other settings, recorded in the plan and used by every task.
for args in "--stages boilerplate,repeats" "--stages corpus --sentence-span 2" \
            "--sentence-span 0 --normalize none"; do
  rm -rf single2 staged2 work2
  # shellcheck disable=SC2086
  "$winnow" clean in/ -o single2/ -q -j 2 $args --stats-json single2.json
  # shellcheck disable=SC2086
  "$winnow" stage plan in/ -o staged2/ --work work2 --buckets 3 -q $args
  "$winnow" stage local --work work2 -j 2 -q --stats-json staged2.json
  diff -r single2 staged2
  python3 "$src/tests/scale/compare_stats.py" single2.json staged2.json >/dev/null
  echo "ok: identical with $args"
done

# A second plan with the same inputs is accepted; other buckets are not.
"$winnow" stage plan in/ -o staged/ --work work --buckets 4 -q
if "$winnow" stage plan in/ -o staged/ --work work --buckets 5 -q 2>err; then
  echo "a different plan in the same work folder was accepted"; exit 1
fi
grep -q "a different plan exists" err

# Rerun: every task is skipped.
"$winnow" stage local --work work > rerun.log 2>&1
[ "$(grep -c 'done before, skipped' rerun.log)" = "$((4 + 4 + 4 + 4 + 1 + 4))" ] || {
  cat rerun.log; echo "rerun did not skip every task"; exit 1; }

# A lost output and its marker: only that task runs again, same bytes.
rm staged/part-2.jsonl work/done/filter.2
"$winnow" stage local --work work > redo.log 2>&1
grep -q '^.*filter task 2: [0-9]* documents' redo.log
[ "$(grep -vc 'skipped' redo.log)" = 1 ] || { cat redo.log; exit 1; }
diff -r single staged
echo "ok: reruns skip completed tasks"

# Damaged intermediate files: a flipped byte, a truncation, a file of
# another shard. Each makes the reading task fail, naming the file.
expect_fail() {  # STEP TASK PATTERN
  rm -f "work/done/$1.$2"
  if "$winnow" stage run "$1" --task "$2" --work work -q 2>err; then
    echo "$1 task $2 accepted a damaged input"; exit 1
  fi
  grep -q "$3" err || { cat err; echo "expected: $3"; exit 1; }
}
f=work/map2/s00001.b00002.band
cp "$f" saved
python3 - "$f" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[40] ^= 1
open(p, "wb").write(b)
PY
expect_fail reduce2 2 "s00001.b00002.band: not a valid stage file: checksum mismatch"
head -c 100 saved > "$f"
expect_fail reduce2 2 "truncated"
cp work/map2/s00000.b00002.band "$f"
expect_fail reduce2 2 "written for task 0, expected 1"
cp saved "$f"
"$winnow" stage run reduce2 --task 2 --work work -q
echo "ok: damaged stage files are errors"
