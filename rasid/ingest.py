"""Inputs → Documents: one shape for every kind of input.

`read_inputs` yields, in input order, either a `Document` or a `Reject` (an input that could not be
read, with the reason), so a batch never stops on bad input and nothing is silently dropped.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .model import Document

MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that produced no document: `id` names it (file, file:line), `error` says why."""

    id: str
    error: str


def decode(data: bytes) -> str:
    """Text from bytes: UTF-8 (with or without BOM), else the Arabic legacy code pages."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in ("cp1256", "iso-8859-6"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise UnicodeDecodeError("utf-8", data, 0, 1, "not UTF-8, windows-1256 or ISO-8859-6")


def documents_from_jsonl(lines: Iterator[str], source: str) -> Iterator[Document | Reject]:
    """One document per JSON line; a malformed line becomes a Reject naming its line number."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, f"line {n}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield Reject(str(obj.get("id", where)) if isinstance(obj, dict) else where,
                         f"line {n}: expected an object with a string 'text' field")
            continue
        obj["id"] = str(obj.get("id") or where)
        pub = obj.get("published")
        obj["published"] = str(pub) if pub not in (None, "") else None
        for key in ("title", "url", "outlet"):
            if obj.get(key) is not None and not isinstance(obj[key], str):
                obj[key] = str(obj[key])
        yield Document(**obj)


def html_to_document(html: str, doc_id: str, published: str | None) -> Document | Reject:
    """The article of a news page (trafilatura drops navigation, related links and comments)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta = trafilatura.extract_metadata(html)
    if not text:
        return Reject(doc_id, "no article text found in the HTML page")
    return Document(id=doc_id, text=text, published=published or (meta.date if meta else None),
                    title=meta.title if meta else None, url=meta.url if meta else None,
                    outlet=meta.sitename if meta else None)


def read_path(path: Path, published: str | None) -> Iterator[Document | Reject]:
    """Documents of one file (.jsonl: one per line; .html: the article; anything else: plain text)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES and path.suffix.lower() != ".jsonl":
            yield Reject(path.name, f"file too large: {size:,} bytes (limit {MAX_FILE_BYTES:,})")
            return
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as fh:
                yield from documents_from_jsonl((_decode_line(b) for b in fh), path.name)
            return
        text = decode(path.read_bytes())
    except (OSError, UnicodeDecodeError) as exc:
        yield Reject(path.name, f"cannot read {path}: {exc}")
        return
    if path.suffix.lower() in (".html", ".htm"):
        yield html_to_document(text, path.name, published)
    else:
        yield Document(id=path.name, text=text, published=published)


def _decode_line(raw: bytes) -> str:
    try:
        return decode(raw)
    except UnicodeDecodeError:
        return "\x00undecodable"


def read_inputs(inputs: list[str], published: str | None = None) -> Iterator[Document | Reject]:
    """Documents of every input in order: paths, folders (recursive) and '-' for stdin."""
    for item in inputs or ["-"]:
        if item == "-":
            data = sys.stdin.buffer.read()
            try:
                text = decode(data)
            except UnicodeDecodeError as exc:
                yield Reject("stdin", f"cannot decode stdin: {exc}")
                continue
            if text.lstrip().startswith("{"):
                yield from documents_from_jsonl(iter(text.splitlines()), "stdin")
            else:
                yield Document(id="stdin", text=text, published=published)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()
                                and p.suffix.lower() in (".txt", ".html", ".htm", ".jsonl")):
                yield from read_path(child, published)
        elif path.exists():
            yield from read_path(path, published)
        else:
            yield Reject(item, f"no such file or folder: {item}")
