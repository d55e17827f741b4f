"""The named-entity tagger (dictionaries/ner.py, docs/ner.md): it finds people, organisations and
places in sentences written for these tests, training on ANERcorp reproduces the shipped model, and
an organisation no dictionary knows becomes an event's actor with the sector of its head noun."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rasid
from rasid.dictionaries import ner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"

needs_model = pytest.mark.skipif(ner.load_tagger() is None, reason="no NER model or python-crfsuite")


def found(text: str) -> set[tuple[str, str]]:
    out = set()
    for e in ner.entities(text):
        assert text[e.start:e.end] == e.text  # offsets into the text as given
        out.add((e.type, e.text))
    return out


@needs_model
def test_person_organisation_and_place() -> None:
    text = "قال المتحدث باسم منظمة العفو الدولية خالد منصور إن الشرطة اعتقلت عشرين شخصا في بغداد."
    assert found(text) == {("ORG", "منظمة العفو الدولية"), ("PERS", "خالد منصور"), ("LOC", "بغداد")}


@needs_model
def test_person_and_place_with_diacritics_and_hamza() -> None:
    # offsets point into the original spelling (hamza, harakat), not the normalised one
    text = "التقى الرئيس المصريّ حسني مبارك في القاهرة وفداً من الأطباء."
    assert ("PERS", "حسني مبارك") in found(text)
    assert ("LOC", "القاهرة") in found(text)


def test_spans_read_bio_as_conlleval() -> None:
    assert ner.spans(["B-PERS", "I-PERS", "O", "I-LOC", "B-ORG", "B-ORG", "I-PERS"]) == [
        ("PERS", 0, 1), ("LOC", 3, 3), ("ORG", 4, 4), ("ORG", 5, 5), ("PERS", 6, 6)]


def test_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ner.NER_ENV, "0")
    assert ner.tagger() is None
    assert ner.entities("قال خالد منصور إن الشرطة اعتقلت عشرين شخصا في بغداد.") == []


def test_head_sectors_from_the_tables() -> None:
    assert ner.head_sector("سرايا") == "REB"  # ner_heads.tsv
    assert ner.head_sector("وكاله") == "-"  # a news agency is no actor
    assert ner.head_sector("حزب") == "PTY"  # actor_heads.tsv
    assert ner.head_sector("والحركه") == "REB"  # clitics and article peeled
    assert ner.head_sector("وزاره") == "GOV"
    assert ner.head_sector("بيت") is None


UNKNOWN_GROUP = "شنت سرايا الفجر هجوما على موقع عسكري قرب الحدود."


@needs_model
def test_unknown_organisation_becomes_the_doer(monkeypatch: pytest.MonkeyPatch) -> None:
    ev = rasid.extract(UNKNOWN_GROUP, published="2020-01-01").events
    assert [e.plover for e in ev] == ["ASSAULT"]
    a1 = ev[0].actor1
    assert a1 is not None and (a1.text, a1.sector, a1.code) == ("سرايا الفجر", "REB", "None REB")
    assert UNKNOWN_GROUP[a1.start:a1.end] == "سرايا الفجر"
    monkeypatch.setenv("RASID_NER_ACTORS", "0")  # the switch: the generic doer again
    ev = rasid.extract(UNKNOWN_GROUP, published="2020-01-01").events
    assert ev[0].actor1 is not None and ev[0].actor1.code == "None UAF"


@needs_model
def test_named_victim_becomes_the_target() -> None:
    ev = rasid.extract("اغتال مسلحون الصحفي سمير حداد في العاصمة.", published="2020-01-01").events
    assert ev and ev[0].actor2 is not None and ev[0].actor2.text == "سمير حداد"


@pytest.mark.skipif(not (SHARED / "anercorp" / "train_data.txt").exists() or ner.load_tagger() is None,
                    reason="needs ../shared/data/anercorp and python-crfsuite")
def test_training_reproduces_the_shipped_model() -> None:
    """The shipped settings (ner-eval.txt) on train + dev give the shipped file byte for byte."""
    from rasid.training.train_ner import fit, read_conll

    models = ROOT / "rasid" / "data" / "models"  # the checkout's (the figures file is not package data)
    settings = re.search(r"c1=([\d.]+) c2=([\d.]+)", (models / "ner-eval.txt").read_text(encoding="utf-8"))
    assert settings is not None
    sents = read_conll(SHARED / "anercorp" / "train_data.txt") + read_conll(SHARED / "anercorp" / "dev_data.txt")
    assert fit(sents, float(settings[1]), float(settings[2])) == (models / "ner.crfsuite").read_bytes()


@needs_model
@pytest.mark.skipif(bool(rasid.compiled_modules()), reason="patches an interpreted module function")
@pytest.mark.skipif(not (SHARED / "sentences-dev.jsonl").exists(), reason="needs ../shared/data")
def test_skipped_taggings_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """`actors._entity_may_start` spares the tagger sentences whose entities could fill no gap: with
    every sentence `_may_fill` lets through tagged, the events are the same, and some were spared."""
    import json

    from rasid.pipeline import actors

    texts = [json.loads(line)["text"] for line in (SHARED / "sentences-dev.jsonl").read_text("utf-8").splitlines()
             if line.strip()][:300]
    checked = actors._entity_may_start
    spared = 0

    def counted(*args: object) -> bool:
        nonlocal spared
        answer = checked(*args)  # type: ignore[arg-type]
        spared += not answer
        return answer

    monkeypatch.setattr(actors, "_entity_may_start", counted)
    with_check = [rasid.extract(t, published="2020-01-01").model_dump_json() for t in texts]
    monkeypatch.setattr(actors, "_entity_may_start", lambda *args: True)
    assert [rasid.extract(t, published="2020-01-01").model_dump_json() for t in texts] == with_check
    assert spared > 0
