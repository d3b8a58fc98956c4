"""Typed records that cross module boundaries."""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

# The media types of the pages the pipeline reads (CDX `mime`, a record's Content-Type).
HTML_TYPES = ("text/html", "application/xhtml+xml")

# Told (stage, done, total) as long stages advance; the CLI draws bars from it.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    return None


def parse_timestamp(timestamp: str) -> datetime:
    """A CDX timestamp (14 digits, or a prefix of them) as an aware UTC datetime.

    Sliced by hand: strptime costs more than the rest of reading a capture row.
    """
    t = timestamp.ljust(14, "0")
    return datetime(
        int(t[0:4]),
        int(t[4:6]) or 1,
        int(t[6:8]) or 1,
        int(t[8:10]),
        int(t[10:12]),
        int(t[12:14]),
        tzinfo=UTC,
    )


@dataclass(frozen=True)
class Capture:
    """One row of a CDX answer: a capture the archive says it holds."""

    urlkey: str
    timestamp: str  # 14 digits, UTC, as the archive writes it
    url: str
    mime: str
    status: int | None
    digest: str  # base32 SHA-1 of the payload, as in CDX files
    length: int | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.urlkey, self.timestamp, self.digest)


def sha1_base32(data: bytes) -> str:
    """The digest CDX files and WARC-Payload-Digest give: base32 of the SHA-1."""
    return base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


@dataclass(frozen=True)
class Memento:
    """A capture's original bytes as the archive replayed them (archive/replay.py), as
    WarcStore writes them (warc.py)."""

    capture: Capture
    replay_url: str
    served_timestamp: str
    status: int  # the original site's status, not the archive's
    reason: str
    headers: list[tuple[str, str]]  # the original HTTP headers, rebuilt
    body: bytes
    archive_src: str | None
    note: str | None = None  # what we had to assume (a Memento-Datetime that is no date)

    @property
    def payload_digest(self) -> str:
        return sha1_base32(self.body)

    @property
    def digest_match(self) -> bool | None:
        if not self.capture.digest or self.capture.digest == "-":
            return None
        return self.payload_digest == self.capture.digest


@dataclass(frozen=True, kw_only=True)
class Failure:
    """What a run could not discover, fetch or read, from where it happened to its row of
    failures.parquet (the fields are the table's columns, in its order)."""

    stage: str  # discover, fetch, decode, extract, fields or correct
    url: str  # the capture's or item's URL, the CDX query, or the WARC file
    timestamp: datetime | None = None  # the capture's time, if a capture failed
    error_class: str
    error: str
    attempts: int | None = None  # fetch attempts so far
    warc_file: str | None = None
    warc_offset: int | None = None

    @classmethod
    def of(
        cls,
        stage: str,
        what: str,
        exc: BaseException,
        *,
        timestamp: datetime | None = None,
        warc_file: str | None = None,
        offset: int | None = None,
    ) -> Failure:
        """The failure an exception stands for."""
        return cls(
            stage=stage,
            url=what,
            timestamp=timestamp,
            error_class=type(exc).__name__,
            error=str(exc) or repr(exc),
            warc_file=warc_file,
            warc_offset=offset,
        )


@dataclass(frozen=True)
class StoredCapture:
    """A response (or revisit) record as read back from a WARC file."""

    url: str
    timestamp: str
    digest: str
    mime: str
    status: int | None
    length: int | None
    warc_file: str
    warc_offset: int
    content_type: str | None
    payload: bytes | None  # None for a revisit: the payload is that of an earlier record


@dataclass(frozen=True)
class DecodedText:
    """A payload turned into text, with the evidence for the charset chosen."""

    text: str
    charset_declared: str | None
    charset_used: str


@dataclass
class ItemSighting:
    """A news item as it appears on one page (a teaser, a full text, one of many on an index)."""

    title: str
    text: str
    url: str  # detail URL when the page links to one, else the page URL
    is_detail_link: bool
    lang: str | None
    page_url: str
    position: int  # order on the page, for year inference from neighbours
    page_date: str | None = None  # publication date shown on the page, ISO, if any


@dataclass
class Item:
    """One news item, merged across every capture that shows it."""

    item_id: str
    title: str
    text: str
    lang: str | None
    url: str
    first_seen: datetime
    last_seen: datetime
    n_captures: int
    captures: list[tuple[str, datetime, str]] = field(default_factory=list)  # (url, time, digest)
    page_dates: list[str] = field(default_factory=list)
    # The captures whose sighting holds the whole text (the one in `text`).
    full_text_captures: frozenset[tuple[str, datetime, str]] = frozenset()


@dataclass(frozen=True)
class Span:
    """Where in an item's text a value was found."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NamedMention:
    """A named entity a language model found in a text: an organization, place, person or date.

    `normal` is the name in the nominative ("Москве" -> "Москва"); for a date, the date as
    YYYY-MM-DD, YYYY-MM, YYYY or XXXX-MM-DD, with `date` the (year, month, day) it read.
    """

    kind: str  # org, loc, per, date
    span: Span
    normal: str
    date: tuple[int | None, int | None, int | None] | None = None


@dataclass(frozen=True)
class EventDate:
    start: str | None  # YYYY-MM-DD, YYYY-MM, or XXXX-MM-DD
    end: str | None
    span: Span | None
    year_inferred: bool
    rule: str


@dataclass(frozen=True)
class Organizer:
    name: str
    normalized: str
    role: str  # organizer, co-organizer, host, conductor, initiator
    span: Span
    rule: str  # the name of the rule that found it


@dataclass(frozen=True)
class Participants:
    count: int
    qualifier: str  # exact, more_than, about, up_to, at_least
    unit: str
    span: Span
    rule: str


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # city, venue, country, region
    city: str | None
    country: str | None
    lat: float | None
    lon: float | None
    span: Span
    rule: str


@dataclass(frozen=True)
class Correction:
    """One row of the researcher's corrections file (corrections.py)."""

    line: int  # in the file, counting the header as line 1
    item_id: str
    table: str
    action: str
    field: str
    value: str
    note: str

    def __str__(self) -> str:
        return (
            f"line {self.line}: {self.item_id},{self.table},{self.action},{self.field},{self.value}"
        )


@dataclass(frozen=True)
class Orphan:
    """A correction that found nothing to correct, and why: reported, kept in the file."""

    correction: Correction
    reason: str

    def failure(self) -> Failure:
        return Failure(
            stage="correct",
            url=self.correction.item_id,
            error_class="OrphanCorrection",
            error=f"{self.correction}: {self.reason}",
        )


@dataclass
class Extraction:
    """What one extraction made (extract.py): counted in the run's summary."""

    captures: int = 0
    documents: int = 0
    items: int = 0
    events_dated: int = 0
    parts_made: int = 0
    parts_cached: int = 0
    fields_computed: int = 0  # distinct items whose fields were read in this run
    fields_cached: int = 0  # items whose field rows came from the field cache
    repairs: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    corrections_applied: int = 0
    orphans: list[Orphan] = field(default_factory=list)  # corrections that found nothing

    def counts(self) -> dict[str, object]:
        """What a run reports of it: its summary line and runs.parquet's counts."""
        return {
            "captures": self.captures,
            "documents": self.documents,
            "items": self.items,
            "events_dated": self.events_dated,
            "fields_computed": self.fields_computed,
            "fields_cached": self.fields_cached,
            "repairs": dict(self.repairs),
            "extract_failures": len(self.failures),
            "corrections_applied": self.corrections_applied,
            "corrections_orphaned": len(self.orphans),
        }
