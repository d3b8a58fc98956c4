"""One WARC file of everything hostile a collection may hold, with two good pages among
it: extracted under a 2 GB address-space limit, both good pages' items kept, every other
capture accounted for (a document, or a failure row)."""

from __future__ import annotations

import gzip
import resource
import subprocess
import sys

import pyarrow.parquet as pq

from tests.warcfiles import GOOD_EN, Page, write_warc

from .conftest import ROOT

LIMIT = 2 * 1024**3
GOOD = (
    ("http://moscow.iom.int/old/index.html", "20120429144011"),
    ("http://moscow.iom.int/old/about.html", "20130209043121"),
)


def bomb(inflated: int = 3 * 1024**3) -> bytes:
    """3 GB of zeros as 3 MB of gzip: one member of 16 MB repeated (members concatenate)."""
    member = gzip.compress(b"\0" * (1 << 24), 9)
    return member * (inflated >> 24)


def hostile_pages(sample_records) -> list[Page]:
    good = [sample_records[key] for key in GOOD]
    site = "http://moscow.iom.int/old/"
    nested = b"<html><body>" + b"<div>" * 60_000 + b"<p>deep</p>" + b"</div>" * 60_000
    big = b"<html><body>" + b"".join(
        b"<p>Paragraph %d of a very long page about migration in Moscow.</p>" % i
        for i in range(450_000)
    )  # 30 MB
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 800
    nul = b"<html><body><p>Null\x00bytes\x00in\x00the text.</p>" + b"\x00" * 1000
    return [
        Page(good[0].url, good[0].timestamp, good[0].payload, good[0].content_type),
        Page(site + "bomb.html", "20150401000000", bomb()),
        Page(site + "undefined.html", "20150402000000", GOOD_EN, "text/html; charset=undefined"),
        Page(site + "nested.html", "20150403000000", nested),
        Page(site + "big.html", "20150404000000", big),
        Page(site + "pdf.html", "20150405000000", pdf),
        Page(site + "nul.html", "20150406000000", nul),
        Page(good[1].url, good[1].timestamp, good[1].payload, good[1].content_type),
        Page(site + "last.html", "20160417000000", GOOD_EN + b" "),
    ]


def test_a_hostile_warc_extracts_within_2_gb_and_keeps_the_good_pages(tmp_path, sample_records):
    raw = tmp_path / "raw"
    raw.mkdir()
    path = raw / "hostile.warc.gz"
    pages = hostile_pages(sample_records)
    offsets = write_warc(path, pages, content_encoding={pages[1].url: "gzip"})
    with open(path, "r+b") as fh:  # the last record cut in the middle
        fh.truncate((offsets[-1] + path.stat().st_size) // 2)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))

    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", "extract", "--raw-dir", str(raw), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=600,  # a guard against a hang only; make bench measures speed
        check=False,
    )
    assert result.returncode in (0, 3), result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    items = pq.read_table(out / "item_captures.parquet").to_pylist()
    shown = {(row["url"], row["timestamp"].strftime("%Y%m%d%H%M%S")) for row in items}
    assert set(GOOD) <= shown
    documents = {row["url"] for row in pq.read_table(out / "documents.parquet").to_pylist()}
    failed = {row["url"] for row in pq.read_table(out / "failures.parquet").to_pylist()}
    for page in pages[1:-2]:  # each hostile one (the cut last record is the reader's)
        assert page.url in documents | failed, page.url
    assert "http://moscow.iom.int/old/big.html" in failed  # one item of 30 MB: no news item
