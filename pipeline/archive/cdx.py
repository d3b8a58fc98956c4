"""CDX queries in the two dialects we speak: the Wayback Machine's and pywb's.

Wayback Machine: {base}/cdx/search/cdx, `output=json` gives one JSON array whose first row
is the field names; with `showResumeKey=true` an empty row and a row holding the resume key
follow when more results remain. pywb: {base}/{collection}/cdx, `output=json` gives one JSON
object per line and no resume keys (it answers the whole query in one streamed response).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import unquote, urlsplit

from pipeline.archive import validate
from pipeline.archive.ratelimit import RateLimiter
from pipeline.archive.session import ArchiveSession
from pipeline.archive.validate import shown
from pipeline.errors import (
    ArchiveError,
    CdxCycle,
    CdxStalled,
    DeadlineExceeded,
    Excluded,
    InvalidValue,
    MalformedCdx,
    TooLarge,
)
from pipeline.records import HTML_TYPES, Capture

log = logging.getLogger(__name__)

WAYBACK_FIELDS = "urlkey,timestamp,original,mimetype,statuscode,digest,length"


@dataclass(frozen=True)
class Archive:
    """Where an archive's CDX and replay endpoints are, derived from one base URL.

    User name and password, if the URL holds them, are kept apart (`credentials`) and sent
    as HTTP authentication only: `base`, and so every URL we log or store, never has them."""

    base: str
    collection: str | None  # set for pywb: http://host:port/{collection}
    credentials: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_url(cls, url: str) -> Archive:
        parts = urlsplit(url.rstrip("/"))
        path = parts.path.strip("/")
        host = parts.hostname or ""
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        if ":" in host:  # an IPv6 literal keeps its brackets
            netloc = f"[{host}]" + ("" if parts.port is None else f":{parts.port}")
        credentials = None
        if parts.username is not None or parts.password is not None:
            credentials = (unquote(parts.username or ""), unquote(parts.password or ""))
        else:
            netloc = parts.netloc
        root = f"{parts.scheme}://{netloc}"
        return cls(base=root, collection=path or None, credentials=credentials)

    @property
    def public_url(self) -> str:
        """The archive's URL without credentials: what the ledger, logs and files name."""
        return f"{self.base}/{self.collection}" if self.collection else self.base

    @property
    def dialect(self) -> str:
        return "pywb" if self.collection else "wayback"

    @property
    def cdx_endpoint(self) -> str:
        if self.collection:
            return f"{self.base}/{self.collection}/cdx"
        return f"{self.base}/cdx/search/cdx"

    @property
    def replay_prefix(self) -> str:
        return f"{self.base}/{self.collection}" if self.collection else f"{self.base}/web"

    def replay_url(self, timestamp: str, original_url: str) -> str:
        return f"{self.replay_prefix}/{timestamp}id_/{original_url}"


@dataclass(frozen=True)
class Rejected:
    """A CDX row we did not believe: skipped, counted and recorded, never a resume point."""

    url: str  # the row's URL if it was one, else the row shown safely
    timestamp: str | None  # only if it was a valid timestamp
    error_class: str
    error: str
    value: str  # the whole row, shown safely: what identifies it across runs


@dataclass(frozen=True)
class CdxPage:
    captures: list[Capture]
    resume_key: str | None
    rejected: list[Rejected] = field(default_factory=list)


def query_params(pattern: str) -> dict[str, str]:
    """`host/*` is a prefix query, `*.host` a domain query, anything else an exact URL."""
    if pattern.startswith("*."):
        return {"url": pattern[2:], "matchType": "domain"}
    if pattern.endswith("*"):
        return {"url": pattern[:-1], "matchType": "prefix"}
    return {"url": pattern, "matchType": "exact"}


# Pages in a row that bring no capture beyond those already seen before a query is stopped:
# an archive handing out a new resume key on every page would otherwise be walked forever.
MAX_IDLE_PAGES = 5


def iter_pages(
    session: ArchiveSession,
    archive: Archive,
    pattern: str,
    limiter: RateLimiter,
    *,
    page_size: int,
    max_bytes: int,
    max_pages: int,
    from_timestamp: str | None = None,
    to_timestamp: str | None = None,
    resume_key: str | None = None,
    now: datetime | None = None,
) -> Iterator[CdxPage]:
    """Yield pages of captures until the archive gives no resume key; raise CdxCycle on a
    key returned twice, CdxStalled on keys that bring nothing new or past max_pages (the
    ledger keeps the last key, so the next run goes on from there)."""
    params: dict[str, str | int] = {**query_params(pattern), "output": "json"}
    if from_timestamp:
        params["from"] = from_timestamp
    if to_timestamp:
        params["to"] = to_timestamp
    if archive.dialect == "wayback":
        params.update(limit=page_size, showResumeKey="true", fl=WAYBACK_FIELDS)
    seen_keys: set[str] = set()
    furthest: tuple[str, str] | None = None
    idle = 0
    for number in itertools.count(1):
        if resume_key:
            params["resumeKey"] = resume_key
        page = _fetch_page(session, archive, params, limiter, max_bytes, now or _now())
        yield page
        if page.resume_key is None or archive.dialect == "pywb":
            return
        if page.resume_key in seen_keys or page.resume_key == resume_key:
            raise CdxCycle(f"resume key returned twice: {shown(page.resume_key)}", url=pattern)
        last = max(((c.urlkey, c.timestamp) for c in page.captures), default=None)
        if last is not None and (furthest is None or last > furthest):
            furthest, idle = last, 0
        else:
            idle += 1
            if idle >= MAX_IDLE_PAGES:
                raise CdxStalled(
                    f"{idle} pages in a row brought no new capture (resume keys do not advance)",
                    url=pattern,
                )
        if number >= max_pages:
            raise CdxStalled(
                f"query stopped after {max_pages} pages (setting max_cdx_pages); "
                "the next run goes on from here",
                url=pattern,
            )
        seen_keys.add(page.resume_key)
        resume_key = page.resume_key


def _now() -> datetime:
    return datetime.now(UTC)


def _fetch_page(
    session: ArchiveSession,
    archive: Archive,
    params: dict[str, str | int],
    limiter: RateLimiter,
    max_bytes: int,
    now: datetime,
) -> CdxPage:
    response = session.get(archive.cdx_endpoint, limiter, params)
    with response:
        if response.status_code == 403:
            raise Excluded("CDX query refused (excluded)", url=response.url, status=403)
        if response.status_code == 404 and archive.dialect == "pywb":
            # pywb answers 404 with an empty body when nothing matches.
            return CdxPage([], None)
        if response.status_code != 200:
            raise ArchiveError(
                f"CDX HTTP {response.status_code}", url=response.url, status=response.status_code
            )
        body = session.read(response, max_bytes).decode("utf-8", errors="replace")
    if archive.dialect == "pywb":
        return parse_pywb_lines(body, now)
    return parse_wayback_json(body, now)


def parse_wayback_json(body: str, now: datetime | None = None) -> CdxPage:
    """One JSON array: field names, rows, and (when more remain) [] and [resume key].
    A body that is not that is MalformedCdx; a row that is not a row of strings, or whose
    values we cannot believe, is Rejected and the others are kept."""
    now = now or _now()
    if not body.strip():
        return CdxPage([], None)
    try:
        rows = json.loads(body)
    except ValueError as exc:
        raise MalformedCdx(f"CDX answer is not JSON: {shown(str(exc))}") from exc
    if not isinstance(rows, list):
        raise MalformedCdx(f"CDX answer is not a JSON array: {shown(rows, 80)}")
    if not rows:
        return CdxPage([], None)
    header, rest = rows[0], rows[1:]
    if not isinstance(header, list) or not all(isinstance(name, str) for name in header):
        raise MalformedCdx(f"CDX header row is not field names: {shown(header, 80)}")
    if not {"timestamp", "original"} <= set(header):
        raise MalformedCdx(f"CDX header lacks timestamp or original: {shown(header, 80)}")
    resume_key = None
    if len(rest) >= 2 and rest[-2] == [] and isinstance(rest[-1], list) and len(rest[-1]) == 1:
        try:
            resume_key = validate.resume_key(rest[-1][0])
        except InvalidValue as exc:
            raise MalformedCdx(str(exc)) from exc
        rest = rest[:-2]
    captures: list[Capture] = []
    rejected: list[Rejected] = []
    for row in rest:
        if row == []:
            continue
        if not isinstance(row, list) or len(row) != len(header):
            rejected.append(_rejected(row, None, "MalformedRow", "CDX row of the wrong shape"))
            continue
        _add(dict(zip(header, row, strict=True)), row, now, captures, rejected)
    return CdxPage(captures, resume_key, rejected)


def parse_pywb_lines(body: str, now: datetime | None = None) -> CdxPage:
    """One JSON object a line; a line that is not one is Rejected."""
    now = now or _now()
    captures: list[Capture] = []
    rejected: list[Rejected] = []
    for line in body.splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError:
            rejected.append(_rejected(line, None, "MalformedRow", "CDX line is not JSON"))
            continue
        if not isinstance(row, dict):
            rejected.append(_rejected(row, None, "MalformedRow", "CDX line is not an object"))
            continue
        _add(row, row, now, captures, rejected)
    return CdxPage(captures, None, rejected)


def _add(
    row: dict[str, object],
    shown_row: object,
    now: datetime,
    captures: list[Capture],
    rejected: list[Rejected],
) -> None:
    try:
        captures.append(_capture(row, now))
    except InvalidValue as exc:
        url = row.get("original") or row.get("url")
        ts = row.get("timestamp")
        rejected.append(
            _rejected(
                shown_row,
                ts if validate.is_timestamp(ts, now) else None,
                "InvalidValue",
                str(exc),
                url=url if isinstance(url, str) else None,
            )
        )


def _rejected(
    row: object, timestamp: object, error_class: str, error: str, *, url: str | None = None
) -> Rejected:
    value = shown(row, 500)
    return Rejected(
        url=shown(url, 300)[1:-1] if url is not None else value[:300],
        timestamp=timestamp if isinstance(timestamp, str) else None,
        error_class=error_class,
        error=error,
        value=value,
    )


def _capture(row: dict[str, object], now: datetime) -> Capture:
    url = row.get("original") or row.get("url")
    return Capture(
        urlkey=validate.token(row.get("urlkey", ""), "urlkey", allow_empty=False),
        timestamp=validate.timestamp(row.get("timestamp"), now),
        url=validate.capture_url(url),
        mime=validate.token(row.get("mimetype") or row.get("mime") or "", "mime type"),
        status=validate.number(row.get("statuscode") or row.get("status")),
        digest=validate.digest(row.get("digest", "")),
        length=validate.number(row.get("length")),
    )


def checked_capture(capture: Capture, now: datetime | None = None) -> Capture:
    """A capture from the ledger (perhaps written by an older version that believed
    anything) as we would accept it from the archive today: its URL made safe;
    InvalidValue if it cannot be."""
    now = now or _now()
    validate.token(capture.urlkey, "urlkey", allow_empty=False)
    validate.timestamp(capture.timestamp, now)
    validate.digest(capture.digest)
    safe = validate.capture_url(capture.url)
    return capture if safe == capture.url else dataclasses.replace(capture, url=safe)


FIRST_ARCHIVE_YEAR = 1996


def worth_splitting(error: ArchiveError) -> bool:
    """5xx answers and timeouts get better with smaller queries; 403 or 404 do not, nor
    does an archive that lies (bad JSON, resume keys that cycle or stall), trickles or
    sends more than the byte cap."""
    # A page is at most cdx_page_size rows: an answer over the byte cap is a bomb or
    # endless, whatever the query's size.
    never = (CdxCycle, CdxStalled, MalformedCdx, DeadlineExceeded, InvalidValue, TooLarge)
    if isinstance(error, never):
        return False
    return error.status is None or error.status >= 500


def narrower_windows(from_ts: str | None, to_ts: str | None) -> list[tuple[str, str]]:
    """A query window cut into years, a year into months; a month is not cut further."""
    start = from_ts or str(FIRST_ARCHIVE_YEAR)
    end = to_ts or str(datetime.now(UTC).year)
    if start[:4] != end[:4]:
        return [(str(year), str(year)) for year in range(int(start[:4]), int(end[:4]) + 1)]
    if len(start) < 6 or len(end) < 6 or start[:6] != end[:6]:
        year = start[:4]
        return [(f"{year}{month:02d}", f"{year}{month:02d}") for month in range(1, 13)]
    return []


def in_scope(url: str, patterns: tuple[str, ...]) -> bool:
    """Whether a URL falls under one of the configured patterns (scheme and www. aside)."""
    bare = re.sub(r"^[a-z]+://(?:www\.)?", "", url.lower())
    host = bare.split("/", 1)[0].split(":", 1)[0]
    for pattern in patterns:
        wanted = re.sub(r"^[a-z]+://(?:www\.)?", "", pattern.lower())
        if wanted.startswith("*."):
            domain = wanted[2:]
            if host == domain or host.endswith(f".{domain}"):
                return True
        elif wanted.endswith("*"):
            if bare.startswith(wanted[:-1]) or bare.startswith(wanted[:-1].rstrip("/")):
                return True
        elif bare.rstrip("/") == wanted.rstrip("/"):
            return True
    return False


def is_wanted(capture: Capture) -> bool:
    """Pages we parse, and the site's own redirects (small, and they tell where pages moved)."""
    if capture.status is not None and 300 <= capture.status < 400:
        return True
    if capture.mime == "warc/revisit":  # Wayback: same payload as an earlier capture
        return True
    return capture.status == 200 and capture.mime in HTML_TYPES
