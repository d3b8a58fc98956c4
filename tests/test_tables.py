"""The output contract: schemas, the data dictionary, safe writes, incremental extraction,
the runs table, DuckDB queries and the run lock."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline import cli, events, fieldcache, run, tables
from pipeline.errors import Locked
from pipeline.extract import PARTS_FOLDER
from pipeline.summary import EXIT_LOCKED

from .conftest import ROOT, SAMPLE, sample_counts


def extract(raw: Path, out: Path, *extra: str) -> int:
    return cli.main(["extract", "--raw-dir", str(raw), "--out", str(out), "--quiet", *extra])


def summary(capsys) -> dict:
    """The counts the last extract printed."""
    return json.loads(capsys.readouterr().out.splitlines()[-1])


def field_cache(out: Path) -> Path:
    return out / ".parts" / fieldcache.CACHE_NAME


def contents(out: Path) -> dict[str, list[dict]]:
    return {
        name: pq.read_table(out / f"{name}.parquet").to_pylist()
        for name in tables.SCHEMAS
        if name not in ("runs",)
    }


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(SAMPLE / "iom-offices-sample.warc.gz", folder / "a.warc.gz")
    return folder


def test_the_data_dictionary_matches_the_schemas():
    written = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
    assert written == tables.data_dictionary(), "run `make docs`"


def test_every_table_carries_its_schema_version_and_run(raw, tmp_path, capsys):
    extract(raw, tmp_path / "out")
    for name in tables.SCHEMAS:
        metadata = pq.read_schema(tmp_path / "out" / f"{name}.parquet").metadata
        assert metadata[b"schema_version"] == tables.SCHEMA_VERSION.encode()
        assert len(metadata[b"run_id"]) == 12


def test_an_incremental_run_equals_a_full_rebuild(raw, tmp_path, capsys):
    extract(raw, tmp_path / "incremental")
    first = summary(capsys)
    assert (first["fields_computed"], first["fields_cached"]) == (first["items"], 0)
    shutil.copy(SAMPLE / "iom-sample.warc.gz", raw / "b.warc.gz")  # a scheduled fetch added a file
    extract(raw, tmp_path / "incremental")
    added = summary(capsys)
    both = sample_counts("iom-offices-sample.warc.gz", "iom-sample.warc.gz")
    assert added["captures"] == both["captures"]
    # The items the new file does not change keep their cached fields.
    assert added["fields_cached"] > 0 and added["fields_computed"] > 0
    assert added["fields_computed"] + added["fields_cached"] == added["items"]
    extract(raw, tmp_path / "full", "--rebuild")
    assert summary(capsys)["fields_cached"] == 0
    assert contents(tmp_path / "incremental") == contents(tmp_path / "full")


def test_a_second_extract_with_nothing_new_computes_no_fields(raw, tmp_path, capsys):
    extract(raw, tmp_path / "out")
    before = contents(tmp_path / "out")
    extract(raw, tmp_path / "out")
    again = summary(capsys)
    assert again["fields_computed"] == 0 and again["fields_cached"] == again["items"] > 0
    assert contents(tmp_path / "out") == before


def test_removing_a_file_gives_the_tables_and_cache_of_the_files_left(raw, tmp_path, capsys):
    shutil.copy(SAMPLE / "iom-sample.warc.gz", raw / "b.warc.gz")
    extract(raw, tmp_path / "incremental")
    (raw / "b.warc.gz").unlink()
    extract(raw, tmp_path / "incremental")
    extract(raw, tmp_path / "full", "--rebuild")
    rebuilt = summary(capsys)
    assert contents(tmp_path / "incremental") == contents(tmp_path / "full")
    cache = pq.read_table(field_cache(tmp_path / "incremental"))
    assert cache.num_rows == rebuilt["fields_computed"]  # entries of removed items are gone


def test_rebuild_ignores_the_field_cache(raw, tmp_path, capsys):
    out = tmp_path / "out"
    extract(raw, out)
    found = contents(out)["organizers"]
    assert found
    cached = pq.read_table(field_cache(out))
    emptied = cached.set_column(
        cached.schema.get_field_index("organizers"),
        cached.schema.field("organizers"),
        pa.array([[]] * cached.num_rows, cached.schema.field("organizers").type),
    )
    pq.write_table(emptied, field_cache(out))
    extract(raw, out)
    assert contents(out)["organizers"] == []  # the cache is what an incremental run reads
    extract(raw, out, "--rebuild")
    assert contents(out)["organizers"] == found


def test_a_field_cache_made_by_other_code_is_ignored(raw, tmp_path, capsys, monkeypatch):
    extract(raw, tmp_path / "out")
    items = summary(capsys)["items"]
    for module in (events, fieldcache):
        monkeypatch.setattr(module, "code_fingerprint", lambda: "other-code")
    extract(raw, tmp_path / "out")
    assert summary(capsys)["fields_computed"] == items


def test_an_incremental_run_reads_only_the_new_file(raw, tmp_path, caplog):
    extract(raw, tmp_path / "out")
    shutil.copy(SAMPLE / "iom-sample.warc.gz", raw / "b.warc.gz")
    with caplog.at_level("INFO", logger="pipeline"):
        cli.main(["extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out")])
    assert "(1 WARC files read, 1 cached; fields read for " in caplog.text


EXTRACT = (sys.executable, "-m", "pipeline.cli", "extract")
GENERATION = f"{tables.GENERATIONS}/*{tables.PARTIAL}"
# Where a kill lands, by the files it waits for: a part's tables being written (or, on a
# machine too busy to see that moment, the generation after it), the new generation
# begun, and the new generation half-made (its documents whole, its field tables not yet).
KILL_STAGES = [
    (f"{PARTS_FOLDER}/.*{tables.PARTIAL}/.*{tables.PARTIAL}", GENERATION),
    (GENERATION,),
    (f"{GENERATION}/documents.parquet",),
]


def kill_when(child: subprocess.Popen, out: Path, *patterns: str, within: float = 120) -> None:
    """SIGKILL the child once a file matching one of the patterns is under out: polled,
    with a bound, so where the kill lands does not depend on how busy the machine is."""
    deadline = time.monotonic() + within
    while not any(next(out.glob(pattern), None) for pattern in patterns):
        assert child.poll() is None, f"the extract ended before {patterns[0]} appeared"
        assert time.monotonic() < deadline, f"no {patterns[0]} after {within}s"
        time.sleep(0.005)
    child.send_signal(signal.SIGKILL)
    child.wait()


def run_ids(out: Path) -> set[bytes]:
    """The run ids of the tables read through out/NAME.parquet."""
    return {
        pq.read_schema(out / f"{name}.parquet").metadata[b"run_id"]
        for name in tables.GENERATION_TABLES
    }


def test_killing_extract_mid_write_leaves_readable_tables(raw, tmp_path):
    out = tmp_path / "out"
    assert extract(raw, out) == 0
    before = contents(out)
    shutil.copy(SAMPLE / "iom-sample.warc.gz", raw / "b.warc.gz")
    command = [*EXTRACT, "--raw-dir", str(raw), "--out", str(out), "--rebuild", "--quiet"]
    for stage in KILL_STAGES:
        child = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        kill_when(child, out, *stage)
        after = contents(out)  # every table still reads
        for name, rows in after.items():
            assert rows == before[name] or len(rows) >= len(before[name]), name
        assert len(run_ids(out)) == 1  # and all are of one run
    assert extract(raw, out) == 0  # and the next run finishes the job


def test_a_kill_during_assembly_leaves_the_previous_generation_whole(raw, tmp_path):
    """Killed once the new generation's first tables are written: every table a reader
    opens is still the previous run's, and the half-made generation is cleared next time."""
    out = tmp_path / "out"
    assert extract(raw, out) == 0
    before, ids = contents(out), run_ids(out)
    shutil.copy(SAMPLE / "iom-sample.warc.gz", raw / "b.warc.gz")
    command = [sys.executable, "-m", "pipeline.cli", "extract", "--raw-dir", str(raw)]
    child = subprocess.Popen(
        [*command, "--out", str(out), "--quiet"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    generations = out / tables.GENERATIONS
    kill_when(child, out, f"{GENERATION}/captures.parquet")
    assert run_ids(out) == ids and contents(out) == before
    assert extract(raw, out) == 0
    assert run_ids(out) != ids and len(run_ids(out)) == 1
    assert not list(generations.glob(f"*{tables.PARTIAL}"))


def test_extract_with_no_input_keeps_the_tables(raw, tmp_path, capsys):
    out = tmp_path / "out"
    extract(raw, out)
    before = contents(out)
    capsys.readouterr()
    (tmp_path / "wrong-raw").mkdir()
    assert extract(tmp_path / "wrong-raw", out) == 1
    assert "no WARC files under" in capsys.readouterr().err
    assert contents(out) == before


def test_two_extracts_into_one_out_never_overlap(raw, tmp_path, capsys):
    other = tmp_path / "other-raw"
    other.mkdir()
    shutil.copy(SAMPLE / "iom-sample.warc.gz", other / "b.warc.gz")
    out = tmp_path / "out"
    with run.exclusive(out):  # an extract from another raw folder is writing out/
        assert extract(other, out) == EXIT_LOCKED
    assert f"another run is using {out}" in capsys.readouterr().err
    assert extract(other, out) == 0


def test_two_extracts_started_together_into_one_out_never_fail(raw, tmp_path):
    """Two processes, different raw folders, one --out: each run finishes or is told
    another holds the lock (4); neither fails, and the tables are one run's."""
    other = tmp_path / "other-raw"
    other.mkdir()
    shutil.copy(SAMPLE / "iom-sample.warc.gz", other / "b.warc.gz")
    out = tmp_path / "out"
    for _ in range(3):
        children = [
            subprocess.Popen(
                [*EXTRACT, "--raw-dir", str(folder), "--out", str(out), "--quiet"],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for folder in (raw, other)
        ]
        codes = sorted(child.wait() for child in children)
        errors = [child.stderr.read().decode() for child in children]
        assert codes in ([0, 0], [0, EXIT_LOCKED]), errors
        assert "Traceback" not in "".join(errors)
        assert len(run_ids(out)) == 1


def test_runs_accumulate_in_runs_parquet(raw, tmp_path, capsys):
    extract(raw, tmp_path / "out")
    extract(raw, tmp_path / "out")
    runs = pq.read_table(tmp_path / "out" / "runs.parquet").to_pylist()
    assert [r["command"] for r in runs] == ["extract", "extract"]
    assert runs[0]["run_id"] != runs[1]["run_id"]
    offices = sample_counts("iom-offices-sample.warc.gz")
    assert json.loads(runs[1]["counts"])["captures"] == offices["captures"]


def test_query_runs_sql_over_the_tables(raw, tmp_path, capsys):
    extract(raw, tmp_path / "out")
    capsys.readouterr()
    sql = "SELECT count(*) AS n FROM captures JOIN documents USING (digest)"
    assert cli.main(["query", "--out", str(tmp_path / "out"), sql]) == 0
    assert capsys.readouterr().out.split()[0] == "n"
    csv = tmp_path / "events.csv"
    assert (
        cli.main(
            ["query", "--out", str(tmp_path / "out"), "--csv", str(csv), "SELECT * FROM events"]
        )
        == 0
    )
    assert csv.read_text().startswith("item_id,event_type,start_date")
    assert cli.main(["query", "--out", str(tmp_path / "out"), "SELECT * FROM nowhere"]) == 1


def test_two_runs_never_overlap(raw, tmp_path, capsys):
    with run.exclusive(raw):
        with pytest.raises(Locked), run.exclusive(raw):
            pass
        assert extract(raw, tmp_path / "out") == EXIT_LOCKED
    assert "another run is using" in capsys.readouterr().err
    assert extract(raw, tmp_path / "out") == 0


def test_tables_of_the_layout_before_generations_are_replaced_by_links(raw, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "items.parquet").write_bytes(b"a table written before generations")
    assert extract(raw, out) == 0
    assert (out / "items.parquet").is_symlink()
    assert len(run_ids(out)) == 1
    assert pq.read_table(out / "items.parquet").num_rows == summary(capsys)["items"]
