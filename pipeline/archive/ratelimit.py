"""Rate limiters shared by all workers of one endpoint class."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class RateLimiter:
    """Spaces requests at least 60/per_minute seconds apart, across threads.

    `pause(seconds)` holds every caller (a live 429 pauses the whole run) and
    `slow_down()` halves the rate, at most once a minute and never below an eighth of
    the configured rate, so a run of 429s slows the run without stalling it.
    `recover()` (after each answer that is not a 429) gives back an eighth of the
    configured rate per quiet minute: multiplicative decrease, slow additive recovery.
    """

    def __init__(
        self,
        per_minute: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.per_minute = per_minute
        self.configured = per_minute
        self.floor = per_minute / 8
        self._last_slow_down: float | None = None
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = 0.0

    @property
    def interval(self) -> float:
        return 60.0 / self.per_minute

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._next_slot = max(self._next_slot, self._clock() + seconds)

    def slow_down(self, factor: float = 0.5) -> None:
        with self._lock:
            now = self._clock()
            if self._last_slow_down is not None and now - self._last_slow_down < 60:
                return
            self._last_slow_down = now
            self.per_minute = max(self.floor, self.per_minute * factor)

    def recover(self) -> None:
        with self._lock:
            if self.per_minute >= self.configured:
                return
            now = self._clock()
            if self._last_slow_down is not None and now - self._last_slow_down < 60:
                return
            self._last_slow_down = now
            self.per_minute = min(self.configured, self.per_minute + self.configured / 8)
