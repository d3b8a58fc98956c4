"""Bounded in bytes and time: gzip bombs, endless and trickling answers (CDX and replay),
resume keys that never advance, queries past their page cap."""

from __future__ import annotations

import itertools
import re
import subprocess
import sys

import pytest

from pipeline import cli
from pipeline.archive.cdx import MAX_IDLE_PAGES, Archive
from pipeline.archive.ratelimit import RateLimiter
from pipeline.archive.session import ArchiveSession, Timing
from pipeline.errors import DeadlineExceeded, TooLarge
from tests.archive.support import (
    OLD_SITE,
    ROOT,
    assert_every_capture_stored_once_and_verified,
    failures_table,
    ledger,
    run,
    run_args,
)
from tests.servers.wayback import Faults, gzip_bomb

MEMORY_LIMIT = 500 * 1024 * 1024
# The command line in a child that writes its own peak resident memory (VmHWM: the high
# water mark of this program's address space, not of the process it was forked from).
MEASURED_RUN = """
import re, sys
from pipeline import cli
code = cli.main(sys.argv[2:])
status = open("/proc/self/status").read()
kb = int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
open(sys.argv[1], "w").write(str(kb * 1024))
sys.exit(code)
"""


def ticking(step: float = 1.0):
    """A clock that moves `step` seconds each time it is read: a deadline falls after a
    known number of reads, however fast or slow the machine is."""
    counter = itertools.count()
    return lambda: next(counter) * step


def one_replay(server, faults: Faults, clock, *, deadline: float, max_bytes: int) -> bytes:
    server.faults = faults
    session = ArchiveSession("test", timeout=5, deadline=deadline, timing=Timing(clock=clock))
    held = next(h for h in server.held if h.status == 200 and h.mime == "text/html")
    url = Archive.from_url(server.base).replay_url(held.timestamp, held.url)
    response = session.get(url, RateLimiter(6000, clock=clock, sleep=lambda s: None))
    with response:
        return session.read(response, max_bytes)


def bytes_read(error: Exception) -> int:
    return int(re.search(r"(\d+) bytes read", str(error)).group(1))


def test_a_trickle_is_cut_at_the_deadline(server):
    """One byte every 50 ms: with the clock read once per chunk, a deadline of 10 s ends
    the read after about ten chunks."""
    with pytest.raises(DeadlineExceeded) as caught:
        one_replay(
            server, Faults(replay_hostile="trickle"), ticking(), deadline=10, max_bytes=10**6
        )
    assert bytes_read(caught.value) <= 100


def test_a_gzip_bomb_is_inflated_only_up_to_the_cap(server):
    with pytest.raises(TooLarge) as caught:
        one_replay(server, Faults(replay_hostile="bomb"), ticking(0), deadline=1, max_bytes=10**6)
    assert bytes_read(caught.value) < 64 * 1024 + 10**6 // 500  # a few KB of the 256 MB bomb


def test_an_endless_body_is_read_only_up_to_the_cap(server):
    with pytest.raises(TooLarge) as caught:
        one_replay(
            server, Faults(replay_hostile="endless"), ticking(0), deadline=1, max_bytes=10**6
        )
    assert bytes_read(caught.value) <= 10**6 + 65536


CASES = {
    "cdx bomb": Faults(cdx_hostile="bomb"),
    "cdx endless": Faults(cdx_hostile="endless"),
    "cdx trickle": Faults(cdx_hostile="trickle"),
    "replay bomb": Faults(replay_hostile="bomb"),
    "replay endless": Faults(replay_hostile="endless"),
    "replay trickle": Faults(replay_hostile="trickle", replay_hostile_for="/old/about.html"),
}
EXPECTED_CLASS = {"bomb": "TooLarge", "endless": "TooLarge", "trickle": "DeadlineExceeded"}


@pytest.mark.parametrize("case", list(CASES))
def test_memory_and_time_stay_bounded_against_hostile_bodies(server, tmp_path, capsys, case):
    """Discovery (for a hostile CDX answer) or fetching (for hostile replays) in a child
    process, with the default byte cap (50 MB): its peak resident memory (the kernel's
    high-water mark for it) stays under 500 MB, and each hostile answer ends as a failure
    of the class that bounds it: TooLarge for the bomb and the endless body,
    DeadlineExceeded (deadline 2 s) for the trickle. The next run exits 0. (Extraction's
    memory is measured by `make bench`.)"""
    server.faults = CASES[case]
    gzip_bomb()  # made once, before the child asks for it
    source, kind = case.split()
    args = run_args(server, tmp_path, deadline=2, timeout=1, max_body_bytes=50 * 1024 * 1024)
    if source == "replay":
        assert cli.main(["discover", *args[1:]]) == 0  # the CDX answers are sound
    args[0] = "discover" if source == "cdx" else "fetch"
    peak_file = tmp_path / "peak"
    code = subprocess.run(
        [sys.executable, "-c", MEASURED_RUN, str(peak_file), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    ).returncode
    assert code == 3
    peak = int(peak_file.read_text())
    assert peak < MEMORY_LIMIT, f"peak {peak // 2**20} MB"
    classes = {
        c
        for (c,) in ledger(
            tmp_path,
            "SELECT error_class FROM captures WHERE state='failed' "
            "UNION SELECT error_class FROM discover_failures",
        )
    }
    assert classes == {EXPECTED_CLASS[kind]}, classes
    server.faults = Faults()
    code, _ = run(server, tmp_path, capsys)
    assert code == 0
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def cdx_requests(server) -> int:
    return server.log.count("cdx")


def test_resume_keys_that_never_advance_end_the_query(server, tmp_path, capsys):
    server.faults = Faults(cdx_hostile="new_key")
    code, _ = run(server, tmp_path, capsys)
    assert code == 3
    assert cdx_requests(server) <= MAX_IDLE_PAGES + 1
    (failure,) = [r for r in failures_table(tmp_path) if r["stage"] == "discover"]
    assert failure["error_class"] == "CdxStalled" and failure["url"] == OLD_SITE
    # Not cut into years and months: a lying archive is not helped by smaller queries.
    assert ledger(tmp_path, "SELECT pattern FROM queries") == [(OLD_SITE,)]


def test_a_resume_key_returned_twice_ends_the_query(server, tmp_path, capsys):
    header = '["urlkey","timestamp","original","mimetype","statuscode","digest","length"]'
    server.faults = Faults(cdx_hostile="raw", cdx_raw=f'[{header},[],["same key"]]'.encode())
    code, _ = run(server, tmp_path, capsys)
    assert code == 3
    assert cdx_requests(server) == 2
    (failure,) = [r for r in failures_table(tmp_path) if r["stage"] == "discover"]
    assert failure["error_class"] == "CdxCycle"


def test_a_page_cap_stops_a_query_and_the_next_runs_go_on_from_its_key(server, tmp_path, capsys):
    codes = []
    for _ in range(10):
        code, _ = run(server, tmp_path, capsys, max_cdx_pages=3)
        codes.append(code)
        if code == 0:
            break
    assert codes[0] == 3 and codes[-1] == 0 and len(codes) > 2, codes
    assert_every_capture_stored_once_and_verified(server, tmp_path)


def test_one_failing_year_does_not_abandon_the_pattern(server, tmp_path, capsys):
    server.faults = Faults(cdx_503_unless_one_year=True, cdx_503_years=("2014",))
    code, _ = run(
        server, tmp_path, capsys, retry_backoff=0.001, from_timestamp="2012", to_timestamp="2020"
    )
    assert code == 3
    windows = [r["url"] for r in failures_table(tmp_path) if r["stage"] == "discover"]
    assert len(windows) == 12 and all("[2014" in w for w in windows)
    held = {h.timestamp[:4] for h in server.held if h.url.startswith("http://moscow.iom.int/old/")}
    years = {ts[:4] for (ts,) in ledger(tmp_path, "SELECT timestamp FROM captures")}
    assert years == held - {"2014"}
