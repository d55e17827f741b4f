"""End to end on the worked example: the hand-coded events come out, the non-events do not."""

from __future__ import annotations

import rasid


def _overlaps(event, text: str, sentence: str) -> bool:
    i = text.index(sentence)
    return event.evidence.start < i + len(sentence) and i < event.evidence.end


def test_required_events_are_found(seed_text, seed_expected):
    result = rasid.extract(seed_text, seed_expected["published"])
    required = [g for g in seed_expected["events"] if g["required"] and g.get("plover")]
    used: set[int] = set()
    found = 0
    for g in required:
        for i, e in enumerate(result.events):
            if i not in used and e.plover == g["plover"] and _overlaps(e, seed_text, g["evidence"]):
                used.add(i)
                found += 1
                break
    assert found >= 9, f"only {found} of {len(required)} required events"


def test_no_event_from_drone_flights_analysis_or_related_links(seed_text):
    result = rasid.extract(seed_text, "2022-01-24")
    drone = "تحلق المسيرات التابعة للتحالف الأمريكي"
    analysis = "يبدو أن هدف داعش من الهجوم على السجن"
    furniture = seed_text.index("اقرأ المزيد")
    for e in result.events:
        assert drone not in e.evidence.text
        assert not e.evidence.text.startswith(analysis)
        assert "نشهد زيادة في تحركات" not in e.evidence.text
        assert e.evidence.start < furniture


def test_evidence_offsets_point_at_the_original_text(seed_text):
    result = rasid.extract(seed_text, "2022-01-24")
    assert result.events
    for e in result.events:
        assert seed_text[e.evidence.start:e.evidence.end] == e.evidence.text
        t = e.evidence.trigger
        assert seed_text[t.start:t.end] == t.text
        assert e.evidence.start <= t.start < t.end <= e.evidence.end
