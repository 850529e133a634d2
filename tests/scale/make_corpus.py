#!/usr/bin/env python3
"""Writes a small JSONL corpus split over several files for the staged-run
tests (tests/scale/): documents with site boilerplate, exact copies, near
copies (and chains of them), paragraphs and sentence runs repeated across
documents and files, and one malformed record. Deterministic (seeded).

    make_corpus.py OUT_DIR [--files 4] [--docs 400] [--seed 8]

Files: OUT_DIR/part-0.jsonl, part-1.jsonl.gz, part-2.jsonl, ... (the second
one gzip-compressed), in run order by name.
"""
import argparse
import gzip
import json
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--seed", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    syll = ["ka", "lo", "mi", "ren", "ta", "vo", "si", "pel", "dun", "ar", "ek", "zu", "bri", "om"]
    vocab = ["".join(rng.choice(syll) for _ in range(rng.randint(1, 3))) for _ in range(3000)]

    def sentence():
        words = [rng.choice(vocab) for _ in range(rng.randint(7, 16))]
        words[0] = words[0].capitalize()
        return " ".join(words) + "."

    def paragraph(n=None):
        return " ".join(sentence() for _ in range(n or rng.randint(3, 6)))

    shared_paragraphs = [paragraph() for _ in range(12)]
    shared_runs = [" ".join(sentence() for _ in range(3)) for _ in range(12)]
    sites = [
        (["Home | News | Sport | Weather", "Menu"], ["Copyright 2024 Example News. All rights reserved."]),
        (["Start | Politik | Kultur"], ["Follow us on social media", "Privacy policy | Terms"]),
        ([], ["Share this article"]),
    ]

    def article():
        head, foot = rng.choice(sites)
        paras = [paragraph() for _ in range(rng.randint(3, 7))]
        if rng.random() < 0.3:
            paras.insert(rng.randrange(len(paras) + 1), rng.choice(shared_paragraphs))
        if rng.random() < 0.3:
            i = rng.randrange(len(paras))
            paras[i] = paras[i] + " " + rng.choice(shared_runs) + " " + sentence()
        return "\n".join(head) + ("\n\n" if head else "") + "\n\n".join(paras) + "\n\n" + "\n".join(foot) + "\n"

    def edit(text, changes):
        words = text.split(" ")
        for _ in range(changes):
            i = rng.randrange(len(words))
            if "\n" in words[i]:
                continue
            words[i] = rng.choice(vocab)
        return " ".join(words)

    docs = []
    for i in range(args.docs):
        r = rng.random()
        if docs and r < 0.08:
            text = rng.choice(docs)  # an exact copy
        elif docs and r < 0.16:
            text = edit(rng.choice(docs), rng.randint(1, 6))  # a near copy (chains form)
        else:
            text = article()
        docs.append(text)

    os.makedirs(args.out, exist_ok=True)
    per = (len(docs) + args.files - 1) // args.files
    for f in range(args.files):
        lines = []
        for k, text in enumerate(docs[f * per:(f + 1) * per]):
            lines.append(json.dumps({"id": f"d{f}-{k}", "text": text, "url": f"https://example.org/{f}/{k}"},
                                    ensure_ascii=False))
            if f == 2 and k == 5:
                lines.append('{"id": "broken", "text": "no end')  # malformed: rejected
        data = ("\n".join(lines) + "\n").encode()
        name = os.path.join(args.out, f"part-{f}.jsonl" + (".gz" if f == 1 else ""))
        if f == 1:
            with gzip.GzipFile(name, "wb", mtime=0) as g:
                g.write(data)
        else:
            with open(name, "wb") as out:
                out.write(data)


if __name__ == "__main__":
    main()
