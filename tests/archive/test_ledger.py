"""The ledger: each capture's state and the transitions between them, query resume keys,
what survives closing and reopening, and a damaged file as one LedgerError."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.archive.ledger import Ledger, QueryState, StoredFile
from pipeline.errors import ArchiveError, LedgerError, TruncatedBody
from pipeline.records import Capture

ARCHIVE = "http://127.0.0.1:1"
PATTERN = "moscow.iom.int/*"


def capture(n: int, digest: str = "D") -> Capture:
    return Capture(
        f"int,iom,moscow)/{n}", f"2016010100000{n}", f"http://moscow.iom.int/{n}", "text/html",
        200, f"{digest}{n}", 100,
    )  # fmt: skip


@pytest.fixture
def ledger(tmp_path):
    opened = Ledger(tmp_path / "raw" / "ledger.sqlite")
    yield opened
    opened.close()


def states(ledger: Ledger) -> dict[str, str]:
    return dict(ledger.db.execute("SELECT url, state FROM captures"))


def stored(ledger: Ledger, c: Capture, offset: int = 0, end: int | None = 50) -> None:
    ledger.mark_stored(c, "a.warc.gz", offset, True, c.timestamp, end=end)


# Each transition from pending: what state it leaves, whether fetching tries it again.
TRANSITIONS = [
    ("stored", lambda ledger, c: stored(ledger, c), False),
    ("skipped", lambda ledger, c: ledger.mark_skipped(c, "image/jpeg"), False),
    ("failed", lambda ledger, c: ledger.mark_failed(c, TruncatedBody("cut", url=c.url)), True),
]


@pytest.mark.parametrize(("state", "mark", "again"), TRANSITIONS, ids=[t[0] for t in TRANSITIONS])
def test_each_transition_from_pending(ledger, state, mark, again):
    ledger.save_page(ARCHIVE, PATTERN, [capture(1), capture(2)], None)
    assert set(states(ledger).values()) == {"pending"}
    mark(ledger, capture(1))
    assert states(ledger)[capture(1).url] == state
    assert ledger.counts() == {"pending": 1, state: 1}
    assert (capture(1) in ledger.pending()) is again
    assert capture(2) in ledger.pending()


def test_pending_and_failed_are_fetched_in_time_order(ledger):
    ledger.save_page(ARCHIVE, PATTERN, [capture(3), capture(1), capture(2)], None)
    ledger.mark_failed(capture(2), ArchiveError("HTTP 503", status=503))
    assert [c.timestamp for c in ledger.pending()] == [capture(n).timestamp for n in (1, 2, 3)]


def test_failures_count_their_attempts(ledger):
    ledger.save_page(ARCHIVE, PATTERN, [capture(1)], None)
    for _ in range(3):
        ledger.mark_failed(capture(1), TruncatedBody("cut short", url=capture(1).url))
    assert ledger.failures() == [
        (capture(1).url, capture(1).timestamp, "TruncatedBody", "cut short", 3)
    ]
    stored(ledger, capture(1))
    assert ledger.failures() == []
    assert ledger.db.execute("SELECT attempts FROM captures").fetchone() == (4,)


def test_a_stored_note_is_kept_in_the_error_column(ledger):
    ledger.save_page(ARCHIVE, PATTERN, [capture(1)], None)
    ledger.mark_stored(capture(1), "a.warc.gz", 0, None, capture(1).timestamp, note="no date")
    assert ledger.db.execute("SELECT state, error, error_class FROM captures").fetchall() == [
        ("stored", "no date", "note")
    ]


def test_duplicate_rows_collapse_and_new_rows_are_counted(ledger):
    assert ledger.save_page(ARCHIVE, PATTERN, [capture(1), capture(1), capture(2)], "k1") == 2
    assert ledger.save_page(ARCHIVE, PATTERN, [capture(2), capture(3)], None) == 1
    assert ledger.counts() == {"pending": 3}


def test_a_query_keeps_its_resume_key_until_it_is_complete(ledger):
    assert ledger.query_state(ARCHIVE, PATTERN) == QueryState(None, False, None)
    ledger.save_page(ARCHIVE, PATTERN, [capture(2)], "key-1")
    assert ledger.query_state(ARCHIVE, PATTERN) == QueryState("key-1", False, capture(2).timestamp)
    ledger.save_page(ARCHIVE, PATTERN, [capture(1)], None)
    # Complete; the latest timestamp seen stays the latest, whatever order pages came in.
    assert ledger.query_state(ARCHIVE, PATTERN) == QueryState(None, True, capture(2).timestamp)
    ledger.restart_query(ARCHIVE, PATTERN)
    assert ledger.query_state(ARCHIVE, PATTERN) == QueryState(None, False, capture(2).timestamp)
    assert ledger.query_state(ARCHIVE, "other/*") == QueryState(None, False, None)


def test_a_failed_page_write_leaves_nothing_behind(ledger):
    class Broken(Exception):
        pass

    def rows():
        yield capture(1)
        raise Broken

    with pytest.raises(Broken):
        ledger.save_page(ARCHIVE, PATTERN, rows(), "key")
    with pytest.raises(Broken), ledger.transaction():
        ledger.db.execute(
            "INSERT INTO captures (urlkey, timestamp, digest, url) VALUES ('k', 't', 'd', 'u')"
        )
        raise Broken
    assert ledger.counts() == {}
    assert ledger.query_state(ARCHIVE, PATTERN) == QueryState(None, False, None)


def test_stored_captures_go_back_to_fetching_when_their_bytes_are_lost(ledger):
    captures = [capture(n) for n in range(1, 4)]
    ledger.save_page(ARCHIVE, PATTERN, captures, None)
    for n, c in enumerate(captures):
        stored(ledger, c, offset=n * 100, end=n * 100 + 90)
    assert ledger.stored_files() == [StoredFile("a.warc.gz", 3, 290)]
    assert ledger.refetch_beyond("a.warc.gz", 150, "cut at 150 bytes") == 2
    assert ledger.awaiting_refetch() == 2
    assert ledger.refetch("a.warc.gz", 0, "digest mismatch") == 1
    assert ledger.refetch("a.warc.gz", 0, "again") == 0  # no longer stored there
    assert ledger.awaiting_refetch() == 3
    assert ledger.stored_files() == []
    assert [c.url for c in ledger.pending()] == [c.url for c in captures]
    classes = ledger.db.execute("SELECT error_class FROM captures ORDER BY timestamp")
    assert [row[0] for row in classes] == ["DamagedRecord", "LostFromWarc", "LostFromWarc"]


def test_a_record_a_crashed_run_wrote_is_entered_once(ledger):
    c = capture(1)
    ledger.save_page(ARCHIVE, PATTERN, [c], None)
    args = (c.url, c.timestamp, c.digest, "a.warc.gz", 0, True, c.timestamp, 90, False)
    assert ledger.mark_stored_if_pending(*args) == 1
    assert ledger.mark_stored_if_pending(*args) == 0
    assert ledger.stored_in("a.warc.gz") == [(c.url, c.timestamp, c.digest, 0)]


def test_record_ends_learnt_from_the_file(ledger):
    captures = [capture(1), capture(2)]
    ledger.save_page(ARCHIVE, PATTERN, captures, None)
    stored(ledger, captures[0], offset=0, end=None)
    stored(ledger, captures[1], offset=100, end=None)
    assert ledger.files_without_ends() == ["a.warc.gz"]
    ledger.fill_ends("a.warc.gz", {0: (90, False)}, size=150)  # no whole record at 100
    assert ledger.files_without_ends() == []
    assert ledger.refetch_beyond("a.warc.gz", 150, "lost") == 1  # the one past the file


def test_revisits_never_hold_a_payload(ledger):
    first, again = capture(1, "X"), capture(2, "X")
    again = Capture(again.urlkey, again.timestamp, again.url, again.mime, 200, first.digest)
    ledger.save_page(ARCHIVE, PATTERN, [first, again], None)
    ledger.mark_stored(again, "a.warc.gz", 100, True, again.timestamp, revisit=True)
    assert ledger.held_payloads() == {}
    stored(ledger, first)
    assert ledger.held_payloads() == {first.digest: (first.url, first.timestamp)}


def test_discover_failures_are_recorded_once_and_cleared(ledger):
    assert ledger.record_discover_failure(ARCHIVE, PATTERN, "ArchiveError", "HTTP 503")
    assert not ledger.record_discover_failure(ARCHIVE, PATTERN, "ArchiveError", "HTTP 502")
    assert ledger.record_discover_failure(
        ARCHIVE, PATTERN, "InvalidValue", "bad status", value="row", url="http://x", timestamp="t"
    )
    assert ledger.discover_failures() == [
        (PATTERN, None, "ArchiveError", "HTTP 502", 2),
        ("http://x", "t", "InvalidValue", "bad status", 1),
    ]
    ledger.clear_query_failure(ARCHIVE, PATTERN)
    assert [row[2] for row in ledger.discover_failures()] == ["InvalidValue"]


def test_state_values_are_set_replaced_and_cleared(ledger):
    assert ledger.get_state("cooldown_until") is None
    ledger.set_state("cooldown_until", "2030-01-01T00:00:00+00:00")
    ledger.set_state("cooldown_until", "2031-01-01T00:00:00+00:00")
    assert ledger.get_state("cooldown_until") == "2031-01-01T00:00:00+00:00"
    ledger.set_state("cooldown_until", None)
    assert ledger.get_state("cooldown_until") is None


def test_everything_survives_closing_and_reopening(tmp_path):
    path = tmp_path / "raw" / "ledger.sqlite"
    first = Ledger(path)
    first.save_page(ARCHIVE, PATTERN, [capture(1), capture(2), capture(3)], "key-9")
    stored(first, capture(1))
    first.mark_failed(capture(2), TruncatedBody("cut", url=capture(2).url))
    first.set_state("cooldown_until", "later")
    first.close()
    again = Ledger(path)
    try:
        assert again.counts() == {"stored": 1, "failed": 1, "pending": 1}
        assert again.query_state(ARCHIVE, PATTERN).resume_key == "key-9"
        assert again.get_state("cooldown_until") == "later"
        assert [c.url for c in again.pending()] == [capture(2).url, capture(3).url]
    finally:
        again.close()


def test_a_ledger_from_before_record_ends_gains_the_columns(tmp_path):
    path = tmp_path / "ledger.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE captures (urlkey TEXT NOT NULL, timestamp TEXT NOT NULL, "
            "digest TEXT NOT NULL, url TEXT NOT NULL, mime TEXT, status INTEGER, "
            "length INTEGER, state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL "
            "DEFAULT 0, error TEXT, error_class TEXT, warc_file TEXT, warc_offset INTEGER, "
            "digest_match INTEGER, served_timestamp TEXT, "
            "PRIMARY KEY (urlkey, timestamp, digest))"
        )
    db.close()
    old = Ledger(path)
    try:
        columns = {row[1] for row in old.db.execute("PRAGMA table_info(captures)")}
        assert {"warc_end", "revisit"} <= columns
        old.save_page(ARCHIVE, PATTERN, [capture(1)], None)
        assert old.counts() == {"pending": 1}
    finally:
        old.close()


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all" * 100,
        b"SQLite format 3\x00" + b"\xff" * 4000,
    ],
    ids=["not-sqlite", "garbled-header"],
)
def test_a_damaged_file_is_one_ledger_error(tmp_path, damage):
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(damage)
    with pytest.raises(LedgerError) as caught:
        Ledger(path)
    assert str(path) in str(caught.value) and "move it aside" in str(caught.value)


def test_a_file_cut_after_writing_is_one_ledger_error(tmp_path):
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger(path)
    ledger.save_page(ARCHIVE, PATTERN, [capture(n) for n in range(1, 8)], None)
    ledger.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ledger.close()
    data = bytearray(Path(path).read_bytes())
    data[100:3000] = b"\x55" * 2900  # the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(LedgerError):
        Ledger(path)
