"""Rasid (راصد): Arabic news in, coded, geocoded, source-attributed event data out."""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Document", "DocumentResult", "Event", "__version__", "build_info", "compiled_modules", "extract", "process",
           "to_dataframe"]

if TYPE_CHECKING:
    from .contract import Document, DocumentResult, Event
    from .pipeline import extract, process
    from .store.export import to_dataframe


def compiled_modules() -> list[str]:
    """The rasid modules that are C extensions (the mypyc-compiled build, see setup.py), sorted.

    Read from the files on disk, without importing anything: an extension module beside its .py is
    the one Python imports, so this is what runs, and a stale .so in a source tree shows up here."""
    package = Path(__file__).resolve().parent
    suffixes = sorted(EXTENSION_SUFFIXES, key=len, reverse=True)  # '.cpython-311-…so' before '.so'
    found = set()
    for path in package.rglob("*"):
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix:
            parts = path.relative_to(package).with_name(path.name[: -len(suffix)]).parts
            found.add(".".join(("rasid", *parts)).removesuffix(".__init__"))
    return sorted(found)


def build_info() -> str:
    """Which build of Rasid this is, for benchmarks and bug reports: 'compiled (mypyc)' or 'pure Python'."""
    return "compiled (mypyc)" if compiled_modules() else "pure Python"


def __getattr__(name: str) -> Any:
    # Imported lazily so that `rasid --help` does not pay for pydantic and the lexicons.
    if name in ("extract", "process"):
        from . import pipeline

        return getattr(pipeline, name)
    if name == "to_dataframe":
        from .store.export import to_dataframe

        return to_dataframe
    if name in ("Document", "DocumentResult", "Event"):
        from . import contract

        return getattr(contract, name)
    raise AttributeError(name)
