"""Reading an answer's body within bounds: a byte cap on what it decodes to, and a deadline
for the whole request, whatever the archive sends (a gzip bomb, an endless body, a trickle
of one byte a second).

The transport encoding (an unprefixed Content-Encoding) is undone here, not by urllib3:
only so can the cap apply to the decoded bytes, and only so can the Wayback Machine's
doubled header be read. Mementos of pages first served gzipped come with an empty
Content-Encoding header next to `Content-Encoding: gzip`; urllib3 then refuses the body
("Received response with content-encoding: gzip, , but failed to decode"). EDGI's
`wayback` client patches urllib3's header dict for it (its `_http.py`, "handle malformed
Content-Encoding headers from Wayback", web-monitoring-processing issue 309); we drop the
empty values before choosing a decoder. The site's own encoding, passed through as
X-Archive-Orig-Content-Encoding, is part of the payload and stays.
"""

from __future__ import annotations

import http.client
import zlib
from collections.abc import Callable

import requests
import urllib3

from pipeline.errors import ArchiveError, DeadlineExceeded, TooLarge, TruncatedBody

CHUNK = 65536
IDENTITY = ("", "identity")


def transport_encodings(response: requests.Response) -> list[str]:
    """The Content-Encoding values the archive added, in order, the empty ones dropped."""
    raw_headers = getattr(response.raw, "headers", None)
    if raw_headers is not None and hasattr(raw_headers, "getlist"):
        values = raw_headers.getlist("Content-Encoding")
    else:
        values = [response.headers.get("Content-Encoding", "")]
    found = [v.strip().lower() for value in values for v in value.split(",")]
    return [v for v in found if v not in IDENTITY]


class _Inflater:
    """gzip or deflate, inflated piecewise: never more than `room` bytes at a time."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._zlib: zlib._Decompress | None = None
        self._first = b""

    def feed(self, data: bytes, room: int) -> tuple[bytes, bytes]:
        """Inflate up to room bytes of data; return them and the input not yet used."""
        if self._zlib is None:
            if self.encoding in ("gzip", "x-gzip"):
                self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
            else:
                # `deflate` is zlib-wrapped by the RFC and raw in practice: the header tells.
                wrapped = (
                    len(data) >= 2 and (data[0] & 0x0F) == 8 and (data[0] << 8 | data[1]) % 31 == 0
                )
                self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        out = self._zlib.decompress(data, room)
        return out, self._zlib.unconsumed_tail

    @property
    def finished(self) -> bool:
        return self._zlib is not None and self._zlib.eof


def read_body(
    response: requests.Response,
    *,
    max_bytes: int,
    deadline: float,
    clock: Callable[[], float],
    prefix_only: bool = False,
) -> bytes:
    """The decoded body, refusing one cut short, one that decodes to more than max_bytes
    (unless prefix_only: then its first max_bytes), and one still coming at the deadline.

    Reads go through read1 (what one recv gives), so a trickle cannot hold a read past
    the deadline; the socket's own timeout bounds each wait in between."""
    encodings = transport_encodings(response)
    if len(encodings) > 1 or (encodings and encodings[0] not in ("gzip", "x-gzip", "deflate")):
        raise ArchiveError(
            f"unsupported Content-Encoding {', '.join(encodings)!r}", url=response.url
        )
    inflater = _Inflater(encodings[0]) if encodings else None
    out = bytearray()
    try:
        _read_into(out, response, inflater, max_bytes, deadline, clock, prefix_only)
    except BaseException:
        # An error's traceback keeps this frame alive until it is collected: it must not
        # keep 50 MB of a body we refused along with it.
        out.clear()
        raise
    return bytes(out[:max_bytes]) if prefix_only else bytes(out)


def _read_into(
    out: bytearray,
    response: requests.Response,
    inflater: _Inflater | None,
    max_bytes: int,
    deadline: float,
    clock: Callable[[], float],
    prefix_only: bool,
) -> None:
    received = 0
    raw = response.raw
    try:
        while True:
            if clock() > deadline:
                raise DeadlineExceeded(
                    f"answer still coming at the deadline ({received} bytes read)",
                    url=response.url,
                )
            chunk = raw.read1(CHUNK, decode_content=False)
            if not chunk:
                break
            received += len(chunk)
            if inflater is None:
                out += chunk
            else:
                pending = chunk
                while pending and not inflater.finished and len(out) <= max_bytes:
                    # At most a chunk's worth at a time: a bomb never lands in one piece.
                    room = min(CHUNK * 4, max_bytes + 1 - len(out))
                    piece, pending = inflater.feed(pending, room)
                    out += piece
            if len(out) > max_bytes or received > max_bytes:
                if prefix_only:
                    return
                raise TooLarge(
                    f"body over {max_bytes} bytes (decoded) after {received} bytes read",
                    url=response.url,
                )
    except (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError) as exc:
        raise TruncatedBody(f"body cut after {received} bytes: {exc}", url=response.url) from exc
    except zlib.error as exc:
        raise TruncatedBody(f"body does not inflate: {exc}", url=response.url) from exc
    expected = response.headers.get("Content-Length", "")
    if expected.isdigit() and int(expected) != received:
        raise TruncatedBody(f"body has {received} of {expected} bytes", url=response.url)
    if inflater is not None and received and not inflater.finished and not prefix_only:
        raise TruncatedBody(
            f"{inflater.encoding} body cut after {received} bytes", url=response.url
        )
