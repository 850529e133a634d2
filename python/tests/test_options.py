"""Options: the command line's names and defaults; bad ones raise ValueError."""

import re

import pytest

import winnow


def test_every_option_is_a_command_line_option(cli):
    help_text = cli(["clean", "--help"]).decode()
    for name, info in winnow.options().items():
        flag = "--" + name.replace("_", "-")
        assert flag in help_text, flag
        if info["default"] and info["kind"] != "bool":
            assert f"{flag} " in help_text and f"={info['default']}" in help_text, flag


def test_defaults_are_the_command_line_defaults():
    opts = winnow.options()
    assert opts["stages"]["default"] == "all"
    assert opts["memory"]["default"] == "4G"
    assert opts["normalize"]["default"] == "nfkc,casefold,digits"
    assert opts["sentence_span"]["default"] == "3"
    assert opts["repeat_similarity"]["default"] == "0.6"
    assert opts["threads"]["default"] == ""  # all cores
    assert winnow.Cleaner().threads >= 1
    assert winnow.Cleaner(threads=3).threads == 3


@pytest.mark.parametrize("options, name", [
    ({"sentence_spam": 3}, "sentence_spam"),
    ({"stages": "boilerplate,corpse"}, "stages"),
    ({"stages": []}, "stages"),
    ({"normalize": "nfkc,lowercase"}, "normalize"),
    ({"memory": "lots"}, "memory"),
    ({"memory": 0}, "memory"),
    ({"memory": True}, "memory"),
    ({"threads": 0}, "threads"),
    ({"threads": "2"}, "threads"),
    ({"threads": 2.0}, "threads"),
    ({"repeat_similarity": 1.5}, "repeat_similarity"),
    ({"repeat_coverage": "high"}, "repeat_coverage"),
    ({"repeat_structural_copies": -1}, "repeat_structural_copies"),
    ({"sentence_span": -3}, "sentence_span"),
    ({"sentence_span_in_document": "yes"}, "sentence_span_in_document"),
    ({"text_field": ""}, "text_field"),
    ({"resume": True}, "resume"),          # files only
    ({"annotate": True}, "annotate"),      # files only
])
def test_bad_options_raise_value_error_naming_the_option(options, name):
    with pytest.raises(ValueError, match=re.escape(name)):
        winnow.Cleaner(**options)
    with pytest.raises(ValueError, match=re.escape(name)):
        winnow.clean("text", **options)


def test_dashed_names_are_refused():
    with pytest.raises(ValueError, match="sentence-span"):
        winnow.Cleaner(**{"sentence-span": 3})


def test_error_messages_are_the_librarys():
    with pytest.raises(ValueError, match='unknown stage "corpse"'):
        winnow.Cleaner(stages="boilerplate,corpse")
    with pytest.raises(ValueError, match=r'"lots" is not a size \(e.g. 512M, 4G\)'):
        winnow.Cleaner(memory="lots")


def test_good_values():
    winnow.Cleaner(stages=("repeats",), normalize=["nfkc", "accents"], memory=1 << 30,
                   repeat_similarity=1, sentence_span=0, sentence_span_in_document=True,
                   tmp_dir="/tmp", threads=None)
    winnow.Cleaner(normalize="none", memory="512M")


def test_clean_files_takes_file_options(tmp_path):
    with pytest.raises(ValueError, match="on_error"):
        winnow.clean_files([str(tmp_path)], str(tmp_path / "out/"), on_error="explode")
    with pytest.raises(ValueError, match="format"):
        winnow.clean_files([str(tmp_path)], str(tmp_path / "out/"), format="html")
