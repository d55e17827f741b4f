"""Shared fixtures: the worked example ships in examples/; the development data is read from
../shared when it is there (it is kept out of the repository) and its tests skip otherwise."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def rules_decide() -> Iterator[None]:
    """The rules decide which mentions are events (no trained gate), for a test of a resolver (who
    says so, which date) on a sentence whose eventness is not what it tests; what the gate decides
    is tested in test_gate.py."""
    import rasid.pipeline.gate as gate_stage
    gate_stage.push_gate(None)
    try:
        yield
    finally:
        gate_stage.pop_gate()


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
