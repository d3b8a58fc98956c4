"""Discovery and fetching against a Wayback-style server of our own that misbehaves."""

from __future__ import annotations

import gzip
import io
import json
import signal
import subprocess
import sys
import threading
import time

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline import warc
from pipeline.archive.ratelimit import RateLimiter
from pipeline.records import sha1_base32
from tests.archive.support import (
    OLD_SITE,
    ROOT,
    SAMPLE,
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
    started = time.monotonic()
    code, _ = run(server, tmp_path, capsys, pause_on_429=1.5)
    assert code == 0
    assert time.monotonic() - started >= 1.5
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
    time.sleep(2.5)  # the firewall opens again
    server.faults = Faults()
    code, _ = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert len(server.log.requests) > requests_when_blocked


def test_a_cool_down_is_respected(server, tmp_path, capsys):
    server.faults = Faults(block_above_per_minute=2, block_seconds=1)
    code, _ = run(server, tmp_path, capsys, cooldown_minutes=60)
    assert code == 3
    time.sleep(1.5)
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


def test_rates_are_never_exceeded_across_workers():
    """Slots are handed out under one lock: with the clock standing still, eight workers
    are told to wait 0, 0.1, ..., 0.7 s at 600 a minute, whatever order they run in. The
    clock is injected, so the test does not depend on how busy the machine is."""
    waits: list[float] = []
    limiter = RateLimiter(600, clock=lambda: 100.0, sleep=waits.append)
    workers = [threading.Thread(target=limiter.wait) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(round(w, 6) for w in waits) == [round(0.1 * i, 6) for i in range(1, 8)]


def test_a_pause_holds_every_later_slot():
    waits: list[float] = []
    limiter = RateLimiter(600, clock=lambda: 0.0, sleep=waits.append)
    limiter.wait()
    limiter.pause(5.0)
    limiter.wait()
    assert waits == [5.0]


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


def test_runs_within_one_second_never_overwrite_each_others_warc_files(tmp_path):
    """WARC names carry the second a run started; a second run in the same second must
    not rename its file onto the first run's."""
    from pipeline.records import Capture, Memento

    def memento(n: int) -> Memento:
        capture = Capture("k", f"2016010100000{n}", f"http://a/{n}", "text/html", 200, "D")
        return Memento(capture, "r", capture.timestamp, 200, "OK", [], b"x%d" % n, None)

    folder = tmp_path / "warcs"
    for n in range(2):
        store = warc.WarcStore(folder, {})
        store._stamp = "20160101000000"  # both runs in the same second
        store.write(memento(n), revisit_of=None)
        store.close()
    urls = sorted(s.url for p in warc.find_warcs(folder) for s in warc.iter_stored(p))
    assert urls == ["http://a/0", "http://a/1"]
