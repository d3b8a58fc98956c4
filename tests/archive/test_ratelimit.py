"""The rate limiter on a virtual clock: slots never closer than the rate allows, in any
window and from any number of threads; pauses, slow-downs and recovery."""

from __future__ import annotations

import itertools
import random
import threading

import pytest

from pipeline.archive.ratelimit import RateLimiter


class Granted:
    """A clock only the test moves, and the times the limiter let each caller go (the
    moment it asked plus the wait it was told)."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.times: list[float] = []
        self._lock = threading.Lock()
        self._told = threading.local()  # was this thread told to wait?

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self._told.waited = True
        with self._lock:
            self.times.append(self.now + seconds)

    def limiter(self, per_minute: float) -> RateLimiter:
        return RateLimiter(per_minute, clock=self.clock, sleep=self.sleep)

    def acquire(self, limiter: RateLimiter) -> None:
        """One wait(); a caller not told to wait goes at once, which sleep does not see."""
        self._told.waited = False
        limiter.wait()
        if not self._told.waited:
            with self._lock:
                self.times.append(self.now)


def most_in_any_window(times: list[float], window: float) -> int:
    """The largest number of grants in a half-open window [t, t + window)."""
    ordered = sorted(times)
    most, start = 0, 0
    for end, t in enumerate(ordered):
        while ordered[start] <= t - window + 1e-9:
            start += 1
        most = max(most, end - start + 1)
    return most


def acquire_from_threads(granted: Granted, limiter: RateLimiter, threads: int, each: int) -> None:
    start = threading.Barrier(threads)

    def worker() -> None:
        start.wait()
        for _ in range(each):
            granted.acquire(limiter)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()


@pytest.mark.parametrize("per_minute", [6, 24, 480, 6000])
@pytest.mark.parametrize("threads", [1, 4, 8])
def test_no_window_holds_more_grants_than_the_rate(per_minute, threads):
    """N acquisitions at r a minute, from one thread or several at once, with the clock
    moved on between batches by random amounts: no minute holds more than r grants, and no
    two grants are closer than 60/r seconds."""
    granted = Granted()
    limiter = granted.limiter(per_minute)
    jumps = random.Random(per_minute * 31 + threads)
    for _ in range(5):
        acquire_from_threads(granted, limiter, threads, each=6)
        granted.now += jumps.uniform(0, 3 * 60 / per_minute * threads)
    assert len(granted.times) == 5 * threads * 6
    interval = 60 / per_minute
    ordered = sorted(granted.times)
    assert all(b - a >= interval - 1e-9 for a, b in itertools.pairwise(ordered))
    assert most_in_any_window(granted.times, 60) <= per_minute
    assert most_in_any_window(granted.times, interval) == 1


def test_rates_are_never_exceeded_across_workers():
    """Slots are handed out under one lock: with the clock standing still, eight workers
    are told to wait 0, 0.1, ..., 0.7 s at 600 a minute, whatever order they run in. The
    clock is injected, so the test does not depend on how busy the machine is."""
    waits: list[float] = []
    limiter = RateLimiter(600, clock=lambda: 100.0, sleep=waits.append)
    workers = [threading.Thread(target=limiter.wait) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(round(w, 6) for w in waits) == [round(0.1 * i, 6) for i in range(1, 8)]


def test_a_caller_after_a_quiet_spell_goes_at_once():
    granted = Granted()
    limiter = granted.limiter(60)
    granted.acquire(limiter)
    granted.now += 5  # longer than the interval: the slot is free
    granted.acquire(limiter)
    assert granted.times == [1000.0, 1005.0]


def test_a_pause_holds_every_later_slot():
    waits: list[float] = []
    limiter = RateLimiter(600, clock=lambda: 0.0, sleep=waits.append)
    limiter.wait()
    limiter.pause(5.0)
    limiter.wait()
    assert waits == [5.0]


def test_a_pause_shorter_than_the_next_slot_changes_nothing():
    waits: list[float] = []
    limiter = RateLimiter(6, clock=lambda: 0.0, sleep=waits.append)  # a slot every 10 s
    limiter.wait()
    limiter.pause(3.0)
    limiter.wait()
    assert waits == [10.0]


def test_after_a_slow_down_the_grants_are_twice_as_far_apart():
    granted = Granted()
    limiter = granted.limiter(600)
    for _ in range(3):
        granted.acquire(limiter)
    limiter.slow_down()
    for _ in range(3):
        granted.acquire(limiter)
    gaps = [round(b - a, 6) for a, b in itertools.pairwise(granted.times)]
    # The slot after the slow-down was handed out at the old pace.
    assert gaps == [0.1, 0.1, 0.1, 0.2, 0.2]
    assert most_in_any_window(granted.times[3:], 60) <= limiter.per_minute


def test_the_rate_halves_on_429s_and_recovers_slowly():
    """Multiplicative decrease at most once a minute, down to an eighth; additive
    recovery of an eighth of the configured rate per quiet minute."""
    now = [0.0]
    limiter = RateLimiter(480, clock=lambda: now[0], sleep=lambda s: None)
    rates = []
    for _ in range(5):
        limiter.slow_down()
        limiter.slow_down()  # twice within the minute counts once
        rates.append(limiter.per_minute)
        now[0] += 60
    assert rates == [240, 120, 60, 60, 60]
    recovered = []
    for _ in range(9):
        limiter.recover()
        recovered.append(limiter.per_minute)
        now[0] += 30  # half a minute: every other call recovers
    assert recovered == [120, 120, 180, 180, 240, 240, 300, 300, 360]


def test_recovery_never_goes_past_the_configured_rate():
    now = [0.0]
    limiter = RateLimiter(80, clock=lambda: now[0], sleep=lambda s: None)
    limiter.slow_down()
    for _ in range(20):
        now[0] += 61
        limiter.recover()
    assert limiter.per_minute == limiter.configured == 80
