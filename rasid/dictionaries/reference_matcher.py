"""What a lexicon match is, written as plainly as possible: the definition that `scanner.Scanner`
implements quickly. Tests compare the two on every lexicon; nothing in the pipeline calls this.

A match of an entry is an occurrence of its pattern in the normalised text whose first and last
letters lie in word tokens, such that the letters of those tokens before the pattern are a prefix
and the letters after it a suffix that the entry's class allows (`lexicon.AFFIXES`), with two more
rules: a `V+` stem needs some affix, and a pattern of one or two letters of a class in
`lexicon._SHORT_ALONE` must be the whole word.
"""

from __future__ import annotations

import ahocorasick_rs

from .lexicon import _SHORT_ALONE, AFFIXES, Entry, Match, Matcher


def allows(e: Entry, prefix: str, suffix: str) -> bool:
    """Whether entry `e` may stand between `prefix` and `suffix` in one word (or phrase)."""
    prefixes, suffixes = AFFIXES[e.cls]
    if prefix not in prefixes or suffix not in suffixes:
        return False
    if e.cls == "V+" and not prefix and not suffix:
        return False
    return not (len(e.pattern) <= 2 and e.cls in _SHORT_ALONE and (prefix or suffix))


def find(matcher: Matcher, norm: str, starts: list[int], ends: list[int]) -> list[Match]:
    """Every match of the lexicon in `norm`, whose word tokens are `starts`/`ends`, ordered by start,
    longest first at each start."""
    found: list[Match] = []
    automaton = ahocorasick_rs.AhoCorasick(matcher.patterns)
    for i, a, b in automaton.find_matches_as_indexes(norm, overlapping=True):
        first, last = _token_holding(a, starts, ends), _token_holding(b - 1, starts, ends)
        if first is None or last is None:
            continue
        ws, we = starts[first], ends[last]
        prefix, suffix = norm[ws:a], norm[b:we]
        for e in matcher.entries[i]:
            if allows(e, prefix, suffix):
                found.append(Match(e, start=ws, end=we, core_start=a, core_end=b, prefix=prefix, suffix=suffix))
    found.sort(key=lambda m: (m.start, m.core_start - m.core_end))
    return found


def _token_holding(pos: int, starts: list[int], ends: list[int]) -> int | None:
    """The token that holds the letter at `pos`, if any."""
    for t in range(len(starts)):
        if starts[t] <= pos < ends[t]:
            return t
    return None
