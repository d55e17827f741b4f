"""The actor dictionary: countries, head nouns, named actors and role cues, validated and compiled.

Four reviewable files in `rasid/data/` make one Aho-Corasick automaton, so a document is scanned
once for everything actor-related:

- `countries.tsv`  country names (exact phrases) and nationality adjectives (nouns with endings);
- `actor_heads.tsv` head nouns of actor phrases (جيش، شرطة، مسلحون، وزير، حركة ...);
- `actors.tsv`     named actors (داعش، قسد، الحشد الشعبي ...) with their aliases and acronyms;
- `actor_cues.tsv` words that tell roles (على يد، بين، شنه، مقتل ...).

Head nouns and adjectives are combined when a document is read ('الجيش' + 'العراقي'), so the files
list every word once and never a combination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Final

from .lexicon import FOLDING_CODE, Entry, Matcher, expand
from .startup_cache import cached_under, content_key, module_code
from .tables import read_tsv, sectors

if TYPE_CHECKING:
    from collections.abc import Callable

COUNTRIES: Final = "countries.tsv"
HEADS: Final = "actor_heads.tsv"
NAMED: Final = "actors.tsv"
CUES: Final = "actor_cues.tsv"
_FILES: Final = (COUNTRIES, HEADS, NAMED, CUES)  # what `validate` reads (and sectors.tsv, through `sectors`)

# CAMEO sector codes Rasid emits (data/sectors.tsv).
SECTORS: Final = sectors()
SPECIAL_COUNTRIES: Final = frozenset({"IMG", "IGO"})
ROLES: Final = frozenset({"state", "title", "group", "member", "org", "country_only", "victim", "place"})
CUE_KINDS: Final = frozenset({"agent", "target", "support", "undergo", "between", "side", "patient", "affiliation", "count", "claim", "against", "facing", "attack"})
_ISO3: Final = re.compile(r"^[A-Z]{3}$")


class ActorDataError(ValueError):
    """A data file breaks a rule of the actor dictionary."""


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str  # "" for a people without one state
    name_en: str
    context: tuple[str, ...]  # for a people: the candidate countries


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


@cache
def countries() -> dict[str, Country]:
    """Countries and peoples by key (ISO3, or the English name of a people)."""
    out: dict[str, Country] = {}
    for n, row in enumerate(read_tsv(COUNTRIES), 2):
        iso, name = row["iso3"], row["name_en"]
        ctx = tuple(_split(row.get("context", "")))
        if iso and not _ISO3.match(iso):
            raise ActorDataError(f"{COUNTRIES}: {name!r}: {iso!r} is not an ISO 3166 alpha-3 code")
        if not iso and not ctx:
            raise ActorDataError(f"{COUNTRIES}: {name!r} has neither an ISO3 code nor context countries")
        key = iso or name
        if key in out:
            raise ActorDataError(f"{COUNTRIES}: {key} listed twice")
        out[key] = Country(iso, name, ctx)
    for c in out.values():
        for x in c.context:
            if x not in out:
                raise ActorDataError(f"{COUNTRIES}: context country {x} of {c.name_en} is not in the table")
    return out


def _entries(read: Callable[[str], list[dict[str, str]]] = read_tsv) -> list[Entry]:
    """Every pattern of the four files as matcher entries; `data['kind']` says which file and role."""
    entries: list[Entry] = []
    for row in read(COUNTRIES):
        key = row["iso3"] or row["name_en"]
        for raw in _split(row["names_ar"]):
            for p in expand(raw, "X"):
                entries.append(Entry(p, "X", {"kind": "country", "country": key}))
        for raw in _split(row["nisba"]):
            for p in expand(raw, "N"):
                entries.append(Entry(p, "N", {"kind": "nisba", "country": key}))
        for raw in _split(row.get("plural", "")):
            for p in expand(raw, "N"):
                entries.append(Entry(p, "N", {"kind": "people", "country": key}))
    for row in read(HEADS):
        data = {"kind": "head", "sector": row["sector"], "role": row["role"], "inter": row["inter"],
                "name": row["name_en"]}
        for p in expand(row["pattern"], row["class"]):
            entries.append(Entry(p, row["class"], data))
    for row in read(NAMED):
        data = {"kind": "block" if row["country"] == "-" else "named", "name": row["name_en"],
                "country": row["country"], "sector": row["sector"], "inter": row["inter"],
                "parent": row.get("parent", "")}
        for raw in [row["name_ar"], *_split(row["aliases"])]:
            for p in expand(raw, "N"):
                entries.append(Entry(p, "N", data))
        for raw in _split(row.get("exact", "")):
            for p in expand(raw, "X"):
                entries.append(Entry(p, "X", data))
    for row in read(CUES):
        for p in expand(row["pattern"], row["class"]):
            entries.append(Entry(p, row["class"], {"kind": "cue", "cue": row["kind"]}))
    return entries


def validate(read: Callable[[str], list[dict[str, str]]] = read_tsv) -> list[Entry]:
    """Check the dictionary and return its entries. Raises ActorDataError on the first problem:
    unknown country or sector codes, unknown roles or cue kinds, an alias given two different codes,
    a parent that is not itself listed. `read` reads a data file (tests hand it altered rows: the
    compiled build calls read_tsv directly, so patching the module attribute would not reach it)."""
    table = countries()
    named_rows = read(NAMED)
    names = {r["name_en"] for r in named_rows}
    for r in named_rows:
        c, s = r["country"], r["sector"]
        if c not in ("", "-") and c not in SPECIAL_COUNTRIES and c not in table:
            raise ActorDataError(f"{NAMED}: {r['name_en']!r}: country {c!r} is not in {COUNTRIES} nor IMG/IGO")
        if s and s not in SECTORS:
            raise ActorDataError(f"{NAMED}: {r['name_en']!r}: unknown sector {s!r}")
        if r["inter"] and not ("1" <= r["inter"] <= "8" and len(r["inter"]) == 1):
            raise ActorDataError(f"{NAMED}: {r['name_en']!r}: ACLED inter code must be 1-8")
        if r.get("parent") and r["parent"] not in names:
            raise ActorDataError(f"{NAMED}: {r['name_en']!r}: parent {r['parent']!r} is not listed")
    for r in read(HEADS):
        if r["sector"] and r["sector"] not in SECTORS:
            raise ActorDataError(f"{HEADS}: {r['pattern']!r}: unknown sector {r['sector']!r}")
        if r["role"] not in ROLES:
            raise ActorDataError(f"{HEADS}: {r['pattern']!r}: unknown role {r['role']!r}")
    for r in read(CUES):
        if r["kind"] not in CUE_KINDS:
            raise ActorDataError(f"{CUES}: {r['pattern']!r}: unknown kind {r['kind']!r}")
    entries = _entries(read)
    seen: dict[str, tuple[str, str]] = {}
    for e in entries:
        if e["kind"] not in ("named", "head", "country", "nisba", "people"):
            continue
        code = (e["country"], e["sector"]) if e["kind"] != "head" else ("", e["sector"])
        key = f"{e['kind'] if e['kind'] in ('country', 'nisba', 'people') else 'actor'}:{e.pattern}"
        if key in seen and seen[key] != code:
            raise ActorDataError(f"alias {e.pattern!r} has two codes: {seen[key]} and {code}")
        seen[key] = code
    return entries


@cache
def actor_matcher() -> Matcher:
    """One automaton for the whole actor dictionary (validated on first use). Its entries come from
    the start-up cache, keyed by the files `validate` reads and the code that reads them: validated
    and folded at the first start after a change, not at every start."""
    sources = [resources.files("rasid.data").joinpath(name).read_bytes() for name in (*_FILES, "sectors.tsv")]
    key = content_key([*sources, *map(module_code, (__name__, *FOLDING_CODE))])
    data, forms = cached_under("actors", key, _validated)
    return Matcher([Entry(pattern, cls, data[i]) for pattern, cls, i in forms], key)


def _validated() -> tuple[list[dict[str, str]], list[tuple[str, str, int]]]:
    """`validate()`'s entries as plain values: the distinct data dicts (entries of one row share
    theirs), and each entry's pattern, class and data (by index)."""
    index: dict[int, int] = {}
    data: list[dict[str, str]] = []
    forms: list[tuple[str, str, int]] = []
    for e in validate():
        i = index.setdefault(id(e.data), len(data))
        if i == len(data):
            data.append(e.data)
        forms.append((e.pattern, e.cls, i))
    return data, forms


# Rank of a kind of match among overlapping ones of the same length (phrases.py); others rank 5.
_RANK: Final = {"block": 0, "named": 1, "head": 2, "country": 3, "nisba": 4, "people": 4}


class EntryInfo:
    """What the actor stages read of one dictionary entry, looked up once per process instead of in
    the entry's data dict for every match of every document. `iso` is the ISO3 code the entry counts
    for in `countries_in`, "" when it names no state; `cue` the role a cue tells; the rest are the
    columns of its row."""

    __slots__ = ("country", "cue", "inter", "iso", "kind", "name", "pattern", "rank", "role", "sector")

    def __init__(self, e: Entry) -> None:
        get = e.data.get
        self.kind = get("kind", "")
        self.country = get("country", "")
        countable = self.kind in ("country", "nisba", "people", "named") and bool(self.country) \
            and bool(_ISO3.match(self.country)) and self.country not in SPECIAL_COUNTRIES
        self.iso = self.country if countable else ""
        self.rank = _RANK.get(self.kind, 5)
        self.name = get("name", "")
        self.sector = get("sector", "")
        self.role = get("role", "")
        self.inter = get("inter", "")
        self.cue = get("cue", "")
        self.pattern = e.pattern


@cache
def entry_info() -> dict[int, EntryInfo]:
    """Per entry of the actor automaton, by id (the entries live as long as the cached matcher)."""
    return {id(e): EntryInfo(e) for es in actor_matcher().entries for e in es}
