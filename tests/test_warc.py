from __future__ import annotations

import subprocess
import sys

from pipeline import warc
from pipeline.archive.replay import Memento, sha1_base32
from pipeline.records import Capture

BODY = "<html><body><p>Интеграционный тест</p></body></html>".encode("cp1251")


def memento(timestamp: str = "20161103102700", body: bytes = BODY) -> Memento:
    capture = Capture(
        "int,iom,moscow)/old/index.html",
        timestamp,
        "http://moscow.iom.int/old/index.html",
        "text/html",
        200,
        sha1_base32(body),
    )
    return Memento(
        capture,
        f"http://127.0.0.1/iom/{timestamp}id_/{capture.url}",
        timestamp,
        200,
        "OK",
        [("Content-Type", "text/html"), ("Server", "Apache"), ("Content-Length", str(len(body)))],
        body,
        None,
    )


def test_written_records_read_back_with_their_positions(tmp_path):
    store = warc.WarcStore(tmp_path, {"run_id": "test"})
    first_path, first_offset, _ = store.write(memento(), revisit_of=None)
    second = memento("20170101000000")
    second_path, second_offset, _ = store.write(
        second, revisit_of=(second.capture.url, "20161103102700")
    )
    store.close()
    assert first_path == second_path and first_path.exists()
    assert not list(tmp_path.glob("*.open"))
    records = list(warc.iter_stored(first_path))
    assert [(r.timestamp, r.warc_offset) for r in records] == [
        ("20161103102700", first_offset),
        ("20170101000000", second_offset),
    ]
    assert records[0].payload == BODY
    assert records[1].payload is None  # a revisit: the payload is the first record's
    assert records[0].digest == records[1].digest == sha1_base32(BODY)


def test_warcio_check_accepts_our_files(tmp_path):
    store = warc.WarcStore(tmp_path, {"run_id": "test"})
    path, _, _ = store.write(memento(), revisit_of=None)
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "warcio.cli", "check", "-v", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_file_left_open_by_a_crash_is_cut_to_its_last_whole_record(tmp_path):
    store = warc.WarcStore(tmp_path, {"run_id": "test"})
    store.write(memento(), revisit_of=None)
    open_path = next(tmp_path.glob("*.warc.gz.open"))
    store._fh.write(b"\x1f\x8b\x08garbage of a record cut mid-write")
    store._fh.flush()
    (recovered,) = warc.recover_open_files(tmp_path)
    assert not open_path.exists()
    assert [r.timestamp for r in warc.iter_stored(recovered)] == ["20161103102700"]
