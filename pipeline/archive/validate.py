"""What an archive's answer must look like before we believe it. Pure functions.

A hostile or broken value must never reach a request line, a WARC header, the ledger's
resume point or a table: a timestamp that is no real date (or lies in the future) would
become the point incremental discovery asks from; a URL with CR/LF would add WARC headers
of the archive's choosing; a `../` would climb out of the `id_` replay path.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlsplit, urlunsplit

from pipeline.errors import InvalidValue

MAX_FUTURE = timedelta(days=1)
FIRST_CAPTURE_YEAR = 1991  # the web's first year: no archive holds an older capture
MAX_URL_CHARS = 4096
MAX_TOKEN_CHARS = 2048
_TIMESTAMP = re.compile(r"\d{14}")
_DIGEST = re.compile(r"[A-Za-z0-9:+/=_.-]*")
_CONTROL = re.compile(r"[\x00-\x20\x7f]")
_CONTROL_NOT_SPACE = re.compile(r"[\x00-\x1f\x7f]")
# What may stay as it is in a path, query or fragment (RFC 3986's reserved and unreserved
# characters, and % for what is already escaped); anything else is percent-encoded.
_URL_SAFE = "/:@!$&'()*+,;=-._~%?#[]"
_HOST = re.compile(r"[A-Za-z0-9._-]+|\[[0-9A-Fa-f:.]+\]")


def shown(value: object, limit: int = 200) -> str:
    """A value as it can safely appear in a log line, a table or a message."""
    text = ascii(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def timestamp(value: object, now: datetime) -> str:
    """14 digits of a real moment, no earlier than the web and no later than now + a day."""
    if not isinstance(value, str) or not _TIMESTAMP.fullmatch(value):
        raise InvalidValue(f"timestamp is not 14 digits: {shown(value)}")
    try:
        moment = datetime.strptime(value, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError as exc:
        raise InvalidValue(f"timestamp is no real date: {shown(value)}") from exc
    if moment.year < FIRST_CAPTURE_YEAR or moment > now + MAX_FUTURE:
        raise InvalidValue(f"timestamp out of range: {shown(value)}")
    return value


def is_timestamp(value: object, now: datetime) -> bool:
    try:
        timestamp(value, now)
    except InvalidValue:
        return False
    return True


def memento_datetime(value: str | None, now: datetime) -> str:
    """A Memento-Datetime header (RFC 1123) as a 14-digit timestamp; InvalidValue if it is
    none, or not a date in range."""
    if not value:
        raise InvalidValue("no Memento-Datetime")
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError) as exc:
        raise InvalidValue(f"Memento-Datetime is not a date: {shown(value)}") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return timestamp(moment.astimezone(UTC).strftime("%Y%m%d%H%M%S"), now)


def token(value: object, name: str, *, allow_empty: bool = True) -> str:
    """A short printable string (urlkey, mime type): no control characters, valid UTF-8."""
    if not isinstance(value, str):
        raise InvalidValue(f"{name} is not a string: {shown(value)}")
    if not value and not allow_empty:
        raise InvalidValue(f"{name} is empty")
    if len(value) > MAX_TOKEN_CHARS or _CONTROL_NOT_SPACE.search(value) or not _utf8(value):
        raise InvalidValue(f"{name} holds control characters or is not text: {shown(value)}")
    return value


def digest(value: object) -> str:
    """A CDX digest: base32 (or base16/64, with an algorithm prefix), or '-'."""
    if not isinstance(value, str) or len(value) > 200 or not _DIGEST.fullmatch(value):
        raise InvalidValue(f"digest is not a digest: {shown(value)}")
    return value


def number(value: object) -> int | None:
    """A status or length: digits (or an int); '-', '' and anything else are unknown."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < 2**53 else None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 16:
        return int(value)
    return None


def capture_url(value: object) -> str:
    """An http(s) URL safe for a request line and a WARC header: no control characters,
    a real host, no dot segments, and everything outside RFC 3986 percent-encoded."""
    if not isinstance(value, str) or not value:
        raise InvalidValue(f"URL is not a string: {shown(value)}")
    if len(value) > MAX_URL_CHARS:
        raise InvalidValue(f"URL over {MAX_URL_CHARS} characters: {shown(value)}")
    if _CONTROL_NOT_SPACE.search(value) or not _utf8(value):
        raise InvalidValue(f"URL holds control characters: {shown(value)}")
    try:
        parts = urlsplit(value.strip(" "))
        port = parts.port
    except ValueError as exc:
        raise InvalidValue(f"URL does not parse: {shown(value)}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidValue(f"URL is not http(s): {shown(value)}")
    host = parts.hostname or ""
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise InvalidValue(f"URL's host is not a host name: {shown(value)}") from exc
    if not _HOST.fullmatch(host) or host.strip(".") == "" or ".." in host:
        raise InvalidValue(f"URL's host is not a host name: {shown(value)}")
    netloc = host if port is None else f"{host}:{port}"
    if parts.username is not None or parts.password is not None:
        netloc = f"{quote(parts.username or '', safe='')}@{netloc}"
    path = quote(remove_dot_segments(parts.path), safe=_URL_SAFE)
    query = quote(parts.query, safe=_URL_SAFE)
    fragment = quote(parts.fragment, safe=_URL_SAFE)
    return urlunsplit((parts.scheme.lower(), netloc, path, query, fragment))


def remove_dot_segments(path: str) -> str:
    """RFC 3986 5.2.4: `a/./b/../c` is `a/c`, and nothing climbs above the root."""
    if not path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for segment in segments[1:] if path.startswith("/") else segments:
        if segment == "..":
            if output:
                output.pop()
        elif segment != ".":
            output.append(segment)
    trailing = segments[-1] in (".", "..")
    joined = "/".join(output)
    result = ("/" if path.startswith("/") else "") + joined
    if trailing and not result.endswith("/"):
        result += "/"
    return result


def resume_key(value: object) -> str:
    """A resume key we send back as a query parameter: printable, bounded."""
    if not isinstance(value, str) or not value or len(value) > MAX_TOKEN_CHARS:
        raise InvalidValue(f"resume key is not a short string: {shown(value)}")
    if _CONTROL.search(value.replace(" ", "")) or not _utf8(value):
        raise InvalidValue(f"resume key holds control characters: {shown(value)}")
    return value


def _utf8(value: str) -> bool:
    """False for a lone surrogate (JSON's "\\ud800"), which SQLite and UTF-8 cannot hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
