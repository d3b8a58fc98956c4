"""The fault server, one per test (faults are set on it by each test)."""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.archive.support")

from tests.archive.support import SAMPLE  # noqa: E402
from tests.servers.wayback import WaybackServer  # noqa: E402


@pytest.fixture
def server():
    started = WaybackServer([SAMPLE]).start()
    yield started
    started.stop()
