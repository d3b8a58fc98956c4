"""The same archive gives the same tables, whatever order concurrent fetches finish in."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest

from pipeline import tables
from tests.archive.test_fetch import OLD_SITE, SAMPLE, run
from tests.servers.wayback import Faults, WaybackServer

# Where a record landed differs between two runs' WARC files (their names are unique,
# their warcinfo records differ): everything else must not.
PLACE = ("warc_file", "warc_offset")


def table_contents(out, name):
    table = pq.read_table(out / f"{name}.parquet")
    return table.drop_columns([c for c in PLACE if c in table.column_names]).to_pylist()


@pytest.fixture
def jittery_server():
    # Slow answers on the first request of each URL make concurrent fetches finish out of
    # the order they were asked in; a retry follows.
    started = WaybackServer([SAMPLE], Faults(replay_once="slow", slow_seconds=0.3)).start()
    yield started
    started.stop()


def test_two_runs_at_concurrency_8_give_the_same_tables(jittery_server, tmp_path, capsys):
    results = []
    for name in ("first", "second"):
        folder = tmp_path / name
        folder.mkdir()
        code, summary = run(
            jittery_server,
            folder,
            capsys,
            OLD_SITE,
            "russia.iom.int/*",
            concurrency=8,
            timeout=5,
        )
        assert code == 0, summary
        results.append(folder / "out")
    for name in tables.GENERATION_TABLES:
        assert table_contents(results[0], name) == table_contents(results[1], name), name
    captures = table_contents(results[0], "captures")
    assert len(captures) > 50
    assert captures == sorted(captures, key=lambda r: (r["timestamp"], r["url"], r["digest"]))
    earliest = {}
    for row in captures:
        if row["status"] == 200 and row["mime"] == "text/html":
            earliest.setdefault(row["digest"], row["timestamp"])
    documents = table_contents(results[0], "documents")
    assert {d["digest"]: d["first_timestamp"] for d in documents} == earliest
