"""Errors a user can cause, or that stored files can: one line saying what to do, exit 1,
never a traceback; and what can be healed (a damaged runs table or part footer) is."""

from __future__ import annotations

import json
import logging
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import cli
from pipeline.cli import ProgressBars

from .conftest import ROOT, SAMPLE, sample_counts


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(SAMPLE / "iom-offices-sample.warc.gz", folder / "a.warc.gz")
    return folder


def main(*args: str) -> int:
    return cli.main(list(args))


def one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    return err


def test_a_damaged_ledger_is_one_line_for_every_command(raw, tmp_path, capsys):
    (raw / "ledger.sqlite").write_bytes(b"this is not an SQLite file" * 100)
    out = str(tmp_path / "out")
    for command in ("extract", "fetch", "discover", "run", "verify"):
        code = main(
            command, "--raw-dir", str(raw), "--out", out, "--archive-url", "http://127.0.0.1:9"
        )
        err = one_line(capsys)
        assert code == 1, command
        assert "ledger" in err and "damaged" in err and "move it aside" in err, err


def first_part(out: Path) -> Path:
    (part,) = [p for p in (out / ".parts").iterdir() if p.is_dir()]
    return part


def test_a_cached_part_with_a_damaged_footer_is_made_again(raw, tmp_path, capsys, caplog):
    out = tmp_path / "out"
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 0
    before = pq.read_table(out / "documents.parquet").to_pylist()
    documents = first_part(out) / "documents.parquet"
    documents.write_bytes(documents.read_bytes()[:-100])
    with caplog.at_level(logging.WARNING, logger="pipeline"):
        assert main("extract", "--raw-dir", str(raw), "--out", str(out)) == 0
    assert "is damaged" in caplog.text and "reading its WARC file again" in caplog.text
    assert pq.read_table(out / "documents.parquet").to_pylist() == before


def test_a_cached_part_damaged_inside_says_to_rebuild(raw, tmp_path, capsys):
    out = tmp_path / "out"
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 0
    documents = first_part(out) / "documents.parquet"
    data = bytearray(documents.read_bytes())
    data[10:3000] = b"\x55" * 2990  # the first pages; the footer still reads
    documents.write_bytes(bytes(data))
    capsys.readouterr()
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 1
    assert "run again with --rebuild" in one_line(capsys)
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet", "--rebuild") == 0


def test_a_damaged_runs_table_is_kept_aside_and_a_new_one_started(raw, tmp_path, capsys):
    out = tmp_path / "out"
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 0
    (out / "runs.parquet").write_bytes(b"PAR1 damaged")
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 0
    assert pq.read_table(out / "runs.parquet").num_rows == 1
    (aside,) = out.glob("runs.parquet.damaged-*")
    assert aside.read_bytes() == b"PAR1 damaged"


def test_a_full_disk_is_one_line(raw, tmp_path):
    """A file size limit makes writes fail as a full disk does (EFBIG, like ENOSPC)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", "--raw-dir", str(raw), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        check=False,
    )
    assert result.returncode == 1
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert "free some space" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_out_is_one_line(raw, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 1
        assert "make it writable" in one_line(capsys)
    finally:
        out.chmod(0o755)


def test_an_out_that_is_a_file_is_one_line(raw, tmp_path, capsys):
    out = tmp_path / "out"
    out.write_text("not a folder")
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 1
    assert str(out) in one_line(capsys)


@pytest.mark.parametrize(
    ("line", "setting"),
    [('cdx_rate = "fast"', "cdx_rate"), ('timeout = "60"', "timeout"), ("raw_dir = 5", "raw_dir")],
)
def test_a_config_value_of_the_wrong_type_names_the_setting(tmp_path, capsys, line, setting):
    config = tmp_path / "settings.toml"
    config.write_text(f"[pipeline]\n{line}\n", encoding="utf-8")
    assert main("run", "--config", str(config), "--raw-dir", str(tmp_path / "raw")) == 1
    err = one_line(capsys)
    assert f"setting {setting} must be" in err
    assert not (tmp_path / "raw").exists()


def test_a_missing_raw_folder_creates_nothing(tmp_path, capsys):
    code = main("extract", "--raw-dir", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert code == 1 and "does not exist" in one_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_query_errors_are_one_line(raw, tmp_path, capsys):
    out = tmp_path / "out"
    assert main("query", "--out", str(out), "SELECT count(*) FROM items") == 1
    assert "run `iom-pipeline extract` first" in one_line(capsys)
    assert main("extract", "--raw-dir", str(raw), "--out", str(out), "--quiet") == 0
    capsys.readouterr()
    assert main("query", "--out", str(out), "") == 1
    assert "the SQL is empty" in one_line(capsys)
    missing = tmp_path / "no-such-folder" / "events.csv"
    assert main("query", "--out", str(out), "--csv", str(missing), "SELECT 1") == 1
    assert "does not exist" in one_line(capsys)
    assert not missing.parent.exists()
    assert main("query", "--out", str(out), "SELECT * FROM nowhere") == 1
    assert "nowhere" in one_line(capsys)


def test_log_lines_never_tear_a_progress_bar(capsys):
    """While a bar is drawn, a log line goes through tqdm.write: it stands alone between
    carriage returns and newlines instead of running into the bar."""
    cli._configure_logging(quiet=False, as_json=False)
    bars = ProgressBars(enabled=True)
    bars.update("fetch", 3, 10)
    with bars.logging():
        logging.getLogger("pipeline.test").info("extracted 40 items")
        bars.update("fetch", 4, 10)
    bars.close()
    segments = re.split(r"[\r\n]", capsys.readouterr().err)
    (line,) = [s for s in segments if "extracted 40 items" in s]
    assert line.endswith("INFO pipeline.test: extracted 40 items")
    assert re.match(r"\d{4}-\d\d-\d\d ", line)
    assert "fetch" not in line


def test_a_summary_is_printed_after_bars_are_closed(raw, tmp_path, capsys):
    assert main("extract", "--raw-dir", str(raw), "--out", str(tmp_path / "out"), "--quiet") == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["captures"] == sample_counts("iom-offices-sample.warc.gz")["captures"]
