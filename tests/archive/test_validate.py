"""Hostile and broken answers: every value is validated before it is believed, each one
we cannot believe becomes a failure row, and the next run exits 0."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from pipeline import warc
from pipeline.archive import validate
from pipeline.archive.cdx import Archive
from pipeline.errors import InvalidValue
from tests.archive.support import (
    OLD_SITE,
    assert_every_capture_stored_once_and_verified,
    failures_table,
    ledger,
    run,
)
from tests.servers.wayback import Faults

GOOD = [
    "int,iom,moscow)/old/hostile.html",
    "20160101000000",
    "http://moscow.iom.int/old/hostile.html",
    "text/html",
    "200",
    "VRUS3CLRLTTUIOZAF46PAAH4CYT4S5X6",
    "100",
]


def row(**changes: object) -> list:
    names = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
    return [changes.get(name, value) for name, value in zip(names, GOOD, strict=True)]


HOSTILE_ROWS = {
    "timestamp abc": row(timestamp="abc"),
    "timestamp in 9999": row(timestamp="99991231235959"),
    "month 13": row(timestamp="20161340000000"),
    "timestamp a number": row(timestamp=20160101000000),
    "row an int": 5,
    "row null": None,
    "row a string": "urlkey",
    "row too short": ["a", "b"],
    "url a list": row(original=["http://moscow.iom.int/old/x.html"]),
    "url null": row(original=None),
    "url with a lone surrogate": row(original="http://moscow.iom.int/old/\ud800.html"),
    "url with CR LF": row(original="http://moscow.iom.int/old/a.html\r\nWARC-Type: forged"),
    "url javascript": row(original="javascript:alert(1)"),
    "url ftp": row(original="ftp://moscow.iom.int/old/a.html"),
    "url without host": row(original="http:///old/a.html"),
    "digest with CR LF": row(digest="ABC\r\nreplay-url: http://evil/"),
    "mime a number": row(mimetype=5),
}


def test_every_hostile_cdx_row_is_a_failure_row_and_the_next_run_exits_0(server, tmp_path, capsys):
    server.faults = Faults(cdx_extra_rows=list(HOSTILE_ROWS.values()))
    code, summary = run(server, tmp_path, capsys)
    assert code == 3  # new failure rows: partial
    assert sum(summary["failed"].values()) == len(HOSTILE_ROWS)
    rows = [r for r in failures_table(tmp_path) if r["stage"] == "discover"]
    assert len(rows) == len(HOSTILE_ROWS)
    assert all(
        r["timestamp"] is None
        or validate.is_timestamp(r["timestamp"].strftime("%Y%m%d%H%M%S"), datetime.now(UTC))
        for r in rows
    )
    # Nothing hostile became the query's resume point or reached a WARC file.
    ((last,),) = ledger(tmp_path, "SELECT last_timestamp FROM queries")
    assert last < "2030"
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    # The archive keeps serving the same rows: known, so the next run is clean.
    code, summary = run(server, tmp_path, capsys)
    assert code == 0, summary
    assert len([r for r in failures_table(tmp_path) if r["stage"] == "discover"]) == len(
        HOSTILE_ROWS
    )


@pytest.mark.parametrize(
    "body",
    [
        b"5",
        b"null",
        b'"rows"',
        b"{}",
        b"[5]",
        b'[["urlkey"]]',
        b"[[1, 2]]",
        b"{not json",
        b'[["urlkey","timestamp","original"],[],[5]]',
        b"\xff\xfe\x00",
    ],
)
def test_a_cdx_answer_that_is_not_cdx_json_is_a_failure_row(server, tmp_path, capsys, body):
    server.faults = Faults(cdx_hostile="raw", cdx_raw=body, cdx_hostile_times=1)
    code, _ = run(server, tmp_path, capsys)
    assert code == 3
    (failure,) = [r for r in failures_table(tmp_path) if r["stage"] == "discover"]
    assert failure["url"] == OLD_SITE and failure["error_class"] == "MalformedCdx"
    code, _ = run(server, tmp_path, capsys)  # the archive answers properly again
    assert code == 0
    assert [r for r in failures_table(tmp_path) if r["stage"] == "discover"] == []
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def test_a_poisoned_ledger_from_an_older_version_does_not_stop_later_runs(server, tmp_path, capsys):
    run(server, tmp_path, capsys)
    ledger(tmp_path, "UPDATE queries SET last_timestamp='99991231235959'")
    ledger(
        tmp_path,
        "INSERT INTO captures (urlkey, timestamp, digest, url, mime, status) VALUES "
        "('k', 'abc', 'D', 'http://moscow.iom.int/old/a\r\nX: y', 'text/html', 200)",
    )
    code, summary = run(server, tmp_path, capsys)
    assert code == 0, summary
    assert ledger(tmp_path, "SELECT state FROM captures WHERE timestamp='abc'") == [("skipped",)]
    # The bad last timestamp was not believed: the whole query was asked again.
    ((last,),) = ledger(tmp_path, "SELECT max(timestamp) FROM captures WHERE state='stored'")
    assert last < "2030"


@pytest.mark.parametrize("value", ["not a date", "Fri, 31 Dec 9999 23:59:59 GMT", ""])
def test_a_memento_datetime_that_is_no_date_falls_back_to_the_requested_timestamp(
    server, tmp_path, capsys, value
):
    server.faults = Faults(replay_hostile="bad_datetime", memento_datetime=value)
    code, _ = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    notes = ledger(
        tmp_path,
        "SELECT count(*) FROM captures WHERE state='stored' AND error_class='note' "
        "AND served_timestamp=timestamp",
    )
    assert (
        notes[0][0]
        == len(stored_rows := ledger(tmp_path, "SELECT 1 FROM captures WHERE state='stored'"))
        > 0
    ), stored_rows
    code, _ = run(server, tmp_path, capsys)
    assert code == 0


def test_the_doubled_content_encoding_of_the_wayback_machine_is_read(server, tmp_path, capsys):
    """Every memento comes gzipped with `Content-Encoding:` and `Content-Encoding: gzip`."""
    server.faults = Faults(replay_hostile="double_encoding")
    code, summary = run(server, tmp_path, capsys)
    assert code == 0, summary
    assert_every_capture_stored_once_and_verified(server, tmp_path)  # digests of the pages


def test_a_dot_dot_url_never_leaves_the_replay_path(server, tmp_path, capsys):
    climbing = "http://moscow.iom.int/old/../../../../cdx/search/cdx?url=moscow.iom.int/old/"
    inside = "http://moscow.iom.int/old/a/../../old/index.html"
    server.faults = Faults(
        cdx_extra_rows=[row(original=climbing), row(original=inside, timestamp="20160102000000")]
    )
    code, _ = run(server, tmp_path, capsys)
    paths = [r[2] for r in server.log.requests if r[1] != "cdx"]
    assert paths and all(p.startswith("/web/") and "/../" not in p for p in paths)
    urls = dict(ledger(tmp_path, "SELECT url, state FROM captures"))
    # Resolved as a browser would: outside the URL patterns, so never asked for.
    assert urls["http://moscow.iom.int/cdx/search/cdx?url=moscow.iom.int/old/"] == "skipped"
    assert "http://moscow.iom.int/old/index.html" in urls
    assert not any(".." in u for u in urls)
    assert code in (0, 3)


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("http://moscow.iom.int/old/a b.html", "http://moscow.iom.int/old/a%20b.html"),
        (
            "http://moscow.iom.int/old/новости",
            "http://moscow.iom.int/old/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8",
        ),
        ("HTTP://moscow.iom.int/./old/../x", "http://moscow.iom.int/x"),
        ("http://moscow.iom.int/../../..", "http://moscow.iom.int/"),
        (
            "http://moscow.iom.int/old/index.php?id=1&a=%20",
            "http://moscow.iom.int/old/index.php?id=1&a=%20",
        ),
    ],
)
def test_urls_are_made_safe_for_a_request_line(url, safe):
    assert validate.capture_url(url) == safe
    replay = Archive.from_url("http://127.0.0.1:1").replay_url("20160101000000", safe)
    assert replay.startswith("http://127.0.0.1:1/web/20160101000000id_/http")


@pytest.mark.parametrize(
    "url",
    ["http://a/\x00", "http://a/\t", "mailto:x@y", "http://", "http://[::1/", "//a/b", 5, None],
)
def test_urls_that_cannot_be_made_safe_are_refused(url):
    with pytest.raises(InvalidValue):
        validate.capture_url(url)


def test_no_warc_record_holds_a_forged_header(server, tmp_path, capsys):
    server.faults = Faults(
        cdx_extra_rows=[HOSTILE_ROWS["url with CR LF"], HOSTILE_ROWS["digest with CR LF"]]
    )
    run(server, tmp_path, capsys)
    for path in warc.find_warcs(tmp_path / "raw" / "warcs"):
        check = subprocess.run(
            [sys.executable, "-m", "warcio.cli", "check", str(path)],
            capture_output=True,
            check=False,
        )
        assert check.returncode == 0
        assert (
            b"forged"
            not in subprocess.run(
                [sys.executable, "-m", "warcio.cli", "index", "-f", "warc-target-uri", str(path)],
                capture_output=True,
                check=True,
            ).stdout
        )
