"""The stages in order: text layer → layout → detect → resolve → assemble.

`STAGES` is the pipeline: each stage declares what it reads and fills (`stages.py`), and the order
is checked once, when this module is imported. `extract` is the one entry point the CLI, the Python
API and the HTTP API share. Bad input never raises: an empty, non-Arabic or oversized document gives
a result with a warning or an error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Final, Protocol

from ..plain import DocumentResult as PlainResult
from ..plain import Event, result_of
from ..text import utf8, without_surrogates
from .actors import ACTORS
from .analysis import Analysis
from .assemble import ASSEMBLE, BACKGROUND, MERGE
from .claims import CLAIMS
from .consolidate import CONSOLIDATE
from .counts import COUNTS
from .dates import DATES
from .detect import DETECT
from .gate import GATE
from .layout import LAYOUT
from .places import PLACES
from .records import record
from .stages import Stage, check

if TYPE_CHECKING:
    from ..contract import DocumentResult

MAX_CHARS: Final = 2_000_000  # about 1,000 pages of news: beyond that an input is not an article
# Runs rather than single letters: counting by the run keeps the work per word, not per character.
_ARABIC_LETTERS: Final = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_NOT_ARABIC_LEAD: Final = bytes(b for b in range(256) if b not in b"\xd8\xd9\xda\xdb")  # deleted, the rest counted

# The pipeline, in order (a new stage goes at its place: see stages.py). `check` raises StageError
# here, at import, when a stage requires a field no stage before it assigns.
STAGES: Final[tuple[Stage, ...]] = check((
    LAYOUT,  # headline, page furniture
    DETECT,  # candidate mentions from triggers, with the rules' decisions
    GATE,  # the trained gate keeps events among the candidates (the rules' decisions without a model)
    PLACES, ACTORS, DATES, COUNTS, CLAIMS,  # the resolvers: each fills its own fields of every mention
    BACKGROUND, MERGE,  # old news dropped, re-mentions in a sentence and the headline merged
    CONSOLIDATE,  # one event per happening across the article
    ASSEMBLE,  # contract events built
))


def parse_published(value: str | dt.date | None, warnings: list[str]) -> dt.date | None:
    """A publication date from 'YYYY-MM-DD' (or an ISO timestamp); a bad value becomes a warning."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        warnings.append(f"published date {value!r} is not YYYY-MM-DD; relative dates are left unresolved")
        return None


def arabic_share(text: str, sample: int = 20_000) -> float:
    """Share of Arabic letters among the letters of (the start of) a text."""
    head = text[:sample]
    letters = sum(map(len, _LETTERS.findall(head)))
    return sum(map(len, _ARABIC_LETTERS.findall(head))) / letters if letters else 0.0


def _mostly_arabic(text: str, sample: int = 20_000, encoded: bytes | None = None) -> bool:
    """Whether Arabic script makes up 30% of the characters of (the start of) a text, else whether
    `arabic_share(text) >= 0.3`.

    The first test counts UTF-8 lead bytes at C speed (every character of the Arabic block, U+0600
    to U+06FF, starts with one of four bytes that start nothing else; the other bytes are deleted):
    a third of the cost of counting letters, which every document would pay. Arabic news passes
    it; only a text whose Arabic-block characters are mostly digits, marks or punctuation could
    pass it and fail the letter count. `encoded` is the whole text in UTF-8 when the caller has it
    (`_valid_unicode`): read as it is when the text is no longer than the sample."""
    head = text[:sample]
    if encoded is None or len(text) > sample:
        encoded = head.encode("utf-8", "surrogatepass")
    arabic_block = len(encoded.translate(None, _NOT_ARABIC_LEAD))
    if 10 * arabic_block >= 3 * len(head):
        return True
    return arabic_share(text, sample) >= 0.3


class Input(Protocol):
    """A document to process: a `contract.Document`, or a `plain.Document` (`rasid extract`'s inputs,
    read without pydantic); `model_extra` holds the input record's other fields."""

    id: str
    text: str
    published: str | None
    title: str | None
    url: str | None
    outlet: str | None

    @property
    def model_extra(self) -> dict[str, Any] | None: ...


def _valid_unicode(doc: Input, warnings: list[str]) -> bytes | None:
    """The document's text and metadata without lone surrogates (replaced by U+FFFD, in place, with
    a warning): decided here, where every input (files, stdin, JSONL and CSV fields, HTTP bodies, the
    Python API) enters the pipeline, so that every result serialises. Gives the text's UTF-8 when it
    held none (else None), which `_mostly_arabic` reads: encoding a text costs as much as the test."""
    replaced = 0
    encoded: bytes | None = None
    for name in ("id", "text", "published", "title", "url", "outlet"):
        value = getattr(doc, name)
        if isinstance(value, str):
            if name == "text":
                encoded = utf8(value)
                if encoded is not None:
                    continue
            clean, n = without_surrogates(value)
            if n:
                setattr(doc, name, clean)
                replaced += n
    if replaced:
        warnings.append(f"{replaced:,} lone surrogate code point(s) in the input (not valid Unicode) "
                        "replaced with U+FFFD")
    return encoded


def process(doc: Input) -> DocumentResult:
    """Run every stage over one document: its result as the contract's models."""
    from ..contract import from_plain

    result: DocumentResult = from_plain(process_plain(doc))
    return result


def process_plain(doc: Input) -> PlainResult:
    """`process`, its result as the pipeline builds it (plain records, `plain.py`: what `rasid
    extract` writes, without importing pydantic)."""
    warnings: list[str] = []  # one list, shared with the stages
    encoded = _valid_unicode(doc, warnings)
    published = parse_published(doc.published, warnings)
    events: list[Event] = []
    error = None
    text = doc.text or ""
    if not text or text.isspace():
        warnings.append("empty document: no text to analyse")
    elif len(text) > MAX_CHARS:
        error = f"document too large: {len(text):,} characters (limit {MAX_CHARS:,}); split it into articles"
    elif not _mostly_arabic(text, encoded=encoded):
        warnings.append("not Arabic: fewer than 30% of the letters are Arabic; skipped")
    else:
        events = _events(Analysis(text, published, warnings))
    return record(PlainResult, {
        "id": doc.id, "published": published.isoformat() if published else doc.published, "events": events,
        "warnings": warnings, "text": None, "title": doc.title, "url": doc.url, "outlet": doc.outlet,
        "error": error,
    })


def _events(an: Analysis) -> list[Event]:
    for stage in STAGES:
        stage.run(an)
    return an.events


class Rejected(Protocol):
    """An input that produced no document (`ingest.Reject`): `id` names it, `error` says why."""

    @property
    def id(self) -> str: ...

    @property
    def error(self) -> str: ...


def result_for(item: Input | Rejected, published: str | None = None) -> DocumentResult:
    """The result of one ingested item: an error record for a rejected input, else the pipeline's
    result, carrying the extracted text when the document came out of markup (offsets point into
    it). `published` is the date of a document that has none. Never raises: an unexpected failure
    on one document becomes that document's error record."""
    from ..contract import from_plain

    result: DocumentResult = from_plain(plain_result_for(item, published))
    return result


def plain_result_for(item: Input | Rejected, published: str | None = None) -> PlainResult:
    """`result_for`, the result as the pipeline builds it (`process_plain`)."""
    if not hasattr(item, "text"):  # (a document always has a text, a Rejected input none)
        rejected: Rejected = item  # type: ignore[assignment]
        return result_of(without_surrogates(rejected.id)[0], without_surrogates(rejected.error)[0])
    doc: Input = item  # type: ignore[assignment]
    if doc.published is None and published:
        doc.published = published
    try:
        result = process_plain(doc)
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        return result_of(doc.id, f"internal error: {type(exc).__name__}: {exc}")
    if (doc.model_extra or {}).get("extracted"):  # set by ingest for text taken out of markup
        result.text = doc.text
    return result


def extract(text: str, published: str | dt.date | None = None, id: str = "doc") -> DocumentResult:
    """Code the events of one Arabic text. `published` anchors relative dates ('أمس', 'الأحد')."""
    from ..contract import Document

    pub = published.isoformat() if isinstance(published, dt.date) else published
    return process(Document(id=id, text=text, published=pub))
