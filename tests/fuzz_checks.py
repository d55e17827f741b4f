"""What every result must satisfy, whatever its input (issue 18): shared by tests/test_fuzz.py and
bench/fuzz.py. `check` raises AssertionError naming the first violation."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from rasid.contract import DocumentResult, Span

SPAN_FIELDS = ("claimed_by", "date_span", "fatalities_span", "injured_span", "arrested_span", "actor1", "actor2",
               "location")


def spans(result: DocumentResult) -> Iterator[tuple[str, Span]]:
    for i, event in enumerate(result.events):
        yield f"event {i} evidence", event.evidence
        yield f"event {i} trigger", event.evidence.trigger
        for j, report in enumerate(event.reports):
            yield f"event {i} report {j}", report
            yield f"event {i} report {j} trigger", report.trigger
        for name in SPAN_FIELDS:
            span = getattr(event, name)
            if span is not None:
                yield f"event {i} {name}", span
        for j, actor in enumerate(event.actor1_associates):
            yield f"event {i} associate {j}", actor


def check(text: str, result: DocumentResult) -> None:
    """Spans inside the text and equal to their words; the result valid and serialisable."""
    source = result.text if result.text is not None else text
    for where, span in spans(result):
        assert 0 <= span.start <= span.end <= len(source), f"{where}: {span.start}-{span.end} outside the text"
        assert source[span.start:span.end] == span.text, f"{where}: {span.text!r} is not the text's words"
    dumped = result.model_dump_json()
    assert DocumentResult.model_validate_json(dumped) == result, "the result does not survive JSON"
    json.dumps(result.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


# ---- inputs for bench/fuzz.py (the test suite draws its own with hypothesis) -----------------------

TRIGGERS = ["قتل", "يقتل", "لم يقتل", "هجوم", "مقتل", "اشتباكات", "قصف", "غارة", "تظاهر", "المتظاهرون",
            "اعتقل", "أصيب", "انفجار", "سيارة مفخخة", "اختطاف", "لن", "لا يزال", "نفى", "ربما", "قد", "أمس",
            "الأحد", "يناير", "رمضان", "عام", "شخصا", "جريحا", "قتيلا", "الجيش", "الشرطة", "داعش", "في",
            "مدينة", "بغداد", "دمشق", "درعا", "الموصل", "قال", "أعلن", "مصادر", "أن", "،", ".", "؟", "\n"]
DIGITS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹", "०१२३४५६७८९", "০১২৩৪৫৬৭৮৯", "０１２３４５６７８９",
          "²³¹⁴", "𝟎𝟏𝟐𝟑", "①②③", "Ⅻ"]
ODD = ["\ud800", "\udfff", "\x00", "\x1b", "\u200f", "\u202e", "\ufeff", "\u0640", "\u064b", "\r", "\t", "\x85",
       "\u2028", "<", ">", "&", "&#0;", "&#xD800;", "<div>", "</p>", "<script>", "<!--", "]]>", "\\"]


def number(rng: random.Random) -> str:
    digits = rng.choice(DIGITS)
    n = rng.choice([1, 2, 3, 4, 5, 10, 20, 5000])
    return "".join(rng.choice(digits) for _ in range(n))


def random_text(rng: random.Random) -> str:
    kind = rng.randrange(6)
    if kind == 0:  # random code points, surrogates included
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(200)))
    if kind == 1:  # Arabic letters
        return "".join(chr(rng.randrange(0x0600, 0x0700)) if rng.random() > 0.15 else " "
                       for _ in range(rng.randrange(400)))
    pieces = []
    for _ in range(rng.randrange(1, 120)):
        r = rng.random()
        if r < 0.55:
            pieces.append(rng.choice(TRIGGERS))
        elif r < 0.75:
            pieces.append(number(rng))
        elif r < 0.85:
            pieces.append(rng.choice(ODD))
        elif r < 0.92:
            pieces.append("".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(rng.randrange(1, 8))))
        else:
            pieces.append(f"{rng.randrange(-5, 40)}/{rng.randrange(-5, 40)}/{rng.choice(['1', '2024', '9999999999', '0'])}")
    sep = rng.choice([" ", " ", "", "، ", "\n"])
    text = sep.join(pieces)
    if kind == 5:
        text = "<div>" * rng.randrange(50) + text + "</p>" * rng.randrange(50)
    return text


def random_published(rng: random.Random) -> Any:
    return rng.choice([None, "2024-01-01", "0001-01-01", "9999-12-31", "2024-02-30", "not a date", "", "0000-00-00",
                       "2024-01-01T23:59:59+14:00", "١٤٤٥-٠١-٠١", "9999999999-01-01"])
