"""The `rasid` command: extract, eval and schema as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from rasid.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-P", "-m", "rasid.cli", *args], check=False, input=stdin, capture_output=True,
                          text=True, cwd=ROOT)


def test_extract_text_file_with_published_date(tmp_path):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(ROOT / "examples" / "hasakah-prison.txt"), "--published", "2022-01-24",
                 "--output", str(out)]) == 0
    (line,) = out.read_text(encoding="utf-8").splitlines()
    result = json.loads(line)
    assert result["id"] == "hasakah-prison.txt"
    assert result["published"] == "2022-01-24"
    assert {e["plover"] for e in result["events"]} >= {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}


def test_jsonl_keeps_order_and_reports_bad_lines(tmp_path):
    src = tmp_path / "docs.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "text": "تظاهر مئات الطلاب في الخرطوم أمس.", "published": "2019-01-10"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d", "text": "The army shelled the town."}),
        json.dumps({"id": "e", "text": "قتل جنديان في انفجار عبوة ناسفة شمال بغداد."}, ensure_ascii=False),
    ]), encoding="utf-8")
    proc = run("extract", str(src))
    results = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [r["id"] for r in results] == ["a", "docs.jsonl:2", "c", "d", "e"]
    assert "line 2" in results[1]["error"]
    assert "empty" in results[2]["warnings"][0]
    assert "not Arabic" in results[3]["warnings"][0]
    assert results[0]["events"][0]["plover"] == "PROTEST"
    assert results[4]["events"][0]["plover"] == "ASSAULT"
    assert "line 2" in proc.stderr


def test_stdin_plain_text():
    proc = run("extract", "-", "--published", "2021-03-01", stdin="اعتقلت قوات الأمن عشرة أشخاص في بغداد.")
    result = json.loads(proc.stdout)
    assert result["id"] == "stdin"
    assert result["events"][0]["plover"] == "COERCE"


def test_json_format_is_one_array(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("تظاهر المئات في بيروت.", encoding="utf-8")
    proc = run("extract", str(src), str(src), "--format", "json")
    assert len(json.loads(proc.stdout)) == 2


def test_missing_file_is_a_usage_error_before_any_work():
    proc = run("extract", "no-such-file.txt")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "no such file or folder: no-such-file.txt" in proc.stderr


def test_schema_describes_the_contract():
    schema = json.loads(run("schema").stdout)
    event = schema["$defs"]["Event"]["properties"]
    for field in ("plover", "plover_mode", "acled_event_type", "cameo", "actor1", "location", "date",
                  "time_precision", "fatalities", "certainty", "claimed_by", "evidence", "main"):
        assert field in event


def test_eval_scores_a_gold_file(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "published": "2008-01-10", "text": "قتل خمسة جنود في هجوم انتحاري شمال بغداد أمس.",
         "labels": {"ASSAULT": "yes"}, "actors": []},
        {"id": "2", "published": "2008-01-10", "text": "وأكد الوزير أن الحكومة ستواصل الإصلاحات الاقتصادية.",
         "labels": {"ASSAULT": "easy no", "PROTEST": "easy no"}, "actors": []},
        {"id": "3", "published": "2008-01-10", "text": "تظاهر آلاف الطلاب أمام البرلمان احتجاجا على الغلاء.",
         "labels": {"PROTEST": "yes"}, "actors": []},
        {"id": "4", "published": "2008-01-10", "text": "وطالب المتظاهرون بخفض الأسعار.",
         "labels": {"PROTEST": "difficult no"}, "actors": []},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = run("eval", str(gold)).stdout
    assert "ASSAULT   precision 1.000  recall 1.000  F1 1.000" in out
    assert "PROTEST   precision 1.000  recall 1.000  F1 1.000" in out
    assert "0/1 'difficult no'" in out
