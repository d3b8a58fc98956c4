"""Fetching a capture's original bytes (`id_` replay) and classifying the archive's answer.

Only a memento (an answer carrying Memento-Datetime) is content; everything else is the
archive talking (a redirect to a nearby capture, a live 429, an exclusion or a 404) and
must never be stored as a page.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterable
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests
import urllib3

from pipeline.archive import validate
from pipeline.archive.cdx import Archive
from pipeline.archive.ratelimit import RateLimiter
from pipeline.archive.session import ArchiveSession
from pipeline.archive.validate import shown
from pipeline.errors import ArchiveError, Excluded, InvalidValue, NotArchived, TooLarge
from pipeline.records import Capture, Memento, sha1_base32

log = logging.getLogger(__name__)

ORIGINAL_PREFIX = "x-archive-orig-"
# Headers an id_ replay passes through unprefixed (pywb also passes Location through).
PASSED_THROUGH = ("content-type", "location")
MAX_NEARBY_HOPS = 3
GZIP_MAGIC = b"\x1f\x8b"


def fetch_memento(
    session: ArchiveSession,
    archive: Archive,
    capture: Capture,
    limiter: RateLimiter,
    *,
    max_bytes: int,
) -> Memento:
    url = archive.replay_url(capture.timestamp, validate.capture_url(capture.url))
    _check_in_replay_path(archive, url)
    for _ in range(MAX_NEARBY_HOPS + 1):
        response = session.get(url, limiter)
        if "Memento-Datetime" in response.headers:
            return _memento(session, capture, url, response, max_bytes)
        try:
            next_url = _nearby_redirect(archive, capture, response)
            if next_url is None:
                raise _archive_refusal(session, url, response)
            _check_in_replay_path(archive, next_url)
        finally:
            response.close()
        log.info("archive redirects %s to a nearby capture %s", url, next_url)
        url = next_url
    raise ArchiveError("too many redirects between nearby captures", url=url)


def _check_in_replay_path(archive: Archive, url: str) -> None:
    """The URL as urllib3 will send it (dot segments removed) must stay under the replay
    prefix: a capture's URL never addresses another part of the archive."""
    sent = urllib3.util.parse_url(url)
    prefix = urllib3.util.parse_url(archive.replay_prefix + "/")
    if sent.host != prefix.host or not (sent.path or "").startswith(prefix.path or "/"):
        raise InvalidValue(f"replay URL leaves the replay path: {shown(url)}", url=url)


def _memento(
    session: ArchiveSession,
    capture: Capture,
    url: str,
    response: requests.Response,
    max_bytes: int,
) -> Memento:
    with response:
        body = session.read(response, max_bytes)
    body = _undo_mislabeled_gzip(body, capture, max_bytes)
    note = None
    try:
        served = validate.memento_datetime(
            response.headers.get("Memento-Datetime"), datetime.now(UTC)
        )
    except InvalidValue as exc:
        # The capture is still the one we asked for; its time is the one the CDX gave.
        served = capture.timestamp
        note = f"{exc}; the requested timestamp is used"
        log.warning("%s %s: %s", capture.timestamp, capture.url, note)
    return Memento(
        capture=capture,
        replay_url=url,
        served_timestamp=served,
        status=response.status_code,
        reason=response.reason or "",
        headers=original_headers(response.headers.items(), len(body)),
        body=body,
        archive_src=_header_value(response.headers.get("X-Archive-Src")),
        note=note,
    )


def _header_value(value: str | None) -> str | None:
    """A header value we copy into a WARC record: printable, or not at all."""
    if value is None:
        return None
    try:
        return validate.token(value, "header")
    except InvalidValue:
        return None


def _undo_mislabeled_gzip(body: bytes, capture: Capture, max_bytes: int) -> bytes:
    """A gzip body served without its Content-Encoding: its magic bytes give it away, and
    the CDX digest (of the decoded payload) confirms. Inflation stops at the size cap, so
    a decompression bomb is cut off and recorded, not unpacked."""
    if not body.startswith(GZIP_MAGIC) or sha1_base32(body) == capture.digest:
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        inflated = inflater.decompress(body, max_bytes + 1)
    except zlib.error:
        return body
    if len(inflated) > max_bytes:
        raise TooLarge(f"gzip body inflates past {max_bytes} bytes", url=capture.url)
    return inflated if sha1_base32(inflated) == capture.digest else body


def original_headers(headers: Iterable[tuple[str, str]], body_length: int) -> list[tuple[str, str]]:
    """The site's own headers: X-Archive-Orig-* unprefixed, plus what passes through."""
    rebuilt: list[tuple[str, str]] = []
    for name, value in headers:
        lower = name.lower()
        if lower.startswith(ORIGINAL_PREFIX):
            original = name[len(ORIGINAL_PREFIX) :]
            # We store the payload whole and unchunked, so these no longer describe it.
            if original.lower() not in ("content-length", "transfer-encoding"):
                rebuilt.append((original, value))
        elif lower in PASSED_THROUGH:
            rebuilt.append((name, value))
    rebuilt.append(("Content-Length", str(body_length)))
    return rebuilt


def _nearby_redirect(archive: Archive, capture: Capture, response: requests.Response) -> str | None:
    """A 3xx without Memento-Datetime is the archive pointing at the closest capture it has."""
    if response.status_code not in (301, 302, 303, 307, 308):
        return None
    location = response.headers.get("Location", "")
    if not location:
        return None
    target = requests.compat.urljoin(response.url, location)
    if urlsplit(target).netloc != urlsplit(archive.base).netloc:
        raise ArchiveError(f"redirect leaves the archive: {target}", url=response.url)
    original = target.split("id_/", 1)[-1]
    if _strip_scheme(original) != _strip_scheme(capture.url):
        raise ArchiveError(f"redirect leaves the capture's URL: {target}", url=response.url)
    return target


def _strip_scheme(url: str) -> str:
    return url.split("://", 1)[-1].rstrip("/")


def _archive_refusal(
    session: ArchiveSession, url: str, response: requests.Response
) -> ArchiveError:
    if response.status_code == 404:
        return NotArchived("not archived", url=url, status=404)
    if response.status_code == 403 or (
        response.status_code == 200 and b"excluded" in _prefix(session, response).lower()
    ):
        return Excluded("URL excluded from the archive", url=url, status=response.status_code)
    return ArchiveError(
        f"archive answered {response.status_code} without a memento",
        url=url,
        status=response.status_code,
    )


def _prefix(session: ArchiveSession, response: requests.Response) -> bytes:
    """The first few KB of an archive's own page (enough to tell an exclusion notice)."""
    try:
        return session.read(response, 5000, prefix_only=True)
    except ArchiveError:
        return b""
