"""Every lexicon file loads and is consistent, so a linguist's one-line edit is checked by the tests."""

from __future__ import annotations

from importlib import resources

import pytest

from rasid.dictionaries.lexicon import AFFIXES, entries_from
from rasid.dictionaries.mappings import _table
from rasid.dictionaries.tables import plover_modes, plover_types, read_tsv, sector_inter, sectors

# 'object:GROUP' triggers need an object of a group trigger_objects.tsv lists
OBJECT_FLAGS = {kind + ":" + e["group"] for e in entries_from("trigger_objects.tsv") for kind in ("object", "subject")}

PLOVER = plover_types()
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
        assert e["flags"] in {"", "eventive", "crowd", "crowd-new", "crowd-before", "clash", "purpose", "toll", "dispersed"} or e["flags"] in OBJECT_FLAGS, e
        assert not e["mode"] or e["mode"] in plover_modes(e["plover"]), f"{e['mode']} is no mode of {e['plover']}"
        assert (e["plover"], e["mode"]) in mapped, f"no ACLED/CAMEO mapping for {e['plover']}/{e['mode']}"


def test_all_plover_types_have_triggers_and_mappings():
    types = {e["plover"] for e in entries_from("triggers.tsv")}
    assert PLOVER <= types
    assert PLOVER <= {p for p, _ in _table()}


def test_cues_and_modes_are_valid():
    kinds = {"negated", "denied", "future", "threat", "hypothetical", "generic", "opinion", "subordinate", "accident",
             "history", "occur", "preposition", "crowd", "crowd-known", "future-after", "tally", "tally-after", "history-after", "call", "several-places"}
    for e in entries_from("cues.tsv"):
        assert e["kind"] in kinds, e
        assert e["scope"] in {"clause", "sentence"} or e["scope"].isdigit(), e
    mapped = _table()
    for e in entries_from("modes.tsv"):
        assert e["mode"] in plover_modes(e["plover"]), e
        assert (e["plover"], e["mode"]) in mapped, e
        assert e["rank"].isdigit(), e


def test_the_plover_vocabulary_is_the_mapped_one():
    """plover.tsv lists PLOVER's sixteen types, and mappings.tsv maps exactly its types and modes
    (mappings.py refuses to load otherwise)."""
    assert len(PLOVER) == 16 and "NONE" not in PLOVER
    assert set(_table()) == {(t, m) for t in PLOVER for m in ("", *plover_modes(t))}


def test_types_and_modes_named_in_code_are_plover_ones():
    from rasid.pipeline import actors, claims, counts, detect

    for plover, mode in detect._THREAT_MODE.items():
        assert plover in PLOVER and mode in plover_modes("THREATEN")
    assert detect._REFINABLE - {None} <= plover_modes("ASSAULT")
    assert claims._MEASURES <= plover_modes("COERCE")
    assert set().union(*counts._FIELD_FOR_PLOVER.values()) <= PLOVER
    assert set(actors._IMPLICIT_DOER) <= PLOVER
    assert "riot" in plover_modes("PROTEST")  # assemble.py's intervention turning violent


def test_sectors_named_in_data_and_code_are_listed():
    from rasid.pipeline import actors

    known = sectors()
    for row in read_tsv("parties.tsv"):
        assert not row["sector"] or row["sector"] in known, row
    assert {sector for _, sector in actors._IMPLICIT_DOER.values()} <= known
    assert sectors("state") | sectors("armed") | sectors("civilian") | sectors("other") == known
    assert set(sector_inter()) <= known and set(sector_inter().values()) <= {1, 2, 3, 7, 8}
