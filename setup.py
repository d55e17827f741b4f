"""Build hook: an optional mypyc-compiled build of Rasid's hot modules (issue 8: speed).

pyproject.toml holds the whole package configuration; this file only adds compiled extension modules,
and only when asked at build time:

    RASID_COMPILE=1 pip install '.[test,gazetteer]'     # or: make compiled (a separate .venv-compiled)

Without RASID_COMPILE=1 the build is pure Python exactly as before, which is what editable installs
(`make setup`) must stay: a compiled module next to its .py would shadow every later edit of it.
The compiled modules are ordinary, mypy-checked Python; mypyc turns them into C extensions that run
the warm pipeline about 1.7 times as fast, with byte-identical output (docs/scaling.md).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from setuptools import setup


def hot_modules() -> list[str]:
    """The files to compile: [tool.rasid.compile] modules of pyproject.toml, globs expanded."""
    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    return sorted(str(p.as_posix()) for pattern in config["tool"]["rasid"]["compile"]["modules"]
                  for p in Path().glob(pattern))


COMPILING = os.environ.get("RASID_COMPILE", "") == "1"
# A compiled build works in a build directory of its own: setuptools packs all of build/lib into a
# wheel, so a later pure (non-editable) build must never find the compiled modules there.
BUILD_BASE = "build/compiled" if COMPILING else "build"


def compiled_extensions() -> list:
    if not COMPILING:
        return []
    from mypyc.build import mypycify  # only needed (and only a build requirement) when compiling

    return mypycify(hot_modules(), opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"), debug_level="0",
                    group_name="rasid", target_dir=f"{BUILD_BASE}/c")


setup(ext_modules=compiled_extensions(), options={"build": {"build_base": BUILD_BASE}})
