from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from pipeline import warc
from pipeline.errors import WarcError
from pipeline.records import Capture, Memento, sha1_base32

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


BAD = Path(__file__).parent / "fixtures" / "bad"


def _read(name: str, **kwargs) -> tuple[list, list[WarcError]]:
    items = list(warc.iter_records(BAD / name, **kwargs))
    return (
        [i for i in items if not isinstance(i, WarcError)],
        [i for i in items if isinstance(i, WarcError)],
    )


def test_arc_captures_are_read_with_their_own_dates():
    captures, errors = _read("old-collection.arc")
    assert [(c.url, c.timestamp) for c in captures] == [
        ("http://www.iom.ru/news/2004/seminar.html", "20040312101500"),
        ("http://www.iom.ru/news/2004/koi8.html", "20040420083000"),
        ("http://www.iom.ru/en/news.html", "20040501120000"),
    ]
    assert captures[0].content_type == "text/html; charset=windows-1251"
    assert "Семинар".encode("cp1251") in captures[0].payload
    assert captures[0].digest == sha1_base32(captures[0].payload)
    # The fourth record's date is zeros: a failure of its own, not a capture of year 0.
    (undated,) = errors
    assert "no capture date" in str(undated) and undated.offset


def test_a_truncated_file_keeps_its_whole_records_and_reports_the_rest():
    captures, errors = _read("truncated.warc.gz")
    assert [c.url.rsplit("/", 1)[1] for c in captures] == ["t1.html", "t2.html"]
    (cut,) = errors
    assert "cut short" in str(cut) and cut.offset > 0


def test_a_gzip_bomb_record_is_a_failure_and_the_next_record_is_read():
    captures, errors = _read("bomb.warc.gz")
    assert [c.url.rsplit("/", 1)[1] for c in captures] == ["d.html"]
    (bomb,) = errors
    assert "larger than max_body_bytes" in str(bomb)


def test_the_payload_bound_applies_after_decompression():
    sizes = {c.url.rsplit("/", 1)[1]: len(c.payload) for c in _read("good.warc.gz")[0]}
    bound = sizes["b.html"]
    captures, errors = _read("good.warc.gz", max_body_bytes=bound)
    assert [c.url.rsplit("/", 1)[1] for c in captures] == ["b.html"]
    assert len(errors) == 2 and all(
        size > bound for name, size in sizes.items() if name != "b.html"
    )


def test_junk_is_one_failure():
    captures, errors = _read("junk.warc")
    assert captures == [] and [str(e) for e in errors] == ["not a WARC or ARC file"]


def test_every_record_of_a_whole_file_is_read_without_failures(sample_records):
    captures, errors = _read("good.warc.gz")
    assert len(captures) == 3 and errors == []


def test_the_fixtures_are_those_the_tool_makes(tmp_path, monkeypatch):
    """tools/make_bad_fixtures.py rebuilds tests/fixtures/bad byte for byte, except the
    gzip members' timestamps, so the fixtures stay what their docstring says."""
    spec = importlib.util.spec_from_file_location(
        "make_bad_fixtures", Path(__file__).parent.parent / "tools" / "make_bad_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "FOLDER", tmp_path)
    module.main()
    for name in ("old-collection.arc", "junk.warc"):
        assert (tmp_path / name).read_bytes() == (BAD / name).read_bytes()
    for name in ("good.warc.gz", "truncated.warc.gz", "bomb.warc.gz"):
        made = [
            (c.url, c.timestamp, c.payload)
            for c in warc.iter_records(tmp_path / name)
            if not isinstance(c, WarcError)
        ]
        kept = [
            (c.url, c.timestamp, c.payload)
            for c in warc.iter_records(BAD / name)
            if not isinstance(c, WarcError)
        ]
        assert made == kept, name


def test_runs_within_one_second_never_overwrite_each_others_warc_files(tmp_path):
    """WARC names carry the second a run started; a second run in the same second must
    not rename its file onto the first run's."""

    def numbered(n: int) -> Memento:
        capture = Capture("k", f"2016010100000{n}", f"http://a/{n}", "text/html", 200, "D")
        return Memento(capture, "r", capture.timestamp, 200, "OK", [], b"x%d" % n, None)

    folder = tmp_path / "warcs"
    for n in range(2):
        store = warc.WarcStore(folder, {})
        store._stamp = "20160101000000"  # both runs in the same second
        store.write(numbered(n), revisit_of=None)
        store.close()
    urls = sorted(s.url for p in warc.find_warcs(folder) for s in warc.iter_stored(p))
    assert urls == ["http://a/0", "http://a/1"]
