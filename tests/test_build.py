"""Which build of Rasid the tests exercise: pure Python, or the mypyc-compiled hot modules (setup.py).

`make test` runs the suite on the editable, pure install and `make test-compiled` on the compiled
one in .venv-compiled (RASID_EXPECT_BUILD says which is meant); both must pass, with the same output.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import rasid
import rasid.dictionaries.lexicon
import rasid.pipeline.detect

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "rasid"


def compiled_targets() -> list[str]:
    """Module names of the files that [tool.rasid.compile] modules lists in pyproject.toml."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    files = sorted({p for pattern in config["tool"]["rasid"]["compile"]["modules"] for p in ROOT.glob(pattern)})
    return sorted(".".join(f.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__") for f in files)


def test_compiled_targets_are_the_hot_path_but_not_the_pydantic_models() -> None:
    targets = compiled_targets()
    assert {"rasid.dictionaries.lexicon", "rasid.dictionaries.scanner", "rasid.pipeline.analysis", "rasid.pipeline.detect",
            "rasid.pipeline.actors"} <= set(targets)
    assert "rasid.contract" not in targets and "rasid.cli" not in targets


def test_build_is_the_one_expected() -> None:
    expected = os.environ.get("RASID_EXPECT_BUILD")
    loaded = rasid.compiled_modules()
    installed_from_source = Path(rasid.__file__).resolve().parent == SOURCE
    if expected == "compiled":
        assert not installed_from_source, f"rasid was imported from the source tree {SOURCE}, not the compiled install"
        assert loaded == compiled_targets()
        assert rasid.build_info() == "compiled (mypyc)"
        assert Path(rasid.pipeline.detect.__file__).suffix == ".so" and Path(rasid.dictionaries.lexicon.__file__).suffix == ".so"
    elif expected == "pure" or installed_from_source:
        # in the source tree a stale compiled module would silently shadow every edit of its .py
        assert loaded == [], f"compiled modules shadow the sources: {loaded}"
        assert rasid.build_info() == "pure Python"
        assert Path(rasid.pipeline.detect.__file__).suffix == ".py"
    else:
        assert loaded in ([], compiled_targets()), f"a partly compiled install: {loaded}"


def test_version_names_the_build() -> None:
    out = subprocess.run([sys.executable, "-P", "-m", "rasid.cli", "--version"], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout
    assert out.strip() == f"{rasid.__version__}, {rasid.build_info()}"

