"""The development sentences: detection must stay above the bars of issue 2."""

from __future__ import annotations

from rasid.evaluate import evaluate_file


def test_development_f1_bars(dev_path):
    report, _, _ = evaluate_file(dev_path)
    assert report.types["ASSAULT"].f1 >= 0.72
    assert report.types["PROTEST"].f1 >= 0.65
