"""Near-duplicate documents: the same article through another format (a `.txt` and its news page),
a syndicated copy or a second crawl of an edited page.

A document's fingerprint is a MinHash (datasketch, 128 permutations) of the 5-word shingles of its
folded body (one alef, no harakat, Western digits; punctuation and page furniture outside the words
do not count). Two bodies whose shingle sets have a Jaccard similarity of `THRESHOLD` or more are one
article: the worked example as `.txt` (with its 'read more' headlines) and as a news page share 95%
of their shingles; two reports of one event by two outlets share well under half. An LSH index
(banded MinHash) finds the candidates of a new document among every stored one in constant time,
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
SCHEME = "affine32"  # datasketch ≥ 2: 32-bit hash values, 4 bytes each

_WORD = re.compile(r"\w+")
_permutations: tuple[Any, Any] | None = None


def _perms() -> tuple[Any, Any]:
    global _permutations
    if _permutations is None:
        from datasketch import MinHash

        _permutations = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME).permutations
    return _permutations


def fingerprint(text: str) -> bytes | None:
    """The MinHash of a body as bytes (stored with the document), or None when it is too short."""
    words = _WORD.findall(fold(text))
    if len(words) < MIN_WORDS:
        return None
    from datasketch import MinHash

    shingles = {" ".join(words[i:i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}
    m = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_perms(), scheme=SCHEME)
    m.update_batch(list(shingles))
    return np.asarray(m.hashvalues, dtype="<u4").tobytes()


def _minhash(data: bytes) -> Any:
    from datasketch import LeanMinHash

    return LeanMinHash(seed=1, hashvalues=np.frombuffer(data, dtype="<u4"), scheme=SCHEME)


class CopyIndex:
    """Fingerprints of stored documents, to find the first copy of a near-duplicate."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._hashes: dict[Any, Any] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, key: Any, data: bytes) -> None:
        m = _minhash(data)
        self._hashes[key] = m
        self._lsh.insert(key, m, check_duplication=False)

    def first_copy(self, data: bytes) -> Any | None:
        """The key of the earliest added document this one copies, or None."""
        m = _minhash(data)
        found = [k for k in self._lsh.query(m) if self._hashes[k].jaccard(m) >= THRESHOLD]
        return min(found, key=_order) if found else None


def _order(key: Any) -> tuple[int, Any]:
    # stored documents (int ids) come before those of the current run (keys ("run", n))
    return (0, key) if isinstance(key, int) else (1, key[1])
