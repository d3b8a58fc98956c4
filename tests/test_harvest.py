"""Discovery and fetching against a Wayback-style server of our own that misbehaves; the
same archive gives the same tables, whatever order concurrent fetches finish in."""

from __future__ import annotations

import gzip
import io
import json
import signal
import subprocess
import sys
import time

import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import tables, warc
from pipeline.records import sha1_base32
from tests.archive.support import (
    OLD_SITE,
    ROOT,
    SAMPLE,
    VirtualTime,
    assert_every_capture_stored_once_and_verified,
    expected_captures,
    ledger,
    run,
    run_args,
)
from tests.servers.wayback import Faults, WaybackServer


def test_undisturbed_run_walks_resume_keys_and_stores_everything(server, tmp_path, capsys):
    code, summary = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    cdx_pages = server.log.count("cdx")
    assert cdx_pages > 5  # 7 rows a page: the walk went through several resume keys
    assert ledger(tmp_path, "SELECT complete, resume_key FROM queries") == [(1, None)]
    assert summary["captures"] == len(expected_captures(server))


@pytest.mark.parametrize("fault", ["429", "503", "reset", "truncate", "slow"])
def test_every_capture_is_stored_once_under_replay_faults(server, tmp_path, capsys, fault):
    server.faults = Faults(replay_once=fault, retry_after="0", slow_seconds=1.5)
    code, _ = run(server, tmp_path, capsys)
    if code == 3:  # some captures exhausted their retries: the next run finishes the job
        code, _ = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def test_live_429_without_retry_after_pauses_the_run(server, tmp_path, capsys):
    server.faults = Faults(cdx_429=1)
    waited = VirtualTime()
    code, _ = run(server, tmp_path, capsys, timing=waited.timing, pause_on_429=1.5)
    assert code == 0
    assert max(waited.slept) >= 1.5 and waited.now >= 1.5
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def test_duplicate_cdx_rows_and_503s_are_absorbed(server, tmp_path, capsys):
    server.faults = Faults(duplicate_rows=True, cdx_503=2)
    code, _ = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert ledger(tmp_path, "SELECT count(*) FROM captures")[0][0] == len(
        [h for h in server.held if h.url.startswith("http://moscow.iom.int/old/")]
    )


def test_a_block_stops_the_run_and_the_next_run_completes(server, tmp_path, capsys):
    server.faults = Faults(block_above_per_minute=3, block_seconds=2)
    code, summary = run(server, tmp_path, capsys)
    assert code == 3
    assert summary["blocked"]
    requests_when_blocked = len(server.log.requests)
    server.wait_until_listening()  # the firewall opens again
    server.faults = Faults()
    code, _ = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert len(server.log.requests) > requests_when_blocked


def test_a_cool_down_is_respected(server, tmp_path, capsys):
    server.faults = Faults(block_above_per_minute=2, block_seconds=1)
    code, _ = run(server, tmp_path, capsys, cooldown_minutes=60)
    assert code == 3
    server.wait_until_listening()  # so that a request would be seen
    before = len(server.log.requests)
    code, summary = run(server, tmp_path, capsys, cooldown_minutes=60)
    assert code == 3 and "cooling down" in summary["blocked"]
    assert len(server.log.requests) == before  # not one request during the cool-down


def test_a_rerun_with_nothing_new_makes_no_replay_requests(server, tmp_path, capsys):
    run(server, tmp_path, capsys)
    replays = server.log.count("replay")
    code, summary = run(server, tmp_path, capsys)
    assert code == 0
    assert server.log.count("replay") == replays
    assert summary["fetched"] == 0 and summary["discovered_new"] == 0


def test_killed_fetch_resumes_without_loss_or_double_storage(tmp_path):
    """SIGKILL mid-fetch, run again: the same payloads as an undisturbed run, each once."""
    server = WaybackServer([SAMPLE], Faults()).start()
    try:
        args = [
            sys.executable,
            "-m",
            "pipeline.cli",
            *run_args(server, tmp_path, replay_rate=600, concurrency=1),
        ]
        child = subprocess.Popen(
            args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while server.log.count("replay") < 8 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert server.log.count("replay") < len(expected_captures(server))  # killed midway
        subprocess.run(
            args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        assert_every_capture_stored_once_and_verified(server, tmp_path)
    finally:
        server.stop()


def test_gzip_served_without_content_encoding_is_decoded(tmp_path, capsys):
    page = "<html><body><p>Интеграционный тест</p></body></html>".encode()
    fixture = tmp_path / "gzip.warc.gz"
    with open(fixture, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        body = gzip.compress(page)
        record = writer.create_warc_record(
            "http://moscow.iom.int/old/g.html",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict={"WARC-Date": "2016-01-01T00:00:00Z"},
            http_headers=StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1"
            ),
        )
        # The CDX digest is that of the page itself, as the archive indexed it.
        record.rec_headers.replace_header("WARC-Payload-Digest", f"sha1:{sha1_base32(page)}")
        writer.write_record(record)
    server = WaybackServer([fixture]).start()
    try:
        code, _ = run(server, tmp_path, capsys)
    finally:
        server.stop()
    assert code == 0
    (path,) = warc.find_warcs(tmp_path / "raw" / "warcs")
    (held,) = list(warc.iter_stored(path))
    assert held.payload == page


def test_a_query_the_archive_keeps_failing_is_asked_year_by_year(server, tmp_path, capsys):
    server.faults = Faults(cdx_503_unless_one_year=True)
    code, _ = run(
        server,
        tmp_path,
        capsys,
        retry_backoff=0.01,
        **{"from_timestamp": "2010", "to_timestamp": "2024"},
    )
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    windows = ledger(tmp_path, "SELECT pattern, complete FROM queries ORDER BY pattern")
    assert (OLD_SITE, 1) in windows
    assert (f"{OLD_SITE} [2012-2012]", 1) in windows


def test_an_excluded_pattern_is_recorded_and_the_others_go_on(server, tmp_path, capsys):
    server.faults = Faults(cdx_403_for="russia.iom.int/")
    code, summary = run(server, tmp_path, capsys, OLD_SITE, "russia.iom.int/*")
    assert code == 3
    assert summary["failed"] == {"cdx Excluded": 1}
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def test_our_warcs_get_a_cdxj_index_pywb_can_use(server, tmp_path, capsys):
    run(server, tmp_path, capsys)
    index = tmp_path / "raw" / "warcs" / "index.cdxj"
    lines = index.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    indexed = {json.loads(line.split(" ", 2)[2])["url"] for line in lines}
    assert indexed == {url for url, _, _ in expected_captures(server)}


# Where a record landed differs between two runs' WARC files (their names are unique,
# their warcinfo records differ): everything else must not.
PLACE = ("warc_file", "warc_offset")


def table_contents(out, name):
    table = pq.read_table(out / f"{name}.parquet")
    return table.drop_columns([c for c in PLACE if c in table.column_names]).to_pylist()


@pytest.fixture
def jittery_server():
    # Slow answers on the first request of each URL make concurrent fetches finish out of
    # the order they were asked in; a retry follows.
    started = WaybackServer([SAMPLE], Faults(replay_once="slow", slow_seconds=0.3)).start()
    yield started
    started.stop()


def test_two_runs_at_concurrency_8_give_the_same_tables(jittery_server, tmp_path, capsys):
    results = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        code, summary = run(
            jittery_server,
            folder,
            capsys,
            OLD_SITE,
            "russia.iom.int/*",
            concurrency=8,
            timeout=5,
        )
        assert code == 0, summary
        results.append(folder / "out")
    for name in tables.GENERATION_TABLES:
        assert table_contents(results[0], name) == table_contents(results[1], name), name
    captures = table_contents(results[0], "captures")
    assert len(captures) > 50
    assert captures == sorted(captures, key=lambda r: (r["timestamp"], r["url"], r["digest"]))
    earliest = {}
    for row in captures:
        if row["status"] == 200 and row["mime"] == "text/html":
            earliest.setdefault(row["digest"], row["timestamp"])
    documents = table_contents(results[0], "documents")
    assert {d["digest"]: d["first_timestamp"] for d in documents} == earliest
