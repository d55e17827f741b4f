"""Bad input never stops a batch, and the extractor never raises on anything it is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid import extract
from rasid.cli import main
from rasid.inputs import MAX_FILE_BYTES, Reject, Undecodable, decode, documents_from_text, read_inputs
from rasid.pipeline.run import MAX_CHARS

SENTENCE = "قتل خمسة مدنيين في قصف جوي على بلدة كفرنبل، بحسب المرصد السوري لحقوق الإنسان."


def test_batch_survives_every_kind_of_bad_input(tmp_path):
    """inputs = results: each good document, each bad file and each bad line gives one record."""
    good = tmp_path / "good.txt"
    good.write_text(SENTENCE, encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n ", encoding="utf-8")
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    english = tmp_path / "english.txt"
    english.write_text("Five civilians were killed in an air strike on Kafranbel.", encoding="utf-8")
    lines = tmp_path / "lines.jsonl"
    lines.write_bytes(
        json.dumps({"id": "ok", "text": SENTENCE}, ensure_ascii=False).encode() + b"\n"
        + b'{"id": "broken", "text": \n'
        + json.dumps({"id": "big", "text": "ا" * (MAX_CHARS + 1)}).encode() + b"\n"
        + b"\xff\x00\xfe\x00 not text\n"
    )
    inputs = [good, binary, empty, blank, huge, english, lines]
    out = tmp_path / "out.jsonl"
    assert main(["extract", *map(str, inputs), "--output", str(out)]) == 1  # some inputs failed
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 6 + 4  # six files, four JSON lines: nothing dropped, nothing stops
    by_id = {Path(r["id"]).name: r for r in rows}
    assert by_id["good.txt"]["events"]
    assert "cannot decode" in by_id["binary.txt"]["error"]
    assert any("empty" in w for w in by_id["empty.txt"]["warnings"])
    assert any("empty" in w for w in by_id["blank.txt"]["warnings"])
    assert "too large" in by_id["huge.txt"]["error"]
    assert any("not Arabic" in w for w in by_id["english.txt"]["warnings"])
    assert by_id["ok"]["events"]
    assert "line 2" in by_id["lines.jsonl:2"]["error"]
    assert "too large" in by_id["big"]["error"]
    assert "line 4" in by_id["lines.jsonl:4"]["error"]
    # a file that does not exist is a usage error (exit status 2), checked before any work
    assert main(["extract", str(good), str(tmp_path / "missing.txt"), "--output", str(out)]) == 2


def test_decode_rejects_binary_but_not_legacy_arabic():
    with pytest.raises(Undecodable):
        decode(b"\x00\x01\x02\x03" * 100)
    assert decode(SENTENCE.encode("cp1256")) == SENTENCE



@pytest.mark.parametrize("text", ["قتل«¹", "قتل ² أشخاص", "في ² يناير ¹⁹ قتل 3 جنود", "قبل ³ أيام قتل جندي"])
def test_digits_int_cannot_read_are_not_numbers(text):
    """'¹' is a digit to str.isdigit but not to int(): not a count, a day or a year (found by hypothesis)."""
    extract(text, "2022-01-24")

# ---- property-based: the extractor never raises -----------------------------------------------

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
MARKS = st.sampled_from(["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u2066", "\u2069", "\u061c", "\ufeff"])
DIACRITICS = st.characters(min_codepoint=0x064B, max_codepoint=0x065F)
TAGS = st.sampled_from(["<p>", "</p>", "<div class='x'>", "</div>", "<script>", "</script>", "<br>", "<a href='#'>",
                        "</a>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#1575;", "<html>", "<body>", "<"])
WORDS = st.sampled_from(["قتل", "بحسب", "أفاد", "بأن", "«", "»", "مصادر", "مقربة من", "داعش", "نفى", "زعم", "،", ".",
                         ":", "\n", "(", ")", "اقرأ المزيد", "وأضاف أن", "حسبما", "أعلن", "عن", "الهجوم", "مقتل 13"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_unicode_never_raises(text):
    extract(text, "2022-01-24")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(WORDS, ARABIC, MARKS, DIACRITICS, st.just(" ")), max_size=80))
def test_arabic_fragments_and_marks_never_raise(parts):
    result = extract("".join(parts), "2022-01-24")
    for e in result.events:
        assert 0 <= e.evidence.start <= e.evidence.end
        if e.claimed_by:
            assert 0 <= e.claimed_by.start <= e.claimed_by.end


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(TAGS, WORDS, st.text(max_size=5)), max_size=60))
def test_html_fragments_never_raise(parts):
    html = "".join(parts)
    for item in documents_from_text(html, "page.html", "html", None):
        if not isinstance(item, Reject):
            extract(item.text)
    for item in documents_from_text(html, "feed.xml", "feed", None):
        if not isinstance(item, Reject):
            extract(item.text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_become_a_document_or_a_reject(data):
    try:
        text = decode(data)
    except Undecodable:
        return
    extract(text)


def test_pathological_arabic():
    for text in (
        "\u064e\u0650\u064f\u0651\u0652" * 2000,  # only diacritics
        "ـ" * 100_000,  # 10^5 tatweels
        "قـ" + "ـ" * 100_000 + "ـتل خمسة",
        ("\u200f" + "قتل" + "\u200e" + "abc" + "\u202b") * 3000,  # mixed RTL/LTR marks
        "«" * 5000 + "قال إن" + "»" * 5000,
        "أفاد " * 20_000 + "بأن",
        "، " * 50_000,
        "(" * 10_000 + "مقتل",
        "\n" * 50_000,
    ):
        result = extract(text, "2022-01-24")
        assert result.error is None or "too large" in result.error


def test_folder_with_undecodable_and_unknown_files(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00\x00garbage")
    (tmp_path / "ok.txt").write_text(SENTENCE, encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert len(items) == 2
    assert isinstance(items[0], Reject) and items[1].text == SENTENCE


@pytest.mark.parametrize(("text", "arabic"), [
    (SENTENCE, True),
    ("Reuters: " + SENTENCE + " (reporting by J. Smith; editing by A. Jones)", True),  # Arabic mostly
    ("The army shelled the town. " * 3 + "قتل خمسة", False),  # an Arabic quotation in English text
    ("Breaking news\n" + "x" * 60 + " " + SENTENCE, True),  # letters decide when the quick count is short
    ("ما \ud800 قتل خمسة", True),  # a lone surrogate (from a JSON escape) is no error
    ("١٢٣٤ ٥٦٧٨ totals for the year, in thousands", False),  # Arabic-Indic digits are no Arabic text
])
def test_arabic_documents_are_told_from_others(text, arabic):
    warnings = extract(text).warnings
    assert any("not Arabic" in w for w in warnings) != arabic
