"""Article layout: which part of a document is article text, and which lines are its headline (and subheadline).

News pages pasted or extracted as text keep furniture after the article: 'اقرأ المزيد:' followed by
related headlines, 'أخبار ذات صلة', a lone 'تعليق' from the comment widget, share prompts. Events
there belong to other articles. The headline restates the lead; assembly merges its events into
the body's.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from ..dictionaries.lexicon import as_set
from ..text import NormText, Sentence, fold
from .analysis import Analysis, Layout
from .stages import Stage


@cache
def _furniture() -> frozenset[str]:
    return as_set("furniture.tsv")


_LINE_PUNCT: Final = re.compile(r"[\s:：\-–—|•*.,;\"'()\[\]{}<>#]+")


def _key(line: str) -> str:
    return _LINE_PUNCT.sub(" ", fold(line)).strip()


def find_layout(nt: NormText, sentences: list[Sentence]) -> Layout:
    """Locate the headline and the start of trailing page furniture in the normalised text."""
    norm = nt.norm
    if "\n" not in norm:  # one line (a sentence, a snippet): no headline above a body, no furniture after it
        return Layout(body_end=len(norm), headline_end=0)
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
    # the headline: a first short line with no full stop, and the subheadline under it, the same
    # ('قوات الأمن تعزز من تواجدها في العريش' / 'بعد أن هاجم مسلحون ملثمون المارة'), when a body follows
    for k, (a, b) in enumerate(content[:2]):
        line = norm[a:b].strip()
        if len(content) < k + 2 or len(line.split()) > 20 or line.endswith((".", ":")):
            break
        headline_end = b
    return Layout(body_end=body_end, headline_end=headline_end)


def _layout(an: Analysis) -> None:
    an.layout = find_layout(an.nt, an.sentences)


LAYOUT: Final = Stage("layout", _layout, requires=(), assigns=("analysis.layout",))
