#!/usr/bin/env bash
# The defining example: the shared seed article cleaned end to end.
# Skips (exit 77) when ../shared is not beside the repository.
set -u
winnow=$1
repo=$2
seed="$repo/../shared/corpora/seed/blinken.txt"
if [ ! -f "$seed" ]; then
  echo "SKIP: $seed not present (../shared is not beside the repository)"
  exit 77
fi
actual=$(mktemp)
expected=$(mktemp)
trap 'rm -f "$actual" "$expected"' EXIT
"$winnow" clean -q "$seed" >"$actual" || { echo "winnow failed"; exit 1; }

# The expected output is built from the input itself: every paragraph once, in
# order, byte for byte, without the reworded lead ("According to a ministry
# statement, ...") and without the trailing "Advertisement" and "Author".
python3 - "$seed" "$expected" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8", newline="").read()
paras = text.split("\n\n")
assert paras[-2:] == ["Advertisement", "Author"], paras[-2:]
drop = [p for p in paras if p.startswith("According to a ministry statement, Blinken informed")]
assert len(drop) == 1, "reworded lead not found once in the seed"
kept = [p for p in paras[:-2] if p not in drop]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write("\n\n".join(kept) + "\n")
PY
if cmp -s "$expected" "$actual"; then
  echo "seed article cleaned exactly as expected"
  exit 0
fi
echo "seed article output differs from the expectation:"
diff -u "$expected" "$actual"
exit 1
