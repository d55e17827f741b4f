"""Real inputs: news pages, feeds, JSONL, CSV, folders, encodings and URLs (all local, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.cli import main, result_for
from rasid.inputs import Columns, Reject, decode, fetch_url, read_inputs

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"
# The worked example wrapped by shared/tools/news_page.py: navigation, a breaking-news ticker about an
# explosion, share buttons, related links, a comment about shelling, a footer, published_time meta.
PAGE = (FIXTURES / "hasakah-prison.html").read_text(encoding="utf-8")
SENTENCE = "قتل خمسة مدنيين في قصف جوي على بلدة كفرنبل، وقالت مصادر محلية إن الطائرات استهدفت سوقا شعبية."


def results(inputs, published=None, columns=None):
    items = read_inputs([str(i) for i in inputs], published, columns or Columns())
    return [result_for(item, published) for item in items]


def signature(result):
    return [(e.plover, e.plover_mode, e.evidence.trigger.text, e.certainty,
             e.claimed_by.text if e.claimed_by else None) for e in result.events]


def run_cli(args, tmp_path):
    out = tmp_path / "out.jsonl"
    main(["extract", *map(str, args), "--output", str(out)])
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


# ---- HTML pages ----------------------------------------------------------------------------

def test_news_page_gives_the_same_events_as_the_plain_text(tmp_path):
    plain = results([EXAMPLES / "hasakah-prison.txt"], "2022-01-24")[0]
    [page] = results([FIXTURES / "hasakah-prison.html"])
    assert page.error is None
    assert page.published == "2022-01-24"  # from article:published_time, no --published given
    assert page.outlet == "تطورات العالم الاسلامي"
    assert page.title and page.title.startswith("استمرار الاشتباكات")
    assert signature(page) == signature(plain)
    # offsets point into the extracted text the result carries
    assert page.text
    for e in page.events:
        assert page.text[e.evidence.start:e.evidence.end] == e.evidence.text
    # nothing from the furniture: the ticker's explosion, the comment's shelling, related links
    for furniture in ("انفجار في العاصمة", "الله يحمي أهلنا", "ماذا حدث في سجن الصناعة", "شارك على فيسبوك",
                      "جميع الحقوق محفوظة"):
        assert furniture not in page.text
        assert not any(furniture in e.evidence.text for e in page.events)


def test_page_date_from_the_date_line_and_published_override(tmp_path):
    no_meta = PAGE.replace('<meta property="article:published_time" content="2022-01-24T09:30:00+03:00">', "")
    path = tmp_path / "page.html"
    path.write_text(no_meta, encoding="utf-8")
    assert results([path])[0].published == "2022-01-24"  # 'الإثنين 24 يناير 2022'
    assert results([FIXTURES / "hasakah-prison.html"], "2022-02-01")[0].published == "2022-02-01"


def test_html_without_an_article_is_a_reject(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body><script>var x = 1;</script></body></html>",
                    encoding="utf-8")
    [item] = list(read_inputs([str(path)]))
    assert isinstance(item, Reject) and "no article text" in item.error


# ---- feeds -----------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار سوريا</title><link>https://example.org</link>
<item><title>مقتل خمسة مدنيين في قصف على كفرنبل</title><link>https://example.org/1</link>
<guid>news-1</guid><pubDate>Mon, 24 Jan 2022 09:30:00 +0300</pubDate>
<description><![CDATA[<p>{SENTENCE}</p><p><a href="/more">اقرأ المزيد</a></p>]]></description></item>
<item><title>Weather today</title><link>https://example.org/2</link><guid>news-2</guid>
<description>Sunny and mild across the region, with light winds in the afternoon.</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>وكالة</title><id>urn:x</id><updated>2022-01-24T00:00:00Z</updated>
<entry><title>اشتباكات في الحسكة</title><id>urn:entry:1</id><updated>2022-01-23T10:00:00Z</updated>
<link href="https://example.org/a"/><content type="html">&lt;p&gt;{SENTENCE}&lt;/p&gt;</content></entry></feed>"""


def test_rss_feed_file(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    arabic, english = results([path])
    assert arabic.id == "news-1" and arabic.published == "2022-01-24"
    assert arabic.outlet == "أخبار سوريا" and arabic.url == "https://example.org/1"
    assert arabic.text.startswith("مقتل خمسة مدنيين")  # the title is the headline line
    assert any(e.plover == "ASSAULT" for e in arabic.events)
    assert english.events == [] and any("not Arabic" in w for w in english.warnings)


def test_atom_feed_detected_by_content(tmp_path):
    path = tmp_path / "feed"  # no extension: sniffed
    path.write_text(ATOM, encoding="utf-8")
    [entry] = results([path])
    assert entry.id == "urn:entry:1" and entry.published == "2022-01-23"
    assert any(e.plover == "ASSAULT" for e in entry.events)


# ---- JSONL, JSON, CSV --------------------------------------------------------------------------

def test_jsonl_with_bad_lines(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join([
        json.dumps({"id": "a", "text": SENTENCE, "published": "2022-01-24"}, ensure_ascii=False),
        '{"id": "b", "text": "مقتل',  # truncated
        "[1, 2]",
        json.dumps({"id": "d", "body": "لا نص هنا"}, ensure_ascii=False),
        json.dumps({"content": SENTENCE}, ensure_ascii=False),
    ]), encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert len(items) == 5
    assert items[0].id == "a" and items[0].published == "2022-01-24"
    assert isinstance(items[1], Reject) and "line 2" in items[1].error and "malformed JSON" in items[1].error
    assert isinstance(items[2], Reject) and "line 3" in items[2].error
    assert not isinstance(items[3], Reject) and items[3].text == "لا نص هنا"  # 'body' is a text field
    assert items[4].text == SENTENCE and items[4].id.endswith(":5")


def test_json_array(tmp_path):
    path = tmp_path / "docs.json"
    path.write_text(json.dumps([{"id": "x", "text": SENTENCE}, "junk"], ensure_ascii=False), encoding="utf-8")
    doc, junk = read_inputs([str(path)])
    assert doc.id == "x" and isinstance(junk, Reject) and "item 2" in junk.error


def test_csv_with_column_mapping(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text("رقم,الخبر,التاريخ\nn1,\"" + SENTENCE + "\",2022-01-24\nn2,,2022-01-25\n", encoding="utf-8")
    rows = run_cli([path, "--text-col", "الخبر", "--date-col", "التاريخ", "--id-col", "رقم"], tmp_path)
    assert [r["id"] for r in rows] == ["n1", "n2"]
    assert rows[0]["published"] == "2022-01-24" and rows[0]["events"]
    assert rows[1]["events"] == [] and any("empty" in w for w in rows[1]["warnings"])


def test_csv_guesses_columns_and_reports_a_missing_one(tmp_path):
    tsv = tmp_path / "corpus.tsv"
    tsv.write_text(f"id\tcontent\tdate\nt1\t{SENTENCE}\t2022-01-24\n", encoding="utf-8")
    [doc] = read_inputs([str(tsv)])
    assert doc.id == "t1" and doc.text == SENTENCE and doc.published == "2022-01-24"
    [reject] = read_inputs([str(tsv)], columns=Columns(text="article"))
    assert isinstance(reject, Reject) and "'article'" in reject.error


# ---- folders ------------------------------------------------------------------------------------

def test_folder_is_read_recursively_by_extension(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "b" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.jsonl").write_text(
        json.dumps({"id": "j1", "text": SENTENCE}, ensure_ascii=False) + "\n{bad\n", encoding="utf-8")
    (tmp_path / "a" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items = list(read_inputs([str(tmp_path / "a")]))
    kinds = [(Path(i.id).name if not isinstance(i, Reject) else "reject") for i in items]
    assert len(items) == 4, kinds  # page, two json lines (one bad), one.txt; the image is not an input
    assert sum(isinstance(i, Reject) for i in items) == 1


# ---- encodings ---------------------------------------------------------------------------------

SHORT = "قتل خمسة مدنيين في قصف على مدينة حلب، وأصيب عشرة آخرون."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1256", "iso-8859-6"])
def test_encodings_are_detected(encoding, tmp_path):
    path = tmp_path / f"article-{encoding}.txt"
    path.write_bytes(SHORT.encode(encoding))
    [doc] = read_inputs([str(path)])
    assert doc.text == SHORT
    assert any(e.plover == "ASSAULT" for e in result_for(doc).events)


def test_decode_prefers_the_right_legacy_code_page():
    assert decode("من المدينة".encode("iso-8859-6")) == "من المدينة"
    assert decode("من المدينة".encode("cp1256")) == "من المدينة"


# ---- URLs --------------------------------------------------------------------------------------

def test_unreachable_url_is_a_clear_reject():
    [item] = fetch_url("http://127.0.0.1:9/article.html", None)
    assert isinstance(item, Reject) and item.error.startswith("cannot fetch http://127.0.0.1:9/article.html")
