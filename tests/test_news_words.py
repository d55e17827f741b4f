"""The news vocabulary (rasid/dictionaries/news_words.py) and what the start-up cache keeps for its
words: read back, it is exactly what the code works out for each word, so that it changes no output."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from rasid.dictionaries import models, startup_cache
from rasid.dictionaries.news_words import news_rows, news_words
from rasid.text import normalise, tokenize


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty start-up cache, and the vocabulary's rows read through it anew."""
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    news_rows.cache_clear()
    yield tmp_path
    news_rows.cache_clear()


def test_the_news_words_are_distinct_words_as_the_text_layer_makes_them() -> None:
    words = news_words()
    assert len(words) > 20_000 and words == sorted(set(words))
    assert all(w.isalpha() and tokenize(normalise(w).norm).words == [w] for w in words)


def test_the_gate_s_sums_kept_for_the_news_words_are_those_worked_out(fresh_cache: Path) -> None:
    """Every word, every n-gram block: bit for bit (repr tells -0.0 from 0.0) what `gram_sums` makes."""
    data = resources.files("rasid.data").joinpath(models.GATE_FILE).read_bytes()
    models.cached_gate(data)  # built and stored
    gate = models.cached_gate(data)  # read back
    assert len(list(fresh_cache.glob("gate-news-*"))) == 1
    assert len(gate.news_rows) == len(news_words())
    for tag, name in models.GRAM_SETTINGS.items():
        lo, hi = gate.settings[name]
        for w in gate.news_rows:
            assert repr(gate.news_word_sums(w, tag, lo, hi)) == repr(models.gram_sums(gate, models.word_grams(w, lo, hi), tag)), w
    assert gate.news_word_sums("كلمةليستفيها", models.CLAUSE_GRAMS, 2, 5) is None


def test_the_scanners_analyses_kept_for_the_news_words_are_those_worked_out(fresh_cache: Path) -> None:
    """Every word, both scanners: what is read back is what `_analyse` makes of it, nothing for a word
    that holds nothing, else the same hits (the very entries, offsets and affixes) and phrases."""
    from rasid.dictionaries.scanner import Scanner
    from rasid.pipeline.analysis import SCANNED_FIRST, SCANNED_FOR_RESOLVERS, dictionary

    def plain_values(info):  # (entries by identity: the scanner's are the lexicons' own)
        return None if info is None else ([(h.slot, id(h.entry), h.start, h.end, h.prefix, h.suffix) for h in info.hits],
                                          info.before)

    for group in (SCANNED_FIRST, SCANNED_FOR_RESOLVERS):
        matchers = [dictionary(n) for n in group]
        Scanner(matchers, cache=True)  # built and stored
        words = Scanner(matchers, cache=True)._words  # read back
        plain = Scanner(matchers)
        assert len(words.rows) == len(words.bounds) - 1 == len(news_words())
        holding = 0
        for w, row in words.rows.items():
            start, end = words.bounds[row], words.bounds[row + 1]
            kept = words.unpack(w, words.packed[start:end]) if end > start else None
            assert plain_values(kept) == plain_values(plain._analyse(w)), w
            holding += kept is not None
        assert 0 < holding < len(words.rows) / 2  # most words hold nothing, not all
    assert len(list(fresh_cache.glob("scanner-news-*"))) == 2


def test_nothing_is_worked_out_ahead_where_the_cache_cannot_keep_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the cache off, a process works each word out as it comes, as without the vocabulary."""
    from rasid.dictionaries.scanner import Scanner
    from rasid.pipeline.analysis import SCANNED_FIRST, dictionary

    monkeypatch.setenv(startup_cache.CACHE_ENV, "0")
    news_rows.cache_clear()
    try:
        data = resources.files("rasid.data").joinpath(models.GATE_FILE).read_bytes()
        assert not models.cached_gate(data).news_rows
        assert not Scanner([dictionary(n) for n in SCANNED_FIRST], cache=True)._words.rows
    finally:
        news_rows.cache_clear()
