"""Text layer: Arabic normalisation with an offset map, sentence segmentation, tokens.

Matching runs on a normalised copy of the text (no diacritics or tatweel, one alef, ي for ى, ه for
ة, Western digits, Western punctuation, single spaces). Normalisation only substitutes one character
for one or deletes characters, so a list of original offsets, one per normalised character, maps any
normalised span back to the exact words of the source.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from .positions import COMPILED, bisect_right

# One-for-one substitutions. Hamza carriers are folded because Arabic news spells them loosely
# (مسؤول / مسئول, إطلاق / اطلاق).
_FOLD: Final = {
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
_DELETE: Final = set(
    [chr(c) for c in range(0x064B, 0x0660)]
    + [chr(0x0670), "\u0640"]
    + [chr(c) for c in range(0x06D6, 0x06EE)]
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

_MARKS: Final = frozenset(c for c in _DELETE if not ("\u200b" <= c <= "\u206f") and c != "\ufeff")
_TABLE: Final[dict[int, str | None]] = {ord(k): v for k, v in _FOLD.items()}
_TABLE.update({ord(c): None for c in _DELETE})


_SURROGATE: Final = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")  # (chr: mypyc takes no surrogate literals)


def utf8(value: str) -> bytes | None:
    """`value` in UTF-8, or None when it holds a lone surrogate (which no UTF-8 carries)."""
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        return None


def without_surrogates(value: str) -> tuple[str, int]:
    """`value` with every lone surrogate (a code point no UTF-8 can carry: from a JSON escape such as
    '\\ud800', or undecodable bytes read with 'surrogateescape') replaced by U+FFFD, and how many
    there were. One character for one: offsets into the text do not move."""
    if utf8(value) is None:
        return _SURROGATE.subn("\ufffd", value)
    return value, 0


def fold(text: str) -> str:
    """Normalise a short string (a lexicon entry, a query) the way documents are normalised.
    (The same as `" ".join(normalise(text).norm.split())`, without building an offset map: lexicons
    fold thousands of entries at start-up.)"""
    return " ".join(_fold_chars(text).replace(_GONE, "").split())


class Runs:
    """The original offsets of a normalised text made of runs of the original's characters, one
    after the other (what normalising keeps when it deletes characters or collapses blanks): read as a
    list, `runs[i]` is the original index of character i, found by bisecting the runs' starts.

    WHY not the list itself: every document with a deleted character (harakat, tatweel: most real
    articles) or a run of blanks would build one int per character, where the pipeline reads a few
    offsets per event (`NormText.to_original`) and a handful of runs describe them all."""

    __slots__ = ("size", "sources", "starts")

    def __init__(self, starts: list[int], sources: list[int], size: int) -> None:
        self.starts = starts  # where each run starts in the normalised text (ascending)
        self.sources = sources  # and where it starts in the original
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, i: int) -> int:
        if i < 0:
            i += self.size
        if not 0 <= i < self.size:
            raise IndexError("offset index out of range")
        k = bisect_right(self.starts, i) - 1
        return self.sources[k] + i - self.starts[k]


def _runs_of(spans: list[tuple[int, int]], under: Runs | None) -> Runs:
    """The `Runs` of the text made of these spans [a, b) of a text (in order, none empty), whose own
    offsets are `under` (the identity when None)."""
    starts: list[int] = []
    sources: list[int] = []
    pos = 0
    for a, b in spans:
        if under is None:
            starts.append(pos)
            sources.append(a)
            pos += b - a
            continue
        k = bisect_right(under.starts, a) - 1
        while a < b:  # (a span of `under`'s text may cross its runs: one run of ours for each piece)
            stop = min(b, under.starts[k + 1] if k + 1 < len(under.starts) else under.size)
            starts.append(pos)
            sources.append(under.sources[k] + a - under.starts[k])
            pos += stop - a
            a = stop
            k += 1
    return Runs(starts, sources, pos)


@dataclass(slots=True, eq=False)
class NormText:
    """A normalised view of `original`; `offsets[i]` is the original index of `norm[i]`."""

    original: str
    norm: str
    offsets: Sequence[int] | Runs  # a `range` when nothing moved, else `Runs`

    def __repr__(self) -> str:
        return f"NormText(norm={self.norm[:60]!r})"

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span to the original text."""
        if end <= start:
            o = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return o, o
        stop = self.offsets[end - 1] + 1
        while stop < len(self.original) and self.original[stop] in _MARKS:
            stop += 1  # a word's last letter keeps its harakat
        return self.offsets[start], stop


_GONE: Final = "\x00"
# The same folding for documents, but length-preserving: deleted characters become a sentinel
# (dropped in a second step), every space-like character a plain space, ASCII letters lower case.
_KEEP_TABLE: Final[dict[int, str]] = {k: (_GONE if v is None else v) for k, v in _TABLE.items()}
_KEEP_TABLE.update({c: chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_KEEP_TABLE.update({ord(c): " " for c in "\t\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u0085"})
_KEEP_TABLE[ord(_GONE)] = _GONE
# `str.translate` looks each character up in its table; a list indexed by code point answers about
# three times faster than a dict. The list covers Latin, Arabic and general punctuation; the few
# folded characters above (ideographic space, BOM) get a second, rarely needed pass.
_LOW_END: Final = 0x2070
_KEEP_LOW: Final[list[str]] = [_KEEP_TABLE.get(c, chr(c)) for c in range(_LOW_END)]
_KEEP_HIGH: Final = {c: v for c, v in _KEEP_TABLE.items() if c >= _LOW_END}
_HIGH_CHARS: Final = tuple(map(chr, _KEEP_HIGH))

# The same fold at C speed for the letters of nearly all Arabic news: a charmap codec encodes a text
# of this alphabet (up to 256 characters) one byte per character, `bytes.translate` folds the bytes
# and the codec decodes them; a fifth of the cost of `str.translate`, which looks each character up
# in a Python table. A text with a character outside the alphabet is translated as above.
_CANDIDATES: Final = (
    [chr(c) for c in range(128)]
    + [chr(c) for c in range(0x060C, 0x066A)]  # Arabic punctuation, letters, harakat, digits
    + [chr(c) for c in (0x0670, 0x0671, 0x067E, 0x0686, 0x0698, 0x06A9, 0x06AF, 0x06CC)]  # پ چ ژ ک گ ی
    + [chr(c) for c in range(0x06F0, 0x06FA)]  # Persian digits
    + list("\u00a0«»–—‘’“”…\u200c\u200d\u200e\u200f")
)
# only letters whose fold is in the alphabet too
_ALPHABET: Final = [c for c in _CANDIDATES if _KEEP_TABLE.get(ord(c), c) in _CANDIDATES]
_ALPHABET_TABLE: Final = "".join(_ALPHABET).ljust(256, "\ufffe")  # U+FFFE: no character, in the codecs' tables
_ALPHABET_CODES: Final = codecs.charmap_build(_ALPHABET_TABLE)
_FOLDED_CODES: Final = bytes(_ALPHABET.index(_KEEP_TABLE.get(ord(c), c)) for c in _ALPHABET).ljust(256, b"\x00")


def _fold_chars(text: str) -> str:
    """`text` with every character folded (`_KEEP_TABLE`): the same length, deleted characters
    as the sentinel."""
    try:
        codes: bytes = codecs.charmap_encode(text, "strict", _ALPHABET_CODES)[0]
    except UnicodeEncodeError:  # a letter outside the alphabet: every character looked up
        t = text.translate(_KEEP_LOW)
        return t.translate(_KEEP_HIGH) if any(c in t for c in _HIGH_CHARS) else t
    decoded: str = codecs.charmap_decode(codes.translate(_FOLDED_CODES), "strict", _ALPHABET_TABLE)[0]
    return decoded
# Blank runs that normalisation changes: two or more blanks, or a space opening the text. A single
# space or line break elsewhere stays as it is, so most texts have few or no runs to rewrite.
_BLANKS: Final = re.compile(r"(?:^ |[ \n]{2})[ \n]*")
# A text without two spaces in a row, these pairs with a line break (and no leading space) has no run.
_LINE_BREAK_PAIRS: Final = (" \n", "\n ", "\n\n")


def normalise(text: str) -> NormText:
    """Fold `text` for matching, keeping the map back to the original characters.

    Two passes of C-speed string operations with a little Python per word: a length-preserving
    fold (`_fold_chars`: offsets are still the identity), then dropping deleted characters and
    collapsing blanks (a run of spaces becomes one space; a run holding line breaks keeps just them).
    Most texts need neither, and keep the identity map as a `range`.
    """
    t = _fold_chars(text)
    first: Runs | None = None
    if _GONE in t:  # (the pieces between deleted characters, cut at C speed)
        spans: list[tuple[int, int]] = []
        a = 0
        for piece in t.split(_GONE):
            if piece:
                spans.append((a, a + len(piece)))
            a += len(piece) + 1
        t = t.replace(_GONE, "")
        first = _runs_of(spans, None)
    # (most texts have no line break: one search then rules out the three pairs that hold one)
    if not (t.startswith(" ") or "  " in t or ("\n" in t and any(pair in t for pair in _LINE_BREAK_PAIRS))):
        return NormText(text, t, range(len(t)) if first is None else first)
    kept: list[tuple[int, int]] = []
    pos = 0
    for m in _BLANKS.finditer(t):
        a, b = m.span()
        kept.append((pos, a))
        run = m.group()
        if "\n" in run:
            kept.extend((a + i, a + i + 1) for i, c in enumerate(run) if c == "\n")
        elif a > 0:
            kept.append((a, a + 1))
        pos = b
    kept.append((pos, len(t)))
    spans = [(a, b) for a, b in kept if b > a]
    return NormText(text, "".join([t[a:b] for a, b in spans]), _runs_of(spans, first))


# ---------------------------------------------------------------------------------------------
# Sentences

_SPECIAL: Final = '()"\n.!?'  # (the characters `segment` stops at)
_WORD_CHAR: Final = re.compile(r"[^\W_]")


@dataclass(slots=True, eq=False)
class Sentence:
    """A sentence as a span of the normalised text (compared by identity: one per sentence)."""

    start: int
    end: int
    index: int

    def __repr__(self) -> str:
        return f"Sentence({self.start}, {self.end}, index={self.index})"


def _opens(s: str, i: int, mark: str, in_quote: bool) -> bool:
    """Whether a quotation is open after the quotation mark at `s[i]` (`mark`: its original
    character). Guillemets say which way they go; a straight or curly mark closes after a word and
    before a blank or punctuation ('بالاختناق"، حسبما') and opens after a blank before a word
    ('قال: "إن'), which curly marks do not say reliably in Arabic text; else it flips. An unmatched
    closing mark then opens nothing that would swallow the sentences after it."""
    if mark == "«":
        return True
    if mark == "»":
        return False
    before = s[i - 1].isalnum() if i > 0 else False
    after = s[i + 1].isalnum() if i + 1 < len(s) else False
    if before != after:
        return after
    return not in_quote


def _arabic_word_at(s: str, i: int, step: int) -> str:
    """The run of Arabic letters starting at `i` going `step` (-1: the run ending at i)."""
    k = i
    while 0 <= k < len(s) and "\u0621" <= s[k] <= "\u064a":
        k += step
    return s[k + 1:i + 1] if step < 0 else s[i:k]


def _glued(s: str, dot: int, abbreviations: frozenset[str], openers: frozenset[str]) -> bool:
    """A full stop glued to the next sentence ('واعتقال العشرات.وقالت إذاعة', 'في خان يونس.كما
    استهدفت', 'منذ عام 2011.وقال'), as scraped text loses its spaces: an Arabic word of two letters or
    more, or a digit, before it (no abbreviation: 'د.محمد', 'أ.ف.ب' stay whole; a decimal has a digit
    after its dot), and after it a word of three or more opening with the conjunction a next sentence
    opens with (و، ف), or one of the `openers` a sentence opens with alone (كما، لكن); a dot inside a
    word written to dodge filters ('إسر.ائيل') stays."""
    before = _arabic_word_at(s, dot - 1, -1)
    after = _arabic_word_at(s, dot + 1, 1)
    return ((len(before) >= 2 or (dot > 0 and s[dot - 1].isdigit())) and len(after) >= 3
            and (after[0] in "وف" or after in openers) and before not in abbreviations)


def positions_of(text: str, chars: str) -> list[int]:
    """Where any of `chars` stands in `text`, in order. Compiled, by `str.find` for each character, a
    scan at C speed in a native loop: a fifth of the instructions of a regular expression's class,
    which tests every character in turn. Interpreted, the loop's bytecode costs more than it saves
    on a sentence, and one pass of the class (`_class_of`) is the cheaper."""
    if not COMPILED:
        return list(map(_match_start, _class_of(chars).finditer(text)))
    out: list[int] = []
    for c in chars:
        at = text.find(c)
        while at >= 0:
            out.append(at)
            at = text.find(c, at + 1)
    out.sort()
    return out


_match_start: Final = re.Match.start  # (a match's start, as a function to map over matches in C)
_CLASSES: Final[dict[str, re.Pattern[str]]] = {}


def _class_of(chars: str) -> re.Pattern[str]:
    """The regular expression of one of `chars` (made once per set of characters)."""
    found = _CLASSES.get(chars)
    if found is None:
        found = _CLASSES[chars] = re.compile("[" + re.escape(chars) + "]")
    return found


_SPECIAL_CLASS: Final = _class_of(_SPECIAL)


def segment(nt: NormText, abbreviations: frozenset[str] = frozenset(),
            openers: frozenset[str] = frozenset()) -> list[Sentence]:
    """Split the normalised text into sentences.

    A sentence ends at a line break, or at . ! ? followed by a space or the end of the text (or a
    full stop glued to the next Arabic word: `_glued`, with the sentence `openers`), unless
    the dot sits inside a number (3.5), after one of the `abbreviations` (د. , كلم.: the pipeline
    hands those of data/function_words.tsv, see `pipeline.analysis`), or inside an open
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

    specials = positions_of(s, _SPECIAL) if COMPILED else []
    ahead = 0  # (the first of them at or after i)
    while i < n:
        if COMPILED:  # (the stops found ahead, `positions_of`)
            while ahead < len(specials) and specials[ahead] < i:
                ahead += 1
            if ahead == len(specials):
                break
            i = specials[ahead]
        else:  # (interpreted, a search for the next stop is the cheaper)
            found = _SPECIAL_CLASS.search(s, i)
            if found is None:
                break
            i = found.start()
        ch = s[i]
        if ch == "\n":
            _push(s, start, i, sentences)
            start = i
            depth_paren = 0
            in_quote = False
            i += 1
            continue
        if ch == "(":
            depth_paren += 1
        elif ch == ")" and depth_paren:
            depth_paren -= 1
        elif ch == '"':
            in_quote = _opens(s, i, nt.original[nt.offsets[i]], in_quote)
        elif ch in ".!?":
            j = i
            while j < n and s[j] in ".!?":
                j += 1
            nxt = s[j] if j < n else " "
            if nxt not in " \n\"')" and not (ch == "." and j == i + 1 and _glued(s, i, abbreviations, openers)):
                i = j
                continue
            if ch == "." and j == i + 1:
                k = i
                while k > 0 and s[k - 1].isalnum():
                    k -= 1
                word = s[k:i]
                if word in abbreviations or (word.isdigit() and j < n - 1 and s[j + 1].isdigit()):
                    i = j
                    continue
            if (depth_paren or in_quote) and _closes_soon(s, j, ")" if depth_paren else '"'):
                i = j
                continue
            while j < n and s[j] in "\"')":
                j += 1
            _push(s, start, j, sentences)
            start = j
            depth_paren = 0
            in_quote = False
            i = j
            continue
        i += 1
    _push(s, start, n, sentences)
    return sentences


# A run of text without a sentence break is cut into pieces of at most this many words (at its
# last comma or semicolon past the middle of a piece, else after the last word that fits): every
# stage's work per sentence is then bounded, and a megabyte on one line costs what a megabyte of
# sentences costs. Real sentences stay well under it (the longest of the development sets has 271).
MAX_SENTENCE_WORDS: Final = 300
_WORD: Final = re.compile(r"\S+")
_CLAUSE_END: Final = re.compile(r"[,;]\s")


def _push(s: str, a: int, b: int, sentences: list[Sentence]) -> None:
    """Add `s[a:b]` as the next sentence (or pieces of it, see `MAX_SENTENCE_WORDS`), without the
    punctuation opening it or the blanks closing it, if a word is left."""
    while a < b and s[a] in ' \n"\'-–—*•:;,.':
        a += 1
    while b > a and s[b - 1] in " \n":
        b -= 1
    if b > a and s.count(" ", a, b) >= MAX_SENTENCE_WORDS:
        cut = _cut(s, a, b)
        while cut is not None:
            _push(s, a, cut, sentences)  # (a piece: fewer words than the limit)
            a = cut
            while a < b and s[a] in ' \n"\'-–—*•:;,.':
                a += 1
            cut = _cut(s, a, b)
    if b > a and _WORD_CHAR.search(s, a, b):
        sentences.append(Sentence(a, b, len(sentences)))


def _cut(s: str, a: int, b: int) -> int | None:
    """Where a piece of at most `MAX_SENTENCE_WORDS` words of `s[a:b]` ends, or None when it all fits."""
    words = _WORD.finditer(s, a, b)
    end = None
    middle = None
    for i, w in enumerate(words):
        if i == MAX_SENTENCE_WORDS // 2:
            middle = w.start()
        if i == MAX_SENTENCE_WORDS:
            end = w.start()
            break
    if end is None:
        return None
    last = None
    for m in _CLAUSE_END.finditer(s, middle if middle is not None else a, end):
        last = m.end()
    return last if last is not None else end


def _closes_soon(s: str, at: int, closer: str) -> bool:
    end = s.find(closer, at)
    return 0 <= end - at < 400 and "\n" not in s[at:end]


# ---------------------------------------------------------------------------------------------
# Tokens

_TOKEN: Final = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)
# Punctuation that wraps words (after folding); none of it is a word character, so a word that is
# all letters between such marks is the one token the pattern would find there.
_EDGE_PUNCTUATION: Final = '.,;:!?"\'()[]{}<>-–—…/*•'


@dataclass(slots=True, eq=False)
class Tokens:
    """Word tokens of a normalised text as parallel, sorted start/end lists, with their strings, and
    the lengths of the text's pieces between spaces (`norm.split(" ")`), which place its non-blank
    runs (`pipeline.detect.nonblank_runs`) without a second pass over the text."""

    starts: list[int]
    ends: list[int]
    words: list[str]
    pieces: list[int]

    def word(self, t: int) -> str:
        return self.words[t]

    def __len__(self) -> int:
        return len(self.starts)


def without_prefix(prefix: re.Pattern[str], word: str) -> str:
    """`prefix.sub("", word, count=1)` for a pattern anchored at the start ('^...'): the word less
    what it matches there. (A match and a slice: `sub` with a keyword costs several times as much,
    argument parsing and its template machinery, and rules call it for each word of a sentence.)"""
    found = prefix.match(word)
    return word[found.end():] if found is not None else word


def tokenize(norm: str) -> Tokens:
    """Word tokens over the normalised text (clitics stay attached; the lexicon matcher peels them).

    A token never spans a blank, so the text is cut at spaces and each piece tokenised alone: most
    pieces are one word of letters (`str.isalnum`, at C speed, says so) or one in punctuation, and
    only other pieces (digits with separators, line breaks) go through the token pattern. (Half the cost of one regex pass over
    the whole text, and every document pays for it.)"""
    starts: list[int] = []
    ends: list[int] = []
    words: list[str] = []
    pos = 0
    lengths: list[int] = []
    for piece in norm.split(" "):  # (a plain loop: faster than maps of len and str.isalnum, pure and compiled)
        n = len(piece)
        lengths.append(n)
        if piece.isalnum():
            starts.append(pos)
            ends.append(pos + n)
            words.append(piece)
        elif n:
            core = piece.strip(_EDGE_PUNCTUATION)
            if core.isalnum():  # a word in punctuation: 'قال:', '(رويترز)', '"لا".'
                a = pos + len(piece) - len(piece.lstrip(_EDGE_PUNCTUATION))
                starts.append(a)
                ends.append(a + len(core))
                words.append(core)
            else:
                for m in _TOKEN.finditer(piece):
                    a, b = m.span()
                    starts.append(pos + a)
                    ends.append(pos + b)
                    words.append(m.group())
        pos += n + 1
    return Tokens(starts, ends, words, lengths)


def latin_key(value: str) -> str:
    """A Latin-script name without case, diacritics, transliteration marks or hyphens, for comparing
    names as people type them with the gazetteer's: 'Al Ḩasakah' and 'al-Hasakah' → 'al hasakah'."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", value) if not unicodedata.combining(c))
    bare = re.sub(r"['‘’ʿʾ`ʼ]", "", bare.lower())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())
