"""Command line: options and output only; the work is in run.py.

Exit codes: 0 done; 1 failed (bad settings, unreadable config, bad SQL, nothing to
extract, an archive that cannot be reached on the first request, a stored file that
cannot be read or written: one line says what to do); 3 partial (some captures failed,
the archive blocked us, or lost captures wait to be fetched again; the next run retries
them); 4 another run holds the lock on the raw folder or on --out, nothing was done.
"""

from __future__ import annotations

import argparse
import errno
import json
import logging
import sqlite3
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

from pipeline import __version__, run
from pipeline.archive import status
from pipeline.archive.ledger import LEDGER_NAME, damaged
from pipeline.archive.session import Timing
from pipeline.citation import FORMATS as CITE_FORMATS
from pipeline.cite import cite_command
from pipeline.config import Settings, load_settings
from pipeline.errors import ConfigError, Locked, PipelineError
from pipeline.evaluate import evaluate_command
from pipeline.query import query_command
from pipeline.review import review_command
from pipeline.summary import EXIT_FAILED, EXIT_LOCKED, Summary

COMMANDS = {
    "discover": "ask the archive's CDX API for captures of the URL patterns and record them",
    "fetch": "download each discovered capture's original bytes (id_) into WARC files",
    "extract": "read the WARC files and write the Parquet tables",
    "run": "discover, fetch and extract: the scheduled job",
    "verify": "read every stored WARC record and check its digest; damaged or missing "
    "captures are fetched again by the next fetch",
    "evaluate": "compare the tables with hand-labeled items: precision, recall, F1",
    "query": "run SQL over the tables with DuckDB (views named after the tables)",
    "cite": "print a citation of an item: office, title, and its archived capture",
    "review": "write a static site for checking the values against their text (processed/review/)",
    "status": "what the ledger knows: captures, failures, pending retries, cool-down, last runs",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iom-pipeline",
        description="Archived IOM Moscow pages -> Parquet tables of news items and events.",
        epilog="Exit codes: 0 done, 1 failed, 3 partial, 4 another run is in progress.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text)
        _common(command)
        if name in ("extract", "run"):
            command.add_argument(
                "--rebuild",
                action="store_true",
                help="read every WARC file and every item's fields again, ignoring the cache",
            )
            command.add_argument(
                "--workers",
                metavar="N|auto",
                help="read the WARC files on N local processes (auto: one per core; "
                "default 1; more than 1 needs the 'parallel' extra, Dask)",
            )
            command.add_argument(
                "--scheduler",
                metavar="ADDRESS",
                help="read them on the Dask cluster of this scheduler (tcp://host:8786); "
                "its workers need iom-pipeline and the files by the same paths",
            )
        if name == "status":
            command.add_argument("--json", action="store_true", help="print it as JSON")
            command.add_argument(
                "--clear-cooldown",
                action="store_true",
                help="end the cool-down after a block now (the next run asks the archive again)",
            )
        if name == "query":
            command.add_argument("sql", help="SQL over views named after the tables")
            command.add_argument("--csv", type=Path, help="write the result to this CSV file")
        if name == "cite":
            command.add_argument("item_id", help="the item's id (or its unambiguous start)")
            command.add_argument(
                "--format",
                dest="cite_format",
                choices=sorted(CITE_FORMATS),
                default="text",
                help="plain text (default), BibTeX or CSL-JSON",
            )
        if name == "evaluate":
            command.add_argument(
                "--gold",
                type=Path,
                required=True,
                help="JSON lines of hand-labeled items (see gold/LABELING.md)",
            )
            command.add_argument(
                "--texts",
                action="store_true",
                help="read the fields from the labeled texts themselves (the field layer "
                "alone, without the pages, segmentation and merging)",
            )
            command.add_argument(
                "--show-check",
                action="store_true",
                help="also list the disagreements of the check split (measure with it, "
                "do not tune to it)",
            )
    return parser


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="TOML file holding any of these settings")
    p.add_argument(
        "--archive-url",
        help="Wayback Machine base URL (default "
        "https://web.archive.org) or a pywb collection URL such as "
        "http://127.0.0.1:8080/iom",
    )
    p.add_argument(
        "--raw-dir", type=Path, help="where WARC files and the ledger live (default raw/)"
    )
    p.add_argument(
        "--out", dest="out_dir", type=Path, help="where tables are written (default processed/)"
    )
    p.add_argument(
        "--url",
        dest="url_patterns",
        action="append",
        metavar="PATTERN",
        help="URL pattern, repeatable: host/* (prefix), *.host (domain) or a URL; "
        "default moscow.iom.int/* and russia.iom.int/*",
    )
    p.add_argument(
        "--from",
        dest="from_timestamp",
        metavar="TIMESTAMP",
        help="only captures from this timestamp prefix on (e.g. 2012)",
    )
    p.add_argument(
        "--to",
        dest="to_timestamp",
        metavar="TIMESTAMP",
        help="only captures up to this timestamp prefix (e.g. 201612)",
    )
    p.add_argument(
        "--warc",
        dest="warc_files",
        action="append",
        type=Path,
        metavar="FILE",
        help="also extract this WARC file (repeatable)",
    )
    p.add_argument("--cdx-rate", type=float, help="CDX requests per minute (default 24)")
    p.add_argument("--replay-rate", type=float, help="replay requests per minute (default 480)")
    p.add_argument("--concurrency", type=int, help="parallel replay requests (default 2)")
    p.add_argument("--contact", help="e-mail or URL put in the User-Agent")
    p.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE",
        help="your corrections of the field tables (CSV: item_id,table,action,field,value,"
        "note), applied whenever the tables are built",
    )
    p.add_argument("--quiet", action="store_true", help="log warnings and errors only")
    p.add_argument("--log-json", action="store_true", help="log one JSON object per line")


SETTING_NAMES = (
    "archive_url",
    "raw_dir",
    "out_dir",
    "url_patterns",
    "from_timestamp",
    "to_timestamp",
    "warc_files",
    "cdx_rate",
    "replay_rate",
    "concurrency",
    "contact",
    "corrections",
    "workers",
    "scheduler",
)


def main(argv: Sequence[str] | None = None, *, timing: Timing | None = None) -> int:
    """The command line; `timing` (the clock and sleep of every wait) is for tests."""
    args = build_parser().parse_args(argv)
    _configure_logging(args.quiet, args.log_json)
    try:
        given = {k: getattr(args, k, None) for k in SETTING_NAMES}  # some are extract's only
        settings = load_settings(args.config, **given)
    except ConfigError as exc:
        say(str(exc))
        return EXIT_FAILED
    if args.command == "evaluate":
        return evaluate_command(
            settings.out_dir, args.gold, show_check=args.show_check, texts=args.texts
        )
    if args.command == "query":
        return query_command(settings.out_dir, args.sql, args.csv)
    if args.command == "status":
        return status_command(settings.raw_dir, settings.out_dir, args.json, args.clear_cooldown)
    if args.command == "review":
        return review_command(settings.out_dir)
    if args.command == "cite":
        return cite_command(settings.out_dir, args.item_id, args.cite_format)
    if args.command == "extract" and not settings.raw_dir.is_dir() and not settings.warc_files:
        say(
            f"the raw folder {settings.raw_dir} does not exist and no --warc was given: "
            "nothing to extract (check --raw-dir)"
        )
        return EXIT_FAILED
    bars = ProgressBars(enabled=sys.stderr.isatty() and not args.quiet and not args.log_json)
    try:
        with run.exclusive_folders(settings, args.command), bars.logging():
            summary = Summary(command=args.command)
            if args.command in ("discover", "fetch", "run"):
                run.discover_and_fetch(
                    settings,
                    summary,
                    discover=args.command != "fetch",
                    fetch=args.command != "discover",
                    progress=bars.update,
                    timing=timing,
                )
            if args.command in ("extract", "run"):
                run.extract(settings, summary, rebuild=args.rebuild, progress=bars.update)
            if args.command == "verify":
                run.check_store(settings, summary, full=True)
            run.record_run(settings, summary)
    except Locked as exc:
        say(str(exc))
        return EXIT_LOCKED
    except PipelineError as exc:  # Unreachable among them: a settings error, no cool-down
        say(str(exc))
        return EXIT_FAILED
    except sqlite3.DatabaseError as exc:  # damage the ledger's first pages did not show
        say(str(damaged(settings.raw_dir / LEDGER_NAME, exc)))
        return EXIT_FAILED
    except OSError as exc:
        say(os_error(exc, settings))
        return EXIT_FAILED
    finally:
        bars.close()
    print(json.dumps(summary.as_dict(), sort_keys=True, default=str))
    return summary.exit_code


def say(message: str) -> None:
    """An error the user can act on: one line on stderr, whatever the message held."""
    print(f"iom-pipeline: {' '.join(message.split())}", file=sys.stderr)


def status_command(raw_dir: Path, out_dir: Path, as_json: bool, clear_cooldown: bool) -> int:
    if clear_cooldown:
        until = status.clear(raw_dir)
        print(
            f"cool-down until {until} cleared" if until else "no cool-down to clear",
            file=sys.stderr,
        )
    found = status.read_status(raw_dir, out_dir)
    print(status.as_json(found) if as_json else status.render(found))
    return 0


class ProgressBars:
    """A tqdm bar per stage on a terminal; nothing under cron or with --quiet/--log-json."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.bars: dict[str, tqdm] = {}

    def update(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, unit="", leave=True)
        bar.total = total
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()

    def logging(self) -> AbstractContextManager[None]:
        """Log lines through tqdm.write while bars are drawn, so a line never tears a bar."""
        if not self.enabled:
            return nullcontext()
        return logging_redirect_tqdm(loggers=[logging.getLogger("pipeline")])


# What to do about an OSError, by its errno: the disk, the permissions, or the path.
_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}


def os_error(exc: OSError, settings: Settings) -> str:
    """One line for a file the run could not read or write."""
    where = exc.filename or settings.out_dir
    what = exc.strerror or str(exc)
    if exc.errno in _FULL:
        advice = "free some space (or give --out another folder) and run again"
    elif exc.errno in _NOT_WRITABLE:
        advice = "make it writable (or give --out / --raw-dir another folder) and run again"
    else:
        advice = "check the path and run again"
    return f"cannot use {where}: {what}; {advice}"


def _configure_logging(quiet: bool, as_json: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if as_json:
        handler.setFormatter(_JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("pipeline")
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING if quiet else logging.INFO)


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(
            {
                "time": self.formatTime(record),
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
            }
        )


def main_entry() -> None:
    sys.exit(main())


if __name__ == "__main__":
    main_entry()
