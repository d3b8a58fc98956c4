"""The run's composition: locks, the runs table, the inputs of an extract, the ledger
checked against the WARC files, and discovery and fetching on a virtual clock."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pyarrow.parquet as pq
import pytest

from pipeline import run
from pipeline.archive.ledger import Ledger
from pipeline.config import LEDGER_NAME, WARC_FOLDER, Settings
from pipeline.errors import ArchiveError, Locked, NothingToExtract, StoredDataError
from pipeline.records import Capture, Failure, parse_timestamp
from pipeline.summary import Summary
from tests.archive.support import OLD_SITE, VirtualTime
from tests.servers.wayback import Faults, WaybackServer

from .conftest import SAMPLE

RUSSIAN_PAGES = "moscow.iom.int/old/rus/*"  # a few captures: the run takes milliseconds


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(raw_dir=tmp_path / "raw", out_dir=tmp_path / "out")


@pytest.fixture
def server():
    started = WaybackServer([SAMPLE / "iom-sample.warc.gz"]).start()
    yield started
    started.stop()


def archive_settings(settings: Settings, server: WaybackServer, **changes: object) -> Settings:
    """Settings for the fault server: small pages, fast rates (waits cost no time on the
    virtual clock anyway)."""
    values: dict[str, object] = {
        "archive_url": server.base,
        "url_patterns": (OLD_SITE,),
        "cdx_page_size": 7,
        "cdx_rate": 6000,
        "replay_rate": 6000,
        "retry_backoff": 0.01,
        **changes,
    }
    return replace(settings, **values)  # type: ignore[arg-type]


def test_one_run_at_a_time_per_folder(tmp_path):
    folder = tmp_path / "raw"
    with run.exclusive(folder):
        assert (folder / run.LOCK_NAME).exists()
        with pytest.raises(Locked) as caught, run.exclusive(folder):
            pass
        assert str(folder) in str(caught.value)
    with run.exclusive(folder):  # released
        pass


def test_both_folders_are_locked_and_one_folder_once(settings):
    with run.exclusive_folders(settings, "run"):
        for folder in (settings.raw_dir, settings.out_dir):
            with pytest.raises(Locked), run.exclusive(folder):
                pass
    same = replace(settings, out_dir=settings.raw_dir)
    with run.exclusive_folders(same, "run"):  # not locked against itself
        pass


def test_an_extract_does_not_create_a_raw_folder(settings):
    with run.exclusive_folders(settings, "extract"):
        assert not settings.raw_dir.exists()
        with pytest.raises(Locked), run.exclusive(settings.out_dir):
            pass


def test_a_run_row_holds_its_counts_and_no_credentials(settings):
    settings = replace(settings, archive_url="https://user:secret@archive.example")
    summary = Summary(command="fetch", fetched=3)
    summary.failed["replay TruncatedBody"] = 1
    run.record_run(settings, summary)
    run.record_run(settings, Summary(command="fetch"))
    rows = pq.read_table(settings.out_dir / "runs.parquet").to_pylist()
    assert [r["run_id"] for r in rows[:1]] == [summary.run_id] and len(rows) == 2
    first = rows[0]
    assert (first["command"], first["exit_code"]) == ("fetch", 3)
    counts = json.loads(first["counts"])
    assert counts["fetched"] == 3 and counts["failed"] == {"replay TruncatedBody": 1}
    assert not {"command", "run_id", "started"} & set(counts)
    assert "secret" not in first["settings"]
    assert json.loads(first["settings"])["archive_url"] == "https://archive.example"


def test_extract_reads_every_warc_but_the_skipped_folders_and_the_given_files(settings, tmp_path):
    raw = settings.raw_dir
    for name in ("a.warc.gz", "sample/s.warc.gz", "demo/d.warc.gz", "warcs/w.warc.gz"):
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE / "iom-offices-sample.warc.gz", raw / name)
    given = tmp_path / "elsewhere.warc.gz"
    shutil.copy(SAMPLE / "iom-offices-sample.warc.gz", given)
    found = run.warc_inputs(replace(settings, warc_files=(given,)))
    assert sorted(label for _, label in found[:-1]) == ["a.warc.gz", "warcs/w.warc.gz"]
    assert found[-1] == (given, str(given))
    every = run.warc_inputs(replace(settings, skip_dirs=()))
    assert sorted(label for _, label in every) == [
        "a.warc.gz",
        "demo/d.warc.gz",
        "sample/s.warc.gz",
        "warcs/w.warc.gz",
    ]


def test_verify_without_a_ledger_says_to_fetch_first(settings):
    run.check_store(settings, Summary())  # a plain check: nothing to do
    with pytest.raises(StoredDataError) as caught:
        run.check_store(settings, Summary(), full=True)
    assert "there is no ledger" in str(caught.value)


def test_captures_whose_warc_file_is_gone_are_fetched_again(settings):
    ledger = Ledger(settings.raw_dir / LEDGER_NAME)
    captures = [
        Capture(f"k{n}", f"2016010100000{n}", f"http://a/{n}", "text/html", 200, f"D{n}")
        for n in range(3)
    ]
    ledger.save_page("http://archive", OLD_SITE, captures, None)
    for n, capture in enumerate(captures[:2]):
        ledger.mark_stored(capture, "gone.warc.gz", n * 100, True, capture.timestamp, n * 100 + 90)
    ledger.close()
    (settings.raw_dir / WARC_FOLDER).mkdir()
    summary = Summary()
    run.check_store(settings, summary)
    assert (summary.refetch, summary.awaiting_fetch) == (2, 2)
    assert summary.exit_code == 3


def test_fetch_failures_are_rows_for_failures_parquet(settings):
    assert run.fetch_failures(settings) == []
    ledger = Ledger(settings.raw_dir / LEDGER_NAME)
    capture = Capture("k", "20160101000000", "http://a/", "text/html", 200, "D")
    ledger.save_page("http://archive", OLD_SITE, [capture], None)
    ledger.mark_failed(capture, ArchiveError("HTTP 503", status=503))
    ledger.record_discover_failure("http://archive", OLD_SITE, "MalformedCdx", "not JSON")
    ledger.close()
    assert run.fetch_failures(settings) == [
        Failure(
            stage="discover",
            url=OLD_SITE,
            error_class="MalformedCdx",
            error="not JSON",
            attempts=1,
        ),
        Failure(
            stage="fetch",
            url="http://a/",
            timestamp=parse_timestamp("20160101000000"),
            error_class="ArchiveError",
            error="HTTP 503",
            attempts=1,
        ),
    ]


def test_an_extract_with_nothing_to_read_is_an_error_and_a_run_writes_empty_tables(settings):
    settings.raw_dir.mkdir()
    with pytest.raises(NothingToExtract):
        run.extract(settings, Summary(command="extract"))
    summary = Summary(command="run")
    run.extract(settings, summary)
    assert pq.read_table(settings.out_dir / "items.parquet").num_rows == 0
    assert summary.extraction.captures == 0


def test_discover_and_fetch_stores_every_capture(settings, server):
    time = VirtualTime()
    summary = Summary()
    few = archive_settings(settings, server, url_patterns=(RUSSIAN_PAGES,))
    run.discover_and_fetch(few, summary, timing=time.timing)
    held = [h for h in server.held if h.url.startswith("http://moscow.iom.int/old/rus/")]
    assert summary.discovered_new == len(held) > 0
    assert summary.fetched + summary.skipped == len(held)
    assert summary.fetched > 0
    assert summary.requests == len(server.log.requests)
    assert (summary.blocked, summary.live_429s, summary.awaiting_fetch) == (None, 0, 0)


def test_a_block_sets_a_cool_down_and_the_next_run_sends_nothing(settings, server):
    """429s from the first request on, no Retry-After: 60, 120, 240 s of (virtual) pauses
    and a block; the next run, within the cool-down, sends not one request."""
    server.faults = Faults(always_429_after=0)
    time = VirtualTime()
    blocked = archive_settings(settings, server, pause_on_429=60, cooldown_minutes=60)
    summary = Summary()
    run.discover_and_fetch(blocked, summary, timing=time.timing)
    assert "429s for" in (summary.blocked or "")
    assert summary.live_429s == summary.requests == len(server.log.requests) == 4
    assert time.now >= 5 * 60
    ledger = Ledger(settings.raw_dir / LEDGER_NAME)
    until = datetime.fromisoformat(ledger.get_state("cooldown_until") or "")
    ledger.close()
    assert until > datetime.now(UTC) + timedelta(minutes=59)
    server.faults = Faults()
    again = Summary()
    run.discover_and_fetch(blocked, again, timing=VirtualTime().timing)
    assert "cooling down" in (again.blocked or "")
    assert again.requests == 0 and len(server.log.requests) == 4
