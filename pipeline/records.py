"""Typed records that cross module boundaries."""

from __future__ import annotations

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
    captures: list[tuple[str, str, str]] = field(default_factory=list)  # (url, timestamp, digest)
    page_dates: list[str] = field(default_factory=list)
    # The captures whose sighting holds the whole text (the one in `text`).
    full_text_captures: frozenset[tuple[str, str, str]] = frozenset()


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
