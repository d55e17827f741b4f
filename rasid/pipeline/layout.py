"""Article layout: which part of a document is article text, and which line is its headline.

News pages pasted or extracted as text keep furniture after the article: 'اقرأ المزيد:' followed by
related headlines, 'أخبار ذات صلة', a lone 'تعليق' from the comment widget, share prompts. Events
there belong to other articles. The headline restates the lead; assembly merges its events into
the body's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Final

from ..dictionaries.lexicon import as_set
from ..text import NormText, Sentence, fold


@dataclass(slots=True)
class Layout:
    """Where a document's parts are, in normalised offsets."""

    body_end: int  # where page furniture starts (the end of the text when there is none)
    headline_end: int  # the end of the headline line (0 when the document has none)


@cache
def _furniture() -> frozenset[str]:
    return as_set("furniture.tsv")


_LINE_PUNCT: Final = re.compile(r"[\s:：\-–—|•*.,;\"'()\[\]{}<>#]+")


def _key(line: str) -> str:
    return _LINE_PUNCT.sub(" ", fold(line)).strip()


def find_layout(nt: NormText, sentences: list[Sentence]) -> Layout:
    """Locate the headline and the start of trailing page furniture in the normalised text."""
    norm = nt.norm
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in norm.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    furniture = _furniture()
    body_end = len(norm)
    for i, (a, b) in enumerate(lines):
        if norm.count(" ", a, b) > 6:
            continue  # furniture markers are a few words long
        key = _key(norm[a:b])
        if not key:
            continue
        if key in furniture or any(key.startswith(f + " ") and len(key.split()) <= len(f.split()) + 1 for f in furniture):
            rest = [norm[x:y] for x, y in lines[i + 1:] if norm[x:y].strip()]
            # what follows a furniture marker must look like links or widgets: short lines only
            if all(len(r.split()) <= 25 for r in rest) and i > 0:
                body_end = a
                break
    headline_end = 0
    content = [(a, b) for a, b in lines if norm[a:b].strip() and a < body_end]
    if len(content) >= 2:
        a, b = content[0]
        first = norm[a:b].strip()
        if len(first.split()) <= 20 and not first.endswith((".", ":")):
            headline_end = b
    return Layout(body_end=body_end, headline_end=headline_end)
