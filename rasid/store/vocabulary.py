"""What the store's filters accept, and how a user's spelling of a value becomes the stored one.

The valid values come from the data tables (PLOVER types from plover.tsv, ACLED event types from
mappings.tsv, countries from countries.tsv and the gazetteer) and the output contract (certainty),
never from a list kept here. `check` turns the filters a user typed into the stored spelling, or
raises `FilterError` naming the valid values; the store's queries use the same resolution
(`country_code`, `admin1_matches`), so a caller that skips `check` still finds 'Syria' and 'الحسكة'.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, get_args

from ..dictionaries.tables import plover_types, read_tsv
from ..text import fold, latin_key

if TYPE_CHECKING:
    from . import Filters

__all__ = ["FilterError", "acled_event_types", "admin1_key", "admin1_matches", "certainties", "check",
           "country_code", "plover_type_names"]


class FilterError(ValueError):
    """A filter value the data does not know; the message names the valid values."""


def plover_type_names() -> list[str]:
    return sorted(plover_types())


@cache
def acled_event_types() -> tuple[str, ...]:
    """The ACLED event types Rasid maps PLOVER types to (mappings.tsv)."""
    return tuple(sorted({r["acled_event_type"] for r in read_tsv("mappings.tsv") if r["acled_event_type"]}))


def certainties() -> tuple[str, ...]:
    from ..contract import Certainty

    return get_args(Certainty)


# ---- countries ------------------------------------------------------------------------------

@cache
def _country_names() -> dict[str, str]:
    """Every spelling of a country Rasid knows (ISO3, English and Arabic names, folded) → ISO3."""
    from ..dictionaries.gazetteer import gazetteer

    names: dict[str, str] = {}
    for form, rows in gazetteer().rows.items():
        for row in rows:
            kind, _id, name, iso3 = row.split("\t")[:4]
            if kind == "country" and iso3:
                names.setdefault(form, iso3)
                names.setdefault(latin_key(name), iso3)
    for entry in read_tsv("countries.tsv"):
        iso3 = entry["iso3"]
        if not iso3:
            continue
        names[iso3.lower()] = iso3
        names[latin_key(entry["name_en"])] = iso3
        for spelling in entry["names_ar"].split("|"):
            names.setdefault(fold(spelling), iso3)
    return names


def _country_key(value: str) -> str:
    return fold(value) if _is_arabic(value) else latin_key(value)


def country_code(value: str) -> str | None:
    """The ISO3 code of a country given as ISO3, English name or Arabic name ('SYR', 'Syria', 'سوريا')."""
    if re.fullmatch(r"[A-Za-z]{3}", value.strip()) and value.strip().lower() in _country_names():
        return value.strip().upper()
    return _country_names().get(_country_key(value))


# ---- first-level divisions ------------------------------------------------------------------

_ADMIN_WORDS_AR = ("محافظه", "ولايه")  # folded: محافظة, ولاية
_ADMIN_WORDS = re.compile(r"\b(governorate|province|wilayah?|muhafazah?|of)\b")
_ARTICLE = re.compile(r"^(al|ar|as|ad|an|ash|at|az|adh|ath|el)\s+")


def _is_arabic(value: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in value)


def admin1_key(value: str) -> str:
    """The key an admin1 name is compared by: no diacritics or marks, no 'Governorate' or
    'Province', no leading article, a final -ah as -a ('Al Ḩasakah Governorate' → 'hasaka')."""
    key = _ADMIN_WORDS.sub(" ", latin_key(value))
    key = _ARTICLE.sub("", " ".join(key.split()))
    return re.sub(r"ah\b", "a", key)


def _strip_admin_word(folded: str) -> str:
    for word in _ADMIN_WORDS_AR:
        if folded.startswith(word + " "):
            return folded[len(word) + 1:]
    return folded


def _arabic_admin1(value: str) -> set[str]:
    """The gazetteer's admin1 names of an Arabic province name ('الحسكة', 'محافظة الحسكة')."""
    from ..dictionaries.gazetteer import gazetteer

    bare = _strip_admin_word(fold(value))
    found = set()
    for form in (bare, *(f"{w} {bare}" for w in _ADMIN_WORDS_AR)):
        found |= {p.admin1 or p.name for p in gazetteer().places(form) if p.kind == "admin1"}
    return found


@cache
def gazetteer_admin1() -> frozenset[str]:
    """Every admin1 name of the gazetteer."""
    from ..dictionaries.gazetteer import gazetteer

    return frozenset(row.split("\t")[4] for rows in gazetteer().rows.values() for row in rows
                     if row.startswith("admin1\t") and row.split("\t")[4])


def admin1_matches(value: str, names: Iterable[str]) -> set[str]:
    """Those of `names` (admin1 names as stored) that `value` names, whatever its script,
    diacritics or a leading 'محافظة' / trailing 'Governorate'."""
    wanted = {admin1_key(n) for n in _arabic_admin1(value)} if _is_arabic(value) else {admin1_key(value)}
    return {n for n in names if n and admin1_key(n) in wanted}


# ---- validation -----------------------------------------------------------------------------

def _did_you_mean(key: str, shown: dict[str, str]) -> str:
    """' (did you mean X or Y?)' for the keys of `shown` closest to `key`, shown as their values."""
    near = dict.fromkeys(shown[k] for k in difflib.get_close_matches(key, list(shown), n=4, cutoff=0.6))
    return f" (did you mean {' or '.join(near)}?)" if near else ""


def _one_of(what: str, value: str, valid: Iterable[str]) -> str:
    by_key = {v.lower(): v for v in valid}
    found = by_key.get(value.strip().lower())
    if found is None:
        raise FilterError(f"unknown {what} {value!r}; valid: {', '.join(by_key.values())}")
    return found


def check(filters: Filters, stored_admin1: Iterable[str] = ()) -> Filters:
    """The filters in the stored spelling (PLOVER type, ACLED type, ISO3 country), or FilterError
    naming the valid values. An admin1 that neither the gazetteer nor `stored_admin1` knows is an error."""
    changes: dict[str, Any] = {}
    if filters.plover:
        changes["plover"] = _one_of("PLOVER type", filters.plover, plover_type_names())
    if filters.acled_type:
        changes["acled_type"] = _one_of("ACLED event type", filters.acled_type, acled_event_types())
    if filters.certainty:
        changes["certainty"] = _one_of("certainty", filters.certainty, certainties())
    if filters.country:
        iso3 = country_code(filters.country)
        if iso3 is None:
            shown = {k: f"{k} ({iso3})" for k, iso3 in _country_names().items()}
            hint = _did_you_mean(_country_key(filters.country), shown)
            raise FilterError(f"unknown country {filters.country!r}{hint}; "
                              "give an ISO3 code (SYR), or the name in English (Syria) or Arabic (سوريا)")
        changes["country"] = iso3
    if filters.admin1:
        known = gazetteer_admin1() | set(stored_admin1)
        if not admin1_matches(filters.admin1, known):
            hint = _did_you_mean(admin1_key(filters.admin1), {admin1_key(n): n for n in known})
            raise FilterError(f"unknown province {filters.admin1!r}{hint}; give a first-level division as the "
                              "gazetteer names it (Al Hasakah) or in Arabic (الحسكة)")
    return dataclasses.replace(filters, **changes)
