"""Cleaner.clean_many against the command line's JSONL output."""

import json
import os
import random

import pytest

import winnow
from conftest import ARTICLES, SAMPLE_JSONL, read_jsonl, read_text


def cli_jsonl(cli, args, stdin=None):
    return [json.loads(line) for line in cli(["clean", "-q"] + args, stdin=stdin).splitlines()]


def kept(results):
    """The results the command line would write (it leaves emptied documents out)."""
    return [r for r in results if r["text"]]


@pytest.mark.parametrize("threads", [1, 2])
def test_sample_jsonl_equals_command_line_on_stdin(cli, threads):
    # Without evidence there is no first pass: the command line reading the
    # same records on stdin does the same.
    with open(SAMPLE_JSONL, "rb") as f:
        expected = cli_jsonl(cli, ["-f", "jsonl", "-j", str(threads)], stdin=f.read())
    docs = read_jsonl(SAMPLE_JSONL)
    results = list(winnow.Cleaner(threads=threads).clean_many(iter(docs)))
    assert len(results) == len(docs)
    assert kept(results) == expected
    # Every other field passes through, in order.
    for doc, out in zip(docs, results):
        assert list(out) == list(doc)
        assert {k: v for k, v in out.items() if k != "text"} == \
               {k: v for k, v in doc.items() if k != "text"}


@pytest.mark.parametrize("threads", [1, 2])
def test_sample_jsonl_with_evidence_equals_command_line_on_file(cli, threads):
    expected = cli_jsonl(cli, [SAMPLE_JSONL, "-j", str(threads)])
    docs = read_jsonl(SAMPLE_JSONL)
    cleaner = winnow.Cleaner(threads=threads)
    evidence = cleaner.line_evidence(docs)
    assert evidence.documents == len(docs)
    assert kept(cleaner.clean_many(docs, evidence=evidence)) == expected


def synthetic_corpus(n, seed=7):
    """n JSONL records built from the sample's paragraphs: shared furniture,
    copied paragraphs and documents, so every stage has work across batches."""
    paragraphs = []
    for doc in read_jsonl(SAMPLE_JSONL):
        paragraphs += doc["text"].split("\n\n")
    for name in sorted(os.listdir(ARTICLES)):
        paragraphs += read_text(os.path.join(ARTICLES, name)).split("\n\n")
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        body = rng.sample(paragraphs, rng.randint(2, 9))
        if rng.random() < 0.3:
            body.append("Advertisement")
        docs.append({"id": f"doc-{i}", "text": "\n\n".join(body) + "\n", "n": i})
    return docs


def test_many_batches_equal_command_line(cli, tmp_path):
    docs = synthetic_corpus(1500)
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs),
                    encoding="utf-8")
    expected_stdin = cli_jsonl(cli, ["-f", "jsonl", "-j", "2"], stdin=path.read_bytes())
    expected_file = cli_jsonl(cli, [str(path), "-j", "2"])
    cleaner = winnow.Cleaner(threads=2)
    assert kept(cleaner.clean_many(iter(docs))) == expected_stdin
    assert kept(winnow.Cleaner(threads=1).clean_many(docs)) == expected_stdin
    evidence = cleaner.line_evidence(iter(docs))
    assert kept(cleaner.clean_many(docs, evidence=evidence)) == expected_file
    assert expected_file != expected_stdin  # the first pass mattered


def test_str_items_give_str_results_aligned():
    docs = synthetic_corpus(300)
    texts = [d["text"] for d in docs]
    results = list(winnow.Cleaner(threads=2).clean_many(texts))
    assert len(results) == len(texts)
    assert all(isinstance(r, str) for r in results)
    dict_results = list(winnow.Cleaner(threads=2).clean_many(docs))
    assert results == [d["text"] for d in dict_results]
    assert "" in results  # copies of earlier documents go whole


def test_clean_many_streams_lazily():
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(20_000):
            pulled += 1
            # Words spelled from the digits of i: every document differs
            # after normalization (which zeroes digits).
            word = "".join("abcdefghij"[int(c)] for c in str(i))
            yield f"Document {word} says something about {word}s.\n"

    stream = winnow.Cleaner(threads=2).clean_many(items())
    assert next(stream) == "Document a says something about as.\n"
    assert pulled < 5_000, pulled  # a few batches ahead, not the whole iterable
    assert sum(1 for _ in stream) == 20_000 - 1


def test_text_field_option():
    docs = [{"body": "Advertisement\n\nA paragraph of real text here.\n", "k": 1}]
    out = list(winnow.Cleaner(text_field="body").clean_many(docs))
    assert out == [{"body": "A paragraph of real text here.\n", "k": 1}]


def test_bad_items_raise():
    cleaner = winnow.Cleaner()
    with pytest.raises(TypeError, match="str or dict"):
        list(cleaner.clean_many(["ok", 42]))
    with pytest.raises(KeyError, match="text"):
        list(cleaner.clean_many([{"body": "x"}]))
    with pytest.raises(TypeError, match="not a str"):
        list(cleaner.clean_many([{"text": 3}]))


def test_errors_come_after_the_documents_before_them_like_a_generator():
    def items():
        yield "first document\n"
        yield "second document\n"
        raise RuntimeError("reader broke")

    stream = winnow.Cleaner().clean_many(items())
    assert next(stream) == "first document\n"
    assert next(stream) == "second document\n"
    with pytest.raises(RuntimeError, match="reader broke"):
        next(stream)
    assert list(stream) == []
    stream = winnow.Cleaner().clean_many(["a b c\n", None, "d e f\n"])
    assert next(stream) == "a b c\n"
    with pytest.raises(TypeError, match="NoneType"):
        next(stream)
    assert list(stream) == []


def test_empty_stream():
    assert list(winnow.Cleaner().clean_many([])) == []
