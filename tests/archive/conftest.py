"""The fault server, one per test (faults are set on it by each test)."""

from __future__ import annotations

import pytest

from tests.archive.support import SAMPLE
from tests.servers.wayback import WaybackServer


@pytest.fixture
def server():
    started = WaybackServer([SAMPLE]).start()
    yield started
    started.stop()
