"""Write rasid/data/news_words.txt.gz: a general vocabulary of Arabic news, the words of ANERcorp.

    python scripts/news_words.py ../shared/data/anercorp/ANERCorp.txt

WHY: a process meets each word for the first time once, and that first sight is what a run over
fresh text pays most for beyond the warm cost (the gate's n-gram sums of the word, the scanners'
analysis of it). What depends only on the word and the shipped data is worked out once for this
vocabulary and kept in the start-up cache (`dictionaries/news_words.py`), so a process reads it
rather than working it out for the common words of the news. The words are ANERcorp's (Arabic
newswire, CC BY-SA 4.0, see rasid/data/models/NOTICE), normalised and tokenised as the text layer
does, letters only, one a line, sorted. Which words are in it changes no output, only the time.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

from rasid.dictionaries.news_words import NEWS_WORDS_FILE
from rasid.text import normalise, tokenize


def news_words(conll: str) -> list[str]:
    """The distinct letter-only tokens of a CoNLL file's words (first column), as the text layer makes them."""
    forms = {line.split()[0] for line in conll.splitlines() if line.strip()}
    words: set[str] = set()
    for form in forms:
        words.update(w for w in tokenize(normalise(form).norm).words if w.isalpha())
    return sorted(words)


def main() -> None:
    words = news_words(Path(sys.argv[1]).read_text(encoding="utf-8"))
    out = Path(__file__).resolve().parent.parent / "rasid" / "data" / NEWS_WORDS_FILE
    out.write_bytes(gzip.compress(("\n".join(words) + "\n").encode("utf-8"), mtime=0))
    print(f"{len(words):,} words → {out}")


if __name__ == "__main__":
    main()
