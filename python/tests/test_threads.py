"""One Cleaner shared by 4 Python threads."""

import os
import threading

import winnow
from conftest import ARTICLES, SAMPLE_JSONL, read_jsonl, read_text


def test_one_cleaner_from_four_threads():
    texts = [read_text(os.path.join(ARTICLES, n)) for n in sorted(os.listdir(ARTICLES))]
    texts += [d["text"] for d in read_jsonl(SAMPLE_JSONL)]
    cleaner = winnow.Cleaner()
    expected = [cleaner.clean(t) for t in texts]
    expected_spans = [cleaner.explain(t) for t in texts]
    errors = []
    start = threading.Barrier(4)

    def work(k):
        try:
            start.wait()
            for round_ in range(25):
                for i in range(len(texts)):
                    j = (i + k + round_) % len(texts)
                    assert cleaner.clean(texts[j]) == expected[j]
                    if round_ % 5 == 0:
                        assert cleaner.explain(texts[j]) == expected_spans[j]
        except BaseException as e:  # reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors


def test_clean_many_streams_from_four_threads():
    docs = read_jsonl(SAMPLE_JSONL) * 40
    cleaner = winnow.Cleaner(threads=2)
    expected = list(cleaner.clean_many(docs))
    results = [None] * 4

    def work(k):
        results[k] = list(cleaner.clean_many(docs))

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
