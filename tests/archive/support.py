"""What the archive tests share: a fault server per test, settings for it, running the
command line against it, and reading back what a run stored."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from pipeline import cli, warc
from pipeline.archive.session import Timing
from tests.servers.wayback import WaybackServer

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "raw" / "sample" / "iom-sample.warc.gz"
OLD_SITE = "moscow.iom.int/old/*"


def config(tmp_path: Path, **overrides: object) -> Path:
    """Settings for a local server: small CDX pages, short pauses, no cool-down."""
    values = {
        "cdx_page_size": 7,
        "pause_on_429": 1,
        "retry_backoff": 0.05,
        "cooldown_minutes": 0,
        "timeout": 1,
        "cdx_rate": 6000,
        "replay_rate": 6000,
        **overrides,
    }
    lines = ["[pipeline]"] + [f"{k} = {json.dumps(v)}" for k, v in values.items()]
    path = tmp_path / "settings.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run_args(
    server: WaybackServer, tmp_path: Path, *patterns: str, **overrides: object
) -> list[str]:
    urls = [arg for pattern in (patterns or (OLD_SITE,)) for arg in ("--url", pattern)]
    return [
        "run",
        "--config",
        str(config(tmp_path, **overrides)),
        "--archive-url",
        server.base,
        *urls,
        "--raw-dir",
        str(tmp_path / "raw"),
        "--out",
        str(tmp_path / "out"),
        "--quiet",
    ]


def run(
    server: WaybackServer,
    tmp_path: Path,
    capsys,
    *patterns: str,
    timing: Timing | None = None,
    **overrides: object,
) -> tuple[int, dict]:
    code = cli.main(run_args(server, tmp_path, *patterns, **overrides), timing=timing)
    out = capsys.readouterr().out.strip().splitlines()
    return code, json.loads(out[-1]) if out else {}


def expected_captures(server: WaybackServer) -> set[tuple[str, str, str]]:
    return {
        (h.url, h.timestamp, h.digest)
        for h in server.held
        if h.url.startswith("http://moscow.iom.int/old/")
        and ((h.mime == "text/html" and h.status == 200) or 300 <= h.status < 400)
    }


def stored(tmp_path: Path) -> list[tuple[str, str, str]]:
    """Every capture held in our WARC files, once per record."""
    found = []
    for path in warc.find_warcs(tmp_path / "raw" / "warcs"):
        for record in warc.iter_provenance(path):
            found.append((record.url, record.requested_timestamp, record.cdx_digest))
    return found


def ledger(tmp_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(tmp_path / "raw" / "ledger.sqlite") as db:
        return db.execute(sql).fetchall()


def assert_every_capture_stored_once_and_verified(server, tmp_path):
    held = stored(tmp_path)
    assert sorted(held) == sorted(expected_captures(server))
    assert ledger(
        tmp_path, "SELECT count(*) FROM captures WHERE state='stored' AND digest_match IS NOT 1"
    ) == [(0,)]
    for path in warc.find_warcs(tmp_path / "raw" / "warcs"):
        check = subprocess.run(
            [sys.executable, "-m", "warcio.cli", "check", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stdout


class VirtualTime:
    """A clock that moves only when someone sleeps: waits cost no real time, and what a
    run waited is exact (concurrent sleeps add up, which only overstates the waits)."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += max(0.0, seconds)
            self.slept.append(seconds)

    @property
    def timing(self) -> Timing:
        return Timing(clock=self.clock, sleep=self.sleep)


def failures_table(tmp_path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(tmp_path / "out" / "failures.parquet").to_pylist()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
