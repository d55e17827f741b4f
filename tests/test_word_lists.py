"""Arabic word lists live in rasid/data/, not in Python code, and the tables that hold them load.

The source check walks every module of the package with `ast` and fails on a collection literal (list,
set, tuple, dict keys or values) holding two or more strings with Arabic letters, and on a string of
several Arabic words split into a list: such a list belongs in a data file (function_words.tsv,
affixes.tsv, ...), read through rasid/dictionaries/tables.py. Single words in code (a rule's one
keyword: `word == "عن"`) and regular expressions with Arabic letter classes (grammar: `^[وف]?ل`) are
not word lists and stay.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from rasid.dictionaries import actor_dictionary, lexicon, mappings
from rasid.dictionaries.lexicon import Entry, Matcher
from rasid.dictionaries.scanner import Scanner
from rasid.dictionaries.tables import (
    affixes,
    date_units,
    function_words,
    input_columns,
    plover_modes,
    plover_types,
    read_tsv,
    sector_inter,
    sectors,
)
from rasid.text import fold, normalise, segment, tokenize

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "rasid"

# Collections allowed in code, by file and the name they are assigned to, and why.
ALLOWED: dict[tuple[str, str], str] = {
    ("rasid/text.py", "_FOLD"): "the character normalisation every data file is folded with (one letter "
                                "for another: أ→ا, ة→ه, Arabic digits and punctuation), not a word list",
}


def _is_arabic_letter(c: str) -> bool:
    return unicodedata.category(c).startswith("L") and "ARABIC" in unicodedata.name(c, "")


def _arabic(node: ast.AST | None) -> bool:
    """A string constant with at least one Arabic letter (Arabic punctuation such as ، is no letter)."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and any(map(_is_arabic_letter, node.value))


def word_lists(source: str, path: str = "<snippet>") -> list[str]:
    """Where `source` holds a literal list of Arabic strings: 'path:line name' for each."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):  # the values of allowed assignments
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for t in targets:
            if isinstance(t, ast.Name) and (path, t.id) in ALLOWED and getattr(node, "value", None) is not None:
                skipped |= {id(n) for n in ast.walk(node.value)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        items: list[ast.expr | None] = []
        if isinstance(node, ast.List | ast.Set | ast.Tuple):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = [*node.keys, *node.values]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and _arabic(node.func.value):
            assert isinstance(node.func.value, ast.Constant)
            items = [ast.Constant(w) for w in str(node.func.value.value).split()]
        if sum(map(_arabic, items)) >= 2:
            found.append(f"{path}:{node.lineno} {type(node).__name__.lower()}: {ast.unparse(node)[:80]}")
    return found


# ---------------------------------------------------------------------------------------------
# The checker itself


@pytest.mark.parametrize("snippet", [
    '_STILL = {"زال", "يزال"}',
    '_PREPOSITIONS: Final = frozenset(["على", "في", "من"])',
    'WORDS = ("امس", "اليوم")',
    'UNITS = {"يوم": 1, "اسبوع": 7}',
    'NAMES = {1: "يوم", 7: "اسبوع"}',
    'def f(w):\n    return w[:1] in ("و", "ف")',
    'def f(w):\n    return w.startswith(("ال", "بال", "لل"))',
    'X = set(["نص", "text", "النص"])',
    'WORDS = "في من على".split()',
    'ROWS = [["في", "in"], ["من", "from"]]',  # the inner lists hold one each, the outer none: not flagged
])
def test_the_checker_finds_word_lists(snippet):
    found = word_lists(snippet)
    if snippet.startswith("ROWS"):
        assert found == []
    else:
        assert found, snippet


@pytest.mark.parametrize("snippet", [
    'if word == "عن": pass',
    'PREFIXES = ("", "ال")',
    'MARKS = ("-", "–", ":", "،", ",")',
    '_PURPOSE = re.compile(r"^[وف]?ل(?!ل)")',
    'def f():\n    """\'قتل\' and \'اعتقل\' in a docstring."""',
    'COLUMNS = ("text", "content", "body")',
])
def test_the_checker_leaves_single_words_grammar_and_prose(snippet):
    assert word_lists(snippet) == []


def test_an_allowed_table_is_allowed_only_where_it_is_named():
    source = '_FOLD = {"أ": "ا", "ى": "ي"}'
    assert word_lists(source, "rasid/text.py") == []
    assert word_lists(source, "rasid/other.py")


# ---------------------------------------------------------------------------------------------
# The package


def test_no_module_of_the_package_holds_an_arabic_word_list():
    found = []
    for p in sorted(PACKAGE.rglob("*.py")):
        found += word_lists(p.read_text(encoding="utf-8"), p.relative_to(ROOT).as_posix())
    assert not found, "Arabic word lists in code (move them to rasid/data/, see docs/lexicons.md):\n" + "\n".join(found)


def test_the_allowed_tables_still_exist():
    for path, name in ALLOWED:
        assert re.search(rf"^{name}\b", (ROOT / path).read_text(encoding="utf-8"), re.MULTILINE), (path, name)


# ---------------------------------------------------------------------------------------------
# The tables


def _documented_uses(name: str) -> list[str]:
    """The uses a data file's header comment lists ('#   use   module: ...')."""
    text = (PACKAGE / "data" / name).read_text(encoding="utf-8")
    return re.findall(r"^#   ([a-z][a-z-]*)\s{2,}\S", text, re.MULTILINE)


def test_function_words_are_single_folded_words_each_listed_once_with_documented_uses():
    rows = read_tsv("function_words.tsv")
    documented = set(_documented_uses("function_words.tsv"))
    patterns = [r["pattern"] for r in rows]
    assert len(patterns) == len(set(patterns)), "a word listed twice: give its row every use instead"
    used = set()
    for r in rows:
        w = r["pattern"]
        assert w and " " not in w and fold(w) == w, f"{w!r}: write one word as normalised text has it ({fold(w)!r})"
        assert r["use"], w
        used |= set(r["use"].split())
    assert used == documented, used ^ documented


def test_function_words_by_use():
    prepositions = function_words("preposition")
    assert {"في", "من", "علي", "الي", "ضد", "بحق"} <= prepositions
    assert "على" not in prepositions  # the normalised text has علي
    assert function_words("preposition-before-occur") >= {"في", "خلال", "بشان"}
    assert "زال" in function_words("still") and "يزالون" in function_words("still")
    assert function_words("relative") >= {"الذي", "التي", "الذين"}
    assert function_words("abbreviation") >= {"د", "كلم", "u.s"}
    assert function_words("distance") >= {"كلم", "كيلومترات"}
    assert {"كلم", "دولار", "عاما"} <= function_words("not-count-after")
    assert function_words("link") >= {"التي", "علي", "لدي"}
    with pytest.raises(KeyError):
        function_words("prepositions")  # a misspelt use is an error, not an empty list


def test_abbreviations_keep_a_sentence_whole():
    nt = normalise("التقى د. محمد وزير الخارجية على بعد 20 كلم. من الحدود وعاد.")
    assert len(segment(nt, function_words("abbreviation"))) == 1
    assert len(segment(nt)) > 1  # without them the dots end sentences


def test_affixes_by_slot():
    rows = read_tsv("affixes.tsv")
    assert len({r["use"] for r in rows}) == len(rows)
    for r in rows:
        items = r["affixes"].split()
        assert items and len(items) == len(set(items)), r
        assert all(fold(a) == a for a in items), r
    assert affixes("conjunction") == ("و", "ف")
    assert affixes("preposition") == ("ب", "ك", "ل")
    assert "هم" in affixes("pronoun") and "ات" in affixes("noun-ending") and "وا" in affixes("verb-ending")
    with pytest.raises(KeyError):
        affixes("conjunctions")


def test_the_matcher_classes_are_built_from_the_affix_slots():
    n_prefixes, n_suffixes = lexicon.AFFIXES["N"]
    assert {"", "و", "وال", "بال", "لل", "فلل", "وبال"} <= n_prefixes
    assert {"", "ه", "ات", "اتهم", "ين", "يون"} <= n_suffixes
    v_prefixes, v_suffixes = lexicon.AFFIXES["V"]
    assert {"", "ي", "سي", "وسي", "فل", "اف", "وقد"} <= v_prefixes
    assert {"", "وا", "ون", "وه", "ني", "تم", "تمو"} <= v_suffixes
    assert lexicon.AFFIXES["X"][0] == {c + p for c in ("", "و", "ف") for p in ("", "ب", "ك", "ل")}
    assert all(p.endswith(("ال", "لل")) for p in lexicon.AFFIXES["P+"][0])
    text = "واعتقلوهم بعد ان اطلق المسلحون النار على للمسلحين"
    nt = normalise(text)
    t = tokenize(nt.norm)
    found = Scanner([Matcher([Entry("عتقل", "V", {}), Entry("مسلح", "N", {})])]).find(nt.norm, t.starts, t.ends)[0]
    assert [nt.norm[m.start:m.end] for m in found] == ["واعتقلوهم", "المسلحون", "للمسلحين"]


def test_date_units():
    assert date_units("unit") == {"يوم": 1, "يوما": 1, "ايام": 1, "اسبوع": 7, "اسابيع": 7, "اسبوعين": 14,
                                  "شهر": 30, "اشهر": 30}
    assert date_units("dual") == {"يومين": 2, "اسبوعين": 14, "شهرين": 60}
    assert all(fold(r["pattern"]) == r["pattern"] for r in read_tsv("date_units.tsv"))


def test_input_columns_keep_their_order_and_spelling():
    assert input_columns("text")[:4] == ("text", "content", "body", "article")
    assert "المحتوى" in input_columns("text")  # as written in a file's header: not folded
    assert input_columns("date")[0] == "published" and "التاريخ" in input_columns("date")
    assert input_columns("id") == ("id", "doc_id", "uid", "url", "link")


def test_sectors():
    assert sectors() == actor_dictionary.SECTORS and len(sectors()) == 29
    assert {"MIL", "COP", "REB", "UAF"} <= sectors("armed") and "MILITIA" not in sectors("armed")
    assert not sectors("armed") & sectors("civilian")
    assert mappings.ARMED_SECTORS == sectors("armed") and mappings.CIVILIAN_SECTORS == sectors("civilian")
    assert sectors("state") == {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}
    assert sectors("claimant") <= sectors("armed") and sectors("force") <= sectors("armed")
    assert sector_inter()["MIL"] == 1 and sector_inter()["REB"] == 2 and "SEP" not in sector_inter()
    with pytest.raises(KeyError):
        sectors("militia")


def test_plover_vocabulary():
    assert {"ASSAULT", "PROTEST", "COERCE"} <= plover_types()
    assert {"aerial", "drone", "firearms"} <= plover_modes("ASSAULT")
    assert "" not in plover_modes("ASSAULT") and plover_modes("REJECT") == frozenset()
    with pytest.raises(KeyError):
        plover_modes("ATTACK")


@pytest.mark.parametrize("name", ["function_words.tsv", "affixes.tsv", "date_units.tsv", "input_columns.tsv",
                                  "sectors.tsv", "plover.tsv"])
def test_the_tables_are_documented(name):
    assert f"## {name}" in (ROOT / "docs" / "lexicons.md").read_text(encoding="utf-8")
