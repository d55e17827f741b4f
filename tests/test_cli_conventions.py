"""CLI conventions (issue 16): exit status, filter values checked and spelled as users spell them,
missing databases refused, tables for people, Parquet and DataFrames for analysts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import rasid
from rasid.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "hasakah-prison.txt"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The worked example stored in a fresh database (12 events, all in al-Hasakah, Syria)."""
    path = tmp_path_factory.mktemp("store") / "events.db"
    assert main(["ingest", str(EXAMPLE), "--published", "2022-01-24", "--db", str(path)]) == 0
    return str(path)


def events(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, list[dict], str]:
    capsys.readouterr()
    code = main(["events", "--db", db, *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


# ---- exit status ----------------------------------------------------------------------------

def test_extract_all_good_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "a.txt"
    src.write_text("اعتقلت قوات الأمن عشرة أشخاص في بغداد.", encoding="utf-8")
    assert main(["extract", str(src), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_extract_missing_file_exits_2_and_extracts_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "a.txt"
    good.write_text("تظاهر المئات في بيروت.", encoding="utf-8")
    assert main(["extract", str(good), str(tmp_path / "nope.txt"), "-q"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert f"no such file or folder: {tmp_path / 'nope.txt'}" in err


def test_extract_some_inputs_failed_exits_1_naming_each(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "good.txt").write_text("قتل جنديان في انفجار عبوة ناسفة شمال بغداد.", encoding="utf-8")
    (tmp_path / "english.txt").write_text("The army shelled the town.", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")  # misnamed
    assert main(["extract", str(tmp_path), "-q"]) == 1
    out, err = capsys.readouterr()
    results = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert results["good.txt"]["events"][0]["plover"] == "ASSAULT"  # the good one is still coded
    assert "english.txt: not Arabic" in err
    assert "image.txt: " in err and "binary" in err
    assert "2 of 3 documents failed" in err


def test_extract_only_unusable_inputs_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.bin").write_bytes(b"\x00\x01\x02\x03" * 20)
    assert main(["extract", str(tmp_path / "empty.txt"), str(tmp_path / "image.bin"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "empty.txt: empty document" in err and "image.bin" in err


def test_missing_database_exits_2_and_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mistyped.db"
    for command in (["events"], ["incidents"], ["export", "--format", "geojson"]):
        assert main([*command, "--db", str(path)]) == 2
        assert f"no database at {path}" in capsys.readouterr().err
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


# ---- filters --------------------------------------------------------------------------------

def test_unknown_plover_type_exits_2_naming_the_valid_ones(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, err = events(capsys, db, "--plover", "ATTACK")
    assert code == 2 and rows == []
    assert "unknown PLOVER type 'ATTACK'" in err
    for valid in ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN"):
        assert valid in err


@pytest.mark.parametrize(("option", "value", "named"), [
    ("--certainty", "probable", "asserted, claimed, denied"),
    ("--acled-type", "Fighting", "Battles"),
    ("--country", "Syra", "give an ISO3 code"),
    ("--admin1", "Hasakh", "unknown province"),
])
def test_unknown_filter_values_exit_2(db: str, capsys: pytest.CaptureFixture[str], option: str, value: str,
                                      named: str) -> None:
    code, rows, err = events(capsys, db, option, value)
    assert code == 2 and rows == []
    assert named in err


@pytest.mark.parametrize("admin1", ["الحسكة", "محافظة الحسكة", "Al Hasakah", "al-hasakah", "Al Ḩasakah",
                                    "Hasakah Governorate"])
def test_admin1_whatever_the_script_or_marks(db: str, capsys: pytest.CaptureFixture[str], admin1: str) -> None:
    code, rows, _ = events(capsys, db, "--admin1", admin1)
    assert code == 0
    assert len(rows) == 12
    assert {r["location"]["admin1"] for r in rows} == {"Al Ḩasakah"}


@pytest.mark.parametrize("country", ["Syria", "سوريا", "SYR", "syr"])
def test_country_by_code_or_name(db: str, capsys: pytest.CaptureFixture[str], country: str) -> None:
    code, rows, _ = events(capsys, db, "--country", country)
    assert code == 0 and len(rows) == 12


def test_a_known_value_without_matches_is_not_an_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert events(capsys, db, "--country", "Iraq")[:2] == (0, [])
    assert events(capsys, db, "--admin1", "بغداد")[:2] == (0, [])
    code, rows, _ = events(capsys, db, "--plover", "assault", "--acled-type", "battles")
    assert code == 0 and rows and {r["acled_event_type"] for r in rows} == {"Battles"}


def test_incidents_take_the_same_spellings(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["incidents", "--db", db, "--admin1", "الحسكة", "--country", "سوريا"]) == 0
    assert len(capsys.readouterr().out.splitlines()) >= 10


# ---- tables, Parquet, DataFrames ------------------------------------------------------------

def test_events_table_shows_the_evidence_words(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["events", "--db", db, "--plover", "COERCE", "--format", "table"]) == 0
    out = capsys.readouterr().out
    for header in ("date", "type", "place", "actors", "toll", "certainty", "evidence"):
        assert header in out
    assert "⟦اعتقلت⟧" in out  # the trigger word, marked where colours are lost
    assert "3 arrested" in out and "2022-01-23" in out


def test_extract_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "table.txt"
    assert main(["extract", str(EXAMPLE), "--published", "2022-01-24", "--format", "table", "-q",
                 "-o", str(out_file)]) == 0
    table = out_file.read_text(encoding="utf-8")
    assert "hasakah-prison.txt" in table and "12 events" in table
    assert "⟦الاشتباكات⟧" in table and "13 killed" in table and "Islamic State" in table


def test_parquet_round_trips(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    import datetime as dt

    out = tmp_path / "events.parquet"
    assert main(["events", "--db", db, "--format", "parquet", "-o", str(out)]) == 0
    table = pq.read_table(out)
    assert table.num_rows == 12
    rows = table.to_pylist()
    assert {r["admin1"] for r in rows} == {"Al Ḩasakah"}
    assert isinstance(rows[0]["date"], dt.date) and rows[0]["published"] == dt.date(2022, 1, 24)
    assert max(r["fatalities"] or 0 for r in rows) == 13
    incidents = tmp_path / "incidents.parquet"
    assert main(["incidents", "--db", db, "--format", "parquet", "-o", str(incidents)]) == 0
    assert 1 <= pq.read_table(incidents).num_rows <= 12
    assert main(["incidents", "--db", db, "--format", "parquet"]) == 2  # binary: needs --output
    assert "--output" in capsys.readouterr().err


def test_to_dataframe_one_row_per_event() -> None:
    pytest.importorskip("pandas")
    results = [rasid.extract(EXAMPLE.read_text(encoding="utf-8"), "2022-01-24", id="hasakah"),
               rasid.extract("تظاهر المئات في بيروت.", id="beirut"),
               rasid.extract("The army shelled the town.", id="english")]
    df = rasid.to_dataframe(results)
    assert len(df) == sum(len(r.events) for r in results) == 13
    assert list(df["document"]).count("hasakah") == 12
    assert df.loc[df["document"] == "beirut", "plover"].tolist() == ["PROTEST"]
    assert set(df.columns) >= {"plover", "date", "actor1", "location", "admin1", "evidence", "trigger", "published"}
    assert len(rasid.to_dataframe(results[1])) == 1


def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path) -> None:
    """'rasid extract ... | head -1': the closed pipe ends the command with status 0 and no traceback."""
    import subprocess
    import sys

    text = "قتل ثلاثة أشخاص في انفجار سيارة مفخخة في مدينة الموصل اليوم."
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n" for i in range(400)),
                    encoding="utf-8")
    cmd = [sys.executable, "-c", "import sys; from rasid.cli import main; sys.exit(main())",
           "extract", "--quiet", str(docs)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away while the command still writes
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert json.loads(first)["id"] == "d0"
    assert "Traceback" not in err and "BrokenPipeError" not in err
