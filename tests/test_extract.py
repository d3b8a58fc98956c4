"""Extraction: one hostile payload, item or file is one failure row (the run goes on, and
every later run too); the bundled sample gives the counts tests/cases/sample-expected.json
holds."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from pipeline import cli, parts
from pipeline.records import sha1_base32
from tests.warcfiles import GOOD_EN, GOOD_RU, Page, write_warc

from .conftest import SAMPLE, SAMPLE_WARCS, sample_counts

BAD_URL = "http://moscow.iom.int/old/undefined.html"


def extract(raw: Path, out: Path, capsys) -> tuple[int, dict]:
    code = cli.main(["extract", "--raw-dir", str(raw), "--out", str(out), "--quiet"])
    return code, json.loads(capsys.readouterr().out.strip().splitlines()[-1])


def rows(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def hostile_warc(raw: Path, bad: Page) -> list[int]:
    raw.mkdir(exist_ok=True)
    return write_warc(
        raw / "mixed.warc.gz",
        [
            Page("http://moscow.iom.int/old/a.html", "20150313000000", GOOD_EN),
            bad,
            Page("http://moscow.iom.int/old/b.html", "20160416000000", GOOD_RU),
        ],
    )


def test_a_charset_python_cannot_decode_with_loses_neither_page_around_it(tmp_path, capsys):
    """charset=undefined (real pages declare it) raised UnicodeError and ended every
    extract; whether it is now read or recorded, both good pages are kept."""
    bad = Page(
        BAD_URL, "20150601000000", GOOD_EN.replace(b"40", b"41"), "text/html; charset=undefined"
    )
    hostile_warc(tmp_path / "raw", bad)
    for _ in range(2):  # and a later run does not fail either
        code, _ = extract(tmp_path / "raw", tmp_path / "out", capsys)
        assert code in (0, 3)
        digests = {r["digest"] for r in rows(tmp_path / "out", "documents")}
        assert {sha1_base32(GOOD_EN), sha1_base32(GOOD_RU)} <= digests
        failed = {r["url"] for r in rows(tmp_path / "out", "failures")}
        assert (sha1_base32(bad.body) in digests) != (BAD_URL in failed)


def test_an_unexpected_error_on_one_payload_is_its_failure_row(tmp_path, capsys, monkeypatch):
    """Any exception, not only the pipeline's own: here segmentation fails on one page."""
    real = parts.segment

    def segment(text: str, url: str):
        if url == BAD_URL:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, url)

    monkeypatch.setattr(parts, "segment", segment)
    offsets = hostile_warc(tmp_path / "raw", Page(BAD_URL, "20150601000000", GOOD_EN + b" "))
    code, summary = extract(tmp_path / "raw", tmp_path / "out", capsys)
    assert code == 3 and summary["extract_failures"] == 1
    (row,) = rows(tmp_path / "out", "failures")
    assert row["stage"] == "decode" and row["url"] == BAD_URL
    assert row["timestamp"].strftime("%Y%m%d%H%M%S") == "20150601000000"
    assert row["error_class"] == "RecursionError"
    assert (row["warc_file"], row["warc_offset"]) == ("mixed.warc.gz", offsets[1])
    assert len(rows(tmp_path / "out", "documents")) == 2
    assert len(rows(tmp_path / "out", "captures")) == 3


def test_a_junk_file_named_like_a_warc_is_a_failure_row(tmp_path, capsys):
    raw = tmp_path / "raw"
    hostile_warc(raw, Page(BAD_URL, "20150601000000", GOOD_EN + b" "))
    (raw / "junk.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 10)
    (raw / "empty.warc").write_bytes(b"")
    code, _ = extract(raw, tmp_path / "out", capsys)
    assert code == 3
    assert len(rows(tmp_path / "out", "documents")) == 3
    failed = {r["warc_file"] for r in rows(tmp_path / "out", "failures")}
    assert "junk.warc.gz" in failed


def test_the_sample_counts_agree_with_the_samples_own_lists():
    """tests/cases/sample-expected.json against raw/sample's lists of captures."""
    listed = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    assert sample_counts("iom-sample.warc.gz")["captures"] == listed["n_captures"]
    for warc_file, name in (
        ("iom-offices-sample.warc.gz", "expected-offices.json"),
        ("iom-dev-extra.warc.gz", "expected-dev-extra.json"),
    ):
        captures = json.loads((SAMPLE / name).read_text(encoding="utf-8"))
        assert sample_counts(warc_file)["captures"] == len(captures), warc_file
    together = sample_counts(*(path.name for path in SAMPLE_WARCS))
    assert together["captures"] == sum(
        sample_counts(path.name)["captures"] for path in SAMPLE_WARCS
    )


def test_the_whole_sample_gives_the_expected_counts(sample_tables):
    expected = sample_counts(*(path.name for path in SAMPLE_WARCS))
    for table in ("captures", "documents", "items"):
        assert pq.read_table(sample_tables / f"{table}.parquet").num_rows == expected[table]
