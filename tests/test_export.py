"""Exports: ACLED CSV, PLOVER JSONL, GeoJSON, DataFrames, and the CLI commands around the store."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from store_helpers import HASAKAH, PRISON, make_event, stored

from rasid.cli import main
from rasid.contract import Document, DocumentRef
from rasid.pipeline.run import process
from rasid.store import Filters, Store
from rasid.store.export import ACLED_COLUMNS, dataframe, write

pytest_plugins = ("store_helpers",)  # the db_url fixture: SQLite, and PostgreSQL when RASID_TEST_PG is set

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT.parent / "shared" / "docs" / "ontology.md"

T1 = ("قالت مصادر محلية إن 13 عنصرا من تنظيم داعش قتلوا في اشتباكات مع قوات سوريا الديمقراطية قرب سجن الصناعة "
      "في الحسكة.")
T2 = "أفاد المرصد السوري بمقتل 20 من عناصر داعش خلال اشتباكات مع قسد في الحسكة."
T3 = "طالب أهالي الأسرى قوات سوريا الديمقراطية باتخاذ إجراءات لإطلاق سراح الأسرى."
T4 = "قتل ثلاثة مدنيين برصاص مسلحين مجهولين في الحسكة."


def _fill(store: Store) -> None:
    e1 = make_event(T1, T1, "اشتباكات", actor1=("قوات سوريا الديمقراطية", "SYR REB"), actor2=("تنظيم داعش", "IMG REB"),
                    place=PRISON, date="2022-01-23", fatalities=13, certainty="claimed", claimed_by="مصادر محلية")
    e2 = make_event(T2, T2, "اشتباكات", actor1=("قسد", "SYR REB"), actor2=("عناصر داعش", "IMG REB"), place=HASAKAH,
                    date="2022-01-23", fatalities=20, claimed_by="المرصد السوري")
    e3 = make_event(T3, T3, "طالب", "REQUEST", acled=None, actor1=("أهالي الأسرى", "None CVL"), date="2022-01-23")
    e4 = make_event(T4, T4, "قتل", acled=("Violence against civilians", "Attack"), actor1=("مسلحين مجهولين", "None UAF"),
                    actor2=("مدنيين", "None CVL"), place=HASAKAH, date="2022-01-22", fatalities=3)
    for n, (text, ev) in enumerate(((T1, e1), (T2, e2), (T3, e3), (T4, e4))):
        store.add(*stored(f"d{n + 1}", text, "2022-01-24", [ev], outlet=["عنب بلدي", "الجزيرة", "روداو", "نورث برس"][n],
                          url=f"https://news.example/{n + 1}"))


def test_acled_csv_has_exactly_acled_columns(db_url: str) -> None:
    pd = pytest.importorskip("pandas")
    with Store(db_url) as store:
        _fill(store)
        buf = io.StringIO()
        assert write(store, "acled-csv", buf) == 2  # the REQUEST has no ACLED type
    frame = pd.read_csv(io.StringIO(buf.getvalue()), keep_default_na=False)
    assert tuple(frame.columns) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    clash = frame[frame.event_type == "Battles"].iloc[0]
    assert (clash.event_date, clash.year, clash.fatalities) == ("2022-01-23", 2022, 13)
    assert (clash.country, clash.iso, clash.region, clash.disorder_type) == ("Syria", 760, "Middle East",
                                                                             "Political violence")
    assert (clash.inter1, clash.inter2, clash.interaction) == (2, 2, 22)
    assert clash.tags == "fatalities reported: 13-20"
    assert clash.source.split("; ") == ["عنب بلدي", "الجزيرة", "مصادر محلية", "المرصد السوري"]
    assert T1 in clash.notes and T2 in clash.notes
    attack = frame[frame.event_type == "Violence against civilians"].iloc[0]
    assert (attack.inter1, attack.inter2, attack.interaction, attack.civilian_targeting) == (3, 7, 37, "Civilian targeting")


def test_acled_assoc_actor_1_names_those_acting_with_actor_1(db_url: str) -> None:
    """'بين X وY وZ من جهة وW من جهة أخرى': Y and Z fight on X's side; ACLED lists them, '; '-separated."""
    text = ("اندلعت اشتباكات عنيفة بين الجيش السوري والقوات الروسية وحزب الله من جهة وتنظيم داعش من جهة أخرى "
            "قرب تدمر.")
    doc = Document(id="palmyra", text=text, published="2024-03-10")
    [event] = process(doc).events
    assert event.actor1 is not None and event.actor1.text == "الجيش السوري"
    assert [(a.text, a.code) for a in event.actor1_associates] == [("القوات الروسية", "RUS MIL"), ("حزب الله", "LBN REB")]
    alone = process(Document(id="alone", text=T4, published="2022-01-24")).events
    assert [e.actor1_associates for e in alone] == [[]]
    with Store(db_url) as store:
        store.ingest([doc])
        buf = io.StringIO()
        assert write(store, "acled-csv", buf) == 1
    [row] = csv.DictReader(io.StringIO(buf.getvalue()))
    assert (row["actor1"], row["assoc_actor_1"], row["actor2"], row["assoc_actor_2"]) == (
        "Military Forces of Syria", "Military Forces of Russia; Hezbollah", "Islamic State", "")


def test_acled_columns_are_those_of_the_ontology() -> None:
    if not ONTOLOGY.exists():
        pytest.skip("shared/docs/ontology.md not present")
    text = ONTOLOGY.read_text(encoding="utf-8")
    listed = re.search(r"ACLED record columns: (.*?)\.\n", text, re.DOTALL)
    assert listed
    assert tuple(c.strip() for c in listed.group(1).replace("\n", " ").split(",")) == ACLED_COLUMNS


def test_geojson_validates_and_plover_jsonl_has_plover_fields(db_url: str) -> None:
    geojson = pytest.importorskip("geojson")
    with Store(db_url) as store:
        _fill(store)
        buf = io.StringIO()
        assert write(store, "geojson", buf) == 2  # the REQUEST has no place
        collection = geojson.loads(buf.getvalue())
        assert collection.is_valid and collection["type"] == "FeatureCollection"
        point = next(f for f in collection["features"] if f["properties"]["n_reports"] == 2)
        assert point["geometry"]["coordinates"] == [PRISON["lon"], PRISON["lat"]]
        assert point["properties"]["fatalities_range"] == [13, 20]
        per_event = io.StringIO()
        assert write(store, "geojson", per_event, unit="event") == 3
        assert geojson.loads(per_event.getvalue()).is_valid
        lines = io.StringIO()
        assert write(store, "plover-jsonl", lines) == 4
    records = [json.loads(x) for x in lines.getvalue().splitlines()]
    for rec in records:
        assert {"id", "date", "actor", "event", "recipient", "mode", "size", "event_text", "cite_info"} <= rec.keys()
    first = next(r for r in records if r["size"]["dead"] == 13)
    assert (first["event"], first["actor"], first["recipient"], first["date"]) == (
        "ASSAULT", "قوات سوريا الديمقراطية", "تنظيم داعش", "2022-01-23")
    assert first["event_text"] == T1 and "عنب بلدي" in first["cite_info"]
    assert first["document"] == {"id": "d1", "url": "https://news.example/1", "outlet": "عنب بلدي",
                                 "published": "2022-01-24"}


def test_every_per_event_record_names_its_document(db_url: str) -> None:
    """`rasid events` lines, flat rows and API records carry the input record's own id (`document.id`)."""
    with Store(db_url) as store:
        _fill(store)
        events = store.events()
        rows = io.StringIO()
        write(store, "events-csv", rows)
    lines = [json.loads(json.dumps(e.to_json())) for e in events]
    assert sorted(x["document"]["id"] for x in lines) == ["d1", "d2", "d3", "d4"]
    assert all(x["document"]["published"] == "2022-01-24" and x["document"]["url"] for x in lines)
    assert all(DocumentRef.model_validate(x["document"]) for x in lines)
    flat = list(csv.DictReader(io.StringIO(rows.getvalue())))
    assert sorted(r["document"] for r in flat) == ["d1", "d2", "d3", "d4"]
    assert {r["published"] for r in flat} == {"2022-01-24"}


def test_dataframes(db_url: str) -> None:
    pytest.importorskip("pandas")
    with Store(db_url) as store:
        _fill(store)
        events = dataframe(store, "events")
        assert len(events) == 4 and set(events.plover) == {"ASSAULT", "REQUEST"}
        incidents = dataframe(store, "incidents", Filters(plover="ASSAULT"))
        assert sorted(incidents.n_reports) == [1, 2]
        assert tuple(dataframe(store, "acled").columns) == ACLED_COLUMNS


def test_cli_ingest_events_incidents_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "cli.db")
    corpus = tmp_path / "corpus.jsonl"
    docs = [{"id": "a", "published": "2023-05-02", "text": "اعتقلت قوات الأمن العراقية خمسة متظاهرين في البصرة أمس."},
            {"id": "b", "published": "2023-05-02", "text": "تظاهر مئات في البصرة احتجاجا على انقطاع الكهرباء."},
            {"id": "c", "text": "{broken"}]
    corpus.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs[:2]) + "\n{broken\n", encoding="utf-8")
    assert main(["ingest", str(corpus), "--db", db]) == 1  # an input failed (issue 16): reported, the rest stored
    err = capsys.readouterr().err
    assert "2 documents stored" in err and "corpus.jsonl:3" in err
    assert main(["ingest", str(corpus), "--db", db]) == 1
    assert "2 already stored" in capsys.readouterr().err

    assert main(["events", "--db", db, "--format", "jsonl"]) == 0
    events = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert events and all({"id", "document_id", "plover", "evidence", "certainty"} <= e.keys() for e in events)
    assert main(["events", "--db", db, "--format", "csv", "--plover", "PROTEST"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("id,document_id") and all(",PROTEST," in r for r in rows[1:])

    assert main(["incidents", "--db", db, "--since", "2023-05-01", "--until", "2023-05-03"]) == 0
    incidents = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert incidents and all(set(i) >= {"id", "plover", "date", "location", "fatalities", "fatalities_range",
                                         "reports"} for i in incidents)
    assert {r["event_id"] for i in incidents for r in i["reports"]} == {e["id"] for e in events}

    out = tmp_path / "acled.csv"
    assert main(["export", "--db", db, "--format", "acled-csv", "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == ",".join(ACLED_COLUMNS)
    with pytest.raises(SystemExit):
        main(["events", "--db", db, "--since", "yesterday"])
