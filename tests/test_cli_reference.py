"""docs/cli.md is generated from the argparse parser (scripts/cli_reference.py): it must not drift."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from rasid.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ref = _script()


@pytest.mark.skipif(ref.wrong_python() is not None, reason=str(ref.wrong_python()))
def test_docs_cli_md_is_what_the_parser_gives() -> None:
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == ref.render(), f"docs/cli.md is out of date with rasid/cli.py; run: {ref.FIX}"


def test_every_command_is_in_the_reference_as_its_help_prints_it() -> None:
    text = ref.render()
    names = [prog for prog, _ in ref.commands(build_parser())]
    assert names[:2] == ["rasid", "rasid extract"] and "rasid serve" in names and "rasid export" in names
    for name in names:
        assert f"\n## `{name}`\n" in text
    # the extract section is `rasid extract --help` at 80 columns, as a terminal of that width shows it
    shown = subprocess.run([sys.executable, "-m", "rasid.cli", "extract", "--help"], cwd=ROOT, check=True,
                           capture_output=True, text=True, env={"COLUMNS": "80", "PATH": "/usr/bin:/bin",
                                                                "PYTHONPATH": str(ROOT)}).stdout
    assert f"## `rasid extract`\n\n```text\n{shown.rstrip()}\n```\n" in text


def test_the_width_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    wide = ref.render()
    monkeypatch.setenv("COLUMNS", "40")
    assert ref.render() == wide
    shown = [line for block in wide.split("```text\n")[1:] for line in block.split("\n```")[0].splitlines()]
    assert shown and max(map(len, shown)) <= 80
