#!/usr/bin/env bash
# Fault and size-limit cases for `winnow clean`, one per ctest test.
#
#   run_case.sh WINNOW CASE
#
# Faults (the guarantees in README, RELIABILITY): a clear message, a non-zero
# exit, no file at a final output name that could pass for complete, no
# temporary file left behind, and `--resume` then finishes the job with the
# output a fresh run writes.
#   not_writable   output folder is a file; output folder on a read-only mount
#   disk_full      output on a 64 KiB tmpfs
#   input_deleted  an input is deleted while an earlier one is being read
#   sigint         SIGINT while an input is being read (exit 130)
#   sigterm        SIGTERM likewise (exit 143)
# Size limits (cheap ones; README lists the large ones measured by hand):
#   empty_file     empty .txt, .jsonl, .jsonl.gz and .wet inputs
#   nul_file       1 MiB of NUL bytes as text, JSONL and WET
#   long_line      a 6 MB JSONL line: rejected under a 1 MB limit (counted,
#                  in the rejects file, the run goes on), kept by default
# Exit 77 (skipped, with a message) where the machine cannot set the case up,
# e.g. no permission to mount a tmpfs.
set -u
winnow=$1
case_name=$2
work=$(mktemp -d)
mounted=""
cleanup() {
  [ -n "$mounted" ] && umount "$mounted" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
cd "$work"

fail() { echo "FAIL ($case_name): $*" >&2; exit 1; }
skip() { echo "SKIP ($case_name): $*" >&2; exit 77; }

# Writes N JSONL documents with distinct paragraphs to FILE (prefix P).
make_jsonl() {
  local file=$1 n=$2 p=$3
  for ((i = 0; i < n; i++)); do
    printf '{"id":"%s-%d","text":"Report %s %d: the %s council met on day %d and agreed the budget for the harbour works.\\n\\nVotes were counted twice; item %d passed with a clear majority."}\n' \
      "$p" "$i" "$p" "$i" "$p" "$i" "$i"
  done >"$file"
}

# No file under DIR may be a winnow temporary file.
no_temp_files() {
  local left
  left=$(find "$1" -name '*.winnow-tmp-*' 2>/dev/null)
  [ -z "$left" ] || fail "temporary files left behind: $left"
}

try_mount() {  # DIR OPTIONS
  mkdir -p "$1"
  mount -t tmpfs -o "$2" tmpfs "$1" 2>/dev/null || return 1
  mounted=$1
}

# Runs winnow, capturing stderr in err.txt and the exit code in $code.
run() {
  "$winnow" "$@" 2>err.txt </dev/null
  code=$?
}

expect_failure() {  # MESSAGE_PATTERN
  [ "$code" != 0 ] || fail "exit 0; expected a failure"
  grep -q -- "$1" err.txt || fail "message does not match '$1': $(cat err.txt)"
}

case $case_name in
not_writable)
  make_jsonl a.jsonl 20 a
  touch not_a_folder
  run clean a.jsonl -o not_a_folder/
  expect_failure "not_a_folder"
  [ "$code" = 1 ] || fail "exit $code, expected 1"
  [ -f not_a_folder ] && [ ! -s not_a_folder ] || fail "the file in the way was changed"
  # A read-only mount: permissions do not stop root, EROFS does.
  if try_mount ro "ro,size=64k"; then
    run clean a.jsonl -o ro/out/
    expect_failure "Read-only file system"
    [ "$code" = 1 ] || fail "exit $code on a read-only mount, expected 1"
    run clean a.jsonl -o ro/clean.jsonl
    expect_failure "ro/clean.jsonl"
  else
    echo "note: cannot mount a read-only tmpfs here; checked only a file in the way" >&2
  fi
  ;;
disk_full)
  try_mount full "size=64k" || skip "no permission to mount a tmpfs (mount -t tmpfs)"
  # About 540 KB of records that compress badly (base64 of random bytes), so
  # that the .zst output does not fit in 64 KiB either.
  head -c 400000 /dev/urandom | base64 -w 200 |
    awk '{ printf "{\"id\":\"r%d\",\"text\":\"%s\"}\n", NR, $0 }' >big.jsonl
  for out in full/out/ full/clean.jsonl full/clean.jsonl.zst; do
    run clean --stages repeats big.jsonl -o "$out"
    expect_failure "No space left on device"
    [ "$code" = 1 ] || fail "exit $code, expected 1"
    [ ! -e full/out/big.jsonl ] && [ ! -e full/clean.jsonl ] && [ ! -e full/clean.jsonl.zst ] ||
      fail "a final output name exists after a failed write ($out)"
    no_temp_files full
  done
  # With room again, --resume finishes the job.
  umount full && mounted=""
  run clean --stages repeats big.jsonl -o full/out/ --resume
  [ "$code" = 0 ] || fail "resume after disk full: exit $code: $(cat err.txt)"
  run clean --stages repeats big.jsonl -o fresh/
  cmp -s full/out/big.jsonl fresh/big.jsonl || fail "resumed output differs from a fresh run"
  ;;
input_deleted)
  # first.jsonl is a FIFO so the run is held inside it while second.jsonl is
  # deleted. (A file deleted while it is open is still read to its end: POSIX
  # keeps it until closed. What can fail is an input not yet opened.)
  make_jsonl first.txt 30 f
  make_jsonl second.jsonl 30 s
  cp second.jsonl second.keep
  mkfifo first.jsonl
  "$winnow" clean --stages repeats,corpus first.jsonl second.jsonl -o out/ -q 2>err.txt &
  pid=$!
  exec 3>first.jsonl
  head -n 10 first.txt >&3
  sleep 0.3
  rm second.jsonl
  tail -n +11 first.txt >&3
  exec 3>&-
  wait $pid
  code=$?
  expect_failure "second.jsonl: cannot open: No such file or directory"
  [ "$code" = 1 ] || fail "exit $code, expected 1"
  cmp -s out/first.jsonl <("$winnow" clean --stages repeats,corpus -q -f jsonl <first.txt) ||
    fail "the input read before the failure was not committed whole"
  [ ! -e out/second.jsonl ] || fail "out/second.jsonl exists"
  no_temp_files out
  rm first.jsonl
  cp first.txt first.jsonl
  mv second.keep second.jsonl
  run clean --stages repeats,corpus first.jsonl second.jsonl -o out/ --resume
  [ "$code" = 0 ] || fail "resume: exit $code: $(cat err.txt)"
  run clean --stages repeats,corpus first.jsonl second.jsonl -o fresh/
  diff -r out fresh >/dev/null || fail "resumed output differs from a fresh run"
  ;;
sigint | sigterm)
  sig=INT expected=130
  [ "$case_name" = sigterm ] && sig=TERM expected=143
  make_jsonl a.jsonl 40 a
  make_jsonl b.txt 40 b
  mkfifo b.jsonl
  "$winnow" clean --stages repeats,corpus a.jsonl b.jsonl -o out/ -q 2>err.txt &
  pid=$!
  exec 3>b.jsonl
  head -n 20 b.txt >&3
  sleep 0.5  # a.jsonl done and committed; b.jsonl being read
  kill -s "$sig" $pid
  sleep 0.2
  tail -n +21 b.txt >&3  # the run notices the signal before its next document
  exec 3>&-
  wait $pid
  code=$?
  [ "$code" = "$expected" ] || fail "exit $code, expected $expected: $(cat err.txt)"
  grep -q "interrupted: no output was committed for the input in progress; run again with --resume" err.txt ||
    fail "message: $(cat err.txt)"
  [ -f out/a.jsonl ] || fail "out/a.jsonl (finished before the signal) was not committed"
  [ ! -e out/b.jsonl ] || fail "out/b.jsonl exists after the interruption"
  no_temp_files out
  rm b.jsonl
  cp b.txt b.jsonl
  run clean --stages repeats,corpus a.jsonl b.jsonl -o out/ --resume
  [ "$code" = 0 ] || fail "resume: exit $code: $(cat err.txt)"
  run clean --stages repeats,corpus a.jsonl b.jsonl -o fresh/
  diff -r out fresh >/dev/null || fail "resumed output differs from a fresh run"
  ;;
empty_file)
  : >empty.txt
  : >empty.jsonl
  : >empty.wet
  : >empty.jsonl.gz  # zero bytes: an empty stream, not a damaged one
  for f in empty.txt empty.jsonl empty.wet empty.jsonl.gz; do
    run clean "$f" -o "out-$f/" --stats-json "stats-$f.json"
    [ "$code" = 0 ] || fail "$f: exit $code: $(cat err.txt)"
    grep -q '"bytes_out":0' "stats-$f.json" || fail "$f: bytes_out not 0"
    grep -q '"rejects":0' "stats-$f.json" || fail "$f: rejects not 0"
  done
  [ ! -s out-empty.txt/empty.txt ] || fail "output of an empty text file is not empty"
  ;;
nul_file)
  head -c 1048576 /dev/zero >nul.txt
  cp nul.txt nul.jsonl
  cp nul.txt nul.wet
  # Text: NUL is a valid (if odd) UTF-8 character; the document is one line.
  run clean nul.txt -o out/ --stats-json text.json
  [ "$code" = 0 ] || fail "text: exit $code: $(cat err.txt)"
  grep -q '"docs_in":1' text.json || fail "text: not one document"
  # JSONL: one line that is not JSON: one reject, nothing written.
  run clean nul.jsonl -o out/ --rejects rejects.jsonl --stats-json jsonl.json
  [ "$code" = 0 ] || fail "jsonl: exit $code: $(cat err.txt)"
  grep -q '"rejects":1' jsonl.json || fail "jsonl: not one reject"
  grep -q 'invalid JSON' err.txt || fail "jsonl: message: $(cat err.txt)"
  [ "$(wc -l <rejects.jsonl)" = 1 ] || fail "jsonl: rejects file does not hold the record"
  # WET: not a WARC record: one reject.
  run clean nul.wet -o out/ --stats-json wet.json
  [ "$code" = 0 ] || fail "wet: exit $code: $(cat err.txt)"
  grep -q '"rejects":1' wet.json || fail "wet: not one reject"
  grep -q 'not a WARC record' err.txt || fail "wet: message: $(cat err.txt)"
  ;;
long_line)
  {
    printf '{"id":"before","text":"A short record before the long one."}\n'
    printf '{"id":"long","text":"'
    head -c 6000000 /dev/zero | tr '\0' 'a'
    printf '"}\n{"id":"after","text":"A short record after the long one."}\n'
  } >long.jsonl
  run clean --stages repeats long.jsonl -o limited/ --max-document-bytes 1000000 \
    --rejects rejects.jsonl --stats-json limited.json
  [ "$code" = 0 ] || fail "limited: exit $code: $(cat err.txt)"
  grep -q 'long.jsonl:2: line longer than the limit of 1000000 bytes' err.txt ||
    fail "limited: message: $(cat err.txt)"
  grep -q '"docs_in":2' limited.json || fail "limited: the records around it were not read"
  grep -q '"rejects":1' limited.json || fail "limited: the long line was not counted as a reject"
  [ "$(wc -l <limited/long.jsonl)" = 2 ] || fail "limited: output does not hold 2 records"
  grep -q '"line":2' rejects.jsonl || fail "limited: rejects file does not name line 2"
  [ "$(wc -c <rejects.jsonl)" -lt 5000 ] || fail "limited: the reject holds the whole line"
  run clean --stages repeats long.jsonl -o default/ --stats-json default.json
  [ "$code" = 0 ] || fail "default limit: exit $code: $(cat err.txt)"
  grep -q '"docs_in":3' default.json || fail "default limit: not 3 documents"
  cmp -s long.jsonl default/long.jsonl || fail "default limit: output differs from input"
  ;;
*)
  fail "unknown case"
  ;;
esac
echo "ok ($case_name)"
