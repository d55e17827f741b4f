"""The one loader of `rasid/data/`, and the small tables and closed word lists read through it.

Every data file is a TSV read by `read_tsv`: the lexicons that lexicon.py builds matchers from, and
the small tables whose accessors are below:

- `function_words.tsv`  closed word lists by use (prepositions, time words, units ...): `function_words(use)`
- `affixes.tsv`         clitic and inflection slots, and affix sets: `affixes(use)`
- `date_units.tsv`      units of time with the days they count: `date_units(use)`
- `input_columns.tsv`   field names guessed for an input record's text, date and id: `input_columns(field)`
- `sectors.tsv`         CAMEO sector codes by class, ACLED inter codes: `sectors(cls)`, `sector_inter()`
- `plover.tsv`          PLOVER event types and modes: `plover_types()`, `plover_modes(type)`

An accessor reads its file once per process (`functools.cache`); the modules that need a set take it
once, as a `Final` module constant, so no document and no word ever pays for a lookup here. An unknown
use or class raises KeyError rather than giving an empty set. (This module imports nothing else of
Rasid: the text layer reads its abbreviations through it, and everything else imports the text layer.
So nothing here folds: the word tables are written in the folded spelling, which the tests check.)
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources
from typing import Final, TypeVar


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a packaged data file, as dicts keyed by its header line."""
    text = resources.files("rasid.data").joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return []
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = [h.strip() for h in rows[0]]
    out = []
    for n, row in enumerate(rows[1:], 2):
        if len(row) > len(header):
            raise ValueError(f"{name}: row {n} has {len(row)} columns, header has {len(header)}: {row}")
        out.append({h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(header)})
    return out


AFFIXES: Final = "affixes.tsv"


@cache
def _affix_slots() -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for row in read_tsv(AFFIXES):
        use = row["use"]
        if use in out:
            raise ValueError(f"{AFFIXES}: use {use!r} listed twice")
        out[use] = tuple(row["affixes"].split())
    return out


def affixes(use: str) -> tuple[str, ...]:
    """The affixes of one slot or use of affixes.tsv, in the file's order (for `str.startswith` as
    for `in`). An unknown use is an error, not an empty set: a misspelt name would silently match
    nothing."""
    return _one_use(_affix_slots(), use, AFFIXES)


FUNCTION_WORDS: Final = "function_words.tsv"


@cache
def _word_lists() -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {}
    for row in read_tsv(FUNCTION_WORDS):
        for use in row["use"].split():
            lists.setdefault(use, set()).add(row["pattern"])
    return {use: frozenset(words) for use, words in lists.items()}


def function_words(use: str) -> frozenset[str]:
    """The words of function_words.tsv listed for one use (folded spelling, as the stages compare
    them with normalised text). An unknown use is an error, not an empty set."""
    return _one_use(_word_lists(), use, FUNCTION_WORDS)


T = TypeVar("T")


def _one_use(uses: dict[str, T], use: str, file: str) -> T:
    """What a table lists for `use`: a misspelt use is a KeyError naming the file, not an empty list."""
    found = uses.get(use)
    if found is None:
        raise KeyError(f"{file} has no use {use!r}")
    return found


DATE_UNITS: Final = "date_units.tsv"


@cache
def date_units(use: str) -> dict[str, int]:
    """Units of time of date_units.tsv for one use ('unit' after a figure, 'dual' alone) and the days
    each counts."""
    found = {row["pattern"]: int(row["days"]) for row in read_tsv(DATE_UNITS) if use in row["use"].split()}
    if not found:
        raise KeyError(f"{DATE_UNITS} has no use {use!r}")
    return found


INPUT_COLUMNS: Final = "input_columns.tsv"


@cache
def input_columns(field: str) -> tuple[str, ...]:
    """The names guessed for one field of an input record ('text', 'date', 'id'), in order of
    preference, as written in input files (not folded)."""
    found = tuple(row["name"] for row in read_tsv(INPUT_COLUMNS) if row["field"] == field)
    if not found:
        raise KeyError(f"{INPUT_COLUMNS} has no field {field!r}")
    return found


SECTORS: Final = "sectors.tsv"


@cache
def sectors(cls: str = "") -> frozenset[str]:
    """CAMEO sector codes of sectors.tsv: all of them, or those of one class ('state', 'armed',
    'civilian', ...). An unknown class is an error, not an empty set."""
    rows = read_tsv(SECTORS)
    found = frozenset(row["code"] for row in rows if not cls or cls in row["class"].split())
    if not found:
        raise KeyError(f"{SECTORS} has no class {cls!r}")
    return found


@cache
def sector_inter() -> dict[str, int]:
    """The ACLED actor type (inter code) of each sector that has one."""
    return {row["code"]: int(row["inter"]) for row in read_tsv(SECTORS) if row["inter"]}


PLOVER: Final = "plover.tsv"


@cache
def _plover() -> dict[str, frozenset[str]]:
    modes: dict[str, set[str]] = {}
    for row in read_tsv(PLOVER):
        modes.setdefault(row["type"], set()).add(row["mode"])
    return {t: frozenset(m - {""}) for t, m in modes.items()}


def plover_types() -> frozenset[str]:
    """The PLOVER event types of plover.tsv."""
    return frozenset(_plover())


def plover_modes(plover_type: str) -> frozenset[str]:
    """The modes of one PLOVER type (without the empty mode, which every type has)."""
    found = _plover().get(plover_type)
    if found is None:
        raise KeyError(f"{PLOVER} has no type {plover_type!r}")
    return found
