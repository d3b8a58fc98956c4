"""Running extraction's tasks (tasks.py): in this process, on local worker processes,
or on an existing Dask cluster, always giving the outcomes in the order of the tasks.

Dask (`dask.distributed`, the `parallel` extra) is imported only when it is asked for:
`--workers 1` needs nothing more. Local workers are a LocalCluster of processes with
one thread each (the work is Python, held by the GIL, so threads would not help); a
cluster is reached by its scheduler's address. Workers read the WARC files and write the
parts by path, so on a cluster both must be on a file system every worker sees
(docs/scaling.md). Whatever a task or a worker does wrong is that task's failure row.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.errors import ConfigError, Fatal
from pipeline.records import Failure, Progress, no_progress
from pipeline.tasks import TARGET_BYTES, Outcome, Task, cached_outcome, plan, run_task
from pipeline.warc import DEFAULT_MAX_BODY_BYTES

log = logging.getLogger(__name__)

EXTRA = "parallel"
STAGE = "read WARC files"  # the progress bar: tasks done of all tasks, across workers
CONNECT_TIMEOUT = "30s"  # to reach a scheduler given by --scheduler
LOOPBACK = "127.0.0.1"  # a local cluster is reached from this machine only
# No dashboard; the scheduler's small HTTP server (health, metrics) on a free port rather
# than on 8787, which another cluster on the machine may hold (distributed warns then).
QUIET_SCHEDULER: dict[str, Any] = {
    "dashboard_address": None,
    "scheduler_kwargs": {"dashboard_address": f"{LOOPBACK}:0"},
}


class SchedulerError(Fatal):
    """The Dask scheduler named by --scheduler cannot be reached: the run stops (exit 1)."""


@dataclass(frozen=True)
class Execution:
    """Where tasks run: this process (workers 1, no scheduler), a LocalCluster of that
    many processes, or the cluster behind a scheduler address."""

    workers: int = 1
    scheduler: str | None = None
    task_bytes: int = TARGET_BYTES  # a larger WARC file is cut into ranges of about this

    @property
    def serial(self) -> bool:
        return self.scheduler is None and self.workers <= 1


def cores() -> int:
    """The cores this process may run on (its CPU affinity, as a batch job's allocation
    sets it), which `--workers auto` starts."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_workers(value: str | int) -> int:
    """`--workers N` or `auto`."""
    if isinstance(value, int) or str(value).isdigit():
        workers = int(value)
    elif str(value).strip().lower() == "auto":
        return cores()
    else:
        raise ConfigError(f"--workers takes a number or 'auto', got {value!r}")
    if workers < 1:
        raise ConfigError("--workers must be at least 1")
    return workers


def check_available(execution: Execution) -> None:
    """A clear word, before any work, when Dask is asked for and not installed."""
    if execution.serial or importlib.util.find_spec("distributed") is not None:
        return
    asked = (
        f"--scheduler {execution.scheduler}"
        if execution.scheduler
        else f"--workers {execution.workers}"
    )
    raise ConfigError(
        f"{asked} runs on Dask, which is not installed: pip install 'iom-pipeline[{EXTRA}]' "
        "(or use --workers 1)"
    )


def read_parts(
    inputs: list[tuple[Path, str]],
    cache: Path,
    execution: Execution,
    progress: Progress = no_progress,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> list[Outcome]:
    """Every input's parts, made where execution says unless cached: the outcomes in
    the order of the inputs and of the ranges within each."""
    tasks, unreadable = plan(inputs, cache, execution.task_bytes, max_body_bytes)
    return [*unreadable, *run_tasks(tasks, execution, progress)]


def run_tasks(
    tasks: list[Task], execution: Execution, progress: Progress = no_progress
) -> list[Outcome]:
    """The outcome of each task, in the order of the tasks, whatever order they finish
    in; a cached part is not made again."""
    outcomes: list[Outcome | None] = [cached_outcome(task) for task in tasks]
    todo = [n for n, outcome in enumerate(outcomes) if outcome is None]
    done = len(tasks) - len(todo)
    progress(STAGE, done, len(tasks))
    if todo:
        run = _run_serial if execution.serial else _run_dask
        for index, outcome in run([tasks[n] for n in todo], execution):
            outcomes[todo[index]] = outcome
            done += 1
            progress(STAGE, done, len(tasks))
    finished = [o for o in outcomes if o is not None]
    _log_workers([o for o in finished if o.worker])
    return finished


def _run_serial(tasks: list[Task], _execution: Execution) -> Iterator[tuple[int, Outcome]]:
    for index, task in enumerate(tasks):
        yield index, run_task(task)


def _run_dask(tasks: list[Task], execution: Execution) -> Iterator[tuple[int, Outcome]]:
    """The tasks on Dask, yielded as they finish; a task whose worker died (or that
    Dask gave up on) is a failure row."""
    from distributed import as_completed

    with _client(execution) as client:
        # pure=False: a task's key must not be shared with an earlier run's result.
        futures = [client.submit(run_task, task, pure=False) for task in tasks]
        index_of = {future.key: n for n, future in enumerate(futures)}
        for future in as_completed(futures):
            index = index_of[future.key]
            try:
                yield index, future.result()
            except Exception as exc:  # KilledWorker, a lost scheduler, a cancelled task
                task = tasks[index]
                log.error("task %s failed on the cluster: %s", task.label, exc)
                yield index, Outcome(task, None, failures=[Failure.of("extract", task.label, exc)])
            finally:
                future.release()


@contextmanager
def _client(execution: Execution) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if execution.scheduler:
        try:
            client = Client(execution.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise SchedulerError(
                f"cannot reach the Dask scheduler at {execution.scheduler} ({exc}); "
                "start it, or leave --scheduler out to run on this machine"
            ) from exc
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=execution.workers,
        threads_per_worker=1,
        processes=True,
        host=LOOPBACK,
        **QUIET_SCHEDULER,
        silence_logs=logging.ERROR,
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _log_workers(outcomes: list[Outcome]) -> None:
    """Peak memory and CPU time of each process that made parts: what a worker needs
    (docs/scaling.md), and how evenly the work was shared."""
    by_worker: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        by_worker.setdefault(outcome.worker, []).append(outcome)
    for worker, done in sorted(by_worker.items()):
        log.info(
            "worker %s: %d tasks, peak RSS %.0f MB, %.1fs CPU",
            worker,
            len(done),
            max(o.max_rss_kb for o in done) / 1024,
            max(o.cpu_seconds for o in done),
        )
