"""Shared fixtures: the bundled sample archive (real bytes) and a real pywb serving it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.archive.support")

from pipeline import cli, warc  # noqa: E402
from pipeline.archive.localpywb import serve_warcs  # noqa: E402
from pipeline.records import StoredCapture  # noqa: E402
from tests.servers.wayback import WaybackServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw" / "sample"
SAMPLE_WARCS = sorted(SAMPLE.glob("*.warc.gz"))
GOLD = ROOT / "tests" / "cases" / "gold-dev.jsonl"
SAMPLE_EXPECTED = ROOT / "tests" / "cases" / "sample-expected.json"


def sample_counts(*warcs: str) -> dict[str, int]:
    """What an extract of these sample WARC files counts (captures, documents, items,
    events_dated), from tests/cases/sample-expected.json rather than literals in tests."""
    extracts = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))["extracts"]
    return extracts[" + ".join(sorted(warcs))]


@pytest.fixture(scope="session")
def expected_captures() -> list[dict]:
    main = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))["captures"]
    others = [
        capture
        for name in ("expected-offices.json", "expected-dev-extra.json")
        for capture in json.loads((SAMPLE / name).read_text(encoding="utf-8"))
    ]
    return main + others


@pytest.fixture(scope="session")
def sample_records() -> dict[tuple[str, str], StoredCapture]:
    """Every response record of the sample, by (url, timestamp)."""
    records = {}
    for path in SAMPLE_WARCS:
        for stored in warc.iter_stored(path):
            records[(stored.url, stored.timestamp)] = stored
    return records


@pytest.fixture(scope="session")
def pywb_sample() -> Iterator[str]:
    with serve_warcs(SAMPLE_WARCS) as base:
        yield base


@pytest.fixture(scope="session")
def sample_tables(tmp_path_factory) -> Path:
    """The tables extracted from the bundled sample, once for every test reading them."""
    out = tmp_path_factory.mktemp("tables")
    assert cli.main(["extract", "--raw-dir", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="session")
def demo_run(pywb_sample, tmp_path_factory) -> tuple[str, Path, Path]:
    """`make demo`'s run: the sample fetched from a real pywb with the demo's settings,
    once for every test reading it: (archive URL, raw folder, tables folder)."""
    root = tmp_path_factory.mktemp("demo")
    code = cli.main(
        [
            "run",
            "--config",
            str(SAMPLE / "demo.toml"),
            "--archive-url",
            pywb_sample,
            "--raw-dir",
            str(root / "raw"),
            "--out",
            str(root / "out"),
            "--quiet",
        ]
    )
    assert code == 0
    return pywb_sample, root / "raw", root / "out"


@pytest.fixture
def server():
    """The fault-injecting archive serving the sample, one per test (each test sets its
    faults on it)."""
    started = WaybackServer([SAMPLE / "iom-sample.warc.gz"]).start()
    yield started
    started.stop()
