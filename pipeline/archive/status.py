"""What the ledger knows, for `iom-pipeline status`: captures discovered, fetched, failed by
class, pending retries, CDX failures, the cool-down and the last runs with their exit codes.

It reads and never waits: it takes no run lock, so it can be asked while a run goes on.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.archive.ledger import Ledger, clear_cooldown, cooldown_until
from pipeline.config import LEDGER_NAME

LAST_RUNS = 5


@dataclass(frozen=True)
class RunLine:
    run_id: str
    command: str
    started: str
    finished: str
    exit_code: int | None


@dataclass(frozen=True)
class Status:
    ledger: str
    ledger_found: bool
    discovered: int = 0
    stored: int = 0
    skipped: int = 0
    pending: int = 0  # discovered, never tried
    failed: int = 0  # tried and failed: the next run retries them
    failed_by_class: dict[str, int] = field(default_factory=dict)
    discover_failures_by_class: dict[str, int] = field(default_factory=dict)
    incomplete_queries: list[str] = field(default_factory=list)
    cooldown_until: str | None = None
    cooldown_reason: str | None = None
    last_runs: list[RunLine] = field(default_factory=list)
    runs_note: str | None = None

    @property
    def pending_retries(self) -> int:
        return self.pending + self.failed

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "pending_retries": self.pending_retries}


def read_status(raw_dir: Path, out_dir: Path) -> Status:
    path = raw_dir / LEDGER_NAME
    runs, note = _last_runs(out_dir)
    if not path.exists():
        return Status(str(path), False, last_runs=runs, runs_note=note)
    ledger = Ledger(path)
    try:
        db = ledger.db
        states = dict(db.execute("SELECT state, count(*) FROM captures GROUP BY state"))
        by_class = dict(
            db.execute(
                "SELECT coalesce(error_class, '?'), count(*) FROM captures "
                "WHERE state='failed' GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        cdx_by_class = dict(
            db.execute(
                "SELECT error_class, count(*) FROM discover_failures GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        incomplete = [
            f"{pattern} ({archive})"
            for archive, pattern in db.execute(
                "SELECT archive, pattern FROM queries WHERE complete=0 ORDER BY pattern"
            )
        ]
        until = cooldown_until(ledger)
        reason = ledger.get_state("cooldown_reason") if until else None
    finally:
        ledger.close()
    return Status(
        ledger=str(path),
        ledger_found=True,
        discovered=sum(states.values()),
        stored=states.get("stored", 0),
        skipped=states.get("skipped", 0),
        pending=states.get("pending", 0),
        failed=states.get("failed", 0),
        failed_by_class=by_class,
        discover_failures_by_class=cdx_by_class,
        incomplete_queries=incomplete,
        cooldown_until=until,
        cooldown_reason=reason,
        last_runs=runs,
        runs_note=note,
    )


def clear(raw_dir: Path) -> str | None:
    """End the cool-down; return when it would have ended (None if there was none)."""
    path = raw_dir / LEDGER_NAME
    if not path.exists():
        return None
    ledger = Ledger(path)
    try:
        return clear_cooldown(ledger)
    finally:
        ledger.close()


def _last_runs(out_dir: Path) -> tuple[list[RunLine], str | None]:
    path = out_dir / "runs.parquet"
    if not path.exists():
        return [], f"no runs table at {path}"
    try:
        table = pq.read_table(
            path, columns=["run_id", "command", "started", "finished", "exit_code"]
        )
    except (OSError, ValueError, KeyError) as exc:  # pyarrow's errors derive from these
        return [], f"runs table {path} unreadable: {exc}"
    rows = sorted(table.to_pylist(), key=lambda r: str(r["started"]))[-LAST_RUNS:]
    return [
        RunLine(
            run_id=str(r["run_id"]),
            command=str(r["command"]),
            started=_when(r["started"]),
            finished=_when(r["finished"]),
            exit_code=r["exit_code"],
        )
        for r in reversed(rows)
    ], None


def _when(value: object) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else str(value)


def render(status: Status) -> str:
    """The status as a few lines of text."""
    lines: list[str] = []
    if not status.ledger_found:
        lines.append(f"no ledger at {status.ledger}: nothing discovered yet")
    else:
        lines.append(f"ledger {status.ledger}")
        lines.append(
            f"captures: {status.discovered} discovered, {status.stored} fetched, "
            f"{status.skipped} skipped, {status.failed} failed, "
            f"{status.pending_retries} pending (the next run tries them)"
        )
        if status.failed_by_class:
            lines.append("failed by class: " + _counts(status.failed_by_class))
        if status.discover_failures_by_class:
            lines.append("discovery failures: " + _counts(status.discover_failures_by_class))
        for query in status.incomplete_queries:
            lines.append(f"query not finished: {query}")
        if status.cooldown_until:
            lines.append(
                f"cool-down until {status.cooldown_until} ({status.cooldown_reason}); "
                "`iom-pipeline status --clear-cooldown` ends it"
            )
        else:
            lines.append("no cool-down")
    if status.last_runs:
        lines.append("last runs:")
        lines += [
            f"  {r.started}  {r.command:<8} exit {r.exit_code}  ({r.run_id})"
            for r in status.last_runs
        ]
    elif status.runs_note:
        lines.append(status.runs_note)
    return "\n".join(lines)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items())


def as_json(status: Status) -> str:
    return json.dumps(status.as_dict(), sort_keys=True, default=str)
