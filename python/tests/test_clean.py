"""winnow.clean, Cleaner.clean and Cleaner.explain against the command line."""

import json
import os

import pytest

import winnow
from conftest import ARTICLES, SEED, read_text


def test_seed_article_equals_command_line(cli, seed_text):
    expected = cli(["clean", "-q", SEED])
    assert winnow.clean(seed_text).encode("utf-8") == expected


@pytest.mark.parametrize("name", sorted(os.listdir(ARTICLES)))
def test_bundled_articles_equal_command_line(cli, name):
    path = os.path.join(ARTICLES, name)
    text = read_text(path)
    assert winnow.clean(text).encode("utf-8") == cli(["clean", "-q", path])
    for options, args in [
        ({"stages": "repeats"}, ["--stages", "repeats"]),
        ({"stages": ["boilerplate", "corpus"]}, ["--stages", "boilerplate,corpus"]),
        ({"normalize": "none", "repeat_similarity": 0.5}, ["--normalize", "none",
                                                          "--repeat-similarity", "0.5"]),
    ]:
        assert winnow.clean(text, **options).encode("utf-8") == cli(
            ["clean", "-q", path] + args), options


def annotate(cli, path, args=()):
    """The winnow_removed list `winnow clean --annotate` writes for a text file."""
    records = [json.loads(line) for line in cli(["clean", "-q", "--annotate", path] + list(args))
               .splitlines()]
    assert len(records) == 1
    return records[0]["winnow_removed"]


@pytest.mark.parametrize("name", sorted(os.listdir(ARTICLES)))
def test_explain_agrees_with_annotate(cli, name):
    path = os.path.join(ARTICLES, name)
    text = read_text(path)
    spans = winnow.Cleaner().explain(text)
    assert spans, "the sample articles have planted furniture"
    assert spans == annotate(cli, path)
    for s in spans:
        assert set(s) == {"start", "end", "start_cp", "end_cp", "stage", "rule", "score",
                          "kept_document", "kept_id", "kept_block"}
        # Code point offsets slice the str; byte offsets the UTF-8.
        assert text[s["start_cp"]:s["end_cp"]].encode() == text.encode()[s["start"]:s["end"]]


def test_explain_seed_agrees_with_annotate(cli, seed_text):
    spans = winnow.Cleaner().explain(seed_text)
    assert spans == annotate(cli, SEED)
    assert {(s["stage"], s["rule"]) for s in spans} >= {("boilerplate", "lexicon")}


def test_clean_removes_what_explain_lists():
    text = read_text(os.path.join(ARTICLES, "harbour-bridge.txt"))
    cleaner = winnow.Cleaner()
    kept = cleaner.clean(text)
    for s in cleaner.explain(text):
        removed = text[s["start_cp"]:s["end_cp"]].strip()
        if removed:
            assert removed not in kept


def test_clean_calls_are_independent():
    # Each clean() is a corpus of one document: cleaning the same text twice
    # gives the same result (clean_many would remove the second copy).
    text = read_text(os.path.join(ARTICLES, "river-festival.txt"))
    cleaner = winnow.Cleaner()
    assert cleaner.clean(text) == cleaner.clean(text) != ""


def test_empty_and_non_ascii_text():
    assert winnow.clean("") == ""
    text = "Grüße aus Köln 🌳\n\nZweiter Absatz über Straßen.\n"
    assert winnow.clean(text, stages="repeats") == text


def test_text_must_be_str():
    with pytest.raises(TypeError):
        winnow.clean(b"bytes")  # type: ignore[arg-type]


def test_version():
    assert winnow.__version__.count(".") == 2
