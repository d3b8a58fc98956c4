"""What a run did, counted: printed by the CLI, kept in runs.parquet, and the exit code."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import Any

from pipeline.records import Extraction

# Exit codes, documented in the README and cli.py.
EXIT_OK, EXIT_FAILED, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 3, 4


@dataclass
class Summary:
    command: str = "run"
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    discovered_new: int = 0
    fetched: int = 0
    skipped: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    blocked: str | None = None
    requests: int = 0  # sent to the archive, CDX and replay, retries included
    live_429s: int = 0
    # What extraction made and counted (none when the run did not extract).
    extraction: Extraction = field(default_factory=Extraction)
    # Captures the ledger held whose WARC bytes were missing, cut short or damaged: turned
    # back to "to fetch" (a fetch in the same run gets them again).
    refetch: int = 0
    # Of those, captures still not stored again when the run ended.
    awaiting_fetch: int = 0

    @property
    def exit_code(self) -> int:
        partial = self.blocked or self.failed or self.extraction.failures or self.awaiting_fetch
        return EXIT_PARTIAL if partial else EXIT_OK

    def as_dict(self) -> dict[str, Any]:
        """The counts printed at the end of a run and kept in runs.parquet."""
        own = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extraction"}
        return {**own, "failed": dict(self.failed), **self.extraction.counts()}
