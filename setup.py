"""`pip install .`: the winnow Python package, its extension built by CMake.

Offline, with Debian's build tools (python3-setuptools, python3-wheel,
python3-venv, cmake and the -dev packages of `make deps`):

    /usr/bin/python3 -m venv --system-site-packages /tmp/v
    /tmp/v/bin/pip install --no-build-isolation --no-index .

The extension module is the CMake project's `_winnow` target (python/
CMakeLists.txt), configured in build/pip (WINNOW_PIP_BUILD_DIR) with
WINNOW_BUILD_PYTHON=ON for the Python that runs this script, and built with
WINNOW_PIP_JOBS jobs (default 2); a second install reuses that tree.
"""

import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = os.path.dirname(os.path.abspath(__file__))


def project_version():
    with open(os.path.join(ROOT, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"project\(winnow VERSION ([0-9.]+)", f.read()).group(1)


class CMakeBuild(build_ext):
    """Builds each extension as a CMake target instead of compiling sources."""

    def build_extension(self, ext):
        build_dir = os.environ.get("WINNOW_PIP_BUILD_DIR", os.path.join(ROOT, "build", "pip"))
        jobs = os.environ.get("WINNOW_PIP_JOBS", "2")
        subprocess.check_call([
            "cmake", "-S", ROOT, "-B", build_dir,
            "-DCMAKE_BUILD_TYPE=Release",
            "-DWINNOW_BUILD_PYTHON=ON",
            "-DWINNOW_BUILD_TESTS=OFF",
            "-DWINNOW_BUILD_BENCHMARKS=OFF",
            f"-DPython_EXECUTABLE={sys.executable}",
        ])
        subprocess.check_call(["cmake", "--build", build_dir, "--target", "_winnow", "-j", jobs])
        built = os.path.join(build_dir, "python", "winnow",
                             os.path.basename(self.get_ext_filename(ext.name)))
        target = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=project_version(),
    packages=["winnow"],
    package_dir={"": "python"},
    package_data={"winnow": ["*.pyi", "py.typed"]},
    ext_modules=[Extension("winnow._winnow", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
