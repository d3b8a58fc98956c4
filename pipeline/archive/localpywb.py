"""A real pywb on 127.0.0.1 serving WARC files as one collection: the archive that
`make demo` and the tests talk to, exactly as they would talk to any pywb.

pywb is a development dependency (the `dev` extra); it is imported by the subprocesses
started here, never by the pipeline itself.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import requests

log = logging.getLogger(__name__)

STARTUP_SECONDS = 60.0
_WB_MANAGER = "from pywb.manager.manager import main_wrap_exc; main_wrap_exc()"
_WAYBACK = "from pywb.apps.cli import wayback; wayback()"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve_warcs(warcs: Sequence[Path], collection: str = "iom") -> Iterator[str]:
    """Yield the collection's base URL (http://127.0.0.1:PORT/COLLECTION) while pywb runs."""
    root = Path(tempfile.mkdtemp(prefix="pywb-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        _run([_WB_MANAGER, "init", collection], root)
        _run([_WB_MANAGER, "add", collection, *(str(Path(w).resolve()) for w in warcs)], root)
        port = free_port()
        log_file = open(root / "pywb.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            [sys.executable, "-c", _WAYBACK, "-p", str(port), "-b", "127.0.0.1"],
            cwd=root,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}/{collection}"
        _wait_until_up(base, process, root / "pywb.log")
        yield base
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(root, ignore_errors=True)


def _run(args: list[str], cwd: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", *args],
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"pywb exited: {log_path.read_text(errors='replace')[-2000:]}")
        with contextlib.suppress(requests.ConnectionError):
            requests.get(f"{base}/cdx", params={"url": "example.invalid"}, timeout=5)
            return  # any answer at all means the server is up
        time.sleep(0.2)
    raise RuntimeError(f"pywb did not start within {STARTUP_SECONDS:.0f}s")
