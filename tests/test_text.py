"""Text layer: normalisation keeps offsets, segmentation respects Arabic punctuation, the lexicon
matcher sees through clitics."""

from __future__ import annotations

from rasid.analysis import Analysis
from rasid.lexicon import Entry, Matcher
from rasid.text import fold, normalise, segment, tokenize


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
    sents = [nt.norm[s.start:s.end] for s in segment(nt)]
    assert len(sents) == 2
    assert sents[0].startswith("قال د. محمد")
    assert sents[1].startswith("وفي سياق اخر")


def test_segmentation_splits_lines_and_question_marks():
    nt = normalise("مقتل 5 في انفجار\nهل انتهت الحرب؟ لا أحد يعرف.")
    assert [nt.norm[s.start:s.end] for s in segment(nt)] == ["مقتل 5 في انفجار", "هل انتهت الحرب?", "لا احد يعرف."]


def _find(pattern: str, cls: str, text: str) -> list[str]:
    nt = normalise(text)
    toks = tokenize(nt.norm)
    m = Matcher([Entry(fold(pattern), cls, {})])
    return [nt.norm[x.start:x.end] for x in m.find(nt.norm, toks.starts, toks.ends)]


def test_one_noun_entry_matches_its_clitic_forms():
    text = "هاجم المسلحون القرية، واشتبك الجيش مع المسلحين، ثم انسحب بالمسلحين وللمسلحين ومسلحيهم"
    assert _find("مسلح", "N", text) == ["المسلحون", "المسلحين", "بالمسلحين", "وللمسلحين", "ومسلحيهم"]


def test_verb_stem_matches_conjugations_and_not_other_words():
    text = "قتل جندي وقتلوا اثنين ويقتلون وسيقتل، لكن المستقل والقتيلة لا"
    assert _find("قتل", "V", text) == ["قتل", "وقتلوا", "ويقتلون", "وسيقتل"]


def test_exact_phrases_allow_only_a_leading_conjunction_or_preposition():
    text = "وفرض حظر التجول، ثم رفع الحظر، وبحظر التجول"
    assert _find("حظر التجول", "X", text) == ["حظر التجول", "وبحظر التجول"]


def test_analysis_spans_are_original_text():
    an = Analysis("وقُتِلَ ١٢ شخصاً.")
    i = an.norm.index("وقتل")
    span = an.span(i, i + 4)
    assert span.text == "وقُتِلَ"
    assert an.text[span.start:span.end] == "وقُتِلَ"
