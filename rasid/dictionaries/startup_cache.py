"""What every process builds from package data at start-up, kept in a file between runs.

WHY: `rasid extract` is often one process per file or per batch, and a third of the start-up of one
was building the same tables from the same files (the gate's weights, the lexicons). A value built
here is a plain structure (str, int, float, tuple, list, dict, set: what `marshal` writes, exactly,
floats bit for bit), stored under a key that is the content of everything it was built from: the
data files' bytes and the code that builds it (the building modules' sources; in the compiled build,
the size and time of the shared library that holds their code, as Python judges a stale bytecode
file), with the Python version and this module's format. Any change of either gives another key,
hence a rebuild; a data file is never trusted by its date or name.

Where: `RASID_CACHE_DIR`, else `$XDG_CACHE_HOME/rasid` (`~/.cache/rasid`); `RASID_CACHE_DIR=0` turns
the cache off. A folder that cannot be written (a read-only home, a sandbox) only means the value is
built, as without the cache; a file that cannot be read or does not hold its own key is rebuilt.
Files are written whole under a temporary name and then renamed, so a process never reads another's
half-written file.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Final

CACHE_ENV: Final = "RASID_CACHE_DIR"
# Bumped when what a cache file holds changes shape for the same key.
FORMAT: Final = 1


def cache_dir() -> Path | None:
    """The folder of the start-up cache, or None when it is turned off."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen == "0":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if not os.path.isabs(base):  # (unset, or relative, which the XDG rules say to ignore)
        home = os.path.expanduser("~")
        if not os.path.isabs(home):  # no home to be found: no cache rather than one in the working folder
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "rasid"


def module_code(module_name: str) -> bytes:
    """What identifies a module's code: its source's bytes, or for a compiled module (an extension,
    whose code is in the build's shared library) the size and time of that file and the library, as
    Python tells a stale bytecode file. A change of the code that builds a cached value must change
    its key."""
    path = getattr(sys.modules[module_name], "__file__", None)
    if not path:
        return module_name.encode()
    if path.endswith(".py"):
        return Path(path).read_bytes()
    shared = getattr(sys.modules.get(_COMPILED_LIBRARY), "__file__", None)
    return repr([(p, os.stat(p).st_size, os.stat(p).st_mtime_ns) for p in (path, shared) if p]).encode()


# The shared library of the mypyc-compiled build (setup.py's group name), which holds the code of
# every compiled module.
_COMPILED_LIBRARY: Final = "rasid__mypyc"


def content_key(sources: Iterable[bytes]) -> str:
    """The key of a value built from `sources` (the bytes of everything it reads, code included)."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version} {marshal.version}".encode())
    for source in sources:
        digest.update(len(source).to_bytes(8, "little"))
        digest.update(source)
    return digest.hexdigest()


def cached(name: str, sources: Iterable[bytes], build: Callable[[], Any]) -> Any:
    """The value `build()` makes from `sources` (the bytes of everything it reads, code included),
    read from the cache when a previous process stored it under the same content, else built and
    stored. `build` must give what `marshal` writes."""
    return cached_under(name, content_key(sources), build)


def cached_under(name: str, key: str, build: Callable[[], Any]) -> Any:
    """`cached`, with the key of the sources already worked out (`content_key`)."""
    folder = cache_dir()
    path = folder / f"{name}-{key[:32]}.marshal" if folder is not None else None
    if path is not None:
        found, value = _read(path, key)
        if found:
            return value
    value = build()
    if path is not None:
        _store(path, name, marshal.dumps((key, value)))
    return value


def kept(name: str, sources: Iterable[bytes], build: Callable[[], Any]) -> Any | None:
    """`cached`, for a value worth having only when it is kept between runs (work done ahead that a
    process would otherwise do only as far as it needs): None, and nothing built, when the cache is
    off or its folder cannot be written, where every process would pay for building it."""
    folder = cache_dir()
    if folder is None:
        return None
    key = content_key(sources)
    path = folder / f"{name}-{key[:32]}.marshal"
    found, value = _read(path, key)
    if found:
        return value
    if not _writable(folder):
        return None
    value = build()
    _store(path, name, marshal.dumps((key, value)))
    return value


def _read(path: Path, key: str) -> tuple[bool, Any]:
    """(True, the value) of a cache file holding `key`, else (False, None)."""
    try:
        stored_key, value = marshal.loads(path.read_bytes())
        if stored_key == key:
            return True, value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return False, None


def _writable(folder: Path) -> bool:
    """Whether files can be written in the cache folder (made when missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


# Files kept per name (the newest): a file is written only after its data or code changed, and a
# developer changing a module of the text layer would otherwise leave megabytes behind at each
# change. Enough for the pure and the compiled build of two versions side by side, each with the
# two scanners of the pipeline.
KEPT_PER_NAME: Final = 8


def _store(path: Path, name: str, data: bytes) -> None:
    """Write a cache file whole, or not at all (a folder that cannot be written is no error), and
    remove the oldest of its name beyond `KEPT_PER_NAME`."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # (one writer each)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        kept = sorted(path.parent.glob(f"{name}-{'[0-9a-f]' * 32}.marshal"), key=_age)
        for old in kept[KEPT_PER_NAME:]:
            old.unlink(missing_ok=True)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def _age(path: Path) -> float:
    """Newest first: minus the time the file was written (0 for one already gone)."""
    try:
        return -path.stat().st_mtime
    except OSError:
        return 0.0
