"""Fuzzing the pipeline (issue 18): whatever the text, no exception, every span inside the text and
equal to its recorded words, a result valid against the contract and serialisable. A bounded,
reproducible budget here (derandomized, a few hundred examples per strategy); `bench/fuzz.py`
runs 100,000 inputs and more outside the suite."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_checks import DIGITS, ODD, TRIGGERS, check
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.contract import DocumentResult
from rasid.inputs import html_to_document
from rasid.pipeline.run import extract, result_for
from rasid.text import without_surrogates

FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

any_unicode = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)  # surrogates too
digit_runs = st.builds("".join, st.lists(st.sampled_from("".join(DIGITS)), min_size=1, max_size=12))
huge_numbers = st.builds(str.__mul__, st.sampled_from(["9", "1", "٩", "۹", "१", "²", "12,"]), st.integers(1, 6000)) | \
    st.sampled_from(["1" * 4301, "9999999999", "٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢"])
words = st.sampled_from(TRIGGERS) | digit_runs | st.sampled_from(ODD) | st.text(
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF), min_size=1, max_size=6)
arabic_soup = st.lists(words, max_size=80).map(" ".join)
mixed_scripts = st.lists(words | st.text(max_size=5) | huge_numbers.map(lambda n: n[:50]), max_size=60).map(
    lambda ws: "".join(ws))
with_huge_numbers = st.tuples(arabic_soup, huge_numbers, arabic_soup).map(lambda t: f"{t[0]} {t[1]} {t[2]}")
controls = st.lists(words | st.sampled_from([chr(c) for c in range(32)] + ["\x7f", "\x85", "\u2028"]),
                    max_size=60).map("".join)
dates = st.sampled_from([None, "0001-01-01", "9999-12-31", "2024-02-30", "", "garbage", "0000-00-00",
                         "9999999999-01-01", "2024-01-01T00:00:00+14:00", "\ud800"]) | st.dates().map(str)
HOSTILE_DATES = "أمس منذ 3 أيام الأحد الماضي يناير 9999999999 في 1/1/1 و 31/12/9999 رمضان 1445 اليوم"


def run(text: str, published: str | None = None) -> None:
    result = extract(text, published)
    check(without_surrogates(text)[0], result)


hostile_dates = arabic_soup.map(lambda text: f"{HOSTILE_DATES} {text} قتل مسلحون خمسة جنود أمس.")
# (text, publication dates) for each kind of input: a few hundred examples each
STRATEGIES = {
    "random unicode": (any_unicode, dates),
    "arabic letter soup with triggers and digits": (arabic_soup, dates),
    "mixed scripts": (mixed_scripts, st.just("2024-01-01")),
    "huge numbers": (with_huge_numbers, dates),
    "control characters": (controls, st.just("2024-01-01")),
    "hostile publication dates": (hostile_dates, dates),
}


@pytest.mark.parametrize("kind", list(STRATEGIES))
@FUZZ
@given(data=st.data())
def test_no_exception_and_every_span_in_the_text(kind: str, data: st.DataObject) -> None:
    texts, published = STRATEGIES[kind]
    run(data.draw(texts, label="text"), data.draw(published, label="published"))


@settings(FUZZ, max_examples=100)
@given(st.integers(0, 400), arabic_soup, st.sampled_from(["<div>", "<p>", "<b><i>", "<table><tr><td>", "<!--"]))
def test_deep_and_broken_html(depth: int, text: str, tag: str) -> None:
    html = tag * depth + f"<p>{text}</p>" + "</div>" * (depth // 2) + "<p>قتل مسلحون خمسة جنود أمس"
    doc = html_to_document(html, "page", "2024-01-01")
    result = result_for(doc)
    check(result.text if result.text is not None else getattr(doc, "text", ""), result)


def test_lone_surrogates_are_replaced_with_a_warning() -> None:
    text = "قتل مسلحون خمسة جنود \ud83d في هجوم على حاجز في درعا أمس \udfff."
    result = extract(text, "2024-01-01")
    assert any("surrogate" in w for w in result.warnings)
    assert result.events and "\ufffd" not in result.events[0].evidence.trigger.text
    json.dumps(result.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")
    assert DocumentResult.model_validate_json(result.model_dump_json()) == result


def test_the_crashes_of_the_issue() -> None:
    for text, published in [("قتل ² شخصا و٣ جرحى", "2024-01-01"), ("قتل " + "9" * 5000 + " شخصا", "2024-01-01"),
                            ("قتل مسلحون خمسة جنود في 3 يناير 9999999999", "2024-01-01"),
                            ("قتل مسلحون خمسة جنود أمس", "0001-01-01"), ("قتل ١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩ شخصا", None)]:
        result = extract(text, published)
        assert result.error is None
        check(text, result)


def test_lone_surrogates_in_jsonl_and_over_http(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from rasid.api import Settings, create_app
    from rasid.cli import main

    lines = [{"id": "a\ud800", "text": "قتل مسلحون خمسة جنود \udc00 في درعا أمس.", "published": "2024-01-01"},
             {"id": "b", "text": "قتل مسلحون خمسة جنود في درعا أمس.", "published": "2024-01-01", "title": "\udfff"}]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(source), "--format", "jsonl", "-o", str(out), "--quiet"]) == 0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in results] == ["a\ufffd", "b"] and all(r["events"] for r in results)
    assert all(any("surrogate" in w for w in r["warnings"]) for r in results)

    settings = Settings()
    settings.db_url = None
    api = TestClient(create_app(settings), base_url="http://localhost")  # a trusted host
    r = api.post("/v1/extract", content=json.dumps({"text": lines[0]["text"], "published": "2024-01-01"}),
                 headers={"content-type": "application/json"})
    assert r.status_code == 200 and any("surrogate" in w for w in r.json()["warnings"])
