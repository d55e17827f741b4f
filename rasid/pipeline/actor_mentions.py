"""A document's actor-dictionary matches sorted out once: the actors, the role cues, and the
countries it names (`countries_in`, read by the place and actor resolvers)."""

from __future__ import annotations

from ..dictionaries.actor_dictionary import EntryInfo, entry_info
from ..dictionaries.lexicon import Match
from ..positions import bisect_left, bisect_right
from .analysis import ACTORS, Analysis


def doc_matches(an: Analysis):
    """All actor-dictionary matches of a document (found once per document, with the lexicons
    scanned together with it: analysis.SCANNED_FOR_RESOLVERS)."""
    return an.matches(ACTORS)


def countries_in(an: Analysis, start: int = 0, end: int | None = None) -> list[str]:
    """ISO3 codes of the countries a stretch of a document names (by name or nationality adjective,
    including those of named actors: 'قسد' counts for Syria), most mentioned first."""
    if start == 0 and end is None:  # the whole document: asked by several stages, counted once
        return list(an.memo("actor_countries_doc", lambda: _count_countries(an, 0, len(an.norm))))
    return _count_countries(an, start, len(an.norm) if end is None else end)


def _count_countries(an: Analysis, start: int, end: int) -> list[str]:
    layers = doc_layers(an)
    starts, ends, codes = layers.country_starts, layers.country_ends, layers.country_codes
    i, j = bisect_left(starts, start), bisect_left(starts, end)
    if j - i <= 1:  # most sentences name no country or one
        return [codes[i]] if i < j and ends[i] <= end else []
    counts: dict[str, int] = {}
    for k in range(i, j):
        if ends[k] <= end:
            counts[codes[k]] = counts.get(codes[k], 0) + 1
    # most mentioned first, first mentioned first at a tie (as Counter.most_common: a stable sort)
    return sorted(counts, key=counts.__getitem__, reverse=True)



class DocLayers:
    """A document's actor matches sorted out in one pass, shared by `countries_in` (asked first, by
    the place resolver) and the actor phrases: the actor matches and the role cues (each in text
    order, with their entry info alongside), and the country mentions as parallel start, end and
    ISO3 lists sorted by start (outside blocking names: 'وكالة الأنباء الألمانية' names no German
    actor)."""

    __slots__ = ("actor_info", "actors", "country_codes", "country_ends", "country_groups", "country_starts",
                 "cue_info", "cues")

    def __init__(self, matches: list[Match], info: dict[int, EntryInfo]) -> None:
        self.actors: list[Match] = []
        self.actor_info: list[EntryInfo] = []
        self.cues: list[Match] = []
        self.cue_info: list[EntryInfo] = []
        self.country_starts: list[int] = []
        self.country_ends: list[int] = []
        self.country_codes: list[str] = []
        self.country_groups: list[bool] = []  # the mention names an armed group ('بوكو حرام' for Nigeria)
        # blocking spans sorted by start, with the furthest end reached so far: a match lies inside
        # one of them iff, among those starting at or before it, the furthest end reaches its end
        block_starts: list[int] = []
        block_reach: list[int] = []
        countable: list[tuple[Match, EntryInfo]] = []
        for m in matches:
            ei = info[id(m.entry)]
            if ei.kind == "cue":
                self.cues.append(m)
                self.cue_info.append(ei)
                continue
            self.actors.append(m)
            self.actor_info.append(ei)
            if ei.iso:
                countable.append((m, ei))
            elif ei.kind == "block":
                block_starts.append(m.start)
                block_reach.append(max(m.end, block_reach[-1]) if block_reach else m.end)
        for m, ei in countable:
            if block_starts:
                k = bisect_right(block_starts, m.start)
                if k and block_reach[k - 1] >= m.end:
                    continue
            self.country_starts.append(m.start)
            self.country_ends.append(m.end)
            self.country_codes.append(ei.iso)
            self.country_groups.append(ei.kind == "named" and ei.sector == "REB")


def doc_layers(an: Analysis) -> DocLayers:
    """The document's actor matches sorted out (computed once per document)."""
    return an.memo_of("actor_layers", _doc_layers)


def _doc_layers(an: Analysis) -> DocLayers:
    return DocLayers(doc_matches(an), entry_info())
