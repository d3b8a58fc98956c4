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
from pathlib import Path

from pipeline.records import Capture

SCHEMA = """
CREATE TABLE IF NOT EXISTS captures (
    urlkey TEXT NOT NULL, timestamp TEXT NOT NULL, digest TEXT NOT NULL,
    url TEXT NOT NULL, mime TEXT, status INTEGER, length INTEGER,
    state TEXT NOT NULL DEFAULT 'pending',  -- pending, stored, skipped, failed
    attempts INTEGER NOT NULL DEFAULT 0, error TEXT, error_class TEXT,
    warc_file TEXT, warc_offset INTEGER, digest_match INTEGER, served_timestamp TEXT,
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


class Ledger:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

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
        note: str | None = None,
    ) -> None:
        """Stored; a note (what had to be assumed, e.g. a Memento-Datetime that is no
        date) stays in the error column of the stored row, with error_class 'note'."""
        self.db.execute(
            "UPDATE captures SET state='stored', attempts=attempts+1, error=?, "
            "error_class=?, warc_file=?, warc_offset=?, digest_match=?, served_timestamp=? "
            "WHERE urlkey=? AND timestamp=? AND digest=?",
            (
                note,
                "note" if note else None,
                warc_file,
                offset,
                digest_match,
                served_timestamp,
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
    ) -> None:
        self.db.execute(
            "UPDATE captures SET state='stored', warc_file=?, warc_offset=?, digest_match=?, "
            "served_timestamp=? WHERE url=? AND timestamp=? AND digest=? AND state!='stored'",
            (warc_file, offset, digest_match, served, url, timestamp, digest),
        )

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
