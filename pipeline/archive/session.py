"""HTTP policy for talking to an archive: timeouts, retries with backoff, 429 handling, blocks.

Meaning (what a response says about a capture) lives in cdx.py and replay.py; this module
only decides when to send a request again and when to give up.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests
import urllib3

from pipeline.archive.ratelimit import RateLimiter
from pipeline.errors import ArchiveError, Blocked, RateLimited

log = logging.getLogger(__name__)

RETRYABLE_STATUS = frozenset({500, 502, 503, 504, 520, 522, 524})
# The Wayback Machine blocks a client at the firewall that keeps going for about a minute
# after 429s; two live 429s in a row already mean we were too fast, so we stop well before.
MAX_CONSECUTIVE_429 = 3
MAX_REFUSED = 3
DEFAULT_429_PAUSE = 60.0


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
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = requests.Session()
        self.http.headers["User-Agent"] = user_agent
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.pause_on_429 = pause_on_429
        self._sleep = sleep
        self.requests_sent = 0
        self.live_429s = 0
        self._consecutive_429 = 0
        self._refused = 0

    def get(
        self, url: str, limiter: RateLimiter, params: dict[str, object] | None = None
    ) -> requests.Response:
        """GET with the retry policy; the caller reads the (streamed) body and closes it."""
        last_error: Exception | None = None
        for attempt in range(self.retry.attempts):
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
                self._refused = 0
                if response.status_code == 429 and "Memento-Datetime" not in response.headers:
                    self._on_live_429(url, response, limiter)
                    last_error = RateLimited(url, _retry_after(response))
                    continue
                self._consecutive_429 = 0
                if response.status_code not in RETRYABLE_STATUS:
                    return response
                response.close()
                last_error = ArchiveError(
                    f"HTTP {response.status_code}", url=url, status=response.status_code
                )
            delay = self.retry.delay(attempt)
            log.info("retrying %s in %.1fs after %s", url, delay, last_error)
            self._sleep(delay)
        status = getattr(last_error, "status", None)
        raise ArchiveError(
            f"gave up after {self.retry.attempts} attempts: {last_error}", url=url, status=status
        )

    def _send(self, url: str, params: dict[str, object]) -> requests.Response:
        self.requests_sent += 1
        return self.http.get(
            url, params=params or None, timeout=self.timeout, allow_redirects=False, stream=True
        )

    def _on_live_429(self, url: str, response: requests.Response, limiter: RateLimiter) -> None:
        response.close()
        self.live_429s += 1
        self._consecutive_429 += 1
        if self._consecutive_429 >= MAX_CONSECUTIVE_429:
            raise Blocked(
                f"{self._consecutive_429} live 429s in a row from {url}", url=url, status=429
            )
        pause = _retry_after(response)
        pause = self.pause_on_429 if pause is None else pause
        log.warning("archive says 429 (too many requests); pausing %.0fs and slowing down", pause)
        limiter.pause(pause)
        limiter.slow_down()

    def _note_refused(self, url: str, exc: Exception) -> None:
        self._refused += 1
        if self._refused >= MAX_REFUSED:
            raise Blocked(f"connections refused {self._refused} times: {exc}", url=url)


def _is_refused(exc: BaseException) -> bool:
    """A refused connection (how the Wayback Machine's firewall blocks), not a reset."""
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
        return max(0.0, float(value))
    except ValueError:
        return None
