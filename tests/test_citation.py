"""Offices, replay URLs and citations: what a researcher needs to cite a value."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pyarrow.parquet as pq
import pytest
import requests
from warcio.archiveiterator import ArchiveIterator

from pipeline import cli
from pipeline.citation import Citation, bibtex, csl_json, original_bytes_url, replay_url
from pipeline.offices import host_of, office_of, shipped_offices

from .conftest import SAMPLE


def rows(out, name):
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def test_offices_come_from_the_host_through_the_shipped_table():
    assert office_of("http://moscow.iom.int/old/index.html") == "IOM Russia"
    assert office_of("https://russia.iom.int/news/x") == "IOM Russia"
    assert office_of("http://www.iom.ge/index.php?id=3") == "IOM Georgia"
    assert office_of("https://georgia.iom.int/news") == "IOM Georgia"
    assert office_of("HTTPS://WWW.IOM.INT:443/news") == "IOM"
    assert office_of("https://x.iom.by/news/1") == "IOM Belarus"  # a `*.iom.by` row
    # A host the table does not know keeps its name; no parent domain is guessed.
    assert office_of("https://chad.iom.int/news") == "chad.iom.int"
    assert office_of("http://[bad/") == "http://[bad/"


def test_every_item_of_the_sample_has_the_office_of_its_host(sample_tables):
    items = rows(sample_tables, "items")
    assert items and all(item["office"] for item in items)
    hosts = {host_of(item["url"]) for item in items}
    unknown = {h for h in hosts if h not in shipped_offices() and office_of(f"http://{h}") == h}
    assert unknown == set(), f"hosts of the sample missing from offices.csv: {unknown}"
    for item in items:
        if host_of(item["url"]) in ("moscow.iom.int", "russia.iom.int"):
            assert item["office"] == "IOM Russia"
        if host_of(item["url"]) in ("iom.ge", "georgia.iom.int"):
            assert item["office"] == "IOM Georgia"
    assert {"IOM Russia", "IOM Georgia", "IOM Tajikistan"} <= {i["office"] for i in items}


def test_replay_url_forms():
    assert (
        replay_url("https://web.archive.org", "20161105120000", "http://moscow.iom.int/", "f", 1)
        == "https://web.archive.org/web/20161105120000/http://moscow.iom.int/"
    )
    pywb = replay_url("http://127.0.0.1:8080/iom/", "20161105120000", "http://a.org/", "f", 1)
    assert pywb == "http://127.0.0.1:8080/iom/20161105120000/http://a.org/"
    assert original_bytes_url(pywb) == "http://127.0.0.1:8080/iom/20161105120000id_/http://a.org/"
    assert replay_url(None, "20161105120000", "http://a.org/", "x.warc.gz", 42) == (
        "x.warc.gz#offset=42"
    )
    assert original_bytes_url("x.warc.gz#offset=42") is None


def test_three_replay_urls_of_the_demo_answer_with_the_stored_payload(demo_run, sample_records):
    archive, _raw, out = demo_run
    captures = rows(out, "captures")
    assert captures and all(c["replay_url"].startswith(f"{archive}/") for c in captures)
    pages = [c for c in captures if c["status"] == 200 and c["mime"] == "text/html"]
    # Three captures of three different hosts.
    chosen = list({urlsplit(c["url"]).hostname: c for c in pages}.values())[:3]
    assert len(chosen) == 3
    for capture in chosen:
        timestamp = capture["timestamp"].strftime("%Y%m%d%H%M%S")
        stored = sample_records[(capture["url"], timestamp)].payload
        # What a reader opens: the archive's page for exactly this capture.
        shown = requests.get(capture["replay_url"], timeout=30)
        assert shown.status_code == 200
        assert timestamp in shown.text and capture["url"] in shown.text
        # Its id_ form answers the very bytes stored.
        raw = requests.get(original_bytes_url(capture["replay_url"]), timeout=30)
        assert raw.status_code == 200
        assert raw.content == stored
    linked = {c["replay_url"] for c in rows(out, "item_captures")}
    assert linked and linked <= {c["replay_url"] for c in captures}


def test_local_input_cites_the_warc_file_and_the_records_offset(sample_tables):
    captures = rows(sample_tables, "captures")
    for capture in captures[:: max(1, len(captures) // 5)]:
        file, offset = capture["replay_url"].split("#offset=")
        assert (file, int(offset)) == (capture["warc_file"], capture["warc_offset"])
        with open(SAMPLE / file, "rb") as fh:
            fh.seek(int(offset))
            record = next(iter(ArchiveIterator(fh)))
            assert record.rec_headers.get_header("WARC-Target-URI") == capture["url"]


def test_cite_prints_an_items_citation_in_three_forms(demo_run, capsys):
    archive, _raw, out = demo_run
    item = next(i for i in rows(out, "items") if i["office"] == "IOM Russia" and i["title"])
    printed = {}
    for form in ("text", "bibtex", "csl-json"):
        assert cli.main(["cite", item["item_id"][:10], "--out", str(out), "--format", form]) == 0
        printed[form] = capsys.readouterr().out
    shown = [c for c in rows(out, "item_captures") if c["item_id"] == item["item_id"]]
    cited = {c["replay_url"] for c in shown if c["full_text"]}
    text = printed["text"]
    assert text.startswith("IOM Russia. ") and item["title"] in text
    assert any(url in text for url in cited) and f"{archive}/" in text
    assert printed["bibtex"].startswith(f"@misc{{iom-{item['item_id']},")
    assert printed["bibtex"].count("{") == printed["bibtex"].count("}")
    record = json.loads(printed["csl-json"])[0]
    assert record["type"] == "webpage" and record["URL"] in cited
    assert record["author"] == [{"literal": "IOM Russia"}]


def test_cite_of_an_unknown_item_is_one_line_and_exit_1(sample_tables, capsys):
    assert cli.main(["cite", "no-such-item", "--out", str(sample_tables)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no item 'no-such-item'" in err


def a_citation(**published):
    captured = datetime(2016, 11, 5, 12, 0, tzinfo=UTC)
    return Citation(
        item_id="7a3fc405eab85881",
        title="IOM trains border officers",
        office="IOM Russia",
        url="http://moscow.iom.int/news/1",
        first_seen=captured,
        last_seen=datetime(2017, 3, 1, tzinfo=UTC),
        n_captures=4,
        captured=captured,
        replay_url="https://web.archive.org/web/20161105120000/http://moscow.iom.int/news/1",
        **published,
    )


@pytest.mark.parametrize(
    ("published", "year", "issued"),
    [
        ({}, None, None),  # the tables hold no publication date: none is claimed
        ({"published": "2016-11-01"}, "2016", [2016, 11, 1]),
        ({"published": "2015-12"}, "2015", [2015, 12]),
    ],
)
def test_a_citation_dates_the_capture_as_accessed_and_claims_no_publication_date(
    published, year, issued
):
    citation = a_citation(**published)
    fields = dict(re.findall(r"^  (\w+) = \{(.*)\},?$", bibtex(citation), re.M))
    assert fields["urldate"] == "2016-11-05"
    assert fields.get("year") == year
    record = json.loads(csl_json(citation))[0]
    assert record["accessed"] == {"date-parts": [[2016, 11, 5]]}
    assert record.get("issued") == (None if issued is None else {"date-parts": [issued]})
