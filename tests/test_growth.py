"""Time grows linearly with the text (issue 18): four times the input takes at most five times as
long, for the shapes that were cubic (one phrase repeated, one long sentence joined by commas) and
for many short sentences. The least CPU time of the test's thread (not wall time: other processes, and threads
other tests left running, would count) of a few runs, in-process, after a warm-up."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from rasid.pipeline import detect
from rasid.pipeline.analysis import Analysis
from rasid.pipeline.run import extract
from rasid.text import MAX_SENTENCE_WORDS

REPORT = ("قتل خمسة أشخاص وأصيب عشرة آخرون في هجوم بسيارة مفخخة استهدف سوقا شعبيا في مدينة الموصل شمال "
          "العراق يوم الأحد بحسب ما أفادت مصادر أمنية وقال مسؤول في الشرطة إن المهاجمين فروا")
SHAPES = {
    "repeated phrase": ("لم يقتل", " "),
    "comma-joined sentence": (REPORT, "، "),
    "short sentences": (REPORT, ". "),
}


def text_of(shape: str, size: int) -> str:
    unit, sep = SHAPES[shape]
    return sep.join([unit] * (size // (len(unit) + len(sep)) + 1))[:size]


def cpu_time(text: str) -> float:
    """CPU time of this thread for one extraction, the garbage collector paused: a full collection
    walks every object the tests before this one left alive, a cost of the test run's heap and not
    of the text's length."""
    gc.collect()
    gc.disable()
    try:
        started = time.thread_time()  # this thread only: threads left by other tests do not count
        extract(text, "2024-01-01")
        return time.thread_time() - started
    finally:
        gc.enable()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_four_times_the_text_takes_at_most_five_times_as_long(shape: str) -> None:
    """The least time of several runs, small and large taken in turn, so that a busy spell of the
    machine (other processes share its cores and caches) weighs on both sizes alike."""
    extract(text_of(shape, 2_000), "2024-01-01")  # warm-up: lexicons and models loaded
    small_text, large_text = text_of(shape, 12_000), text_of(shape, 48_000)
    small, large = float("inf"), float("inf")
    for _ in range(4):
        small = min(small, cpu_time(small_text))
        large = min(large, cpu_time(large_text))
    assert large <= 5 * small + 0.05, f"{shape}: {small:.3f} s for 12 kB, {large:.3f} s for 48 kB"


def test_ten_kilobytes_of_one_phrase_take_under_a_second() -> None:
    extract("لم يقتل", "2024-01-01")
    started = time.perf_counter()
    extract("لم يقتل " * 1_250, "2024-01-01")
    assert time.perf_counter() - started < 1.0


def test_a_long_run_is_cut_into_pieces_and_real_sentences_are_not() -> None:
    an = Analysis(text_of("repeated phrase", 20_000))
    assert len(an.sentences) > 1
    assert all(len(an.norm[s.start:s.end].split()) <= MAX_SENTENCE_WORDS for s in an.sentences)
    comma = Analysis(text_of("comma-joined sentence", 20_000))  # cut after a comma
    assert all(comma.norm[s.end - 1] == "," for s in comma.sentences[:-1])
    report = Analysis(REPORT + "، " + REPORT + ".")
    assert len(report.sentences) == 1


def test_far_cues_reach_only_with_a_sentence_scope() -> None:
    """`detect._far_cues` answers for cues more than NEAR_WORDS words before a trigger: sound only
    while every numeric scope of cues.tsv (and a clause's reach) is shorter than that."""
    path = Path(detect.__file__).parent.parent / "data" / "cues.tsv"
    scopes = [line.split("\t")[3].strip() for line in path.read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#") and line.count("\t") >= 3]
    numeric = [int(s) for s in scopes if s.isdigit()]
    assert numeric and max(numeric) < detect.NEAR_WORDS - 1
    assert detect._CLAUSE_WORDS < detect.NEAR_WORDS - 1
