"""`status`: what the ledger holds, and the cool-down after a block, shown and cleared."""

from __future__ import annotations

import json

from pipeline import cli
from tests.archive.support import (
    VirtualTime,
    assert_every_capture_stored_once_and_verified,
    ledger,
    run,
)
from tests.servers.wayback import Faults


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
