"""HTTP policy for talking to an archive: timeouts, retries with backoff, 429 handling, blocks.

Meaning (what a response says about a capture) lives in cdx.py and replay.py; this module
only decides when to send a request again, how long to wait, and when to give up.

A block is declared from evidence only: 429s still coming after the pauses they asked for,
for several minutes, or connections refused after the archive had answered in this run.
A connection that fails on the first request of a run is a settings error (`Unreachable`):
nothing was ever listening there, so there is nothing to cool down from.
"""

from __future__ import annotations

import logging
import random
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

import requests
import urllib3

from pipeline.archive import body
from pipeline.archive.ratelimit import RateLimiter
from pipeline.errors import ArchiveError, Blocked, RateLimited, Unreachable

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({500, 502, 503, 504, 520, 522, 524})
MAX_REFUSED = 3
DEFAULT_429_PAUSE = 60.0
# The Wayback Machine's staff describe a firewall that answers a client's 429s with pauses of
# a minute, doubling while the client keeps going; we pause that long before asking again.
MAX_429_PAUSE = 960.0
# However short the pauses the archive asks for, this many 429s with no other answer between
# them is a block too (an archive that says Retry-After: 0 forever).
MAX_429_STREAK = 30
# We decode transport encodings ourselves, bounded (body.py); ask only for those we decode.
ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True)
class Timing:
    """The clock and sleep every wait goes through; tests pass a virtual pair."""

    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep


@dataclass
class RetryPolicy:
    attempts: int = 5
    backoff_base: float = 2.0
    backoff_max: float = 120.0

    def delay(self, attempt: int) -> float:
        ceiling = min(self.backoff_max, self.backoff_base * 2**attempt)
        return random.uniform(ceiling / 2, ceiling)


class ArchiveSession:
    """A requests.Session with the politeness rules every archive call goes through."""

    def __init__(
        self,
        user_agent: str,
        *,
        timeout: float = 60.0,
        retry: RetryPolicy | None = None,
        pause_on_429: float = DEFAULT_429_PAUSE,
        block_after: float = 300.0,
        deadline: float = 300.0,
        auth: tuple[str, str] | None = None,
        timing: Timing | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.http = requests.Session()
        self.http.headers["User-Agent"] = user_agent
        self.http.headers["Accept-Encoding"] = ACCEPT_ENCODING
        self.auth = auth
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.pause_on_429 = pause_on_429
        self.block_after = block_after
        self.deadline = deadline
        self._deadlines: weakref.WeakKeyDictionary[requests.Response, float] = (
            weakref.WeakKeyDictionary()
        )
        timing = timing or Timing()
        self.clock = timing.clock
        self._sleep = sleep or timing.sleep
        self.requests_sent = 0
        self.live_429s = 0
        self._answered = False  # has the archive answered anything in this run?
        # Set when this archive blocked us before: then a refusal on the first request is
        # its firewall still at work, not a mistyped address.
        self.blocked_before = False
        self._streak_429 = 0
        self._streak_started: float | None = None
        self._refused = 0

    def get(
        self, url: str, limiter: RateLimiter, params: dict[str, str | int] | None = None
    ) -> requests.Response:
        """GET with the retry policy; the caller reads the (streamed) body and closes it.

        A live 429 is about our pace, not about the request: it costs no attempt."""
        last_error: Exception | None = None
        attempt = 0
        while attempt < self.retry.attempts:
            limiter.wait()
            try:
                response = self._send(url, params or {})
            except requests.ConnectionError as exc:
                last_error = exc
                if _is_refused(exc):
                    self._note_refused(url, exc)
            except requests.Timeout as exc:
                last_error = exc
            else:
                self._answered = True
                self._refused = 0
                if response.status_code == 429 and "Memento-Datetime" not in response.headers:
                    self._on_live_429(url, response, limiter)
                    last_error = RateLimited(url, _retry_after(response))
                    continue
                self._streak_429 = 0
                self._streak_started = None
                limiter.recover()
                if response.status_code not in RETRYABLE_STATUS:
                    return response
                response.close()
                last_error = ArchiveError(
                    f"HTTP {response.status_code}", url=url, status=response.status_code
                )
            delay = self.retry.delay(attempt)
            attempt += 1
            log.info("retrying %s in %.1fs after %s", url, delay, last_error)
            self._sleep(delay)
        status = getattr(last_error, "status", None)
        raise ArchiveError(
            f"gave up after {self.retry.attempts} attempts: {last_error}", url=url, status=status
        )

    @property
    def answered(self) -> bool:
        return self._answered

    def read(
        self, response: requests.Response, max_bytes: int, *, prefix_only: bool = False
    ) -> bytes:
        """The response's decoded body, within the byte cap and the request's deadline
        (counted from when the request was sent)."""
        deadline = self._deadlines.get(response, self.clock() + self.deadline)
        return body.read_body(
            response,
            max_bytes=max_bytes,
            deadline=deadline,
            clock=self.clock,
            prefix_only=prefix_only,
        )

    def _send(self, url: str, params: dict[str, str | int]) -> requests.Response:
        """Through the adapter, not Session.send: for a 3xx without redirects followed,
        Session.send reads the whole body to find the next request (requests'
        resolve_redirects), which an endless or bomb body would make unbounded."""
        self.requests_sent += 1
        request = requests.Request("GET", url, params=params or None, auth=self.auth)
        prepared = self.http.prepare_request(request)
        target = prepared.url or url
        env = self.http.merge_environment_settings(target, {}, True, None, None)
        started = self.clock()
        response = self.http.get_adapter(target).send(
            prepared,
            stream=True,
            timeout=self.timeout,
            verify=env["verify"],
            cert=env["cert"],
            proxies=env["proxies"],
        )
        self._deadlines[response] = started + self.deadline
        return response

    def _on_live_429(self, url: str, response: requests.Response, limiter: RateLimiter) -> None:
        response.close()
        self.live_429s += 1
        self._streak_429 += 1
        now = self.clock()
        if self._streak_started is None:
            self._streak_started = now
        sustained = now - self._streak_started
        if sustained >= self.block_after or self._streak_429 >= MAX_429_STREAK:
            raise Blocked(
                f"429s for {sustained:.0f}s ({self._streak_429} in a row, pauses honored) "
                f"from {url}",
                url=url,
                status=429,
            )
        asked = _retry_after(response)
        pause = (
            min(MAX_429_PAUSE, self.pause_on_429 * 2 ** (self._streak_429 - 1))
            if asked is None
            else asked
        )
        log.warning("archive says 429 (too many requests); pausing %.0fs and slowing down", pause)
        limiter.pause(pause)
        limiter.slow_down()

    def _note_refused(self, url: str, exc: Exception) -> None:
        if not self._answered and not self.blocked_before:
            raise Unreachable(
                f"cannot connect to the archive at {_origin(url)} ({_reason(exc)}); "
                "check --archive-url",
                url=url,
            )
        self._refused += 1
        if self._refused >= MAX_REFUSED:
            raise Blocked(f"connections refused {self._refused} times: {_reason(exc)}", url=url)


def _origin(url: str) -> str:
    parts = urllib3.util.parse_url(url)
    return f"{parts.scheme}://{parts.netloc}"


def _reason(exc: BaseException) -> str:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, urllib3.exceptions.NameResolutionError):
            return "host name not found"
        reason = getattr(seen, "reason", None)
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = reason if isinstance(reason, BaseException) else inner or seen.__cause__
    return "no connection"


def _is_refused(exc: BaseException) -> bool:
    """A refused connection (how the Wayback Machine's firewall blocks) or a host that
    cannot be resolved; not a reset."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError | urllib3.exceptions.NewConnectionError):
            return True
        reason = getattr(seen, "reason", None)
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = reason if isinstance(reason, BaseException) else inner or seen.__cause__
    return False


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "")
    try:
        seconds = float(value)
    except ValueError:
        return None
    # A hostile or broken Retry-After (nan, inf, a year) is bounded like our own pauses.
    if seconds != seconds:
        return None
    return min(MAX_429_PAUSE, max(0.0, seconds))
