"""The HTTP policy: retries with backoff, 429s paused as asked, a block only from evidence,
a wrong address a settings error. One session against the fault server on 127.0.0.1 with
a virtual clock (each test milliseconds), then whole runs under faults."""

from __future__ import annotations

import math
import threading

import pytest
import requests

from pipeline import cli
from pipeline.archive import session as policy
from pipeline.archive.ratelimit import RateLimiter
from pipeline.archive.session import (
    MAX_429_PAUSE,
    MAX_429_STREAK,
    MAX_REFUSED,
    ArchiveSession,
    RetryPolicy,
    Timing,
)
from pipeline.errors import ArchiveError, Blocked, Unreachable
from tests.archive.support import (
    VirtualTime,
    assert_every_capture_stored_once_and_verified,
    free_port,
    ledger,
    run,
)
from tests.servers.wayback import Faults


class Waits:
    """One virtual clock for a session and its limiter, moved only by their sleeps, with
    what each of them slept kept apart: the session sleeps its backoff, the limiter the
    pauses a 429 asked for (and the rate's spacing)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.backoff: list[float] = []
        self.limiter_waits: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        return self.now

    def _sleeper(self, kept: list[float]):
        def sleep(seconds: float) -> None:
            with self._lock:
                kept.append(seconds)
                self.now += max(0.0, seconds)

        return sleep

    def session(self, **options: object) -> ArchiveSession:
        options.setdefault("retry", RetryPolicy(attempts=5, backoff_base=2.0, backoff_max=120))
        return ArchiveSession(
            "iom-pipeline tests",
            timeout=5,
            timing=Timing(clock=self.clock, sleep=self._sleeper(self.backoff)),
            **options,  # type: ignore[arg-type]
        )

    def limiter(self, per_minute: float = 6000) -> RateLimiter:
        return RateLimiter(per_minute, clock=self.clock, sleep=self._sleeper(self.limiter_waits))

    def pauses(self) -> list[float]:
        """The limiter's waits longer than its spacing: the 429 pauses."""
        return [w for w in self.limiter_waits if w >= 0.5]


def cdx_url(server) -> str:
    return f"{server.base}/cdx/search/cdx"


CDX_QUERY = {"url": "moscow.iom.int/old/index.html", "output": "json"}


def get(server, waits: Waits, limiter: RateLimiter | None = None, **options: object):
    archive = waits.session(**options)
    response = archive.get(cdx_url(server), limiter or waits.limiter(), CDX_QUERY)
    archive.read(response, 1 << 20)
    response.close()
    return archive, response


@pytest.mark.parametrize("failures", [0, 1, 2, 4])
def test_503s_are_retried_with_doubling_backoff(server, failures):
    """Each retry waits a random share (half to all) of a ceiling that doubles: 2, 4, 8,
    16 s from a base of 2."""
    server.faults = Faults(cdx_503=failures)
    waits = Waits()
    archive, response = get(server, waits)
    assert response.status_code == 200
    assert archive.requests_sent == server.log.count("cdx") == failures + 1
    assert len(waits.backoff) == failures
    for attempt, slept in enumerate(waits.backoff):
        ceiling = 2.0 * 2**attempt
        assert ceiling / 2 <= slept <= ceiling, (attempt, slept)


def test_backoff_is_capped(monkeypatch):
    monkeypatch.setattr(policy.random, "uniform", lambda low, high: high)
    retry = RetryPolicy(attempts=10, backoff_base=2.0, backoff_max=20.0)
    assert [retry.delay(n) for n in range(6)] == [2.0, 4.0, 8.0, 16.0, 20.0, 20.0]


def test_a_server_that_keeps_failing_is_given_up_after_the_attempts(server):
    server.faults = Faults(cdx_503=100)
    waits = Waits()
    archive = waits.session(retry=RetryPolicy(attempts=3, backoff_base=0.5))
    with pytest.raises(ArchiveError) as caught:
        archive.get(cdx_url(server), waits.limiter(), CDX_QUERY)
    assert "gave up after 3 attempts" in str(caught.value)
    assert caught.value.status == 503
    assert server.log.count("cdx") == 3
    assert not isinstance(caught.value, Blocked)
    for attempt, slept in enumerate(waits.backoff[:2]):
        assert 0.5 * 2**attempt / 2 <= slept <= 0.5 * 2**attempt


@pytest.mark.parametrize("retry_after", ["0", "7", "90"])
def test_retry_after_is_honoured_and_costs_no_attempt(server, retry_after):
    """A live 429 pauses every request for as long as it asks, then the same request is
    sent again; the session's backoff is not used and no attempt is spent."""
    server.faults = Faults(cdx_429=3, retry_after=retry_after)
    waits = Waits()
    archive, response = get(server, waits, retry=RetryPolicy(attempts=2))
    assert response.status_code == 200
    assert archive.live_429s == 3 and server.log.count("cdx") == 4
    assert waits.backoff == []
    asked = float(retry_after)
    # Each pause starts from the moment of the 429 (the rate's own spacing may add to it).
    assert len(waits.limiter_waits) == 3
    assert all(asked <= w <= asked + 1 for w in waits.limiter_waits), waits.limiter_waits


def test_429s_without_retry_after_pause_doubling_from_the_setting(server):
    server.faults = Faults(cdx_429=3)
    waits = Waits()
    _, response = get(server, waits, pause_on_429=60)
    assert response.status_code == 200
    assert [round(w) for w in waits.pauses()] == [60, 120, 240]
    assert waits.backoff == []


def test_a_429_halves_the_rate_of_the_limiter_the_session_uses(server):
    server.faults = Faults(cdx_429=1, retry_after="1")
    waits = Waits()
    limiter = waits.limiter(480)
    get(server, waits, limiter=limiter)
    assert limiter.per_minute == 240


@pytest.mark.parametrize(
    ("pause", "block_after", "sent"),
    [
        (60, 300, 4),  # paused 60 + 120 + 240 s: the fourth 429 comes after 7 minutes
        (60, 100, 3),  # 60 + 120 s
        (1, 300, 10),  # 1 + 2 + ... + 256 s = 511 s by the tenth
    ],
)
def test_429s_that_keep_coming_after_their_pauses_are_a_block(server, pause, block_after, sent):
    server.faults = Faults(always_429_after=0)
    waits = Waits()
    archive = waits.session(pause_on_429=pause, block_after=block_after)
    with pytest.raises(Blocked) as caught:
        archive.get(cdx_url(server), waits.limiter(), CDX_QUERY)
    assert caught.value.status == 429
    assert archive.live_429s == server.log.count("cdx") == sent
    assert waits.now >= block_after
    assert waits.backoff == []


def test_429s_that_ask_for_no_pause_are_a_block_after_a_streak(server):
    server.faults = Faults(always_429_after=0, retry_after="0")
    waits = Waits()
    archive = waits.session()
    with pytest.raises(Blocked) as caught:
        archive.get(cdx_url(server), waits.limiter(), CDX_QUERY)
    assert f"{MAX_429_STREAK} in a row" in str(caught.value)
    assert server.log.count("cdx") == MAX_429_STREAK


def test_an_answer_between_429s_starts_the_streak_again(server):
    server.faults = Faults(cdx_429=2)
    waits = Waits()
    archive = waits.session(pause_on_429=60, block_after=150)
    limiter = waits.limiter()
    for _ in range(3):  # 60 + 120 s each time, never 300
        server.faults.cdx_429 = 2
        response = archive.get(cdx_url(server), limiter, CDX_QUERY)
        response.close()
    assert archive.live_429s == 6
    assert [round(w) for w in waits.pauses()] == [60, 120] * 3


def test_a_refused_first_request_is_unreachable_not_a_block():
    waits = Waits()
    archive = waits.session()
    with pytest.raises(Unreachable) as caught:
        archive.get(f"http://127.0.0.1:{free_port()}/cdx/search/cdx", waits.limiter())
    assert "--archive-url" in str(caught.value)
    assert archive.requests_sent == 1 and waits.backoff == []


@pytest.mark.parametrize("answered_first", [True, False], ids=["answered", "blocked-before"])
def test_refusals_after_an_answer_or_a_block_are_a_block(server, answered_first):
    waits = Waits()
    archive = waits.session()
    if answered_first:
        archive.get(cdx_url(server), waits.limiter(), CDX_QUERY).close()
    else:
        archive.blocked_before = True  # this archive blocked the previous run
    url = cdx_url(server)
    server.stop()  # connections refused from now on
    with pytest.raises(Blocked) as caught:
        archive.get(url, waits.limiter(), CDX_QUERY)
    assert "refused" in str(caught.value)
    assert archive.requests_sent == MAX_REFUSED + int(answered_first)
    assert len(waits.backoff) == MAX_REFUSED - 1


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("7", 7.0),
        ("0", 0.0),
        ("2.5", 2.5),
        ("-5", 0.0),
        ("1e9", MAX_429_PAUSE),
        ("inf", MAX_429_PAUSE),
        ("nan", None),
        ("", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),  # an HTTP date: not read, the default pause
    ],
)
def test_retry_after_values_are_bounded(header, seconds):
    response = requests.Response()
    if header:
        response.headers["Retry-After"] = header
    found = policy._retry_after(response)
    assert found == seconds or (seconds is None and found is None)
    assert found is None or not math.isnan(found)


def test_the_session_sends_its_user_agent_and_counts_its_requests(server):
    waits = Waits()
    archive, _ = get(server, waits)
    assert archive.http.headers["User-Agent"] == "iom-pipeline tests"
    assert archive.answered and archive.requests_sent == 1


# What a schedule makes before anyone looks: a run, and the reruns of the next hours.
SCHEDULED_RUNS = 3


def count_429s(server) -> int:
    return sum(1 for r in server.log.requests if r[3] == 429)


@pytest.mark.parametrize("retry_after", ["1", None], ids=["retry-after", "no-retry-after"])
def test_transient_429s_resets_and_cut_bodies_end_with_everything_stored(
    server, tmp_path, capsys, retry_after
):
    """10 % of CDX pages and 5 % of replays answer 429, 3 % of replays reset, 3 % are cut
    short, and the first three CDX requests 429 in a row: no block, no cool-down, and every
    capture stored once within the runs a schedule makes."""
    server.faults = Faults(
        cdx_429=3,
        retry_after=retry_after,
        rate_429_cdx=0.10,
        rate_429_replay=0.05,
        rate_reset=0.03,
        rate_truncate=0.03,
    )
    time = VirtualTime()
    codes = []
    for _ in range(SCHEDULED_RUNS):
        code, summary = run(server, tmp_path, capsys, timing=time.timing, pause_on_429=60)
        codes.append(code)
        assert not summary["blocked"]
        if code == 0:
            break
    assert codes[-1] == 0, codes
    assert count_429s(server) >= 6  # the faults really were served
    assert_every_capture_stored_once_and_verified(server, tmp_path)
    assert ledger(tmp_path, "SELECT value FROM state WHERE name='cooldown_until'") == []
    if retry_after is None:
        # Each 429 without Retry-After paused the run for a minute or more (doubling in a row).
        assert max(time.slept) >= 60 * 2**2


def test_a_wrong_port_is_a_settings_error_without_cool_down(tmp_path, capsys):
    port = free_port()  # nothing listens there
    args = [
        "run",
        "--archive-url",
        f"http://127.0.0.1:{port}",
        "--raw-dir",
        str(tmp_path / "raw"),
        "--out",
        str(tmp_path / "out"),
        "--quiet",
    ]
    for _ in range(2):  # and again: no cool-down keeps the corrected run from going
        assert cli.main(args) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1
        assert f"http://127.0.0.1:{port}" in err[0] and "--archive-url" in err[0]
    assert ledger(tmp_path, "SELECT value FROM state WHERE name='cooldown_until'") == []


def test_refused_connections_after_answers_are_a_block(server, tmp_path, capsys):
    server.faults = Faults(block_after_requests=12)
    code, summary = run(server, tmp_path, capsys, timing=VirtualTime().timing, cooldown_minutes=60)
    assert code == 3
    assert "refused" in summary["blocked"]
    (until,) = ledger(tmp_path, "SELECT value FROM state WHERE name='cooldown_until'")[0]
    assert until


def test_sustained_429s_stop_the_run_with_a_cool_down(server, tmp_path, capsys):
    """Every request after the tenth answers 429 (no Retry-After): the run pauses 60 s,
    120 s, 240 s, ... and declares a block once 429s have kept coming for 5 minutes."""
    server.faults = Faults(always_429_after=10)
    time = VirtualTime()
    code, summary = run(
        server, tmp_path, capsys, timing=time.timing, pause_on_429=60, cooldown_minutes=60
    )
    assert code == 3
    assert "429s for" in summary["blocked"]
    assert time.now >= 5 * 60
    assert count_429s(server) <= 5  # the pauses were honored: a handful of 429s, not a flood
    assert ledger(tmp_path, "SELECT value FROM state WHERE name='cooldown_until'")[0][0]


def test_a_refusal_on_the_first_request_after_a_block_is_still_a_block(server, tmp_path, capsys):
    """Once this archive has blocked us, its firewall refusing the next run's first
    request is the block going on (exit 3, a new cool-down), not a wrong address."""
    server.faults = Faults(block_after_requests=12)
    code, _ = run(server, tmp_path, capsys, timing=VirtualTime().timing, cooldown_minutes=0)
    assert code == 3
    code, summary = run(server, tmp_path, capsys, timing=VirtualTime().timing, cooldown_minutes=0)
    assert code == 3 and "refused" in summary["blocked"]
