"""Shared fixtures: the repository, the command line built beside the
module, and ../shared (tests that need it skip with a message without it).

ctest sets PYTHONPATH to the build tree's python/ folder, WINNOW_CLI to the
winnow binary and WINNOW_SOURCE_DIR to the repository (python/CMakeLists.txt).
By hand, from the repository:

    PYTHONPATH=build/release/python WINNOW_CLI=build/release/tools/winnow \\
        /usr/bin/python3 -m pytest -q python/tests
"""

import json
import os
import subprocess

import pytest

REPO = os.environ.get(
    "WINNOW_SOURCE_DIR", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SHARED = os.path.join(os.path.dirname(os.path.abspath(REPO)), "shared")
SAMPLE_JSONL = os.path.join(REPO, "corpora", "sample", "corpus.jsonl")
ARTICLES = os.path.join(REPO, "corpora", "sample", "articles")
SEED = os.path.join(SHARED, "corpora", "seed", "blinken.txt")


@pytest.fixture(scope="session")
def cli():
    """Runs the winnow binary: cli(args, stdin=None) -> stdout bytes."""
    path = os.environ.get("WINNOW_CLI", os.path.join(REPO, "build", "release", "tools", "winnow"))
    if not os.access(path, os.X_OK):
        pytest.skip(f"the winnow binary is not built ({path}); set WINNOW_CLI")

    def run(args, stdin=None):
        proc = subprocess.run([path] + list(args), input=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, check=False)
        assert proc.returncode == 0, proc.stderr.decode()
        return proc.stdout

    run.path = path
    return run


@pytest.fixture(scope="session")
def seed_text():
    if not os.path.isfile(SEED):
        pytest.skip(f"SKIP: {SEED} not present (../shared is not beside the repository)")
    with open(SEED, encoding="utf-8", newline="") as f:
        return f.read()


def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def read_jsonl(path):
    with open(path, "rb") as f:
        return [json.loads(line) for line in f if line.strip()]
