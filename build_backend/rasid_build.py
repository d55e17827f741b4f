"""In-tree build backend: setuptools, plus the compiler's requirements only when compiling.

`RASID_COMPILE=1 pip install .` compiles Rasid's hot modules with mypyc (see setup.py). Only then
does the isolated build environment need mypy, and the packages whose types the compiled modules
use (so that mypy checks them exactly as in development): those are listed in pyproject.toml under
[tool.rasid.compile]. A plain or editable install asks for setuptools alone, as before, and an
editable install is never compiled (a stale .so beside its .py would shadow every edit).

The dashboard (issue 16): every sdist and wheel carries the built dashboard, rasid/web/static, so that
`pip install` on a machine without node serves it. That build is committed, with SOURCES.sha256, the
sha256 of each file it is made from (written by rasid/web/build.mjs). Before an sdist or a wheel is
built, `ensure_dashboard` compares it with the sources: when they differ (or nothing is built) and npm
is on PATH, it rebuilds from package-lock.json (`npm ci`, `npm run build`); without npm a stale build
is shipped with a warning, and a missing one stops the build instead of making a wheel without it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (  # noqa: F401  (re-exported backend hooks)
    get_requires_for_build_sdist,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

STATIC = Path("rasid/web/static")
RECORD = STATIC / "SOURCES.sha256"


def dashboard_sources(root: Path = Path()) -> dict[str, str]:
    """sha256 of every file the dashboard is built from, by path (the list of rasid/web/build.mjs)."""
    names = ["package.json", "package-lock.json", "rasid/web/build.mjs"]
    names += [p.relative_to(root).as_posix() for p in (root / "rasid/web/src").rglob("*") if p.is_file()]
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in sorted(names)}


def recorded_sources(root: Path = Path()) -> dict[str, str]:
    """The sources the committed build was made from, as rasid/web/build.mjs recorded them."""
    if not (root / RECORD).is_file():
        return {}
    pairs = (line.split("  ", 1) for line in (root / RECORD).read_text(encoding="utf-8").splitlines() if line)
    return {name: digest for digest, name in pairs}


def dashboard_stale(root: Path = Path()) -> list[str]:
    """The files whose build is missing or out of date (empty when rasid/web/static is current)."""
    if not (root / STATIC / "index.html").is_file():
        return [(STATIC / "index.html").as_posix()]
    now, then = dashboard_sources(root), recorded_sources(root)
    return sorted(name for name in now.keys() | then.keys() if now.get(name) != then.get(name))


def ensure_dashboard() -> None:
    stale = dashboard_stale()
    if not stale:
        return
    npm = shutil.which("npm")
    if npm:
        print(f"rasid build: rebuilding the dashboard ({', '.join(stale)} changed)", file=sys.stderr)
        installed = Path("node_modules/.package-lock.json")
        if not installed.is_file() or installed.stat().st_mtime < Path("package-lock.json").stat().st_mtime:
            subprocess.run([npm, "ci", "--no-audit", "--no-fund"], check=True)
        subprocess.run([npm, "run", "--silent", "build"], check=True)
    elif (STATIC / "index.html").is_file():
        print(f"rasid build: WARNING: the dashboard in {STATIC} is older than {', '.join(stale)}; shipping it "
              "as it is (rebuilding needs Node.js and npm: `make dashboard`)", file=sys.stderr)
    else:
        raise RuntimeError(f"the dashboard is not built ({STATIC} is missing) and npm is not on PATH: "
                           f"restore the committed build (`git checkout -- {STATIC}`) or install Node.js and npm")


def build_sdist(sdist_directory, config_settings=None):  # type: ignore[no-untyped-def]
    ensure_dashboard()
    return _setuptools.build_sdist(sdist_directory, config_settings)


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
    ensure_dashboard()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def get_requires_for_build_editable(config_settings=None):  # type: ignore[no-untyped-def]
    return _setuptools.get_requires_for_build_editable(config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):  # type: ignore[no-untyped-def]
    if _compiling():
        print("rasid build: RASID_COMPILE=1 ignored for an editable install (it stays pure Python)", file=sys.stderr)
        os.environ.pop("RASID_COMPILE")
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
