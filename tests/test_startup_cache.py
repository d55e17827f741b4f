"""The start-up cache (rasid/dictionaries/startup_cache.py): a value is built once per content, read back
exactly, rebuilt when anything it is built from changes, and built as before where nothing can be
written or read."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from rasid.dictionaries import startup_cache
from rasid.dictionaries.startup_cache import cached


def _counting(value: object) -> tuple[list[int], object]:
    calls: list[int] = []

    def build() -> object:
        calls.append(1)
        return value

    return calls, build


VALUE = {"a": (0.1, -0.0, 1e-300, float("inf")), "b": ["x", {"y": 3}], "c": {"z"}}


def test_a_value_is_built_once_and_read_back_exactly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    calls, build = _counting(VALUE)
    first = cached("t", [b"data"], build)
    again = cached("t", [b"data"], build)
    assert first == again == VALUE and len(calls) == 1
    # floats bit for bit (-0.0 is not 0.0)
    assert struct.pack("<d", again["a"][1]) == struct.pack("<d", -0.0)


def test_other_content_is_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    calls, build = _counting(VALUE)
    cached("t", [b"data"], build)
    cached("t", [b"data!"], build)
    cached("t", [b"dat", b"a"], build)  # the same bytes cut elsewhere are other sources
    assert len(calls) == 3
    assert len(list(tmp_path.iterdir())) == 3


def test_a_damaged_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    calls, build = _counting(VALUE)
    cached("t", [b"data"], build)
    (path,) = tmp_path.iterdir()
    path.write_bytes(path.read_bytes()[:20])
    assert cached("t", [b"data"], build) == VALUE and len(calls) == 2
    assert cached("t", [b"data"], build) == VALUE and len(calls) == 2  # rewritten whole


def test_only_the_newest_files_of_a_name_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    kept = startup_cache.KEPT_PER_NAME
    for n in range(kept + 3):
        source = [str(n).encode()]
        cached("t", source, lambda value=n: value)
        written = tmp_path / f"t-{startup_cache.content_key(source)[:32]}.marshal"
        os.utime(written, (1e9 + n, 1e9 + n))  # in order of writing, whatever the clock's resolution
    cached("t-other", [b"x"], lambda: 0)  # another name: its files do not count
    assert len(list(tmp_path.glob("t-" + "[0-9a-f]" * 32 + ".marshal"))) == kept
    assert cached("t", [str(kept + 2).encode()], lambda: -1) == kept + 2  # the newest stayed
    assert cached("t", [b"0"], lambda: -1) == -1  # the oldest went


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_folder_that_cannot_be_written_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tmp_path.chmod(0o500)
    try:
        monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path / "cache"))
        calls, build = _counting(VALUE)
        assert cached("t", [b"data"], build) == VALUE
        assert cached("t", [b"data"], build) == VALUE and len(calls) == 2
    finally:
        tmp_path.chmod(0o700)


def test_a_folder_that_is_a_file_only_means_building(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(What a read-only install comes to, even for root.)"""
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(blocker / "cache"))
    calls, build = _counting(VALUE)
    assert cached("t", [b"data"], build) == VALUE
    assert cached("t", [b"data"], build) == VALUE and len(calls) == 2


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(startup_cache.CACHE_ENV, "0")
    assert startup_cache.cache_dir() is None
    calls, build = _counting(VALUE)
    cached("t", [b"data"], build)
    cached("t", [b"data"], build)
    assert len(calls) == 2


def test_a_value_kept_only_if_it_can_be_is_built_only_where_it_can(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """`kept`: None, and nothing built, with the cache off or a folder that cannot be made; else built
    once and read back."""
    calls, build = _counting(VALUE)
    monkeypatch.setenv(startup_cache.CACHE_ENV, "0")
    assert startup_cache.kept("t", [b"data"], build) is None
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(blocker / "cache"))
    assert startup_cache.kept("t", [b"data"], build) is None
    assert not calls
    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path / "cache"))
    assert startup_cache.kept("t", [b"data"], build) == VALUE
    assert startup_cache.kept("t", [b"data"], build) == VALUE and len(calls) == 1


def test_the_gate_read_through_the_cache_is_the_gate_of_the_file(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Built, then read back: every table the same, weight for weight, bit for bit."""
    from importlib import resources

    from rasid.dictionaries import models

    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    data = resources.files("rasid.data").joinpath(models.GATE_FILE).read_bytes()
    plain = models.read_gate(data)
    for _ in range(2):  # built and stored, then read back
        gate = models.cached_gate(data)
        for name in ("settings", "article_margin", "types", "index", "biases", "thresholds", "table", "grams"):
            assert repr(getattr(gate, name)) == repr(getattr(plain, name)), name
    assert len(list(tmp_path.glob("gate-[0-9a-f]*"))) == 1  # (beside what is kept for the news words)


def test_the_pipeline_s_scanners_read_through_the_cache_are_laid_out_as_built(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each group of lexicons the pipeline scans together: its scanner's layout built and stored, then
    read back, is the layout of a scanner made without the cache; and another lexicon's is another."""
    from rasid.dictionaries.scanner import Scanner, _layout
    from rasid.pipeline.analysis import SCANNED_FIRST, SCANNED_FOR_RESOLVERS, dictionary

    monkeypatch.setenv(startup_cache.CACHE_ENV, str(tmp_path))
    for group in (SCANNED_FIRST, SCANNED_FOR_RESOLVERS):
        matchers = [dictionary(n) for n in group]
        plain = _layout(matchers)
        for _ in range(2):
            scanner = Scanner(matchers, cache=True)
            assert scanner._patterns == plain[0] and scanner._word_ends == plain[2]
            assert (scanner._closing, scanner._closing_stems, scanner._stem_lengths, scanner._stem_heads) == plain[7:11]
            assert scanner._in_word.ids == plain[1] and scanner._other.ids == plain[4]
    assert len(list(tmp_path.glob("scanner-[0-9a-f]*"))) == 2


def test_the_cache_s_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(startup_cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert startup_cache.cache_dir() == tmp_path / "rasid"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # ignored, as the XDG rules say
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert startup_cache.cache_dir() == tmp_path / "home" / ".cache" / "rasid"
