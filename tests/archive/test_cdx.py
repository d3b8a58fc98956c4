from __future__ import annotations

import json

import pytest

from pipeline.archive.cdx import (
    Archive,
    is_wanted,
    parse_pywb_lines,
    parse_wayback_json,
    query_params,
)
from pipeline.records import Capture

HEADER = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
ROW = [
    "int,iom,moscow)/old/index.html",
    "20161103102700",
    "http://moscow.iom.int/old/index.html",
    "text/html",
    "200",
    "VRUS3CLRLTTUIOZAF46PAAH4CYT4S5X6",
    "8003",
]


@pytest.mark.parametrize(
    ("url", "dialect", "cdx", "replay"),
    [
        (
            "https://web.archive.org",
            "wayback",
            "https://web.archive.org/cdx/search/cdx",
            "https://web.archive.org/web/2016id_/http://a/",
        ),
        (
            "http://127.0.0.1:8080/iom/",
            "pywb",
            "http://127.0.0.1:8080/iom/cdx",
            "http://127.0.0.1:8080/iom/2016id_/http://a/",
        ),
    ],
)
def test_archive_endpoints(url, dialect, cdx, replay):
    archive = Archive.from_url(url)
    assert archive.dialect == dialect
    assert archive.cdx_endpoint == cdx
    assert archive.replay_url("2016", "http://a/") == replay


def test_wayback_json_with_resume_key():
    page = parse_wayback_json(json.dumps([HEADER, ROW, [], ["int,iom,moscow)/z 2017"]]))
    assert page.resume_key == "int,iom,moscow)/z 2017"
    assert page.captures == [Capture(ROW[0], ROW[1], ROW[2], "text/html", 200, ROW[5], 8003)]


def test_wayback_json_last_page_and_empty_answers():
    assert parse_wayback_json(json.dumps([HEADER, ROW])).resume_key is None
    assert parse_wayback_json("").captures == []
    assert parse_wayback_json("[]").captures == []
    # An empty page that still carries a key is not the end.
    assert parse_wayback_json(json.dumps([HEADER, [], ["key"]])).resume_key == "key"


def test_pywb_json_lines():
    line = {
        "urlkey": ROW[0],
        "timestamp": ROW[1],
        "url": ROW[2],
        "mime": "text/html",
        "status": "301",
        "digest": ROW[5],
        "length": "-",
    }
    (capture,) = parse_pywb_lines(json.dumps(line) + "\n\n").captures
    assert (capture.status, capture.length, capture.url) == (301, None, ROW[2])


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("moscow.iom.int/*", {"url": "moscow.iom.int/", "matchType": "prefix"}),
        ("*.iom.int", {"url": "iom.int", "matchType": "domain"}),
        (
            "http://moscow.iom.int/old/index.html",
            {"url": "http://moscow.iom.int/old/index.html", "matchType": "exact"},
        ),
    ],
)
def test_query_params(pattern, expected):
    assert query_params(pattern) == expected


@pytest.mark.parametrize(
    ("mime", "status", "wanted"),
    [
        ("text/html", 200, True),
        ("application/xhtml+xml", 200, True),
        ("text/html", 301, True),
        ("image/jpeg", 200, False),
        ("application/pdf", 200, False),
        ("text/html", 404, False),
        ("warc/revisit", None, True),
    ],
)
def test_what_is_fetched(mime, status, wanted):
    assert is_wanted(Capture("k", "2016", "http://a/", mime, status, "D")) is wanted
