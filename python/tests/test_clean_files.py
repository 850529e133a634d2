"""winnow.clean_files: the whole command-line job, with a progress callback."""

import os

import pytest

import winnow
from conftest import REPO, SAMPLE_JSONL


def tree(root):
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = f.read()
    return out


def test_equals_command_line_on_a_folder(cli, tmp_path):
    corpora = os.path.join(REPO, "corpora")
    cli(["clean", "-q", corpora, "-o", str(tmp_path / "cli") + "/", "-j", "2"])
    calls = []
    stats = winnow.clean_files([corpora], str(tmp_path / "py") + "/", threads=2,
                               progress=calls.append)
    assert tree(tmp_path / "py") == tree(tmp_path / "cli")
    assert stats["docs_in"] > stats["docs_out"] > 0
    assert stats["tool"] == "winnow clean_files"
    assert stats["stages"]["boilerplate"]
    assert calls and calls[-1]["docs"] == stats["docs_in"]
    assert calls[-1]["input_bytes"] == calls[-1]["total_input_bytes"] > 0


def test_file_options(cli, tmp_path):
    out = tmp_path / "annotated.jsonl"
    winnow.clean_files(SAMPLE_JSONL, out, annotate=True, stages=["boilerplate", "repeats"])
    assert out.read_bytes() == cli(["clean", "-q", SAMPLE_JSONL, "--annotate",
                                    "--stages", "boilerplate,repeats"])


def test_missing_input_raises_os_error(tmp_path):
    with pytest.raises(OSError, match="no such file or folder"):
        winnow.clean_files([str(tmp_path / "nope.jsonl")], str(tmp_path / "out.jsonl"))


def test_memory_plan_error_keeps_the_message(tmp_path):
    with pytest.raises(RuntimeError, match="Raise --memory to at least"):
        winnow.clean_files(SAMPLE_JSONL, tmp_path / "out.jsonl", memory="1K")
    assert not (tmp_path / "out.jsonl").exists()


def test_progress_exception_stops_the_run(tmp_path):
    def boom(progress):
        raise KeyError("stop here")

    with pytest.raises(KeyError, match="stop here"):
        winnow.clean_files(os.path.join(REPO, "corpora"), str(tmp_path / "out") + "/",
                           progress=boom)
    # Nothing half-written stays under a final name or a temporary one.
    leftovers = [f for f in tree(tmp_path / "out") if "winnow-tmp" in f]
    assert leftovers == []
