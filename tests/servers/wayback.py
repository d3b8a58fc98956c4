"""A Wayback-Machine-style archive on 127.0.0.1 that misbehaves on demand.

It serves the records of WARC files the way the Wayback Machine does: CDX answers as one
JSON array (field names first; with showResumeKey=true an empty row and a resume key row
when more remain), `id_` replays with the original headers as X-Archive-Orig-*, a
Memento-Datetime, and a 302 without Memento-Datetime to the nearest capture when the
timestamp asked for is not held. `Faults` switches on what the real one does under load:
live 429s (with or without Retry-After), 503s, connection resets, bodies cut short, slow
answers, duplicate CDX rows, and a firewall block (connections refused) after too many
CDX requests a minute; 429s at a rate (seeded, so a run is reproducible) and 429s that never
stop; and hostile answers: gzip bombs, endless and trickling bodies, CDX values of the wrong
type or meaning, resume keys that never advance, Memento-Datetime values that are no
dates, and the Wayback Machine's doubled Content-Encoding header (an empty one and gzip).

Run alone: python -m tests.servers.wayback FILE.warc.gz [...]  (prints its base URL).
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import random
import socket
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import format_datetime
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from warcio.archiveiterator import ArchiveIterator

from pipeline.records import parse_timestamp


@dataclass
class Faults:
    cdx_429: int = 0  # the first N CDX requests get a live 429
    cdx_503: int = 0  # the first N CDX requests get a 503
    retry_after: str | None = None  # Retry-After on the 429s, if any
    replay_once: str | None = None  # "429", "503", "reset", "truncate", "slow": the first
    # request for each replay URL gets it
    slow_seconds: float = 3.0
    duplicate_rows: bool = False
    cdx_503_unless_one_year: bool = False  # a query spanning more than a year always 503s
    cdx_403_for: str | None = None  # CDX answers 403 (excluded) for this url parameter
    cdx_503_years: tuple[str, ...] = ()  # a query starting in one of these years always 503s
    block_above_per_minute: int | None = None  # CDX requests a minute before the firewall
    block_seconds: float = 3.0
    # Rates: this share of requests (drawn from a seeded generator) gets the fault.
    rate_429_cdx: float = 0.0
    rate_429_replay: float = 0.0
    rate_reset: float = 0.0  # replays
    rate_truncate: float = 0.0  # replays
    seed: int = 11
    always_429_after: int | None = None  # every request after the first N gets a 429
    block_after_requests: int | None = None  # connections refused after N requests, for good
    # Hostile CDX answers: "bomb" (gzip of 256 MB), "endless", "trickle", "new_key" (a fresh
    # resume key and the same rows on every page), "raw" (cdx_raw as the body).
    cdx_hostile: str | None = None
    cdx_hostile_times: int | None = None  # how many CDX answers get it (None: all)
    cdx_raw: bytes = b""
    cdx_extra_rows: list = field(default_factory=list)  # added to the first page
    # Hostile replays: "bomb", "endless", "trickle", "double_encoding", "bad_datetime".
    replay_hostile: str | None = None
    replay_hostile_for: str = ""  # only replays whose URL contains this
    memento_datetime: str = "not a date"  # for bad_datetime
    trickle_interval: float = 0.05


@dataclass
class Held:
    url: str
    urlkey: str
    timestamp: str
    status: int
    headers: list[tuple[str, str]]
    payload: bytes
    digest: str
    mime: str


@dataclass
class Log:
    requests: list[tuple[float, str, str, int]] = field(
        default_factory=list
    )  # time, kind, path, status
    authorizations: set[str] = field(default_factory=set)  # Authorization headers seen
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, path: str, status: int) -> None:
        with self.lock:
            self.requests.append((time.monotonic(), kind, path, status))

    def count(self, kind: str) -> int:
        return sum(1 for r in self.requests if r[1] == kind)


@cache
def gzip_bomb(size: int = 1 << 28) -> bytes:
    """gzip of `size` zero bytes: about a thousandth of that on the wire."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def urlkey(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    host = host[4:] if host.startswith("www.") else host
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    return f"{','.join(reversed(host.split('.')))}){path.lower()}{query}"


def load(warcs: list[Path]) -> list[Held]:
    held = []
    for path in warcs:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                date = record.rec_headers.get_header("WARC-Date")
                digest = (record.rec_headers.get_header("WARC-Payload-Digest") or "").split(":")[-1]
                headers = record.http_headers
                held.append(
                    Held(
                        url=url,
                        urlkey=urlkey(url),
                        timestamp="".join(ch for ch in date if ch.isdigit())[:14],
                        status=int(headers.get_statuscode()),
                        headers=list(headers.headers),
                        payload=record.content_stream().read(),
                        digest=digest,
                        mime=(headers.get_header("Content-Type") or "").split(";")[0].strip(),
                    )
                )
    return sorted(held, key=lambda h: (h.urlkey, h.timestamp))


class WaybackServer:
    def __init__(self, warcs: list[Path], faults: Faults | None = None) -> None:
        self.held = load(warcs)
        self.keys = [(h.urlkey, h.timestamp) for h in self.held]
        self.faults = faults or Faults()
        self.log = Log()
        self._seen_replays: set[str] = set()
        self._random = random.Random(self.faults.seed)
        self._requests = 0
        self._cdx_hostile_served = 0
        self._cdx_times: list[float] = []
        self._blocked_until = 0.0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self.port = 0

    # -- lifecycle ---------------------------------------------------------------------
    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> WaybackServer:
        self._listen()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def _listen(self) -> None:
        httpd = _QuietServer(("127.0.0.1", self.port), _handler(self))
        httpd.daemon_threads = True
        self.port = httpd.server_address[1]
        self._httpd = httpd
        # A short poll: stopping (each test's teardown, a block) waits for it.
        threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def wait_until_listening(self, within: float = 30.0) -> None:
        """Until connections are accepted again (a block's firewall has opened), bounded:
        how long the server takes to listen again depends on how busy the machine is."""
        deadline = time.monotonic() + within
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{self.base} is not listening after {within}s") from None
                time.sleep(0.02)

    def refuse_listening(self) -> None:
        """From now on, refuse connections: the listening socket is closed for good."""
        if self._httpd is not None:
            httpd, self._httpd = self._httpd, None
            threading.Thread(target=lambda: (httpd.shutdown(), httpd.server_close())).start()

    def _block(self) -> None:
        """Close the listening socket, so connections are refused, then listen again."""

        def cycle() -> None:
            self.stop()
            time.sleep(self.faults.block_seconds)
            self._listen()

        threading.Thread(target=cycle, daemon=True).start()

    # -- answers -----------------------------------------------------------------------
    def roll(self, rate: float) -> bool:
        with self._lock:
            return rate > 0 and self._random.random() < rate

    def counted(self) -> str | None:
        """Count a request; 'refuse' or '429' when the sustained faults say so."""
        with self._lock:
            self._requests += 1
            n = self._requests
        if self.faults.block_after_requests is not None and n > self.faults.block_after_requests:
            self.refuse_listening()
            return "refuse"
        if self.faults.always_429_after is not None and n > self.faults.always_429_after:
            return "429"
        return None

    def cdx_hostile(self) -> str | None:
        with self._lock:
            times = self.faults.cdx_hostile_times
            if self.faults.cdx_hostile is None or (
                times is not None and self._cdx_hostile_served >= times
            ):
                return None
            self._cdx_hostile_served += 1
            return self.faults.cdx_hostile

    def cdx(self, query: dict[str, list[str]]) -> tuple[int, dict[str, str], bytes]:
        sustained = self.counted()
        if sustained == "refuse":
            return 0, {}, b""
        if sustained == "429" or self.roll(self.faults.rate_429_cdx):
            return self._too_many()
        with self._lock:
            self._cdx_times.append(time.monotonic())
            recent = [t for t in self._cdx_times if t > time.monotonic() - 60]
            limit = self.faults.block_above_per_minute
            if limit is not None and len(recent) > limit:
                self._block()
                return 0, {}, b""
            if self.faults.cdx_429 > 0:
                self.faults.cdx_429 -= 1
                return self._too_many()
            if self.faults.cdx_503 > 0:
                self.faults.cdx_503 -= 1
                return 503, {}, b"Service Unavailable"
        window = (query.get("from", [""])[0][:4], query.get("to", [""])[0][:4])
        if self.faults.cdx_503_unless_one_year and (not window[0] or window[0] != window[1]):
            return 503, {}, b"Service Unavailable"
        if window[0] in self.faults.cdx_503_years:
            return 503, {}, b"Service Unavailable"
        if self.faults.cdx_403_for and query.get("url", [""])[0] == self.faults.cdx_403_for:
            return 403, {}, b"Blocked Site Error"
        url = query.get("url", [""])[0]
        match_type = query.get("matchType", ["exact"])[0]
        key = urlkey(url if "://" in url else f"http://{url}")
        rows = [h for h in self.held if self._matches(h, key, url, match_type)]
        start, end = query.get("from", [""])[0], query.get("to", [""])[0]
        rows = [
            h
            for h in rows
            if h.timestamp >= start.ljust(14, "0")
            and (not end or h.timestamp <= end.ljust(14, "9"))
        ]
        hostile = self.cdx_hostile()
        resume = query.get("resumeKey", [""])[0] if hostile != "new_key" else ""
        if resume:
            resume_key, resume_ts = resume.rsplit(" ", 1)
            rows = [h for h in rows if (h.urlkey, h.timestamp) >= (resume_key, resume_ts)]
        limit_rows = int(query.get("limit", ["100000"])[0])
        page, rest = rows[:limit_rows], rows[limit_rows:]
        fields = query.get("fl", ["urlkey,timestamp,original,mimetype,statuscode,digest,length"])
        names = fields[0].split(",")
        table: list[list[str]] = [names]
        for h in page:
            row = [self._field(h, name) for name in names]
            table.append(row)
            if self.faults.duplicate_rows:
                table.append(list(row))
        if not resume and self.faults.cdx_extra_rows:
            table[1:1] = self.faults.cdx_extra_rows
        if rest and query.get("showResumeKey", [""])[0] == "true":
            table += [[], [f"{rest[0].urlkey} {rest[0].timestamp}"]]
        if hostile == "new_key":
            table = [names, *table[1 : 1 + limit_rows], [], [f"key-{time.monotonic_ns()}"]]
        elif hostile == "raw":
            return 200, {"Content-Type": "application/json"}, self.faults.cdx_raw
        elif hostile is not None:
            return 200, {"Content-Type": "application/json", "X-Fault": hostile}, b""
        body = json.dumps(table).encode("ascii")
        return 200, {"Content-Type": "application/json"}, body

    @staticmethod
    def _matches(h: Held, key: str, url: str, match_type: str) -> bool:
        if match_type == "prefix":
            return h.urlkey.startswith(key.rstrip("/")) or h.urlkey.startswith(key)
        if match_type == "domain":
            host = urlkey(f"http://{url}/").split(")")[0]
            return h.urlkey.split(")")[0] == host or h.urlkey.startswith(host + ",")
        return h.urlkey == key

    @staticmethod
    def _field(h: Held, name: str) -> str:
        return {
            "urlkey": h.urlkey,
            "timestamp": h.timestamp,
            "original": h.url,
            "mimetype": h.mime,
            "statuscode": str(h.status),
            "digest": h.digest,
            "length": str(len(h.payload)),
        }[name]

    def replay(self, timestamp: str, url: str) -> tuple[int, dict[str, str], bytes, str | None]:
        with self._lock:
            first_time = url + timestamp not in self._seen_replays
            self._seen_replays.add(url + timestamp)
        fault = self.faults.replay_once if first_time else None
        sustained = self.counted()
        if sustained == "refuse":
            return 0, {}, b"", None
        if sustained == "429" or self.roll(self.faults.rate_429_replay):
            fault = "429"
        elif self.roll(self.faults.rate_reset):
            fault = "reset"
        elif self.roll(self.faults.rate_truncate):
            fault = "truncate"
        if fault == "429":
            status, headers, body = self._too_many()
            return status, headers, body, None
        if fault == "503":
            return 503, {}, b"Service Unavailable", None
        key = urlkey(url)
        candidates = [h for h in self.held if h.urlkey == key]
        if not candidates:
            return (
                404,
                {"Content-Type": "text/html"},
                b"<p>Wayback Machine has not archived that URL.</p>",
                None,
            )
        exact = [h for h in candidates if h.timestamp == timestamp]
        if not exact:
            nearest = min(
                candidates, key=lambda h: abs(int(h.timestamp) - int(timestamp.ljust(14, "0")))
            )
            location = f"{self.base}/web/{nearest.timestamp}id_/{nearest.url}"
            return (
                302,
                {
                    "Location": location,
                    "X-Archive-Redirect-Reason": "found capture at " + nearest.timestamp,
                },
                b"",
                None,
            )
        h = exact[0]
        headers = {
            "Memento-Datetime": format_datetime(parse_timestamp(h.timestamp), usegmt=True),
            "X-Archive-Src": "fixture.warc.gz",
            "Link": f'<{h.url}>; rel="original"',
        }
        for name, value in h.headers:
            lower = name.lower()
            if lower in ("content-type", "location"):
                headers[name] = value
            elif lower not in ("content-length", "transfer-encoding"):
                headers[f"X-Archive-Orig-{name}"] = value
        hostile = self.faults.replay_hostile
        if hostile and self.faults.replay_hostile_for in url and fault is None:
            if hostile == "bad_datetime":
                headers["Memento-Datetime"] = self.faults.memento_datetime
            else:
                headers["X-Fault"] = hostile
            if hostile == "double_encoding":
                return h.status, headers, gzip.compress(h.payload), hostile
        return h.status, headers, h.payload, fault

    def _too_many(self) -> tuple[int, dict[str, str], bytes]:
        headers = {"Retry-After": self.faults.retry_after} if self.faults.retry_after else {}
        return 429, headers, b"Too Many Requests"


class _QuietServer(ThreadingHTTPServer):
    allow_reuse_address = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client closing its kept-alive connection is normal here, not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler(server: WaybackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if self.headers.get("Authorization"):
                server.log.authorizations.add(self.headers["Authorization"])
            if parts.path == "/cdx/search/cdx":
                status, headers, body = server.cdx(parse_qs(parts.query))
                server.log.add("cdx", self.path, status)
                if status == 0:
                    self._refuse()
                    return
                self._send(status, headers, body, headers.pop("X-Fault", None))
                return
            if parts.path.startswith("/web/") and "id_/" in self.path:
                timestamp, url = self.path[len("/web/") :].split("id_/", 1)
                status, headers, body, fault = server.replay(timestamp, url)
                server.log.add("replay", self.path, status)
                if status == 0:
                    self._refuse()
                    return
                self._send(status, headers, body, headers.pop("X-Fault", fault))
                return
            server.log.add("other", self.path, 404)
            self._send(404, {}, b"not found")

        def _refuse(self) -> None:
            """The connection reset before any answer (the client sees no status line); new
            connections are refused while the server does not listen."""
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.connection.close()
            self.close_connection = True

        def _stream(self, status: int, headers: dict[str, str], fault: str) -> None:
            """Bodies no client should read whole: a bomb, an endless one, a trickle."""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if fault == "bomb":
                bomb = gzip_bomb()
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(bomb)))
                self.end_headers()
                body_parts: Iterator[bytes] = iter([bomb])
            elif fault == "endless":
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = b"x" * 65536
                body_parts = (b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in itertools.count())
            else:  # trickle
                self.send_header("Content-Length", "1000000")
                self.end_headers()
                body_parts = (b" " for _ in range(1000000))
            try:
                for part in body_parts:
                    self.wfile.write(part)
                    self.wfile.flush()
                    if fault == "trickle":
                        time.sleep(server.faults.trickle_interval)
            except OSError:  # the client gave up, as it should
                pass
            self.close_connection = True

        def _send(
            self, status: int, headers: dict[str, str], body: bytes, fault: str | None = None
        ) -> None:
            if fault in ("bomb", "endless", "trickle"):
                self._stream(status, headers, fault)
                return
            if fault == "double_encoding":
                # The Wayback Machine's quirk for pages first served gzipped (EDGI's wayback
                # client, web-monitoring-processing issue 309): an empty Content-Encoding
                # next to the real one.
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Encoding", "")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            if fault == "reset":
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                self.connection.close()
                self.close_connection = True
                return
            if fault == "slow":
                time.sleep(server.faults.slow_seconds)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if fault == "truncate":
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.wfile.write(body)

    return Handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serve WARC files the Wayback Machine's way.")
    parser.add_argument("warcs", nargs="+", type=Path)
    parser.add_argument("--replay-once", choices=["429", "503", "reset", "truncate", "slow"])
    parser.add_argument("--slow-seconds", type=float, default=3.0)
    args = parser.parse_args(argv)
    faults = Faults(replay_once=args.replay_once, slow_seconds=args.slow_seconds)
    server = WaybackServer(args.warcs, faults).start()
    print(server.base, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
