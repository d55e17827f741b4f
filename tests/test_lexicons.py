"""Every lexicon file loads and is consistent, so a linguist's one-line edit is checked by the tests."""

from __future__ import annotations

from importlib import resources

import pytest

from rasid.dictionaries.lexicon import AFFIXES, entries_from
from rasid.dictionaries.mappings import _table
from rasid.dictionaries.tables import read_tsv

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
          "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
TSV = sorted(p.name for p in resources.files("rasid.data").iterdir() if p.name.endswith(".tsv"))


@pytest.mark.parametrize("name", TSV)
def test_every_data_file_has_a_header_comment_and_loads(name):
    text = resources.files("rasid.data").joinpath(name).read_text(encoding="utf-8")
    assert text.startswith("#"), f"{name} must start with a comment saying what it is and where it comes from"
    assert read_tsv(name), f"{name} has no rows"


def test_triggers_are_valid():
    mapped = _table()
    for e in entries_from("triggers.tsv"):
        assert e.cls in AFFIXES, e
        assert e["plover"] in PLOVER | {"NONE"}, e
        if e["plover"] == "NONE":
            continue
        assert e["strength"] in {"1", "2", "3"}, e
        assert e["pos"] in {"noun", "verb"}, e
        assert e["flags"] in {"", "eventive", "crowd", "crowd-new", "clash"}, e
        assert (e["plover"], e["mode"]) in mapped, f"no ACLED/CAMEO mapping for {e['plover']}/{e['mode']}"


def test_all_plover_types_have_triggers_and_mappings():
    types = {e["plover"] for e in entries_from("triggers.tsv")}
    assert PLOVER <= types
    assert PLOVER <= {p for p, _ in _table()}


def test_cues_and_modes_are_valid():
    kinds = {"negated", "denied", "future", "threat", "hypothetical", "generic", "opinion", "subordinate",
             "history", "occur", "preposition", "crowd", "crowd-known", "future-after"}
    for e in entries_from("cues.tsv"):
        assert e["kind"] in kinds, e
        assert e["scope"] in {"clause", "sentence"} or e["scope"].isdigit(), e
    mapped = _table()
    for e in entries_from("modes.tsv"):
        assert (e["plover"], e["mode"]) in mapped, e
        assert e["rank"].isdigit(), e
