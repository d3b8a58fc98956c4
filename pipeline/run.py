"""Composes the stages: discovery and fetching (harvest.py), the ledger's check against
the WARC files (integrity.py), extraction (extract.py), the run locks and the runs table.
What one capture, item or file raises (errors.Recoverable) is recorded and the run goes
on; what stops the whole run (errors.Fatal: bad settings, a damaged ledger) is one line
from cli.py."""

from __future__ import annotations

import dataclasses
import fcntl
import json
import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import __version__, integrity, tables, warc
from pipeline.archive.ledger import Ledger
from pipeline.config import LEDGER_NAME, WARC_FOLDER, Settings
from pipeline.corrections import read_corrections
from pipeline.errors import Blocked, Locked, NothingToExtract, StoredDataError
from pipeline.extract import extract as extract_tables
from pipeline.fields.aliases import read_aliases
from pipeline.parallel import Execution
from pipeline.records import Failure, Progress, no_progress, parse_timestamp
from pipeline.summary import Summary

if TYPE_CHECKING:
    from pipeline.archive.session import Timing

log = logging.getLogger(__name__)

LOCK_NAME = ".iom-pipeline.lock"


@contextmanager
def exclusive(raw_dir: Path) -> Iterator[None]:
    """One run at a time per folder: scheduled runs must never overlap."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    with open(raw_dir / LOCK_NAME, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise Locked(f"another run is using {raw_dir} (lock {raw_dir / LOCK_NAME})") from exc
        yield


@contextmanager
def exclusive_folders(settings: Settings, command: str) -> Iterator[None]:
    """The raw folder and the tables' folder, both: two extracts from different raw
    folders into one --out deleted each other's parts when only raw/ was locked. An
    extract does not create a raw folder that is not there (its WARC files are all
    given with --warc, or there is nothing to extract: extract() says so)."""
    folders = [settings.out_dir]
    if command != "extract" or settings.raw_dir.is_dir():
        folders.insert(0, settings.raw_dir)
    with ExitStack() as stack:
        for folder in dict.fromkeys(f.resolve() for f in folders):
            stack.enter_context(exclusive(folder))
        yield


def record_run(settings: Settings, summary: Summary) -> None:
    """runs.parquet: one row per run, with its settings and counts."""
    counts = {
        k: v for k, v in summary.as_dict().items() if k not in ("command", "run_id", "started")
    }
    row = {
        "run_id": summary.run_id,
        "command": summary.command,
        "started": summary.started,
        "finished": datetime.now(UTC),
        "version": __version__,
        "settings": json.dumps(
            dataclasses.asdict(settings.redacted()), default=str, sort_keys=True
        ),
        "counts": json.dumps(counts, sort_keys=True, default=str),
        "exit_code": summary.exit_code,
    }
    tables.append_row(settings.out_dir, "runs", row, summary.run_id)


def discover_and_fetch(
    settings: Settings,
    summary: Summary,
    *,
    discover: bool = True,
    fetch: bool = True,
    progress: Progress = no_progress,
    timing: Timing | None = None,
) -> None:
    # The HTTP side (requests, the CDX and replay clients) only for the commands that ask
    # the archive: extract runs without it.
    from pipeline.harvest import Harvest

    harvest = Harvest(settings, progress=progress, timing=timing)
    try:
        until = harvest.cooling_down()
        if until:
            summary.blocked = (
                f"cooling down after a block until {until} "
                "(`iom-pipeline status --clear-cooldown` ends it)"
            )
            log.warning("%s", summary.blocked)
            return
        try:
            if discover:
                harvest.discover(summary)
            if fetch:
                harvest.fetch(summary)
        except Blocked as exc:
            harvest.block(summary, exc)
    finally:
        summary.requests = harvest.session.requests_sent
        summary.live_429s = harvest.session.live_429s
        summary.awaiting_fetch = harvest.ledger.awaiting_refetch()
        harvest.close()


def check_store(settings: Settings, summary: Summary, *, full: bool = False) -> None:
    """The ledger against the WARC files (integrity.py): files left open are closed,
    captures whose bytes are gone go back to fetching; with full, every record's digest
    is checked too (`verify`)."""
    folder = settings.raw_dir / WARC_FOLDER
    ledger_path = settings.raw_dir / LEDGER_NAME
    if not ledger_path.exists():
        if full:
            raise StoredDataError(
                f"there is no ledger at {ledger_path}: nothing was fetched into "
                f"{settings.raw_dir} yet (run fetch first, or check --raw-dir)"
            )
        if folder.is_dir():
            warc.recover_open_files(folder)
        return
    ledger = Ledger(ledger_path)
    try:
        check = integrity.verify if full else integrity.reconcile
        summary.refetch += sum(lost.captures for lost in check(ledger, folder))
        summary.awaiting_fetch = ledger.awaiting_refetch()
    finally:
        ledger.close()
    if summary.awaiting_fetch:
        log.warning(
            "%d stored captures are missing from their WARC files and will be fetched "
            "again by the next fetch or run",
            summary.awaiting_fetch,
        )


def warc_inputs(settings: Settings) -> list[tuple[Path, str]]:
    """Every WARC file under the raw folder but in its skipped subfolders (the bundled
    sample and the demo's copy, which must not mix into a real collection's tables)."""
    found = [
        (p, str(p.relative_to(settings.raw_dir)))
        for p in warc.find_warcs(settings.raw_dir)
        if p.relative_to(settings.raw_dir).parts[0] not in settings.skip_dirs
    ]
    found += [(p, str(p)) for p in settings.warc_files]
    return found


def extract(
    settings: Settings,
    summary: Summary,
    *,
    rebuild: bool = False,
    progress: Progress = no_progress,
) -> None:
    started = time.monotonic()
    check_store(settings, summary)
    inputs = warc_inputs(settings)
    if not inputs:
        left_out = ", ".join(f"{settings.raw_dir / d}/" for d in settings.skip_dirs)
        message = (
            f"no WARC files under {settings.raw_dir} (left out: {left_out}) and none given "
            f"with --warc; the tables in {settings.out_dir} are left as they were"
        )
        if summary.command == "extract":
            raise NothingToExtract(message)
        log.warning("%s", message)  # a run that fetched nothing yet (blocked, say)
        if (tables.current_tables(settings.out_dir) / "items.parquet").exists():
            return
        # No tables yet: empty ones, so that failures.parquet says why (a CDX query that
        # failed, captures that could not be fetched).
    result = extract_tables(
        inputs,
        settings.out_dir,
        summary.run_id,
        rebuild=rebuild,
        progress=progress,
        aliases=read_aliases(settings.organization_aliases)
        if settings.organization_aliases
        else None,
        corrections=read_corrections(settings.corrections) if settings.corrections else None,
        fetch_failures=fetch_failures(settings),
        max_body_bytes=settings.max_body_bytes,
        execution=Execution(settings.workers, settings.scheduler),
    )
    summary.extraction = result
    for orphan in result.orphans:
        # Kept in the file: the researcher decides whether it is still wanted.
        log.warning("correction %s found nothing to correct: %s", orphan.correction, orphan.reason)
    log.info(
        "extracted %d items from %d captures in %.1fs (%d WARC files read, %d cached; "
        "fields read for %d items, %d cached)",
        result.items,
        result.captures,
        time.monotonic() - started,
        result.parts_made,
        result.parts_cached,
        result.fields_computed,
        result.fields_cached,
    )


def fetch_failures(settings: Settings) -> list[Failure]:
    """Rows of failures.parquet for the CDX queries and rows discovery could not use and
    the captures the ledger could not fetch; the next run retries the queries and
    captures."""
    ledger_path = settings.raw_dir / LEDGER_NAME
    if not ledger_path.exists():
        return []
    ledger = Ledger(ledger_path)
    try:
        return [
            Failure(
                stage=stage,
                url=url,
                # The ledger keeps a capture's time as the archive wrote it.
                timestamp=parse_timestamp(timestamp) if timestamp else None,
                error_class=kind,
                error=error,
                attempts=attempts,
            )
            for stage, found in (
                ("discover", ledger.discover_failures()),
                ("fetch", ledger.failures()),
            )
            for url, timestamp, kind, error, attempts in found
        ]
    finally:
        ledger.close()
