"""`iom-pipeline run` against a real pywb on 127.0.0.1, as a researcher would run it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import cli
from pipeline.archive.localpywb import serve_warcs
from pipeline.tables import SCHEMAS

RUSSIAN_TITLE = "Встреча Директора Бюро МОМ в Москве с Послом Республики Таджикистан"
OLD_INDEX = f"""<html><head><meta http-equiv="Content-Type" content="text/html;
charset=iso-8859-1"><title>IOM Moscow</title></head><body><table><tr>
<td class="left"><p>&gt;&gt; IOM Today</p></td><td class="content">
<p class="title">Counter-Trafficking Training</p>
<p>On 12 May IOM Moscow jointly with the Safe House Foundation conducted a training for 25
specialists of social services in Moscow. The training covered identification of victims of
human trafficking and referral of cases.</p>
<p><b>{RUSSIAN_TITLE}</b></p>
<p>31 октября 2018 года состоялась встреча Директора Бюро Международной организации по
миграции в Москве с Послом Республики Таджикистан. Стороны обсудили вопросы миграции.</p>
</td><td class="right"><a href="x">&gt;&gt; Интеграционный тест для мигрантов</a></td>
</tr></table></body></html>""".encode("cp1251")
DETAIL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Round Table on Labour Migration | IOM</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article>
<h1>Round Table on Labour Migration</h1><time datetime="2013-10-27T09:48:00Z">27 October 2013
</time><div class="body"><p>On 23 October 2013 a round table on labour migration was held at
the Moscow State Law University. It was organized by the Government of Moscow in cooperation
with IOM Moscow, and more than 40 experts took part in it.</p>
<p>The participants discussed integration of migrant workers.</p></div></article></main>
<footer>© IOM</footer></body></html>""".encode()
LISTING = """<html><head><meta charset="utf-8"><title>News</title></head><body><div class="row">
<h2><a href="/news/round-table">Round Table on Labour Migration</a></h2><span>Sun,
10/27/2013</span><div><p>On 23 October 2013 a round table on labour migration was held at the
Moscow State Law University. It was organized by the Government of Moscow in cooperation
with…</p></div></div></body></html>""".encode()

RECORDS = [
    ("http://moscow.iom.int/old/index.html", "20160520120000", 200, "text/html", OLD_INDEX),
    ("http://moscow.iom.int/old/index.html", "20160601120000", 200, "text/html", OLD_INDEX),
    (
        "https://russia.iom.int/news/round-table",
        "20131101000000",
        200,
        "text/html; charset=utf-8",
        DETAIL,
    ),
    ("https://russia.iom.int/news", "20131102000000", 200, "text/html", LISTING),
    ("http://moscow.iom.int/", "20160101000000", 301, "text/html", b"moved"),
    ("http://moscow.iom.int/logo.jpg", "20160101000000", 200, "image/jpeg", b"\xff\xd8\xff"),
]


def build_warc(path: Path) -> Path:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, timestamp, status, content_type, body in RECORDS:
            headers = [("Content-Type", content_type), ("Content-Length", str(len(body)))]
            if status == 301:
                headers.append(("Location", "http://moscow.iom.int/old/index.html"))
            t = timestamp
            date = f"{t[:4]}-{t[4:6]}-{t[6:8]}T{t[8:10]}:{t[10:12]}:{t[12:14]}Z"
            writer.write_record(
                writer.create_warc_record(
                    url,
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=StatusAndHeaders(f"{status} X", headers, protocol="HTTP/1.1"),
                    warc_headers_dict={"WARC-Date": date},
                )
            )
    return path


def table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


@pytest.fixture(scope="module")
def fixture_archive(tmp_path_factory):
    warc_file = build_warc(tmp_path_factory.mktemp("fixture") / "fixture.warc.gz")
    with serve_warcs([warc_file]) as base:
        yield base


def run(archive_url: str, tmp_path: Path, capsys) -> tuple[int, dict]:
    code = cli.main(
        [
            "run",
            "--archive-url",
            archive_url,
            "--raw-dir",
            str(tmp_path / "raw"),
            "--out",
            str(tmp_path / "out"),
            "--url",
            "moscow.iom.int/*",
            "--url",
            "russia.iom.int/*",
            "--cdx-rate",
            "60000",
            "--replay-rate",
            "60000",
            "--quiet",
        ]
    )
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def test_run_against_pywb_writes_every_table(fixture_archive, tmp_path, capsys):
    code, summary = run(fixture_archive, tmp_path, capsys)
    out = tmp_path / "out"
    assert code == 0
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(out / f"{name}.parquet").names == schema.names
    captures = table(out, "captures")
    # The image is not fetched; the site's own redirect is kept as a capture.
    assert sorted(c["status"] for c in captures) == [200, 200, 200, 200, 301]
    assert summary["skipped"] == 1
    documents = {d["url"]: d for d in table(out, "documents")}
    old = documents["http://moscow.iom.int/old/index.html"]
    assert (old["charset_declared"], old["charset_used"]) == ("iso-8859-1", "windows-1251")
    assert "Интеграционный тест для мигрантов" in old["text"]


def test_items_merge_across_captures_and_pages(fixture_archive, tmp_path, capsys):
    run(fixture_archive, tmp_path, capsys)
    items = {i["title"]: i for i in table(tmp_path / "out", "items")}
    assert set(items) == {
        "Counter-Trafficking Training",
        RUSSIAN_TITLE,
        "Round Table on Labour Migration",
    }
    round_table = items["Round Table on Labour Migration"]
    # The teaser on the listing and the detail page are one item: full text, detail URL.
    assert round_table["url"] == "https://russia.iom.int/news/round-table"
    assert "integration of migrant workers" in round_table["text"]
    assert round_table["n_captures"] == 2
    assert items["Counter-Trafficking Training"]["n_captures"] == 2
    assert items[RUSSIAN_TITLE]["lang"] == "ru"


def test_fields_trace_back_to_their_items(fixture_archive, tmp_path, capsys):
    run(fixture_archive, tmp_path, capsys)
    out = tmp_path / "out"
    ids = {i["title"]: i["item_id"] for i in table(out, "items")}
    events = {e["item_id"]: e for e in table(out, "events")}
    training = events[ids["Counter-Trafficking Training"]]
    assert (training["start_date"], training["year_inferred"]) == ("2016-05-12", True)
    assert training["event_type"] == "training"
    assert events[ids[RUSSIAN_TITLE]]["start_date"] == "2018-10-31"
    round_table = events[ids["Round Table on Labour Migration"]]
    assert (round_table["start_date"], round_table["date_text"]) == (
        "2013-10-23",
        "23 October 2013",
    )
    participants = {
        (p["item_id"], p["count"], p["qualifier"], p["unit"]) for p in table(out, "participants")
    }
    assert (ids["Round Table on Labour Migration"], 40, "more_than", "people") in participants
    organizers = {(o["item_id"], o["name"]) for o in table(out, "organizers")}
    assert (ids["Round Table on Labour Migration"], "Government of Moscow") in organizers
    places = {(p["item_id"], p["name"], p["kind"]) for p in table(out, "places")}
    assert (
        ids["Round Table on Labour Migration"],
        "Moscow State Law University",
        "venue",
    ) in places


def test_a_rerun_fetches_nothing_it_already_holds(fixture_archive, tmp_path, capsys):
    run(fixture_archive, tmp_path, capsys)
    code, summary = run(fixture_archive, tmp_path, capsys)
    assert code == 0
    assert (summary["discovered_new"], summary["fetched"]) == (0, 0)
    assert summary["captures"] == 5


def test_the_bundled_sample_end_to_end(pywb_sample, tmp_path, capsys):
    config = Path(__file__).resolve().parent.parent / "raw" / "sample" / "demo.toml"
    code = cli.main(
        [
            "run",
            "--config",
            str(config),
            "--archive-url",
            pywb_sample,
            "--raw-dir",
            str(tmp_path / "raw"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ]
    )
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0
    assert summary["failed"] == {}
    events = table(tmp_path / "out", "events")
    assert sum(1 for e in events if e["start_date"]) >= 30
