"""429s, refused connections and blocks: a block only from evidence, a wrong address a
settings error, the cool-down visible and clearable (`status`)."""

from __future__ import annotations

import json

import pytest

from pipeline import cli
from pipeline.archive.ratelimit import RateLimiter
from tests.archive.support import (
    VirtualTime,
    assert_every_capture_stored_once_and_verified,
    free_port,
    ledger,
    run,
)
from tests.servers.wayback import Faults

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


def status(tmp_path, capsys, *extra: str) -> str:
    args = ["status", "--raw-dir", str(tmp_path / "raw"), "--out", str(tmp_path / "out")]
    assert cli.main([*args, *extra]) == 0
    return capsys.readouterr().out


def test_status_shows_the_cool_down_and_clears_it(server, tmp_path, capsys):
    server.faults = Faults(always_429_after=10)
    run(server, tmp_path, capsys, timing=VirtualTime().timing, cooldown_minutes=60)
    text = status(tmp_path, capsys)
    assert "cool-down until" in text and "--clear-cooldown" in text
    shown = json.loads(status(tmp_path, capsys, "--json"))
    assert shown["cooldown_until"] and shown["last_runs"][0]["exit_code"] == 3
    # The next run does nothing while cooling down ...
    server.faults = Faults()
    before = len(server.log.requests)
    code, summary = run(server, tmp_path, capsys, cooldown_minutes=60)
    assert code == 3 and "cooling down" in summary["blocked"]
    assert len(server.log.requests) == before
    # ... until the cool-down is cleared deliberately.
    status(tmp_path, capsys, "--clear-cooldown")
    assert json.loads(status(tmp_path, capsys, "--json"))["cooldown_until"] is None
    code, _ = run(server, tmp_path, capsys, cooldown_minutes=60)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def test_status_counts_what_the_ledger_holds(server, tmp_path, capsys):
    server.faults = Faults(replay_hostile="trickle", replay_hostile_for="/old/news")
    code, _ = run(server, tmp_path, capsys, deadline=0.5, timeout=0.4)
    assert code == 3
    shown = json.loads(status(tmp_path, capsys, "--json"))
    states = dict(ledger(tmp_path, "SELECT state, count(*) FROM captures GROUP BY state"))
    assert shown["discovered"] == sum(states.values())
    assert shown["stored"] == states["stored"] > 0
    assert shown["failed_by_class"] == {"DeadlineExceeded": states["failed"]}
    assert shown["pending_retries"] == states["failed"]
    assert [r["exit_code"] for r in shown["last_runs"]] == [3]
    text = status(tmp_path, capsys)
    assert f"{shown['discovered']} discovered" in text and "DeadlineExceeded" in text


def test_status_without_a_ledger_says_so(tmp_path, capsys):
    assert "no ledger" in status(tmp_path, capsys)
    assert not (tmp_path / "raw" / "ledger.sqlite").exists()


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


def test_a_refusal_on_the_first_request_after_a_block_is_still_a_block(server, tmp_path, capsys):
    """Once this archive has blocked us, its firewall refusing the next run's first
    request is the block going on (exit 3, a new cool-down), not a wrong address."""
    server.faults = Faults(block_after_requests=12)
    code, _ = run(server, tmp_path, capsys, timing=VirtualTime().timing, cooldown_minutes=0)
    assert code == 3
    code, summary = run(server, tmp_path, capsys, timing=VirtualTime().timing, cooldown_minutes=0)
    assert code == 3 and "refused" in summary["blocked"]
