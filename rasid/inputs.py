"""Inputs → Documents: one shape for every kind of input.

`read_inputs` yields, in input order, either a `Document` or a `Reject` (an input that could not be
read, with the reason), so a batch never stops on bad input and nothing is silently dropped: every
input file, JSON line, CSV row and feed entry becomes exactly one Document or one Reject.

Kinds of input, chosen by extension and, when that says nothing, by a look at the content:
plain text; HTML pages (trafilatura keeps the article and drops navigation, tickers, share bars,
related links, comments and footers; title, date and site name become document fields); RSS and
Atom feeds (feedparser; one document per entry); JSONL and JSON arrays; CSV/TSV with a column
mapping; folders (recursive, by extension); URLs (a page or a feed); '-' for stdin.

Documents whose text was extracted from markup carry `extracted=True`: their results then carry
the text the offsets point into (`DocumentResult.text`).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import plain as plain_records
from .dictionaries.tables import input_columns

if TYPE_CHECKING:
    from .contract import Document

MAX_FILE_BYTES = 50 * 1024 * 1024  # a news article is kilobytes; 50 MB is a dump, not an input
FETCH_TIMEOUT = 20  # seconds for a user-given URL

TEXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".aspx"}
FEED_EXT = {".rss", ".atom", ".xml"}
JSONL_EXT = {".jsonl", ".ndjson"}
JSON_EXT = {".json"}
CSV_EXT = {".csv", ".tsv"}
FOLDER_EXT = TEXT_EXT | HTML_EXT | FEED_EXT | JSONL_EXT | JSON_EXT | CSV_EXT

# Field names guessed for a record's text, date and id, in order of preference (data/input_columns.tsv)
TEXT_COLUMNS = input_columns("text")
DATE_COLUMNS = input_columns("date")
ID_COLUMNS = input_columns("id")


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that produced no document: `id` names it (file, file:line), `error` says why."""

    id: str
    error: str


@dataclass(frozen=True, slots=True)
class Columns:
    """Which fields of a CSV row or JSON object hold the text, the date and the id (None: guess
    from common names such as text/content/body, published/date, id/url: data/input_columns.tsv)."""

    text: str | None = None
    date: str | None = None
    id: str | None = None


# ---------------------------------------------------------------------------------------------
# Bytes → text


class Undecodable(ValueError):
    """Bytes that are not text in any encoding Arabic news uses."""


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else the Arabic legacy code
    pages windows-1256 and ISO-8859-6. Raises `Undecodable` for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if _looks_binary(data):  # NULs and control codes are valid UTF-8, but no news text has them
        raise Undecodable("binary data, not text (not UTF-8, windows-1256 or ISO-8859-6)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for enc in ("iso-8859-6", "cp1256"):
        try:
            candidates.append(data.decode(enc))
        except UnicodeDecodeError:
            continue
    if not candidates:
        raise Undecodable("not UTF-8, windows-1256 or ISO-8859-6")
    # ISO-8859-6 leaves bytes 0xDB-0xDF (ع غ ف ق ك in windows-1256) undefined, so real windows-1256
    # Arabic almost never decodes as ISO-8859-6; when both decode, the reading with more Arabic
    # definite articles is the right one.
    return max(candidates, key=lambda t: (t.count("ال"), -sum(1 for c in t if "\u00c0" <= c <= "\u00ff")))


# Every byte but the control codes text never holds (tab, line feed, form feed, return are text):
# deleting these from a buffer leaves just its control codes, counted at C speed.
_NOT_CONTROL = bytes(b for b in range(256) if b >= 32 or b in (9, 10, 12, 13))
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def _looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not _CONTROL.search(head):  # news text: none at all
        return False
    return len(head.translate(None, _NOT_CONTROL)) > len(head) * 0.05


# ---------------------------------------------------------------------------------------------
# Kinds of input


def sniff(text: str) -> str:
    """'feed', 'html', 'jsonl', 'json' or 'text', from the start of a text."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<"):
        if re.search(r"<(rss|feed|rdf:rdf)[\s>]", head):
            return "feed"
        if head.startswith(("<!doctype html", "<html", "<head", "<body", "<div", "<article", "<p")) or "<html" in head:
            return "html"
        if head.startswith("<?xml"):
            return "feed"
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    return "text"


def _kind_of(path: Path, text: str) -> str:
    ext = path.suffix.lower()
    if ext in HTML_EXT:
        return "html"
    if ext in FEED_EXT:
        return "feed"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in JSON_EXT:
        return "json"
    if ext in CSV_EXT:
        return "csv"
    if ext in TEXT_EXT:
        return "text"
    return sniff(text)


def documents_from_text(text: str, source: str, kind: str, published: str | None,
                        columns: Columns = Columns(), url: str | None = None,
                        plain: bool = False) -> Iterator[Document | Reject]:
    """Documents of one decoded input of a known kind (`plain`: see `read_inputs`)."""
    if kind == "html":
        yield html_to_document(text, source, published, url)
    elif kind == "feed":
        yield from documents_from_feed(text, source)
    elif kind == "jsonl":
        yield from documents_from_jsonl(text.splitlines(), source, columns, plain)
    elif kind == "json":
        yield from documents_from_json(text, source, columns, plain)
    elif kind == "csv":
        yield from documents_from_csv(text, source, columns, delimiter="\t" if source.lower().endswith(".tsv") else None,
                                      plain=plain)
    else:
        yield _document(plain, id=source, text=text, published=published, url=url)


def _document(plain: bool, **fields: Any) -> Document:
    """A document of these fields (strings): the contract's, or with `plain` the pipeline's own
    (`plain.Document`: `rasid extract` reads and codes its inputs without importing pydantic)."""
    if plain:
        return plain_records.Document(**fields)  # type: ignore[return-value]
    from .contract import Document

    return Document(**fields)


# ---------------------------------------------------------------------------------------------
# Structured records: JSONL, JSON, CSV


def _pick(keys: Iterable[str], wanted: str | None, guesses: tuple[str, ...]) -> str | None:
    keys = list(keys)
    if wanted:
        return wanted if wanted in keys else None
    lower = {k.lower().strip(): k for k in keys if isinstance(k, str)}
    return next((lower[g] for g in guesses if g in lower), None)


def _record(obj: dict, where: str, line: str, columns: Columns, plain: bool = False) -> Document | Reject:
    """A document from one JSON object or CSV row, with the column mapping applied."""
    text_key, date_key, id_key, field_keys = _layout(tuple(obj), columns)
    if text_key is None or not isinstance(obj.get(text_key), str):
        wanted = f"field {columns.text!r}" if columns.text else "text field (" + ", ".join(TEXT_COLUMNS[:4]) + ")"
        return Reject(str(obj.get(id_key) or where) if id_key else where,
                      f"{line}: no {wanted} holding a string; fields present: "
                      f"{', '.join(map(str, obj.keys()))[:200]}")
    doc_id = obj.get(id_key) if id_key else None
    pub = obj.get(date_key) if date_key else None
    title, url, outlet = obj.get("title"), obj.get("url"), obj.get("outlet")
    fields = {"id": str(doc_id) if doc_id not in (None, "") else where, "text": obj[text_key],
              "published": str(pub) if pub not in (None, "") else None,
              "title": None if title is None else str(title), "url": None if url is None else str(url),
              "outlet": None if outlet is None else str(outlet)}
    extra = {k: obj[k] for k in field_keys}
    if plain:
        return plain_records.Document(**fields, model_extra=extra)  # type: ignore[return-value]
    from .contract import document

    # every field a string (or None) here: built as validation would build it, without validating
    return document(fields, extra)


@lru_cache(maxsize=256)
def _layout(keys: tuple[object, ...], columns: Columns) -> tuple[str | None, str | None, str | None, tuple[str, ...]]:
    """The text, date and id fields of records with these keys, and the other fields a document
    keeps; worked out once per shape of record (a corpus has one or a few)."""
    names = [k for k in keys if isinstance(k, str)]
    fields = tuple(k for k in names if k.isidentifier() and k not in ("text", "id", "published", "title", "url", "outlet"))
    return (_pick(names, columns.text, TEXT_COLUMNS), _pick(names, columns.date, DATE_COLUMNS),
            _pick(names, columns.id, ID_COLUMNS), fields)


def documents_from_jsonl(lines: Iterable[str], source: str, columns: Columns = Columns(),
                         plain: bool = False) -> Iterator[Document | Reject]:
    """One document per JSON line; a malformed line becomes a Reject naming its line number."""
    for n, line in enumerate(lines, 1):
        if not line or line.isspace():
            continue
        where = f"{source}:{n}"
        if line.startswith("\x00undecodable"):
            yield Reject(where, f"line {n}: {line[len(chr(0)) + 11:] or 'cannot decode the line'}")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, f"line {n}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield Reject(where, f"line {n}: JSON nested too deeply")
            continue
        if not isinstance(obj, dict):
            yield Reject(where, f"line {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield _record(obj, where, f"line {n}", columns, plain)


def documents_from_json(text: str, source: str, columns: Columns = Columns(),
                        plain: bool = False) -> Iterator[Document | Reject]:
    """A JSON array of objects (or one object), one document each."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        yield Reject(source, f"malformed JSON: {exc}")
        return
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items, 1):
        where = f"{source}:{n}"
        if not isinstance(obj, dict):
            yield Reject(where, f"item {n}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield _record(obj, where, f"item {n}", columns, plain)


def documents_from_csv(text: str, source: str, columns: Columns = Columns(),
                       delimiter: str | None = None, plain: bool = False) -> Iterator[Document | Reject]:
    """One document per CSV row (header line first); rows are named by their line number."""
    csv.field_size_limit(MAX_FILE_BYTES)
    if delimiter is None:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield Reject(source, f"malformed CSV header: {exc}")
        return
    if _pick(header, columns.text, TEXT_COLUMNS) is None:
        wanted = f"column {columns.text!r}" if columns.text else "text column (text, content, body, article)"
        yield Reject(source, f"no {wanted} in the CSV header {header}; name it with --text-col")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(f"{source}:{reader.line_num}", f"line {reader.line_num}: malformed CSV ({exc})")
            continue
        where = f"{source}:{reader.line_num}"
        row = {k: v for k, v in row.items() if k is not None}
        yield _record(row, where, f"line {reader.line_num}", columns, plain)


# ---------------------------------------------------------------------------------------------
# Markup: HTML pages and feeds


def html_to_document(html: str, doc_id: str, published: str | None, url: str | None = None) -> Document | Reject:
    """The article of a news page (trafilatura drops navigation, tickers, share bars, related
    links, comments and footers); its title, date and site name become document fields.
    `published` (from the command line) overrides the page's date."""
    import trafilatura

    from .contract import Document

    html = _XML_INCOMPATIBLE.sub("", html)
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) \
            or trafilatura.extract(html, include_comments=False, include_tables=False, favor_recall=True)
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:  # noqa: BLE001 - a broken page must not stop the batch
        return Reject(doc_id, f"cannot parse the HTML page: {type(exc).__name__}: {exc}")
    if not text or not text.strip():
        return Reject(doc_id, "no article text found in the HTML page")
    title = meta.title if meta else None
    if title and title.strip() not in text[: len(title) + 200]:
        text = f"{title.strip()}\n{text}"  # the headline line, as in a plain-text article
    try:
        date = published or page_date(html)
    except Exception:  # noqa: BLE001 - no date is better than no document
        date = None
    return Document(id=doc_id, text=text, published=date,
                    title=title, url=url or (meta.url if meta else None),
                    outlet=meta.sitename if meta else None, extracted=True)


_DATE_LINE = re.compile(r"(?<!\d)(\d{1,2})\s+([\u0621-\u064A\u067E-\u06CC]{3,10})\s+(\d{4})(?!\d)")


def page_date(html: str) -> str | None:
    """The publication date of a page: from its meta tags and time elements (htmldate without its
    extensive search, which turns a bare '© 2022' into 2022-01-01), else from the first Arabic
    date line ('الإثنين 24 يناير 2022') in the page text, read by dateparser."""
    from htmldate import find_date

    try:
        found = find_date(html, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate on broken markup
        found = None
    if found:
        return found
    import dateparser

    for m in _DATE_LINE.finditer(_markup_to_text(html)[:20000]):
        parsed = dateparser.parse(m.group(0), languages=["ar"], settings={"STRICT_PARSING": True})
        if parsed:
            return parsed.date().isoformat()
    return None


_XML_INCOMPATIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _markup_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's summary): paragraphs become lines."""
    fragment = _XML_INCOMPATIBLE.sub("", fragment)  # lxml refuses control characters
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
        for bad in root.xpath("//script|//style"):
            bad.drop_tree()
        for block in root.xpath("//p|//br|//div|//li|//h1|//h2|//h3|//h4"):
            block.tail = "\n" + (block.tail or "")
        text = root.text_content()
    except Exception:  # noqa: BLE001 - unparsable markup: strip tags crudely
        text = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"[ \t]*\n\s*", "\n", text).strip()


def documents_from_feed(text_or_bytes: str | bytes, source: str) -> Iterator[Document | Reject]:
    """One document per RSS/Atom entry: the title as headline line, then the entry's content."""
    import feedparser

    from .contract import Document

    try:
        feed = feedparser.parse(text_or_bytes)
    except Exception as exc:  # noqa: BLE001 - a broken feed must not stop the batch
        yield Reject(source, f"cannot parse the feed: {type(exc).__name__}: {exc}")
        return
    if not feed.entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        yield Reject(source, f"no entries in the feed{why}")
        return
    outlet = feed.feed.get("title") or None
    for n, entry in enumerate(feed.entries, 1):
        doc_id = entry.get("id") or entry.get("link") or f"{source}:{n}"
        title = _markup_to_text(entry.get("title") or "")
        bodies = [c.get("value", "") for c in entry.get("content") or []] or [entry.get("summary") or ""]
        body = _markup_to_text(max(bodies, key=len))
        text = body if not title or body.startswith(title) else f"{title}\n{body}"
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}" if parsed else None
        yield Document(id=str(doc_id), text=text, published=published, title=title or None,
                       url=entry.get("link"), outlet=outlet, extracted=True)


# ---------------------------------------------------------------------------------------------
# Files, folders, URLs, stdin


def read_path(path: Path, published: str | None, columns: Columns = Columns(),
              name: str | None = None, plain: bool = False) -> Iterator[Document | Reject]:
    """Documents of one file: its kind from the extension, else from the content. `name` (default:
    the file name) identifies its documents ('name', 'name:line'); `plain`: see `read_inputs`."""
    name = name or path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES and path.suffix.lower() not in JSONL_EXT:
            yield Reject(name, f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,}); split it")
            return
        if path.suffix.lower() in JSONL_EXT:  # streamed: a corpus may be larger than memory allows
            with path.open("rb") as fh:
                yield from documents_from_jsonl((_decode_line(b) for b in fh), name, columns, plain)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Reject(name, f"cannot read {path}: {exc.strerror or exc}")
        return
    if not data.strip():
        yield _document(plain, id=name, text="", published=published)  # the pipeline reports it as empty
        return
    try:
        text = decode(data)
    except Undecodable as exc:
        yield Reject(name, f"cannot decode {path}: {exc}")
        return
    kind = _kind_of(path, text)
    yield from documents_from_text(text, name, kind, published, columns, plain=plain)


def _warn(message: str, *args: object) -> None:
    """A warning on this module's logger. (logging is imported here, not at the top: every run
    imports this module, and only a folder with files passed over logs anything.)"""
    import logging

    logging.getLogger(__name__).warning(message, *args)


def _decode_line(raw: bytes) -> str:
    # Most lines are plain UTF-8 without control characters: `decode` would find the same text.
    # (The control characters are told in the bytes, by a deletion at C speed: in UTF-8 each is its
    # own byte, which no other character's bytes hold.)
    if not raw.startswith(_BYTE_ORDER_MARKS) and not raw.translate(None, _NOT_CONTROL):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
    try:
        return decode(raw)
    except Undecodable as exc:
        return f"\x00undecodable{exc}"


def fetch_url(url: str, published: str | None, columns: Columns = Columns(),
              plain: bool = False) -> Iterator[Document | Reject]:
    """A user-given URL: a news page or a feed. Offline or unreachable gives a Reject."""
    import urllib.error  # here, not at the top: it costs every run a fifth of its imports
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "rasid/0.1 (+https://github.com/rasid)"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as resp:
            data = resp.read(MAX_FILE_BYTES + 1)
            content_type = resp.headers.get("Content-Type", "")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        yield Reject(url, f"cannot fetch {url}: {reason}")
        return
    if len(data) > MAX_FILE_BYTES:
        yield Reject(url, f"response too large (over {MAX_FILE_BYTES:,} bytes)")
        return
    try:
        text = decode(data)
    except Undecodable as exc:
        yield Reject(url, f"cannot decode {url}: {exc}")
        return
    kind = sniff(text)
    if kind == "text" and "html" in content_type:
        kind = "html"
    elif any(t in content_type for t in ("rss", "atom")):
        kind = "feed"
    yield from documents_from_text(text, url, kind, published, columns, url=url, plain=plain)


def read_folder(folder: Path, published: str | None, columns: Columns = Columns(),
                follow_links: bool = False, plain: bool = False) -> Iterator[Document | Reject]:
    """Every file under a folder with a known extension, in sorted order; hidden files and other
    extensions (images, archives) are not inputs and are only counted in a log message.

    The folder is a boundary: a link to a file outside it, and any link to a folder, is not read
    unless `follow_links` (then link loops are walked once). Whatever is passed over for another
    reason than its extension (such links, broken links, FIFOs and devices, unreadable folders) is
    named in a warning on stderr; a folder that cannot be listed at all is a Reject."""
    files, skipped, cannot_list = _folder_files(folder, follow_links)
    if cannot_list:
        yield Reject(str(folder), f"cannot read the folder {folder}: {cannot_list}")
        return
    for path, why in skipped:
        _warn("rasid: %s: skipped %s: %s", folder, path.relative_to(folder).as_posix(), why)
    others = [p for p in files if p.suffix.lower() not in FOLDER_EXT]
    if others:
        _warn("%s: skipped %d file(s) with other extensions, e.g. %s", folder, len(others), others[0].name)
    for p in files:
        if p.suffix.lower() in FOLDER_EXT:
            yield from read_path(p, published, columns, name=p.relative_to(folder).as_posix(), plain=plain)


def _folder_files(folder: Path, follow_links: bool) -> tuple[list[Path], list[tuple[Path, str]], str | None]:
    """The regular files under `folder` (sorted), what was passed over and why, and why the folder
    itself cannot be listed (None when it can)."""
    root = folder.resolve()
    files: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    top_error: list[str] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(err: OSError) -> None:
        where = Path(err.filename) if err.filename else folder
        if where == folder:
            top_error.append(err.strerror or str(err))
        else:
            skipped.append((where, f"cannot read the folder: {err.strerror or err}"))

    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=follow_links):
        here = Path(dirpath)
        st = here.stat()
        if (st.st_dev, st.st_ino) in seen:  # a link loop (followed links only)
            skipped.append((here, "a link back to a folder already read"))
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        if not follow_links:
            for d in [d for d in dirnames if (here / d).is_symlink()]:
                skipped.append((here / d, "a link to a folder: not followed (--follow-links follows it)"))
        for name in filenames:
            path = here / name
            if name.startswith("."):
                continue
            why = _not_readable(path, root, follow_links)
            if why:
                skipped.append((path, why))
            else:
                files.append(path)
    return sorted(files), skipped, (top_error[0] if top_error else None)


def _not_readable(path: Path, root: Path, follow_links: bool) -> str | None:
    """Why a folder entry is not read as an input (None: it is a regular file to read)."""
    try:
        st = path.stat()
    except OSError as exc:  # a broken link, a link loop, no permission
        return f"{'a broken link or link loop' if path.is_symlink() else 'cannot read it'}: {exc.strerror or exc}"
    if path.is_symlink() and not follow_links and not path.resolve().is_relative_to(root):
        return f"a link to {path.resolve()}, outside the folder: not read (--follow-links reads it)"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file (a FIFO, socket or device)"
    return None


def read_inputs(inputs: list[str], published: str | None = None, columns: Columns = Columns(),
                follow_links: bool = False, plain: bool = False) -> Iterator[Document | Reject]:
    """Documents of every input in order: files, folders (recursive, see `read_folder` for
    `follow_links`), URLs and '-' for stdin. A named file that is not a regular file (a FIFO,
    a device) is a Reject: reading it could block forever. With `plain`, text, JSON and CSV
    inputs become the pipeline's own documents (`plain.Document`), made without pydantic, which
    `rasid extract` codes without importing it; pages and feeds are the contract's `Document`s."""
    for item in inputs or ["-"]:
        if item == "-":
            data = sys.stdin.buffer.read()
            try:
                text = decode(data)
            except Undecodable as exc:
                yield Reject("stdin", f"cannot decode stdin: {exc}")
                continue
            yield from documents_from_text(text, "stdin", sniff(text), published, columns, plain=plain)
        elif re.match(r"https?://", item):
            yield from fetch_url(item, published, columns, plain)
        else:
            path = Path(item)
            if path.is_dir():
                yield from read_folder(path, published, columns, follow_links, plain)
            elif path.is_file():
                yield from read_path(path, published, columns, plain=plain)
            elif path.exists():
                yield Reject(item, "not a regular file (a FIFO, socket or device)")
            else:
                yield Reject(item, f"no such file or folder: {item}")
