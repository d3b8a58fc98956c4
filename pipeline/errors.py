"""One tree of errors, in two branches: what a run records and goes on from (`Recoverable`)
and what stops it (`Fatal`). Each carries the facts needed to record it or to say, in one
line from cli.py, what to do."""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose: each is Recoverable or Fatal."""


class Recoverable(PipelineError):
    """One capture, CDX query, WARC file or task could not be had: the run records it (the
    ledger, a row of failures.parquet) and goes on with the others; the next run retries
    what can be retried. Handlers that record and continue catch this, never Fatal."""


class Fatal(PipelineError):
    """The run cannot go on: bad settings, a lock held, a block, damaged stored data.
    cli.py says why in one line and exits (a block ends the run as partial)."""


class ConfigError(Fatal):
    """A setting is missing or malformed: raised while reading the settings, the aliases or
    the corrections file, before any work."""


class _FromArchive(Exception):
    """An error about an answer of the archive: the URL asked and the status it gave."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class ArchiveError(_FromArchive, Recoverable):
    """The archive answered one request in a way we cannot use: raised by the session, CDX
    and replay modules; recorded against the capture or query, which the next run retries."""


class RateLimited(ArchiveError):
    """A live 429 from the archive itself (no Memento-Datetime), once the retries are spent."""

    def __init__(self, url: str, retry_after: float | None) -> None:
        super().__init__(f"rate limited by the archive: {url}", url=url, status=429)
        self.retry_after = retry_after


class ArchiveStop(_FromArchive, Fatal):
    """The archive as a whole cannot be used: nothing more is sent to it this run."""


class Blocked(ArchiveStop):
    """The archive refuses us (429s sustained past block_after_minutes, or connections
    refused again and again): the run stops, records a cool-down and ends as partial."""


class Unreachable(ArchiveStop):
    """No connection to the archive on the first request of a run: a settings error (a
    mistyped --archive-url or nothing listening), never a block; the run stops, exit 1."""


class NotArchived(ArchiveError):
    """The archive holds no capture at this URL and time (a 404 on replay)."""


class Excluded(ArchiveError):
    """The archive excludes this URL from access (a 403, or its exclusion page)."""


class TruncatedBody(ArchiveError):
    """The body ended before its Content-Length: never stored, asked for again, and
    retried next run."""


class TooLarge(ArchiveError):
    """The body (or what a gzip body inflates to) exceeds the configured size cap."""


class CdxCycle(ArchiveError):
    """The CDX server returned a resume key it had already returned."""


class MalformedCdx(ArchiveError):
    """A CDX answer that is not the JSON its dialect promises."""


class DeadlineExceeded(ArchiveError):
    """A request took longer in all than its deadline (a trickling or endless answer)."""


class InvalidValue(ArchiveError):
    """A value in the archive's answer that cannot be believed (a timestamp that is no
    date, a URL with control characters, a row of the wrong shape): that row or capture
    is recorded and left out."""


class CdxStalled(ArchiveError):
    """A CDX query whose resume keys do not advance, or that reached its page cap."""


class WarcError(Recoverable):
    """A WARC record, or a file from some offset on, cannot be read: raised (or yielded)
    by warc.py; extraction records a failure row for it and reads the rest."""

    def __init__(self, message: str, *, path: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.offset = offset


class Locked(Fatal):
    """Another run holds the lock on the raw or the tables' folder: this run does nothing
    (exit 4)."""


class LedgerError(Fatal):
    """The ledger file is unreadable, found when it is opened: what to do is in the message."""


class StoredDataError(Fatal):
    """Something the pipeline stored earlier (a table, a cached part) cannot be read or
    written; the message says what to do."""


class NothingToExtract(Fatal):
    """extract found no WARC file: replacing the tables with empty ones would lose them."""
