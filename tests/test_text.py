"""Text layer: normalisation keeps offsets, segmentation respects Arabic punctuation, the lexicon
matcher sees through clitics."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasid.dictionaries import reference_matcher
from rasid.dictionaries.lexicon import Entry, Matcher
from rasid.dictionaries.scanner import Scanner
from rasid.dictionaries.tables import function_words
from rasid.pipeline.analysis import Analysis
from rasid.text import _TOKEN, fold, normalise, segment, tokenize

ROOT = Path(__file__).resolve().parent.parent


def test_normalisation_folds_letters_and_digits():
    nt = normalise("قُتِلَ ٣ جنـــود في إدلب، وأُصيب آخرون")
    assert nt.norm == "قتل 3 جنود في ادلب, واصيب اخرون"


def test_offsets_map_normalised_spans_back_to_the_original_words():
    text = "أفاد  المرصدُ بمقتلِ ١٣ عنصراً"
    nt = normalise(text)
    for word in ("بمقتل", "13", "عنصرا", "المرصد"):
        i = nt.norm.index(word)
        a, b = nt.to_original(i, i + len(word))
        assert fold(text[a:b]) == word
    i = nt.norm.index("13")
    assert text[slice(*nt.to_original(i, i + 2))] == "١٣"


def test_bidi_marks_and_tatweel_are_removed_but_counted():
    text = "\u200fاشتبـــاكات\u200e عنيفة"
    nt = normalise(text)
    assert nt.norm == "اشتباكات عنيفه"
    a, b = nt.to_original(0, len("اشتباكات"))
    assert text[a:b] == "اشتبـــاكات\u200e"[: b - a]
    assert text[a] == "ا"


def test_segmentation_keeps_commas_numbers_and_abbreviations_inside_sentences():
    text = ("قال د. محمد، وهو طبيب، إن 3.5 في المئة من الجرحى أطفال؛ وأضاف أن «الوضع خطير. جداً» في المدينة. "
            "وفي سياق آخر، تظاهر المئات أمس.")
    nt = normalise(text)
    sents = [nt.norm[s.start:s.end] for s in segment(nt, function_words("abbreviation"))]
    assert len(sents) == 2
    assert sents[0].startswith("قال د. محمد")
    assert sents[1].startswith("وفي سياق اخر")


@pytest.mark.parametrize("text, second", [
    # '... الفارين».' closes a quotation opened sentences before
    (("وأوضح أن «المسلحين هاجموا برج المراقبة» الحدودية، ما أدى إلى سقوط اثنين لدى ملاحقتهما الإرهابيين الفارين». "
     "وجدد «الحرس الثوري» تأكيد جاهزية قوات الأمن."), "وجدد"),
    # 'بالاختناق"،' closes a quotation whose opening mark the page lost
    (('ولاحقت القوات المصلين، مما أدى إلى إصابة 30 بالاختناق"، حسبما أفاد شهود العيان. '
     'وفي هذه الأثناء، قالت صحيفة "يديعوت أحرنوت" العبرية إن ثلاثة عناصر أصيبوا.'), "وفي هذه"),
])
def test_an_unmatched_closing_quotation_mark_opens_no_quotation(text: str, second: str) -> None:
    """The full stop after the closing mark ends the sentence: the next one starts after it."""
    nt = normalise(text)
    sents = [nt.norm[s.start:s.end] for s in segment(nt)]
    assert len(sents) == 2 and sents[1].startswith(second)


@pytest.mark.parametrize("text, sentences", [
    # a page that lost the space after its full stops: the next sentence opens with its conjunction
    ("شهدت البلاد أعمال شغب واعتقال العشرات.وقالت إذاعة موزاييك إن الأمن اعتقل خمسة.", 2),
    # or with a word a sentence opens with alone ('glued-opener')
    ("والقصف الذي استهدف منزلا في خان يونس.كما استهدفت غارات عدة مواقع في مدينة غزة.", 2),
    ("وقالت الشرطة إن الهدوء عاد إلى المدينة.لكن شهودا أفادوا بسماع إطلاق نار.", 2),
    # or after a year ('منذ عام 2011.وقال'); a decimal keeps its dot ('بنسبة 2.5')
    ("تكررت الاحتجاجات منذ عام 2011.وقال المتحدث إن الشرطة اعتقلت خمسة.", 2),
    ("ارتفعت الأسعار بنسبة 2.5 في المئة.", 1),
    # abbreviations, an agency's initials, a dot inside a word written to dodge filters, a web address
    ("قال د.محمد إن الوضع هادئ.", 1),
    ("نقلت أ.ف.ب عن مصدر أن ثلاثة قتلوا.", 1),
    ("شنت إسر.ائيل غارات على قطاع غز.ة أمس.", 1),
    ("نشر الموقع www.example.net الخبر اليوم.", 1),
])
def test_a_full_stop_glued_to_the_next_sentence_ends_it(text: str, sentences: int) -> None:
    nt = normalise(text)
    assert len(segment(nt, function_words("abbreviation"), function_words("glued-opener"))) == sentences


def test_segmentation_splits_lines_and_question_marks():
    nt = normalise("مقتل 5 في انفجار\nهل انتهت الحرب؟ لا أحد يعرف.")
    assert [nt.norm[s.start:s.end] for s in segment(nt)] == ["مقتل 5 في انفجار", "هل انتهت الحرب?", "لا احد يعرف."]


@pytest.mark.parametrize("text", [
    "قتل 3,500 شخص و2.5% من السكان.. في 12/3/2020 (أمس)\n\nقال: «لا»",
    "  a_b  c__d  مسلح_ين , ,x1.2.3 ٣٫٥ ـــ \t tab\r\n ok",
    "", " ", "كلمة", "...", "3.5.", "ص.2 و,5",
    'قال: «لا». (رويترز) "نعم"، 3., .5 —كلمة— [أ] {ب}/ج 2,000، *و* •ي…',
])
def test_tokens_are_the_token_pattern_over_the_whole_text(text):
    """Tokenising piece by piece between spaces gives exactly the token pattern's matches over the
    whole text, normalised or not (a line break, a tab, punctuation, digits with separators)."""
    for norm in (text, normalise(text).norm):
        toks = tokenize(norm)
        expected = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]
        assert list(zip(toks.starts, toks.ends, toks.words)) == expected


def test_the_fast_fold_is_the_fold_of_every_character():
    """The codec fold (a text of the common alphabet) and the table fold (any other text) agree
    with the fold table character for character, and keep the length."""
    from rasid.text import _ALPHABET, _KEEP_TABLE, _fold_chars

    def by_table(text: str) -> str:
        return "".join(_KEEP_TABLE.get(ord(c), c) for c in text)

    every = "".join(_ALPHABET)
    odd = "ٱ ۀ ہ ھ ک گ ی \u3000 \ufeff é 😀 \ud800 ÷ A"
    for text in (every, every[::-1], odd, every + odd, "", "قتل ١٢ شخصاً «أمس» في إدلب، وأُصيب آخرون.\tA"):
        assert _fold_chars(text) == by_table(text)
        assert len(_fold_chars(text)) == len(text)
    assert len(_ALPHABET) > 200 and "أ" in _ALPHABET and "\u064b" in _ALPHABET  # the fast path is taken


def _find(pattern: str, cls: str, text: str) -> list[str]:
    nt = normalise(text)
    toks = tokenize(nt.norm)
    m = Matcher([Entry(fold(pattern), cls, {})])
    found = Scanner([m]).find(nt.norm, toks.starts, toks.ends)[0]
    assert _fields(found) == _fields(reference_matcher.find(m, nt.norm, toks.starts, toks.ends))
    return [nt.norm[x.start:x.end] for x in found]


def _fields(matches) -> list[tuple]:
    """What a match says, in the order of the matches (longest first at each start), matches of the
    same start and length in a canonical order."""
    return sorted(((x.start, x.core_start - x.core_end, x.entry.pattern, x.entry.cls, x.end, x.core_start, x.prefix,
                    x.suffix) for x in matches), key=lambda t: t[:3])


def test_one_noun_entry_matches_its_clitic_forms():
    text = "هاجم المسلحون القرية، واشتبك الجيش مع المسلحين، ثم انسحب بالمسلحين وللمسلحين ومسلحيهم"
    assert _find("مسلح", "N", text) == ["المسلحون", "المسلحين", "بالمسلحين", "وللمسلحين", "ومسلحيهم"]


def test_verb_stem_matches_conjugations_and_not_other_words():
    text = "قتل جندي وقتلوا اثنين ويقتلون وسيقتل، لكن المستقل والقتيلة لا"
    assert _find("قتل", "V", text) == ["قتل", "وقتلوا", "ويقتلون", "وسيقتل"]


def test_exact_phrases_allow_only_a_leading_conjunction_or_preposition():
    text = "وفرض حظر التجول، ثم رفع الحظر، وبحظر التجول"
    assert _find("حظر التجول", "X", text) == ["حظر التجول", "وبحظر التجول"]


def test_patterns_with_punctuation_inside_are_found_over_the_document():
    """No lexicon has one today; the scanner's automaton over the document finds them."""
    text = "قال حزب ب.ك.ك إن وب.ك.ك ليست أب.ك.كا ولا ب.ك.ك. بعد هجمات 11/9 و11/9 لا 211/9"
    assert _find("ب.ك.ك", "X", text) == ["ب.ك.ك", "وب.ك.ك", "ب.ك.ك"]
    assert _find("11/9", "X", text) == ["11/9", "و11/9"]


def test_analysis_spans_are_original_text():
    an = Analysis("وقُتِلَ ١٢ شخصاً.")
    i = an.norm.index("وقتل")
    span = an.span(i, i + 4)
    assert span.text == "وقُتِلَ"
    assert an.text[span.start:span.end] == "وقُتِلَ"


def _scanned_text() -> Analysis:
    text = (ROOT / "examples" / "hasakah-prison.txt").read_text(encoding="utf-8")
    text += "\nوأطلق مسلحون النار على المتظاهرين في دير الزور، ولم يُقتل أحد وفق ما أفاد المرصد السوري لحقوق الإنسان."
    text += "\nوهاجمت جماعة الحوثيين مواقع لحركة الشباب بعد إطلاق النار على مثيري الشغب وقوات سوريا الديمقراطية."
    return Analysis(text)


def _check_against_the_reference(matchers: list[Matcher], an: Analysis) -> None:
    """A scanner of these lexicons finds, in each, exactly the matches of the plain definition
    (`reference_matcher`), in its order: the first time, when every word is remembered, and when the
    memory is refilled every few words."""
    t = an.tokens
    expected = [_fields(reference_matcher.find(m, an.norm, t.starts, t.ends)) for m in matchers]
    assert all(expected), "the text holds entries of every lexicon tested"
    scanner = Scanner(matchers)
    for attempt in range(3):
        if attempt == 2:
            scanner._words.limit = 5
        got = scanner.find(an.norm, t.starts, t.ends, t.words)
        assert [_fields(ms) for ms in got] == expected
        for ms in got:
            assert [(x.start, x.core_start - x.core_end) for x in ms] == sorted((x.start, x.core_start - x.core_end)
                                                                               for x in ms)


def test_the_scanners_of_the_pipeline_find_exactly_the_plain_matches() -> None:
    """The lexicons the pipeline scans together: each of its two groups in one scanner, and all of them in one."""
    from rasid.pipeline.analysis import SCANNED_FIRST, SCANNED_FOR_RESOLVERS, SCANNED_TOGETHER, dictionary

    for group in (SCANNED_FIRST, SCANNED_FOR_RESOLVERS, SCANNED_TOGETHER):
        _check_against_the_reference([dictionary(n) for n in group], _scanned_text())


@pytest.mark.parametrize("lexicon", ["triggers.tsv", "cues.tsv", "reporting.tsv", "number_words.tsv", "actors",
                                     "gazetteer"])
def test_a_lexicon_scanned_alone_gives_exactly_the_plain_matches(lexicon: str) -> None:
    from rasid.pipeline.analysis import dictionary

    _check_against_the_reference([dictionary(lexicon)], _scanned_text())
