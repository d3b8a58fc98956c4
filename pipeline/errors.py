"""One tree of errors. Each carries the facts the run loop needs to record it."""

from __future__ import annotations


class PipelineError(Exception):
    """Base of every error the run loop records and survives."""


class ConfigError(PipelineError):
    """A setting is missing or malformed."""


class ArchiveError(PipelineError):
    """The archive answered in a way we cannot use."""

    def __init__(self, message: str, *, url: str = "", status: int | None = None) -> None:
        super().__init__(message)
        self.url = url
        self.status = status


class RateLimited(ArchiveError):
    """A live 429 from the archive itself (no Memento-Datetime)."""

    def __init__(self, url: str, retry_after: float | None) -> None:
        super().__init__(f"rate limited by the archive: {url}", url=url, status=429)
        self.retry_after = retry_after


class Blocked(ArchiveError):
    """The archive refuses us (repeated 429s or refused connections): stop and cool down."""


class NotArchived(ArchiveError):
    """The archive holds no capture at this URL and time."""


class Excluded(ArchiveError):
    """The archive excludes this URL from access."""


class TruncatedBody(ArchiveError):
    """The body ended before its Content-Length: never stored, retried next time."""


class TooLarge(ArchiveError):
    """The body exceeds the configured size cap."""


class CdxCycle(ArchiveError):
    """The CDX server returned a resume key it had already returned."""


class Locked(PipelineError):
    """Another run holds the lock on the raw folder."""


class WarcError(PipelineError):
    """A WARC file is unreadable from some offset on."""

    def __init__(self, message: str, *, path: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.offset = offset


class LedgerError(PipelineError):
    """The ledger file is unreadable: what to do is in the message."""


class StoredDataError(PipelineError):
    """Something the pipeline stored earlier (a table, a cached part) cannot be read or
    written; the message says what to do."""


class NothingToExtract(PipelineError):
    """extract found no WARC file: replacing the tables with empty ones would lose them."""
