"""Shared fixtures: the worked example ships in examples/; the development data is read from
../shared when it is there (it is kept out of the repository) and its tests skip otherwise."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def own_default_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests that use the default store get one of their own, never the user's ($RASID_DB, else the
    user data directory), which another checkout may have migrated further."""
    saved = os.environ.get("RASID_DB")
    os.environ["RASID_DB"] = f"sqlite:///{tmp_path_factory.mktemp('store') / 'rasid.db'}"
    yield
    if saved is None:
        os.environ.pop("RASID_DB", None)
    else:
        os.environ["RASID_DB"] = saved


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
