"""Text layer: Arabic normalisation with an offset map, sentence segmentation, tokens.

Matching runs on a normalised copy of the text (no diacritics or tatweel, one alef, ي for ى, ه for
ة, Western digits, Western punctuation, single spaces). Normalisation only substitutes one character
for one or deletes characters, so a list of original offsets, one per normalised character, maps any
normalised span back to the exact words of the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

# One-for-one substitutions. Hamza carriers are folded because Arabic news spells them loosely
# (مسؤول / مسئول, إطلاق / اطلاق).
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ئ": "ي", "ی": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "گ": "ك",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "″": '"',
    "‘": "'", "’": "'",
    "\u00a0": " ", "\t": " ", "\r": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
}
_FOLD.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_FOLD.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Extended (Persian/Urdu) digits

# Deleted outright: harakat, Quranic marks, tatweel, bidi and zero-width controls.
_DELETE = set(
    [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(0x0670), "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

_MARKS = frozenset(c for c in _DELETE if not ("\u200b" <= c <= "\u206f") and c != "\ufeff")
_TABLE: dict[int, str | None] = {ord(k): v for k, v in _FOLD.items()}
_TABLE.update({ord(c): None for c in _DELETE})


def fold(text: str) -> str:
    """Normalise a short string (a lexicon entry, a query) the way documents are normalised."""
    return re.sub(r"\s+", " ", text.translate(_TABLE).lower()).strip()


@dataclass(slots=True)
class NormText:
    """A normalised view of `original`; `offsets[i]` is the original index of `norm[i]`."""

    original: str
    norm: str
    offsets: list[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span to the original text."""
        if end <= start:
            o = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return o, o
        stop = self.offsets[end - 1] + 1
        while stop < len(self.original) and self.original[stop] in _MARKS:
            stop += 1  # a word's last letter keeps its harakat
        return self.offsets[start], stop


def normalise(text: str) -> NormText:
    """Fold `text` for matching, keeping the map back to the original characters."""
    out: list[str] = []
    offsets: list[int] = []
    table = _TABLE
    prev_space = True
    for i, ch in enumerate(text):
        sub = table.get(ord(ch), ch)
        if sub is None:
            continue
        if ch == "\n":
            sub = "\n"
        elif sub.isspace():
            if prev_space:
                continue
            sub = " "
        else:
            sub = sub.lower()
        prev_space = sub in " \n"
        if sub == "\n" and out and out[-1] == " ":  # keep line breaks visible, drop the space before
            out[-1] = "\n"
            offsets[-1] = i
            continue
        out.append(sub)
        offsets.append(i)
    return NormText(text, "".join(out), offsets)


# ---------------------------------------------------------------------------------------------
# Sentences

# Words after which a full stop does not end a sentence (titles, units and initials).
_ABBREVIATIONS = {"د", "م", "ق", "ه", "ص", "ج", "كم", "كلم", "اي", "ش", "مج", "ت", "أ", "ا", "س", "ب",
                  "dr", "mr", "mrs", "st", "no", "u.s", "u.n", "inc", "ltd", "vs"}

_TERMINAL = re.compile(r"[.!?؟]+|\n+")


@dataclass(slots=True)
class Sentence:
    """A sentence as a span of the normalised text."""

    start: int
    end: int
    index: int


def segment(nt: NormText) -> list[Sentence]:
    """Split the normalised text into sentences.

    A sentence ends at a line break, or at . ! ? followed by a space or the end of the text, unless
    the dot sits inside a number (3.5), after an abbreviation (د. , كلم.), or inside an open
    quotation or parenthesis that closes within the next 400 characters. Arabic commas and
    semicolons never end a sentence: Arabic news chains whole paragraphs with them.
    """
    s = nt.norm
    sentences: list[Sentence] = []
    start = 0
    depth_paren = 0
    in_quote = False
    i = 0
    n = len(s)

    def push(end: int) -> None:
        nonlocal start
        a, b = start, end
        while a < b and s[a] in ' \n"\'-–—*•:;,.':
            a += 1
        while b > a and s[b - 1] in " \n":
            b -= 1
        if b > a and any(c.isalnum() for c in s[a:b]):
            sentences.append(Sentence(a, b, len(sentences)))
        start = end

    while i < n:
        ch = s[i]
        if ch == "\n":
            push(i)
            depth_paren = 0
            in_quote = False
            i += 1
            continue
        if ch == "(":
            depth_paren += 1
        elif ch == ")" and depth_paren:
            depth_paren -= 1
        elif ch == '"':
            in_quote = not in_quote
        elif ch in ".!?":
            j = i
            while j < n and s[j] in ".!?":
                j += 1
            nxt = s[j] if j < n else " "
            if nxt not in " \n\"')":
                i = j
                continue
            if ch == "." and j == i + 1:
                k = i
                while k > 0 and s[k - 1].isalnum():
                    k -= 1
                word = s[k:i]
                if word in _ABBREVIATIONS or (word.isdigit() and j < n - 1 and s[j + 1].isdigit()):
                    i = j
                    continue
            if (depth_paren or in_quote) and _closes_soon(s, j, ")" if depth_paren else '"'):
                i = j
                continue
            while j < n and s[j] in "\"')":
                j += 1
            push(j)
            depth_paren = 0
            in_quote = False
            i = j
            continue
        i += 1
    push(n)
    return sentences


def _closes_soon(s: str, at: int, closer: str) -> bool:
    end = s.find(closer, at)
    return 0 <= end - at < 400 and "\n" not in s[at:end]


# ---------------------------------------------------------------------------------------------
# Tokens

_TOKEN = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)


@dataclass
class Tokens:
    """Word tokens of a normalised text: parallel start/end lists plus a position → token index."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    _norm: str = ""

    @cached_property
    def at(self) -> list[int]:
        """For every normalised position, the index of the token covering it, else -1."""
        owner = [-1] * (len(self._norm) + 1)
        for t, (a, b) in enumerate(zip(self.starts, self.ends)):
            for p in range(a, b):
                owner[p] = t
        return owner

    def word(self, t: int) -> str:
        return self._norm[self.starts[t] : self.ends[t]]

    def __len__(self) -> int:
        return len(self.starts)


def tokenize(norm: str) -> Tokens:
    """Word tokens over the normalised text (clitics stay attached; the lexicon matcher peels them)."""
    toks = Tokens(_norm=norm)
    for m in _TOKEN.finditer(norm):
        toks.starts.append(m.start())
        toks.ends.append(m.end())
    return toks
