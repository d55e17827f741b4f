"""mypy is clean on the package: the compiled build (mypyc) needs the types, and a newcomer reads them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_is_clean_on_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install '.[test]')")
    run = subprocess.run([sys.executable, "-m", "mypy", "rasid"], check=False, cwd=ROOT, capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stdout + run.stderr
