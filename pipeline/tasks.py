"""Extraction's units of work: a WARC file, or a byte range of a large one, each making
one cached part (parts.py). Tasks are independent, so they run in any order on any
process (parallel.py); assembly into the tables (extract.py) stays one step, and reads
the parts in the order of the tasks, which is the order of the files and of the records
in them: a parallel run gives the tables of a serial one.

A gzip-per-record WARC file (what WarcStore writes, as do Heritrix and wget) larger than
about TARGET_BYTES is cut at gzip member offsets into ranges of about that size, so one
huge file still spreads over the workers. Finding the members means inflating the file
once (zlib, in C: a small fraction of reading it; the cut points are kept beside the
parts, keyed like them). A file of one gzip stream, or an uncompressed one, stays whole.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import logging
import os
import resource
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import Recoverable
from pipeline.parts import Part, code_fingerprint, load_cached, make_part, part_key
from pipeline.records import Failure
from pipeline.warc import DEFAULT_MAX_BODY_BYTES

log = logging.getLogger(__name__)

# About one worker's minute of input: small enough to spread a 1 GB WARC file (the
# largest WarcStore writes) over 16 workers, large enough that a task's fixed costs
# (opening the file, a part's Parquet files) stay small beside its work.
TARGET_BYTES = 64 * 1024 * 1024
GZIP_MAGIC = b"\x1f\x8b"
READ_CHUNK = 64 * 1024  # inflate in these steps: a member's leftover bytes are copied once
CUTS_SUFFIX = ".cuts.json"
# Errors of writing the part, not of reading its WARC file: every task would meet them.
DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS})


class CodeMismatch(Recoverable):
    """A worker runs other pipeline code than the process that planned the tasks: that
    task's failure row (run_task)."""


@dataclass(frozen=True)
class Task:
    """One part to make: the records of path in [start, end) (end None: to its end)."""

    path: Path
    name: str  # the WARC file's name in the tables (captures.warc_file)
    folder: Path  # the part's cache folder, named by its key
    start: int = 0
    end: int | None = None
    code: str = ""  # the planning process's code fingerprint, checked by the worker
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES  # a payload larger once read is a failure

    @property
    def label(self) -> str:
        if self.start == 0 and self.end is None:
            return self.name
        return f"{self.name} bytes {self.start}-{self.end if self.end is not None else 'end'}"


@dataclass
class Outcome:
    """What one task gave: its part (None when the task failed as a whole), whether it
    was made now or found cached, its failure rows, and the worker's peak memory."""

    task: Task | None
    part: Part | None
    made: bool = False
    failures: list[Failure] = field(default_factory=list)
    worker: str = ""
    max_rss_kb: int = 0
    cpu_seconds: float = 0.0  # of the worker process so far, when the task ended


def plan(
    inputs: list[tuple[Path, str]],
    cache: Path,
    target_bytes: int = TARGET_BYTES,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> tuple[list[Task], list[Outcome]]:
    """The tasks for these WARC files, in their order, and an outcome with a failure row
    for each file that cannot even be looked at (gone, unreadable)."""
    code = code_fingerprint()
    tasks: list[Task] = []
    unreadable: list[Outcome] = []
    planned: set[Path] = set()
    for path, name in inputs:
        try:
            key = part_key(path, max_body_bytes)
            size = path.stat().st_size
            cuts = _cuts(path, key, cache, target_bytes) if size > target_bytes else []
        except OSError as exc:
            log.error("cannot read %s: %s", name, exc)
            unreadable.append(Outcome(None, None, failures=[Failure.of("extract", name, exc)]))
            continue
        planned.add(cache / _cuts_name(key))
        if not cuts:  # the part key of a whole file: parts cached before carry over
            tasks.append(Task(path, name, cache / key, code=code, max_body_bytes=max_body_bytes))
            continue
        bounds = [0, *cuts, None]
        for start, end in itertools.pairwise(bounds):
            assert start is not None
            range_key = hashlib.sha1(f"{key}|{start}|{end}".encode()).hexdigest()[:20]
            tasks.append(Task(path, name, cache / range_key, start, end, code, max_body_bytes))
    prune_cuts(cache, planned)
    return tasks, unreadable


def run_task(task: Task) -> Outcome:
    """Make one task's part (on whichever process runs it). Whatever goes wrong is this
    task's failure row: the other tasks go on."""
    try:
        if task.code and task.code != code_fingerprint():
            raise CodeMismatch(
                f"this worker runs other pipeline code ({code_fingerprint()}) than the "
                f"run ({task.code}): install the same version of iom-pipeline on every worker"
            )
        part = make_part(
            task.path,
            task.name,
            task.folder,
            task.max_body_bytes,
            start=task.start,
            end=task.end,
        )
        outcome = Outcome(task, part, made=True, failures=list(part.failures))
    except OSError as exc:
        if exc.errno in DISK_FULL:
            raise  # no task can be written either: the run stops, in one line (cli.py)
        log.exception("task %s failed", task.label)
        outcome = Outcome(task, None, failures=[Failure.of("extract", task.label, exc)])
    except Exception as exc:  # one task's failure is its row, never the end of the run
        log.exception("task %s failed", task.label)
        outcome = Outcome(task, None, failures=[Failure.of("extract", task.label, exc)])
    outcome.worker = f"{os.uname().nodename}:{os.getpid()}"
    usage = resource.getrusage(resource.RUSAGE_SELF)
    outcome.max_rss_kb = usage.ru_maxrss
    outcome.cpu_seconds = usage.ru_utime + usage.ru_stime
    return outcome


def cached_outcome(task: Task) -> Outcome | None:
    """The outcome of a task whose part is cached whole, else None (it must run)."""
    part = load_cached(task.folder)
    return None if part is None else Outcome(task, part, failures=list(part.failures))


def member_offsets(path: Path) -> list[int]:
    """The offset of every gzip member of a file, in order ([] when it is not gzip).
    A member that does not inflate ends the list: the range holding it reports it."""
    offsets: list[int] = []
    with open(path, "rb") as fh:
        if fh.read(2) != GZIP_MAGIC:
            return []
        fh.seek(0)
        position = 0  # file offset of the first byte of `pending`
        pending = b""
        inflater = None
        while True:
            if not pending:
                pending = fh.read(READ_CHUNK)
                if not pending:
                    return offsets
            if inflater is None:
                if not pending.startswith(GZIP_MAGIC[: len(pending)]):
                    return offsets  # trailing bytes that are no member
                offsets.append(position)
                inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            try:
                inflater.decompress(pending)
            except zlib.error:
                return offsets[:-1]
            if inflater.eof:
                left = inflater.unused_data
                position += len(pending) - len(left)
                pending, inflater = left, None
            else:
                position += len(pending)
                pending = b""


def cut_points(offsets: list[int], target_bytes: int) -> list[int]:
    """Member offsets that cut the file into ranges of at least target_bytes (the last
    range may be shorter)."""
    cuts, start = [], 0
    for offset in offsets:
        if offset - start >= target_bytes:
            cuts.append(offset)
            start = offset
    return cuts


def _cuts(path: Path, key: str, cache: Path, target_bytes: int) -> list[int]:
    """The cut points of a large file, read once and kept beside the parts."""
    kept = cache / _cuts_name(key)
    try:
        saved = json.loads(kept.read_text(encoding="utf-8"))
        if saved.get("target_bytes") == target_bytes:
            return [int(c) for c in saved["cuts"]]
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not planned yet, or a damaged file: plan again
    cuts = cut_points(member_offsets(path), target_bytes)
    cache.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f".{kept.name}.partial")
    partial.write_text(json.dumps({"target_bytes": target_bytes, "cuts": cuts}), "utf-8")
    partial.replace(kept)
    return cuts


def _cuts_name(key: str) -> str:
    return f"{key}{CUTS_SUFFIX}"


def prune_cuts(cache: Path, keep: set[Path]) -> None:
    """Remove the cut points of files no longer read (parts.prune removes their parts)."""
    for kept in cache.glob(f"*{CUTS_SUFFIX}"):
        if kept not in keep:
            kept.unlink(missing_ok=True)
