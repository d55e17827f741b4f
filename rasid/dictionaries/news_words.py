"""A general vocabulary of Arabic news (package data), for work done ahead on the words a run is
likely to meet.

WHY: each word a process meets for the first time costs it what depends on the word alone (the
gate's n-gram sums of it, each scanner's analysis of it): over a fresh corpus about a sixth of a
run. For the words of this vocabulary that work is done once, where the start-up cache can keep it
(`startup_cache.kept`), and read back by every later process: the gate's sums (`models.cached_gate`)
and what each word holds for each scanner (`scanner.Scanner`), each by the word's row in the
vocabulary (`news_rows`: one table of the words for all, each kept as packed bytes). The words are ANERcorp's (Arabic
newswire, CC BY-SA 4.0: rasid/data/models/NOTICE), normalised and tokenised as the text layer does
(scripts/news_words.py), not those of any evaluation set. Which words the file holds changes no
output, only the time: what is read back is what the same code works out for the word.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from typing import Final

from .startup_cache import content_key, kept

NEWS_WORDS_FILE: Final = "news_words.txt.gz"


@cache
def news_words_data() -> bytes:
    """The vocabulary file's bytes (the cache keys of what is worked out for it), b"" without it."""
    f = resources.files("rasid.data").joinpath(NEWS_WORDS_FILE)
    return f.read_bytes() if f.is_file() else b""


def news_words() -> list[str]:
    """The vocabulary's words (read only when what is kept for them has to be worked out)."""
    data = news_words_data()
    return gzip.decompress(data).decode("utf-8").split() if data else []


@cache
def news_words_key() -> bytes:
    """The key of the vocabulary's content, for the keys of what is kept for its words (hashed once,
    not once per key)."""
    return content_key([news_words_data()]).encode()


@cache
def news_rows() -> dict[str, int]:
    """Each word of the vocabulary → its row (its place in the file), from the start-up cache; empty
    without the file, or when the cache cannot keep what is worked out for the words."""
    if not news_words_data():
        return {}
    found = kept("news-words", [news_words_key()], lambda: {w: i for i, w in enumerate(news_words())})
    return found if found is not None else {}
