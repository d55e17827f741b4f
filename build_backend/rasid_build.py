"""In-tree build backend: setuptools, plus the compiler's requirements only when compiling.

`RASID_COMPILE=1 pip install .` compiles Rasid's hot modules with mypyc (see setup.py). Only then
does the isolated build environment need mypy, and the packages whose types the compiled modules
use (so that mypy checks them exactly as in development): those are listed in pyproject.toml under
[tool.rasid.compile]. A plain or editable install asks for setuptools alone, as before, and an
editable install is never compiled (a stale .so beside its .py would shadow every edit).
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (  # noqa: F401  (re-exported backend hooks)
    build_sdist,
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)


def _compiling() -> bool:
    return os.environ.get("RASID_COMPILE", "") == "1"


def _compile_requires() -> list[str]:
    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    return list(config["tool"]["rasid"]["compile"]["requires"])


def get_requires_for_build_wheel(config_settings=None):  # type: ignore[no-untyped-def]
    if not _compiling():
        return _setuptools.get_requires_for_build_wheel(config_settings)
    # setuptools runs setup.py to collect its requirements, before mypy is there: ask it as for a
    # pure build, then add the compiler's.
    os.environ.pop("RASID_COMPILE")
    try:
        return _setuptools.get_requires_for_build_wheel(config_settings) + _compile_requires()
    finally:
        os.environ["RASID_COMPILE"] = "1"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def get_requires_for_build_editable(config_settings=None):  # type: ignore[no-untyped-def]
    return _setuptools.get_requires_for_build_editable(config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    if _compiling():
        print("rasid build: RASID_COMPILE=1 ignored for an editable install (it stays pure Python)", file=sys.stderr)
        os.environ.pop("RASID_COMPILE")
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
