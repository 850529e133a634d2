#!/usr/bin/env bash
# `pip install .` offline, as README ("Python") documents it: a venv of
# Debian's python3 with its system site-packages (setuptools, wheel), pip
# with --no-build-isolation --no-index, then the installed package is
# imported and used from outside the repository.
#
#   pip_install.sh PYTHON REPO BUILD_DIR
#
# BUILD_DIR keeps setup.py's CMake tree between runs (a rerun rebuilds only
# what changed); the venv is temporary. Exits 77 (skipped) when the venv
# module or pip is missing.
set -u
python=$1
repo=$2
build_dir=$3
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
if ! "$python" -m venv --system-site-packages "$venv" >/dev/null 2>&1 || [ ! -x "$venv/bin/pip" ]; then
  echo "SKIP: $python -m venv with pip is not available (Debian: python3-venv, python3-pip)"
  exit 77
fi
cd "$repo" || exit 1
start=$(date +%s)
WINNOW_PIP_BUILD_DIR=$build_dir "$venv/bin/pip" install -q --no-build-isolation --no-index . \
  || { echo "pip install failed"; exit 1; }
echo "pip install: $(( $(date +%s) - start )) s"
cd "$venv" || exit 1
"$venv/bin/python" - <<'PY' || exit 1
import os
import winnow
import winnow.datatrove

here = os.path.dirname(winnow.__file__)
assert here.startswith(os.path.realpath(os.getcwd())) or "site-packages" in here, here
for f in ("__init__.pyi", "_winnow.pyi", "datatrove.pyi", "py.typed"):
    assert os.path.exists(os.path.join(here, f)), f
assert winnow.clean("Advertisement\n\nA paragraph of real text.\n") == "A paragraph of real text.\n"
print("installed winnow", winnow.__version__, "at", here)
PY
