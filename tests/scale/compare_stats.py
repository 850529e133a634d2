#!/usr/bin/env python3
"""Compares the statistics of `winnow clean --stats-json` with those of a
staged run (`winnow stage stats`): every figure the staged run determines
(documents, bytes, rejects, removals by rule, formats, skipped records and
the corpus removal counters) must be equal. Exit 1 and print the
differences otherwise.

    compare_stats.py SINGLE.json STAGED.json
"""
import json
import sys

a = json.load(open(sys.argv[1]))
b = json.load(open(sys.argv[2]))
keys = ["inputs", "docs_in", "docs_out", "bytes_in", "bytes_out", "rejects", "dropped", "stages",
        "formats", "skipped_records", "reject_detail"]
corpus = ["ran", "documents", "exact_documents", "near_duplicates", "exact_paragraphs",
          "exact_sentence_spans", "candidates_verified"]
bad = [k for k in keys if a.get(k) != b.get(k)]
bad += ["corpus." + k for k in corpus if a["corpus"].get(k) != b["corpus"].get(k)]
for k in bad:
    top, _, sub = k.partition(".")
    print(f"stats differ: {k}: clean {a[top] if not sub else a[top][sub]!r} staged "
          f"{b[top] if not sub else b[top][sub]!r}")
if bad:
    sys.exit(1)
print(f"stats equal: {len(keys) + len(corpus)} fields "
      f"({a['docs_in']} documents, {sum(r['count'] for s in a['stages'].values() for r in s.values())} removals)")
