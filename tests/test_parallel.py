"""Extraction's tasks on Dask: a real LocalCluster of 2 processes (one thread each) and a
real scheduler reached by its address give the tables of a serial run, row for row; a
failing task is its failure row and the others go on; large files are cut at gzip
member offsets into ranges that give the same tables as the whole file."""

from __future__ import annotations

import gzip
import logging
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from warcio.archiveiterator import ArchiveIterator

from pipeline import cli, events, parallel
from pipeline import extract as extract_module
from pipeline.extract import extract
from pipeline.fields import gazetteer, russian
from pipeline.parallel import Execution, run_tasks
from pipeline.tables import EXTRACT_TABLES
from pipeline.tasks import cut_points, member_offsets, plan

from .conftest import SAMPLE, SAMPLE_WARCS

distributed = pytest.importorskip("distributed", reason="the 'parallel' extra (Dask)")


def rows(out: Path, name: str) -> list[tuple]:
    """A table's rows, sorted: the same rows in any order are the same table."""
    table = pq.read_table(out / f"{name}.parquet")
    return sorted((tuple(sorted(row.items())) for row in table.to_pylist()), key=repr)


def assert_same_tables(a: Path, b: Path) -> None:
    for name in EXTRACT_TABLES:
        assert rows(a, name) == rows(b, name), name


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    """A scheduler with 2 worker processes of one thread, as a user's cluster would be."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host=parallel.LOOPBACK,
        **parallel.QUIET_SCHEDULER,
        silence_logs=logging.ERROR,
    ) as local:
        yield local


def test_two_local_workers_give_the_tables_of_a_serial_run(sample_tables, tmp_path):
    out = tmp_path / "out"
    code = cli.main(
        ["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--workers", "2", "--quiet"]
    )
    assert code == 0
    assert_same_tables(sample_tables, out)
    # Three files, three parts, made by the workers into the parts cache.
    assert len([p for p in (out / ".parts").iterdir() if p.is_dir()]) == len(SAMPLE_WARCS)


def test_a_cluster_reached_by_its_scheduler_gives_the_same_tables(cluster, sample_tables, tmp_path):
    out = tmp_path / "out"
    address = cluster.scheduler_address
    args = ["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--scheduler", address]
    assert cli.main([*args, "--quiet"]) == 0
    assert_same_tables(sample_tables, out)


def test_ranges_of_a_file_cut_at_gzip_members_give_the_tables_of_the_whole(
    cluster, sample_tables, tmp_path
):
    out = tmp_path / "out"
    inputs = [(path, path.name) for path in SAMPLE_WARCS]
    # 100 KB ranges: the sample's two larger files are cut into several each.
    execution = Execution(scheduler=cluster.scheduler_address, task_bytes=100_000)
    tasks, unreadable = plan(inputs, out / ".parts", execution.task_bytes)
    assert not unreadable
    assert len(tasks) >= 8
    result = extract(inputs, out, "test-run", execution=execution)
    assert result.parts_made == len(tasks)
    # extract writes failures.parquet only through run.py; compare the rest.
    for name in EXTRACT_TABLES[:-1]:
        assert rows(sample_tables, name) == rows(out, name), name


def test_a_failing_task_is_a_failure_row_and_the_others_go_on(cluster, tmp_path):
    inputs = [(path, path.name) for path in SAMPLE_WARCS]
    tasks, _ = plan(inputs, tmp_path / ".parts")
    # A worker running other pipeline code (another version installed on the cluster)
    # must not make a part under this code's key.
    tasks[1] = replace(tasks[1], code="0" * 12)
    outcomes = run_tasks(tasks, Execution(scheduler=cluster.scheduler_address))
    assert [o.task for o in outcomes] == tasks  # in the order of the tasks
    assert outcomes[1].part is None
    (row,) = outcomes[1].failures
    assert row.stage == "extract"
    assert row.url == SAMPLE_WARCS[1].name
    assert row.error_class == "CodeMismatch"
    assert "install the same version" in row.error
    assert all(o.part is not None and o.made for n, o in enumerate(outcomes) if n != 1)


def test_files_that_cannot_be_read_are_failure_rows_and_the_others_go_on(cluster, tmp_path):
    not_a_file = tmp_path / "folder.warc.gz"  # a worker cannot read it
    not_a_file.mkdir()
    missing = tmp_path / "gone.warc.gz"  # moved away before the run looked at it
    inputs = [(path, path.name) for path in SAMPLE_WARCS]
    inputs[1:1] = [(not_a_file, "folder.warc.gz"), (missing, "gone.warc.gz")]
    progress: list[tuple[str, int, int]] = []
    outcomes = parallel.read_parts(
        inputs,
        tmp_path / ".parts",
        Execution(scheduler=cluster.scheduler_address),
        lambda stage, done, total: progress.append((stage, done, total)),
    )
    failures = [row for outcome in outcomes for row in outcome.failures]
    assert sorted(row.url for row in failures) == ["folder.warc.gz", "gone.warc.gz"]
    assert {row.stage for row in failures} == {"extract"}
    made = {o.task.name for o in outcomes if o.part is not None and not o.failures}
    assert made == {path.name for path in SAMPLE_WARCS}
    # The bar counts tasks (the missing file is none): from 0 of 4 to 4 of 4, one by one.
    assert [done for _, done, _ in progress] == [0, 1, 2, 3, 4]
    assert {(stage, total) for stage, _, total in progress} == {(parallel.STAGE, 4)}


def test_without_dask_one_worker_runs_and_two_say_which_extra(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    warc = SAMPLE_WARCS[0]
    base = ["extract", "--raw-dir", str(tmp_path / "raw"), "--warc", str(warc)]
    assert cli.main([*base, "--out", str(tmp_path / "two"), "--workers", "2"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "pip install 'iom-pipeline[parallel]'" in line
    assert not (tmp_path / "two").exists()
    assert cli.main([*base, "--out", str(tmp_path / "one"), "--workers", "1", "--quiet"]) == 0
    assert (tmp_path / "one" / "items.parquet").exists()


def test_workers_take_a_number_or_auto(tmp_path, capsys):
    assert parallel.parse_workers("auto") == parallel.cores() >= 1
    assert parallel.parse_workers("3") == 3
    for bad in ("0", "many"):
        args = ["extract", "--raw-dir", str(tmp_path), "--workers", bad]
        assert cli.main(args) == 1
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert "--workers" in line


def test_an_unreachable_scheduler_is_one_line_and_exit_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", "1s")
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLE_WARCS[0], raw)
    args = ["extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out")]
    assert cli.main([*args, "--scheduler", "tcp://127.0.0.1:9", "--quiet"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in line


def test_gzip_members_are_the_records_warcio_reads():
    for path in SAMPLE_WARCS:
        with open(path, "rb") as fh:
            iterator = ArchiveIterator(fh)
            offsets = []
            for record in iterator:
                record.content_stream().read()
                offsets.append(iterator.get_record_offset())
        assert member_offsets(path) == offsets


def test_a_file_of_one_gzip_stream_or_none_is_not_cut(tmp_path):
    whole = tmp_path / "one-stream.warc.gz"
    plain = tmp_path / "plain.warc"
    plain.write_bytes(gzip.decompress(SAMPLE_WARCS[0].read_bytes()))
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    assert member_offsets(whole) == [0]
    assert member_offsets(plain) == []
    tasks, _ = plan([(whole, "w"), (plain, "p")], tmp_path / ".parts", target_bytes=1000)
    assert [(t.start, t.end) for t in tasks] == [(0, None), (0, None)]


def test_a_broken_member_ends_the_cuts_before_it(tmp_path):
    data = bytearray(SAMPLE_WARCS[0].read_bytes())
    offsets = member_offsets(SAMPLE_WARCS[0])
    broken = offsets[10]
    data[broken + 20 : broken + 60] = b"\x00" * 40  # inside the deflate stream
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(bytes(data))
    assert member_offsets(path) == offsets[:10]


def test_cut_points_make_ranges_of_at_least_the_target():
    assert cut_points([0, 10, 20, 35, 50, 51], 20) == [20, 50]
    assert cut_points([0, 10], 100) == []


def test_cut_points_are_kept_beside_the_parts_until_their_file_goes(tmp_path):
    cache = tmp_path / ".parts"
    big, small = SAMPLE_WARCS[2], SAMPLE_WARCS[1]  # 700 KB and 66 KB
    first, _ = plan([(big, "big"), (small, "small")], cache, target_bytes=100_000)
    (kept,) = cache.glob("*.cuts.json")
    again, _ = plan([(big, "big"), (small, "small")], cache, target_bytes=100_000)
    assert again == first
    starts = [t.start for t in first if t.name == "big"]
    assert starts[1:] == [t.end for t in first if t.name == "big"][:-1]  # ranges abut
    assert set(starts) <= set(member_offsets(big))
    plan([(small, "small")], cache, target_bytes=100_000)
    assert not kept.exists()


def test_a_parallel_run_loads_the_field_layer_while_its_workers_read(monkeypatch):
    loaded = []
    monkeypatch.setattr(extract_module, "load_field_layer", lambda: loaded.append(True))
    assert extract_module._load_fields_meanwhile(Execution(workers=1)) is None
    assert loaded == []  # one process loads on first use: an English run skips Natasha
    thread = extract_module._load_fields_meanwhile(Execution(workers=2))
    assert thread is not None
    thread.join()
    assert loaded == [True]


def test_a_field_layer_that_cannot_load_ahead_leaves_it_to_assembly(monkeypatch):
    def broken() -> None:
        raise OSError("models missing")

    escaped = []  # what Python would print as the thread's traceback
    monkeypatch.setattr(threading, "excepthook", escaped.append)
    monkeypatch.setattr(extract_module, "load_field_layer", broken)
    thread = extract_module._load_fields_meanwhile(Execution(scheduler="tcp://127.0.0.1:1"))
    assert thread is not None
    thread.join()
    assert escaped == []


def test_the_field_layer_loads_its_models_once_ahead():
    events.load()
    assert russian._models.cache_info().currsize == 1
    assert gazetteer.index.cache_info().currsize == 1
