"""The ledger: an SQLite file in raw/ recording every discovered capture and what became of it.

It is what makes a run resumable: discovery saves each CDX page and its resume key as it
goes, and fetching marks each capture stored (with its WARC position) or failed (with the
error and attempt count), so a rerun does only what is left.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.errors import LedgerError
from pipeline.records import Capture

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    urlkey TEXT NOT NULL, timestamp TEXT NOT NULL, digest TEXT NOT NULL,
    url TEXT NOT NULL, mime TEXT, status INTEGER, length INTEGER,
    state TEXT NOT NULL DEFAULT 'pending',  -- pending, stored, skipped, failed
    attempts INTEGER NOT NULL DEFAULT 0, error TEXT, error_class TEXT,
    warc_file TEXT, warc_offset INTEGER, digest_match INTEGER, served_timestamp TEXT,
    warc_end INTEGER,  -- where the capture's metadata record ends: the file is at least this long
    revisit INTEGER,  -- 1 when the record is a revisit (its payload is another capture's)
    PRIMARY KEY (urlkey, timestamp, digest)
);
CREATE TABLE IF NOT EXISTS queries (
    archive TEXT NOT NULL, pattern TEXT NOT NULL,
    resume_key TEXT, complete INTEGER NOT NULL DEFAULT 0, last_timestamp TEXT,
    PRIMARY KEY (archive, pattern)
);
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT);
-- What discovery could not use: a query that failed (value '') or a CDX row we did not
-- believe (value: the row, shown safely). Added in schema 2; older ledgers gain it on open.
CREATE TABLE IF NOT EXISTS discover_failures (
    archive TEXT NOT NULL, pattern TEXT NOT NULL, value TEXT NOT NULL,
    url TEXT, timestamp TEXT, error_class TEXT NOT NULL, error TEXT,
    attempts INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (archive, pattern, value)
);
"""


@dataclass(frozen=True)
class QueryState:
    resume_key: str | None
    complete: bool
    last_timestamp: str | None


@dataclass(frozen=True)
class StoredFile:
    """A WARC file the ledger says holds stored captures, and how long it must be."""

    warc_file: str
    captures: int
    needed_bytes: int  # the end of its last capture (its last offset for older rows)


class Ledger:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(captures)")}
            for column in ("warc_end", "revisit"):  # a ledger from before they were kept
                if column not in columns:
                    self.db.execute(f"ALTER TABLE captures ADD COLUMN {column} INTEGER")
        except sqlite3.DatabaseError as exc:
            raise damaged(path, exc) from exc

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def query_state(self, archive: str, pattern: str) -> QueryState:
        row = self.db.execute(
            "SELECT resume_key, complete, last_timestamp FROM queries "
            "WHERE archive=? AND pattern=?",
            (archive, pattern),
        ).fetchone()
        if row is None:
            return QueryState(None, False, None)
        return QueryState(row[0], bool(row[1]), row[2])

    def save_page(
        self, archive: str, pattern: str, captures: Iterable[Capture], resume_key: str | None
    ) -> int:
        """Store one CDX page and where to resume, atomically; return how many rows were new."""
        rows = [
            (c.urlkey, c.timestamp, c.digest, c.url, c.mime, c.status, c.length) for c in captures
        ]
        with self.transaction():
            before = self.db.total_changes
            # Exact duplicate CDX rows (the archive returns them) collapse on the primary key.
            self.db.executemany(
                "INSERT OR IGNORE INTO captures (urlkey, timestamp, digest, url, mime, status,"
                " length) VALUES (?,?,?,?,?,?,?)",
                rows,
            )
            added = self.db.total_changes - before
            latest = max((r[1] for r in rows), default=None)
            self.db.execute(
                "INSERT INTO queries (archive, pattern, resume_key, complete, last_timestamp) "
                "VALUES (?,?,?,?,?) ON CONFLICT(archive, pattern) DO UPDATE SET "
                "resume_key=excluded.resume_key, complete=excluded.complete, "
                "last_timestamp=max(coalesce(last_timestamp, ''), "
                "coalesce(excluded.last_timestamp, ''))",
                (archive, pattern, resume_key, int(resume_key is None), latest),
            )
        return added

    def restart_query(self, archive: str, pattern: str) -> None:
        """A finished query is asked again (for new captures) from the start."""
        self.db.execute(
            "UPDATE queries SET complete=0, resume_key=NULL WHERE archive=? AND pattern=?",
            (archive, pattern),
        )

    def pending(self) -> list[Capture]:
        rows = self.db.execute(
            "SELECT urlkey, timestamp, url, mime, status, digest, length FROM captures "
            "WHERE state IN ('pending', 'failed') ORDER BY timestamp, urlkey"
        ).fetchall()
        return [Capture(*row) for row in rows]

    def mark_stored(
        self,
        capture: Capture,
        warc_file: str,
        offset: int,
        digest_match: bool | None,
        served_timestamp: str,
        end: int | None = None,
        revisit: bool | None = None,
        note: str | None = None,
    ) -> None:
        """Stored; a note (what had to be assumed, e.g. a Memento-Datetime that is no
        date) stays in the error column of the stored row, with error_class 'note'."""
        self.db.execute(
            "UPDATE captures SET state='stored', attempts=attempts+1, error=?, "
            "error_class=?, warc_file=?, warc_offset=?, digest_match=?, served_timestamp=?, "
            "warc_end=?, revisit=? WHERE urlkey=? AND timestamp=? AND digest=?",
            (
                note,
                "note" if note else None,
                warc_file,
                offset,
                digest_match,
                served_timestamp,
                end,
                revisit,
                *capture.key,
            ),
        )

    def mark_stored_if_pending(
        self,
        url: str,
        timestamp: str,
        digest: str,
        warc_file: str,
        offset: int,
        digest_match: bool | None,
        served: str,
        end: int | None = None,
        revisit: bool | None = None,
    ) -> int:
        """A whole record a crashed run wrote but did not enter; return rows changed."""
        before = self.db.total_changes
        self.db.execute(
            "UPDATE captures SET state='stored', warc_file=?, warc_offset=?, digest_match=?, "
            "served_timestamp=?, warc_end=?, revisit=?, error=NULL, error_class=NULL "
            "WHERE url=? AND timestamp=? AND digest=? AND state!='stored'",
            (warc_file, offset, digest_match, served, end, revisit, url, timestamp, digest),
        )
        return self.db.total_changes - before

    def stored_files(self) -> list[StoredFile]:
        rows = self.db.execute(
            "SELECT warc_file, count(*), max(coalesce(warc_end, warc_offset + 1)) "
            "FROM captures WHERE state='stored' AND warc_file IS NOT NULL "
            "GROUP BY warc_file ORDER BY warc_file"
        ).fetchall()
        return [StoredFile(*row) for row in rows]

    def files_without_ends(self) -> list[str]:
        """Files holding stored captures entered before record ends were kept."""
        rows = self.db.execute(
            "SELECT DISTINCT warc_file FROM captures WHERE state='stored' "
            "AND warc_file IS NOT NULL AND warc_end IS NULL ORDER BY warc_file"
        ).fetchall()
        return [row[0] for row in rows]

    def fill_ends(self, warc_file: str, whole: dict[int, tuple[int, bool]], size: int) -> None:
        """Record ends and revisit flags of one file's captures from its whole records; a
        capture with no whole record at its offset gets an end past the file (lost)."""
        rows = self.db.execute(
            "SELECT urlkey, timestamp, digest, warc_offset FROM captures "
            "WHERE state='stored' AND warc_file=? AND warc_end IS NULL",
            (warc_file,),
        ).fetchall()
        with self.transaction():
            for urlkey, timestamp, digest, offset in rows:
                end, revisit = whole.get(offset, (size + 1, None))
                self.db.execute(
                    "UPDATE captures SET warc_end=?, revisit=coalesce(revisit, ?) "
                    "WHERE urlkey=? AND timestamp=? AND digest=?",
                    (end, revisit, urlkey, timestamp, digest),
                )

    def refetch_beyond(self, warc_file: str, size: int, reason: str) -> int:
        """Captures of warc_file that do not fit in its size (all of them when the file is
        gone, size 0) are fetched again: state pending, reason kept; return how many."""
        before = self.db.total_changes
        self.db.execute(
            "UPDATE captures SET state='pending', error=?, error_class='LostFromWarc', "
            "warc_file=NULL, warc_offset=NULL, warc_end=NULL, revisit=NULL "
            "WHERE state='stored' AND warc_file=? AND coalesce(warc_end, warc_offset + 1) > ?",
            (reason, warc_file, size),
        )
        return self.db.total_changes - before

    def refetch(self, warc_file: str, offset: int, reason: str) -> int:
        """The capture stored at this offset is damaged: fetch it again."""
        before = self.db.total_changes
        self.db.execute(
            "UPDATE captures SET state='pending', error=?, error_class='DamagedRecord', "
            "warc_file=NULL, warc_offset=NULL, warc_end=NULL, revisit=NULL "
            "WHERE state='stored' AND warc_file=? AND warc_offset=?",
            (reason, warc_file, offset),
        )
        return self.db.total_changes - before

    def held_payloads(self) -> dict[str, tuple[str, str]]:
        """digest -> (url, timestamp) of the earliest stored response holding it: what a
        revisit may point to (never another revisit, whose payload is elsewhere)."""
        rows = self.db.execute(
            "SELECT digest, url, coalesce(served_timestamp, timestamp) FROM captures "
            "WHERE state='stored' AND revisit IS NOT 1 ORDER BY timestamp, url"
        ).fetchall()
        held: dict[str, tuple[str, str]] = {}
        for digest, url, timestamp in rows:
            held.setdefault(digest, (url, timestamp))
        return held

    def awaiting_refetch(self) -> int:
        """Captures turned back to fetching because their WARC bytes were lost."""
        return self.db.execute(
            "SELECT count(*) FROM captures WHERE state='pending' "
            "AND error_class IN ('LostFromWarc', 'DamagedRecord')"
        ).fetchone()[0]

    def stored_in(self, warc_file: str) -> list[tuple[str, str, str, int]]:
        """(url, timestamp, digest, offset) of each capture stored in warc_file."""
        return self.db.execute(
            "SELECT url, timestamp, digest, warc_offset FROM captures "
            "WHERE state='stored' AND warc_file=? ORDER BY warc_offset",
            (warc_file,),
        ).fetchall()

    def mark_skipped(self, capture: Capture, reason: str) -> None:
        self.db.execute(
            "UPDATE captures SET state='skipped', error=? "
            "WHERE urlkey=? AND timestamp=? AND digest=?",
            (reason, *capture.key),
        )

    def mark_failed(self, capture: Capture, error: Exception) -> None:
        self.db.execute(
            "UPDATE captures SET state='failed', attempts=attempts+1, error=?, error_class=? "
            "WHERE urlkey=? AND timestamp=? AND digest=?",
            (str(error), type(error).__name__, *capture.key),
        )

    def counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT state, count(*) FROM captures GROUP BY state"))

    def failures(self) -> list[tuple[str, str, str, str, int]]:
        return self.db.execute(
            "SELECT url, timestamp, error_class, error, attempts FROM captures "
            "WHERE state='failed' ORDER BY timestamp"
        ).fetchall()

    def record_discover_failure(
        self,
        archive: str,
        pattern: str,
        error_class: str,
        error: str,
        *,
        value: str = "",
        url: str | None = None,
        timestamp: str | None = None,
    ) -> bool:
        """Record what discovery could not use; True if it was not recorded before."""
        known = self.db.execute(
            "SELECT 1 FROM discover_failures WHERE archive=? AND pattern=? AND value=?",
            (archive, pattern, value),
        ).fetchone()
        self.db.execute(
            "INSERT INTO discover_failures (archive, pattern, value, url, timestamp, "
            "error_class, error) VALUES (?,?,?,?,?,?,?) ON CONFLICT(archive, pattern, value) "
            "DO UPDATE SET attempts=attempts+1, error_class=excluded.error_class, "
            "error=excluded.error",
            (
                archive,
                pattern,
                value,
                url if url is not None else pattern,
                timestamp,
                error_class,
                error,
            ),
        )
        return known is None

    def clear_query_failure(self, archive: str, pattern: str) -> None:
        """A query that has now been answered whole is no longer a failure."""
        self.db.execute(
            "DELETE FROM discover_failures WHERE archive=? AND pattern=? AND value=''",
            (archive, pattern),
        )

    def discover_failures(self) -> list[tuple[str, str | None, str, str, int]]:
        """(url or query, timestamp, error_class, error, attempts), like failures()."""
        return self.db.execute(
            "SELECT url, timestamp, error_class, error, attempts FROM discover_failures "
            "ORDER BY pattern, value"
        ).fetchall()

    def get_state(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE name=?", (name,)).fetchone()
        return row[0] if row else None

    def set_state(self, name: str, value: str | None) -> None:
        self.db.execute(
            "INSERT INTO state (name, value) VALUES (?, ?) ON CONFLICT(name) "
            "DO UPDATE SET value=excluded.value",
            (name, value),
        )


def cooldown_until(ledger: Ledger, now: datetime | None = None) -> str | None:
    """When the cool-down after a block ends, if it has not ended; a value that is no
    date (a hand-edited ledger) counts as none."""
    until = ledger.get_state("cooldown_until")
    if not until:
        return None
    try:
        moment = datetime.fromisoformat(until)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return until if moment > (now or datetime.now(UTC)) else None


def clear_cooldown(ledger: Ledger) -> str | None:
    """End a cool-down deliberately; return when it would have ended."""
    until = cooldown_until(ledger)
    ledger.set_state("cooldown_until", None)
    return until


def damaged(path: Path, exc: Exception) -> LedgerError:
    return LedgerError(
        f"the ledger {path} is damaged ({exc}): move it aside and run again; discovery "
        "rebuilds it from the archive (captures already in WARC files are fetched again)"
    )
