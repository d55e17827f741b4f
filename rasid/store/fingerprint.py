"""Near-duplicate documents: the same article through another format (a `.txt` and its news page),
a syndicated copy or a second crawl of an edited page.

A document's fingerprint is a MinHash (128 permutations) of the 5-word shingles of its
folded body (one alef, no harakat, Western digits; punctuation and page furniture outside the words
do not count). Two bodies whose shingle sets have a Jaccard similarity of `THRESHOLD` or more are one
article: the worked example as `.txt` (with its 'read more' headlines) and as a news page share 95%
of their shingles; two reports of one event by two outlets share well under half. An LSH index
(banded MinHash, as datasketch's MinHashLSH; computed here with numpy because importing
datasketch costs 0.5 to 1.5 s of start-up, more than fingerprinting a thousand articles) finds the candidates of a new document among every stored one in constant time,
and the estimated similarity of each candidate decides.

Bodies of fewer than `MIN_WORDS` words (single sentences, headlines) get no fingerprint: one changed
figure or place there is another event, and exact copies are caught by the content hash anyway.
"""

from __future__ import annotations

import re
import zlib
from typing import Any

import numpy as np

from ..text import fold

NUM_PERM = 128
SHINGLE = 5  # words
THRESHOLD = 0.8  # estimated Jaccard similarity of shingle sets from which two bodies are one article
MIN_WORDS = 40
BANDS, ROWS = 9, 13  # LSH bands of 13 values: the optimum for 0.8 with 128 permutations (datasketch's)

_WORD = re.compile(r"\w+")
_rng = np.random.RandomState(1)
_A = _rng.randint(0, 1 << 63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd 64-bit
_B = _rng.randint(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)
_HIGH = np.uint64(32)


def fingerprint(text: str) -> bytes | None:
    """The MinHash of a body as 128 little-endian uint32 (stored with the document), or None when
    it is too short. Each shingle is hashed by CRC-32, then by 128 multiply-shift hash functions
    (the high 32 bits of a*x + b modulo 2^64, a odd: a universal family, and numpy's fastest)."""
    words = _WORD.findall(fold(text))
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashed = np.fromiter((zlib.crc32(sh.encode("utf-8")) for sh in shingles), dtype=np.uint64, count=len(shingles))
    values = (hashed[:, None] * _A + _B) >> _HIGH
    return values.min(axis=0).astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two fingerprints' shingle sets."""
    return float(np.mean(np.frombuffer(a, dtype="<u4") == np.frombuffer(b, dtype="<u4")))


class CopyIndex:
    """Fingerprints of stored documents, to find the first copy of a near-duplicate: banded LSH
    (two fingerprints sharing any band of 13 values are candidates), then the estimate decides."""

    def __init__(self) -> None:
        self._bands: list[dict[bytes, list[Any]]] = [{} for _ in range(BANDS)]
        self._prints: dict[Any, bytes] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def add(self, key: Any, data: bytes) -> None:
        self._prints[key] = data
        for band, part in zip(self._bands, _parts(data), strict=True):
            band.setdefault(part, []).append(key)

    def first_copy(self, data: bytes) -> Any | None:
        """The key of the earliest added document this one copies, or None."""
        found = {k for band, part in zip(self._bands, _parts(data), strict=True) for k in band.get(part, ())}
        found = {k for k in found if similarity(self._prints[k], data) >= THRESHOLD}
        return min(found, key=_order) if found else None


def _parts(data: bytes) -> list[bytes]:
    return [data[4 * ROWS * i:4 * ROWS * (i + 1)] for i in range(BANDS)]


def _order(key: Any) -> tuple[int, Any]:
    # stored documents (int ids) come before those of the current run (keys ("run", n))
    return (0, key) if isinstance(key, int) else (1, key[1])
