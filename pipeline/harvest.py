"""A harvest: discovery and fetching, composed from the archive's parts (archive/) with
WARC writing (warc.py) and the run's summary; one session, one ledger and one rate
limiter per endpoint class."""

from __future__ import annotations

import itertools
import logging
from collections import deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from datetime import UTC, datetime, timedelta

from pipeline import integrity, warc
from pipeline.archive import cdx
from pipeline.archive.cdx import in_scope
from pipeline.archive.ledger import Ledger, cooldown_until
from pipeline.archive.ratelimit import RateLimiter
from pipeline.archive.replay import fetch_memento
from pipeline.archive.session import ArchiveSession, RetryPolicy, Timing
from pipeline.archive.validate import is_timestamp
from pipeline.config import LEDGER_NAME, WARC_FOLDER, Settings
from pipeline.errors import (
    ArchiveError,
    Blocked,
    Fatal,
    InvalidValue,
    Recoverable,
    TruncatedBody,
)
from pipeline.records import Capture, Memento, Progress, no_progress, parse_timestamp
from pipeline.summary import Summary

log = logging.getLogger(__name__)

TRUNCATED_ATTEMPTS = 3


class Harvest:
    """Discovery and fetching from one archive into the raw folder, sharing one session,
    ledger and rate limiters."""

    def __init__(
        self,
        settings: Settings,
        *,
        session: ArchiveSession | None = None,
        cdx_limiter: RateLimiter | None = None,
        replay_limiter: RateLimiter | None = None,
        progress: Progress = no_progress,
        timing: Timing | None = None,
    ) -> None:
        self.settings = settings
        self.progress = progress
        self.timing = timing or Timing()
        self.archive = cdx.Archive.from_url(settings.archive_url)
        # The ledger, the WARC files and the logs name the archive without credentials.
        self.archive_key = self.archive.public_url
        self.session = session or ArchiveSession(
            settings.user_agent,
            timeout=settings.timeout,
            retry=RetryPolicy(backoff_base=settings.retry_backoff),
            pause_on_429=settings.pause_on_429,
            block_after=settings.block_after_minutes * 60,
            deadline=settings.deadline,
            auth=self.archive.credentials,
            timing=self.timing,
        )
        self.cdx_limiter = cdx_limiter or RateLimiter(
            settings.cdx_rate, clock=self.timing.clock, sleep=self.timing.sleep
        )
        self.replay_limiter = replay_limiter or RateLimiter(
            settings.replay_rate, clock=self.timing.clock, sleep=self.timing.sleep
        )
        self.ledger = Ledger(settings.raw_dir / LEDGER_NAME)
        self.session.blocked_before = self.ledger.get_state("blocked_archive") == self.archive_key
        self._blocked = False

    def close(self) -> None:
        if self.session.answered and not self._blocked:
            self.ledger.set_state("blocked_archive", None)  # it answers us again
        self.ledger.close()

    def cooling_down(self) -> str | None:
        return cooldown_until(self.ledger)

    def discover(self, summary: Summary) -> None:
        """Every pattern's captures; a pattern the archive cannot answer is recorded as
        incomplete (with where it stopped, and a row of failures) and the others go on."""
        for pattern in self.settings.url_patterns:
            state = self.ledger.query_state(self.archive_key, pattern)
            from_ts = self.settings.from_timestamp
            if (
                state.complete
                and state.last_timestamp
                and not from_ts
                # An older ledger may hold a last timestamp no archive should have given.
                and is_timestamp(state.last_timestamp, datetime.now(UTC))
            ):
                # Scheduled reruns ask only for what is new, with a day of overlap.
                from_ts = _day_before(state.last_timestamp)
            if state.complete:
                self.ledger.restart_query(self.archive_key, pattern)
            try:
                self._discover(pattern, pattern, from_ts, self.settings.to_timestamp, summary)
            except Recoverable as exc:
                self._query_failed(pattern, exc, summary)
            log.info("discovered %s: %d new captures so far", pattern, summary.discovered_new)

    def _query_failed(self, key: str, exc: Recoverable, summary: Summary) -> None:
        log.error("discovery of %s stopped: %s", key, exc)
        summary.failed[f"cdx {type(exc).__name__}"] += 1
        self.ledger.record_discover_failure(self.archive_key, key, type(exc).__name__, str(exc))

    def _discover(
        self, pattern: str, key: str, from_ts: str | None, to_ts: str | None, summary: Summary
    ) -> None:
        """One query, walked page by page; when the archive keeps failing it (5xx,
        timeouts), the same query by year, then by month."""
        archive = self.archive_key
        state = self.ledger.query_state(archive, key)
        try:
            pages = cdx.iter_pages(
                self.session,
                self.archive,
                pattern,
                self.cdx_limiter,
                page_size=self.settings.cdx_page_size,
                max_bytes=self.settings.max_body_bytes,
                max_pages=self.settings.max_cdx_pages,
                from_timestamp=from_ts,
                to_timestamp=to_ts,
                resume_key=None if state.complete else state.resume_key,
            )
            for page in pages:
                summary.discovered_new += self.ledger.save_page(
                    archive, key, page.captures, page.resume_key
                )
                self._rejected(key, page.rejected, summary)
        except ArchiveError as exc:
            windows = cdx.narrower_windows(from_ts, to_ts)
            if not cdx.worth_splitting(exc) or not windows:
                raise
            log.warning(
                "CDX query %s failed (%s); asking by %s",
                key,
                exc,
                "year" if len(windows[0][0]) == 4 else "month",
            )
            whole = True
            for start, end in windows:
                window = f"{pattern} [{start}-{end}]"
                try:
                    self._discover(pattern, window, start, end, summary)
                except Recoverable as window_error:
                    # One window the archive cannot answer; the others still can.
                    self._query_failed(window, window_error, summary)
                    whole = False
            if whole:
                self.ledger.save_page(archive, key, [], None)
        if self.ledger.query_state(archive, key).complete:
            self.ledger.clear_query_failure(archive, key)

    def _rejected(self, key: str, rejected: list[cdx.Rejected], summary: Summary) -> None:
        """CDX rows we did not believe: a failure row each; counted the first time only,
        so an archive that keeps serving one bad row does not fail every later run."""
        for row in rejected:
            new = self.ledger.record_discover_failure(
                self.archive_key,
                key,
                row.error_class,
                f"{row.error} (row {row.value})",
                value=row.value,
                url=row.url,
                timestamp=row.timestamp,
            )
            if new:
                log.warning("CDX row not used (%s): %s", row.error, row.value)
                summary.failed[f"cdx row {row.error_class}"] += 1

    def fetch(self, summary: Summary) -> None:
        folder = self.settings.raw_dir / WARC_FOLDER
        summary.refetch += sum(lost.captures for lost in integrity.reconcile(self.ledger, folder))
        wanted: list[Capture] = []
        for capture in self.ledger.pending():
            try:
                capture = cdx.checked_capture(capture)
            except InvalidValue as exc:
                # Only an older version's ledger can hold one: never sent, never stored.
                self.ledger.mark_skipped(capture, f"not fetched: {exc}")
                summary.skipped += 1
                continue
            if not in_scope(capture.url, self.settings.url_patterns):
                self.ledger.mark_skipped(capture, "outside the configured URL patterns")
                summary.skipped += 1
            elif cdx.is_wanted(capture):
                wanted.append(capture)
            else:
                self.ledger.mark_skipped(capture, f"not fetched: {capture.mime} {capture.status}")
                summary.skipped += 1
        stored = self.ledger.held_payloads()
        store = warc.WarcStore(
            folder,
            {
                "archive": self.archive_key,
                "patterns": list(self.settings.url_patterns),
                "run_id": summary.run_id,
            },
        )
        try:
            self._fetch_all(wanted, store, stored, summary)
        finally:
            store.close()
            if any(folder.glob("*.warc.gz")):
                warc.write_index(folder)

    def _fetch_all(
        self,
        wanted: list[Capture],
        store: warc.WarcStore,
        stored: dict[str, tuple[str, str]],
        summary: Summary,
    ) -> None:
        """Bounded concurrency: a few requests in flight, results written by this thread
        in the order the captures were asked for (by timestamp), whatever order they come
        back in: which capture of a payload is the response and which the revisit, and
        the order of the records, are then the same on every run of the same archive.
        A block cancels everything not yet sent."""
        queue = iter(wanted)
        window = 2 * self.settings.concurrency
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            recorded = 0
            running = deque(
                (pool.submit(self._fetch_one, c), c) for c in itertools.islice(queue, window)
            )
            try:
                while running:
                    wait([running[0][0]], return_when=FIRST_COMPLETED)
                    while running and running[0][0].done():
                        future, capture = running.popleft()
                        self._record(capture, future.result(), store, stored, summary)
                        recorded += 1
                        self.progress("fetch", recorded, len(wanted))
                        following = next(queue, None)
                        if following is not None:
                            running.append((pool.submit(self._fetch_one, following), following))
            except Fatal:  # a block: nothing more is sent
                for future, _ in running:
                    future.cancel()
                raise

    def _fetch_one(self, capture: Capture) -> Memento | Recoverable:
        """A memento, or the error to record; a body cut short is asked for again. What
        stops the run (a block) is raised."""
        error: Recoverable | None = None
        for attempt in range(TRUNCATED_ATTEMPTS):
            try:
                return fetch_memento(
                    self.session,
                    self.archive,
                    capture,
                    self.replay_limiter,
                    max_bytes=self.settings.max_body_bytes,
                )
            except TruncatedBody as exc:
                error = exc
                self.timing.sleep(self.session.retry.delay(attempt))
            except Recoverable as exc:
                # Kept until recorded: without its traceback, so without the frames (and
                # the body buffers) it passed through.
                return exc.with_traceback(None)
        assert error is not None
        return error.with_traceback(None)

    def _record(
        self,
        capture: Capture,
        outcome: Memento | Recoverable,
        store: warc.WarcStore,
        stored: dict[str, tuple[str, str]],
        summary: Summary,
    ) -> None:
        if isinstance(outcome, Recoverable):
            log.warning("failed %s %s: %s", capture.timestamp, capture.url, outcome)
            self.ledger.mark_failed(capture, outcome)
            summary.failed[type(outcome).__name__] += 1
            return
        digest = outcome.payload_digest
        revisit_of = stored.get(digest)
        written = store.write(outcome, revisit_of=revisit_of)
        stored.setdefault(digest, (capture.url, outcome.served_timestamp))
        self.ledger.mark_stored(
            capture,
            written.path.name,
            written.offset,
            outcome.digest_match,
            outcome.served_timestamp,
            written.end,
            revisit_of is not None,
            outcome.note,
        )
        summary.fetched += 1

    def block(self, summary: Summary, error: Blocked) -> None:
        until = (datetime.now(UTC) + timedelta(minutes=self.settings.cooldown_minutes)).isoformat()
        self.ledger.set_state("cooldown_until", until)
        self.ledger.set_state("cooldown_reason", str(error))
        self.ledger.set_state("blocked_archive", self.archive_key)
        self._blocked = True
        summary.blocked = (
            f"{error} (next run not before {until}; `iom-pipeline status` shows it, "
            "`status --clear-cooldown` clears it)"
        )
        log.error("stopping: %s", summary.blocked)


def _day_before(timestamp: str) -> str:
    moment = parse_timestamp(timestamp)
    return (moment - timedelta(days=1)).strftime("%Y%m%d%H%M%S")
