"""The ledger against the WARC files: deleted, cut, torn or damaged files are fetched again
from the test archive, and nothing the ledger counts is lost."""

from __future__ import annotations

import gzip
import json
import shutil

import pyarrow.parquet as pq
import pytest

from pipeline import cli, warc
from tests.archive.support import (
    SAMPLE,
    assert_every_capture_stored_once_and_verified,
    expected_captures,
    run,
)
from tests.servers.wayback import WaybackServer


@pytest.fixture
def server():
    started = WaybackServer([SAMPLE]).start()
    yield started
    started.stop()


def the_warc(tmp_path):
    (path,) = warc.find_warcs(tmp_path / "raw" / "warcs")
    return path


def captures_in_tables(tmp_path) -> int:
    return pq.read_table(tmp_path / "out" / "captures.parquet").num_rows


def test_a_deleted_warc_is_fetched_again(server, tmp_path, capsys):
    code, first = run(server, tmp_path, capsys)
    assert code == 0
    replays = server.log.count("replay")
    the_warc(tmp_path).unlink()
    code, summary = run(server, tmp_path, capsys)
    assert code == 0
    assert summary["refetch"] == first["fetched"] == len(expected_captures(server))
    assert summary["fetched"] == first["fetched"]
    assert server.log.count("replay") == 2 * replays
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert captures_in_tables(tmp_path) == first["captures"]


def test_a_warc_cut_to_half_is_cut_to_whole_records_and_the_rest_fetched(server, tmp_path, capsys):
    code, first = run(server, tmp_path, capsys)
    path = the_warc(tmp_path)
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size // 2)
    code, summary = run(server, tmp_path, capsys)
    assert code == 0
    assert 0 < summary["refetch"] < first["fetched"]
    assert summary["fetched"] == summary["refetch"]
    assert summary["extract_failures"] == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert captures_in_tables(tmp_path) == first["captures"]
    code, again = run(server, tmp_path, capsys)  # and every later run is clean
    assert code == 0 and again["refetch"] == again["fetched"] == 0


def test_extract_alone_after_a_deletion_says_what_is_missing_and_exits_partial(
    server, tmp_path, capsys
):
    run(server, tmp_path, capsys)
    shutil.copy(SAMPLE, tmp_path / "raw" / "other.warc.gz")  # extract has something to read
    the_warc(tmp_path).unlink()
    code = cli.main(["extract", "--raw-dir", str(tmp_path / "raw"), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    summary = json.loads(captured.out.strip().splitlines()[-1])
    assert code == 3
    assert summary["awaiting_fetch"] == len(expected_captures(server))
    assert "will be fetched again" in captured.err


def test_a_torn_open_file_is_cut_and_its_lost_captures_fetched_again(server, tmp_path, capsys):
    """A killed fetch's file: the last capture's metadata record cut mid-member, and the
    ledger claiming the capture stored."""
    code, first = run(server, tmp_path, capsys)
    path = the_warc(tmp_path)
    members = list(warc.gzip_members(path))
    last_start, last_end, _ = members[-1]
    torn = path.with_name(path.name + warc.OPEN_SUFFIX)
    path.rename(torn)
    with open(torn, "r+b") as fh:
        fh.truncate((last_start + last_end) // 2)
    code, summary = run(server, tmp_path, capsys)
    assert code == 0
    assert summary["refetch"] == summary["fetched"] == 1
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert captures_in_tables(tmp_path) == first["captures"]


def test_verify_finds_a_damaged_record_and_the_next_run_fetches_its_file_again(
    server, tmp_path, capsys
):
    code, first = run(server, tmp_path, capsys)
    path = the_warc(tmp_path)
    # Rewrite one response's gzip member with one payload byte changed: the file stays
    # readable, the record's payload digest no longer matches.
    members = list(warc.gzip_members(path))
    data = path.read_bytes()
    start, end, _ = next(m for m in members if warc._record_type(m[2]) == b"response")
    record = gzip.decompress(data[start:end])
    changed = record[:-10] + bytes([record[-10] ^ 0x01]) + record[-9:]
    path.write_bytes(data[:start] + gzip.compress(changed) + data[end:])
    args = ["verify", "--raw-dir", str(tmp_path / "raw"), "--out", str(tmp_path / "out")]
    assert cli.main(args) == 3
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["refetch"] == first["fetched"]
    assert path.with_name(path.name + ".damaged").exists()
    code, again = run(server, tmp_path, capsys)
    assert code == 0 and again["fetched"] == first["fetched"]
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert cli.main(args) == 0  # the new file verifies clean
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["refetch"] == 0


def test_verify_without_a_ledger_is_one_line(tmp_path, capsys):
    code = cli.main(["verify", "--raw-dir", str(tmp_path / "raw"), "--out", str(tmp_path)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and len(err.splitlines()) == 1 and "no ledger" in err


def test_two_stores_opened_in_the_same_second_keep_both_files(tmp_path):
    from tests.test_warc import memento

    first = warc.WarcStore(tmp_path, {"run_id": "a"})
    second = warc.WarcStore(tmp_path, {"run_id": "b"})
    a = first.write(memento(), revisit_of=None)
    b = second.write(memento("20170101000000"), revisit_of=None)
    first.close()
    second.close()
    assert a.path != b.path
    assert sorted(r.timestamp for p in (a.path, b.path) for r in warc.iter_stored(p)) == [
        "20161103102700",
        "20170101000000",
    ]


def test_extract_alone_closes_and_reads_a_file_a_killed_fetch_left_open(server, tmp_path, capsys):
    code, first = run(server, tmp_path, capsys)
    path = the_warc(tmp_path)
    path.rename(path.with_name(path.name + warc.OPEN_SUFFIX))
    code = cli.main(["extract", "--raw-dir", str(tmp_path / "raw"), "--out", str(tmp_path / "out")])
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert code == 0 and summary["captures"] == first["captures"] > 0
    assert path.exists()


def test_a_ledger_from_before_record_ends_were_kept_learns_them_from_the_files(
    server, tmp_path, capsys
):
    """Older ledgers know only each capture's offset: a file cut inside its last capture
    was longer than that offset, so the ends are read once from the file's whole records."""
    import sqlite3

    code, first = run(server, tmp_path, capsys)
    path = the_warc(tmp_path)
    with sqlite3.connect(tmp_path / "raw" / "ledger.sqlite") as db:
        db.execute("UPDATE captures SET warc_end=NULL, revisit=NULL")
        (last_offset,) = db.execute("SELECT max(warc_offset) FROM captures").fetchone()
    with open(path, "r+b") as fh:
        fh.truncate(last_offset + 20)  # inside the last capture's response record
    code, summary = run(server, tmp_path, capsys)
    assert code == 0 and summary["refetch"] == summary["fetched"] == 1
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert captures_in_tables(tmp_path) == first["captures"]
