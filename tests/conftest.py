"""Shared fixtures: the worked example ships in examples/; the development data is read from
../shared when it is there (it is kept out of the repository) and its tests skip otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (EXAMPLES / "hasakah-prison.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    return json.loads((EXAMPLES / "hasakah-prison.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def dev_path() -> Path:
    path = SHARED / "data" / "gsr-ar-dev.jsonl"
    if not path.exists():
        pytest.skip("development data ../shared/data/gsr-ar-dev.jsonl not available")
    return path
