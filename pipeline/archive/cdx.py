"""CDX queries in the two dialects we speak: the Wayback Machine's and pywb's.

Wayback Machine: {base}/cdx/search/cdx, `output=json` gives one JSON array whose first row
is the field names; with `showResumeKey=true` an empty row and a row holding the resume key
follow when more results remain. pywb: {base}/{collection}/cdx, `output=json` gives one JSON
object per line and no resume keys (it answers the whole query in one streamed response).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from pipeline.archive.ratelimit import RateLimiter
from pipeline.archive.session import ArchiveSession
from pipeline.errors import ArchiveError, CdxCycle, Excluded
from pipeline.records import Capture

log = logging.getLogger(__name__)

WAYBACK_FIELDS = "urlkey,timestamp,original,mimetype,statuscode,digest,length"


@dataclass(frozen=True)
class Archive:
    """Where an archive's CDX and replay endpoints are, derived from one base URL."""

    base: str
    collection: str | None  # set for pywb: http://host:port/{collection}

    @classmethod
    def from_url(cls, url: str) -> Archive:
        parts = urlsplit(url.rstrip("/"))
        path = parts.path.strip("/")
        root = f"{parts.scheme}://{parts.netloc}"
        return cls(base=root, collection=path or None)

    @property
    def dialect(self) -> str:
        return "pywb" if self.collection else "wayback"

    @property
    def cdx_endpoint(self) -> str:
        if self.collection:
            return f"{self.base}/{self.collection}/cdx"
        return f"{self.base}/cdx/search/cdx"

    def replay_url(self, timestamp: str, original_url: str) -> str:
        prefix = f"{self.base}/{self.collection}" if self.collection else f"{self.base}/web"
        return f"{prefix}/{timestamp}id_/{original_url}"


@dataclass(frozen=True)
class CdxPage:
    captures: list[Capture]
    resume_key: str | None


def query_params(pattern: str) -> dict[str, str]:
    """`host/*` is a prefix query, `*.host` a domain query, anything else an exact URL."""
    if pattern.startswith("*."):
        return {"url": pattern[2:], "matchType": "domain"}
    if pattern.endswith("*"):
        return {"url": pattern[:-1], "matchType": "prefix"}
    return {"url": pattern, "matchType": "exact"}


def iter_pages(
    session: ArchiveSession,
    archive: Archive,
    pattern: str,
    limiter: RateLimiter,
    *,
    page_size: int,
    from_timestamp: str | None = None,
    to_timestamp: str | None = None,
    resume_key: str | None = None,
) -> Iterator[CdxPage]:
    """Yield pages of captures until the archive gives no resume key; raise on a key cycle."""
    params: dict[str, object] = {**query_params(pattern), "output": "json"}
    if from_timestamp:
        params["from"] = from_timestamp
    if to_timestamp:
        params["to"] = to_timestamp
    if archive.dialect == "wayback":
        params.update(limit=page_size, showResumeKey="true", fl=WAYBACK_FIELDS)
    seen_keys: set[str] = set()
    while True:
        if resume_key:
            params["resumeKey"] = resume_key
        page = _fetch_page(session, archive, params, limiter)
        yield page
        if page.resume_key is None or archive.dialect == "pywb":
            return
        if page.resume_key in seen_keys:
            raise CdxCycle(f"resume key returned twice: {page.resume_key}", url=pattern)
        seen_keys.add(page.resume_key)
        resume_key = page.resume_key


def _fetch_page(
    session: ArchiveSession, archive: Archive, params: dict[str, object], limiter: RateLimiter
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
        body = response.text
    try:
        if archive.dialect == "pywb":
            return CdxPage(parse_pywb_lines(body), None)
        return parse_wayback_json(body)
    except (ValueError, KeyError, IndexError) as exc:
        raise ArchiveError(f"malformed CDX answer: {exc}", url=str(params.get("url"))) from exc


def parse_wayback_json(body: str) -> CdxPage:
    if not body.strip():
        return CdxPage([], None)
    rows = json.loads(body)
    if not rows:
        return CdxPage([], None)
    header, rest = rows[0], rows[1:]
    resume_key = None
    if len(rest) >= 2 and rest[-2] == [] and len(rest[-1]) == 1:
        resume_key = rest[-1][0]
        rest = rest[:-2]
    captures = [_capture(dict(zip(header, row, strict=True))) for row in rest if row]
    return CdxPage(captures, resume_key)


def parse_pywb_lines(body: str) -> list[Capture]:
    return [_capture(json.loads(line)) for line in body.splitlines() if line.strip()]


def _capture(row: dict[str, str]) -> Capture:
    return Capture(
        urlkey=row["urlkey"],
        timestamp=row["timestamp"],
        url=row.get("original") or row["url"],
        mime=row.get("mimetype") or row.get("mime") or "",
        status=_int_or_none(row.get("statuscode") or row.get("status")),
        digest=row.get("digest", ""),
        length=_int_or_none(row.get("length")),
    )


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "", "-") else None
    except ValueError:
        return None


FIRST_ARCHIVE_YEAR = 1996


def worth_splitting(error: ArchiveError) -> bool:
    """5xx answers and timeouts get better with smaller queries; 403 or 404 do not."""
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
    return capture.status == 200 and capture.mime in ("text/html", "application/xhtml+xml")
